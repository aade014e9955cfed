import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuOptions } from './menu';

const options = (overrides: Partial<MenuOptions> = {}): MenuOptions => ({
  platform: 'win32',
  isPackaged: true,
  onShowWorkspace: vi.fn(),
  onAbout: vi.fn(),
  ...overrides,
});

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const roles = (items: MenuItemConstructorOptions[]) => flatten(items).map((item) => item.role).filter(Boolean);

describe('buildMenuTemplate', () => {
  it('has the French top-level menus', () => {
    expect(buildMenuTemplate(options()).map((item) => item.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Fenêtre', 'Aide']);
  });

  it('adds the application menu first on macOS', () => {
    const template = buildMenuTemplate(options({ platform: 'darwin' }));
    expect(template.map((item) => item.label)).toEqual(['Dossiers COMES', 'Fichier', 'Édition', 'Affichage', 'Fenêtre', 'Aide']);
    expect(roles(template)).toEqual(expect.arrayContaining(['about', 'hide', 'quit', 'front', 'pasteAndMatchStyle']));
  });

  it('labels every item in French (no role falls back to its English label)', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const item of flatten(buildMenuTemplate(options({ platform, isPackaged: false })))) {
        if (item.type === 'separator') continue;
        expect(item.label, JSON.stringify(item.role)).toMatch(/\S/);
        expect(item.label).not.toMatch(/^(Undo|Redo|Cut|Copy|Paste|Quit|Close|Reload|Toggle|Minimize|Window|Help|View|Edit|File)\b/);
      }
    }
  });

  it('offers the standard editing roles', () => {
    expect(roles(buildMenuTemplate(options()))).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'minimize', 'quit']),
    );
  });

  it('has no developer tools nor reload in packaged builds', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const packaged = roles(buildMenuTemplate(options({ platform, isPackaged: true })));
      expect(packaged).not.toContain('toggleDevTools');
      expect(packaged).not.toContain('reload');
      expect(packaged).not.toContain('forceReload');
    }
    expect(roles(buildMenuTemplate(options({ isPackaged: false })))).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('wires its own actions', () => {
    const opts = options();
    const items = flatten(buildMenuTemplate(opts));
    const click = (label: RegExp) => {
      const item = items.find((candidate) => label.test(candidate.label ?? ''));
      expect(item?.click, String(label)).toBeTypeOf('function');
      (item!.click as () => void)();
    };
    click(/^Afficher le dossier de l’espace de travail$/);
    click(/^À propos de Dossiers COMES$/);
    expect(opts.onShowWorkspace).toHaveBeenCalledOnce();
    expect(opts.onAbout).toHaveBeenCalledOnce();
  });
});
