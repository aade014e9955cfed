/**
 * The French application menu, as a template (no Electron import: index.ts builds it with
 * Menu.buildFromTemplate). Standard roles only, plus two actions of the shell; developer tools
 * and reloading exist only outside packaged builds.
 */
import type { MenuItemConstructorOptions } from 'electron';

export const APP_NAME = 'Dossiers COMES';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** app.isPackaged: no developer tools, no reload. */
  isPackaged: boolean;
  onShowWorkspace: () => void;
  onAbout: () => void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const developer = !options.isPackaged;

  const appMenu: MenuItemConstructorOptions = {
    label: APP_NAME,
    submenu: [
      { role: 'about', label: `À propos de ${APP_NAME}` },
      separator,
      { role: 'services', label: 'Services' },
      separator,
      { role: 'hide', label: `Masquer ${APP_NAME}` },
      { role: 'hideOthers', label: 'Masquer les autres' },
      { role: 'unhide', label: 'Tout afficher' },
      separator,
      { role: 'quit', label: `Quitter ${APP_NAME}` },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: 'Fichier',
    submenu: [
      { label: 'Afficher le dossier de l’espace de travail', click: () => options.onShowWorkspace() },
      separator,
      mac ? { role: 'close', label: 'Fermer la fenêtre' } : { role: 'quit', label: 'Quitter' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: 'Édition',
    submenu: [
      { role: 'undo', label: 'Annuler' },
      { role: 'redo', label: 'Rétablir' },
      separator,
      { role: 'cut', label: 'Couper' },
      { role: 'copy', label: 'Copier' },
      { role: 'paste', label: 'Coller' },
      ...(mac ? [{ role: 'pasteAndMatchStyle', label: 'Coller et adapter le style' } as const] : []),
      { role: 'delete', label: 'Supprimer' },
      separator,
      { role: 'selectAll', label: 'Tout sélectionner' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: 'Affichage',
    submenu: [
      ...(developer
        ? ([
            { role: 'reload', label: 'Recharger' },
            { role: 'forceReload', label: 'Forcer le rechargement' },
            { role: 'toggleDevTools', label: 'Outils de développement' },
            separator,
          ] satisfies MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom', label: 'Taille réelle' },
      { role: 'zoomIn', label: 'Zoom avant' },
      { role: 'zoomOut', label: 'Zoom arrière' },
      separator,
      { role: 'togglefullscreen', label: 'Plein écran' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: 'Fenêtre',
    role: 'windowMenu',
    submenu: mac
      ? [
          { role: 'minimize', label: 'Réduire' },
          { role: 'zoom', label: 'Agrandir' },
          separator,
          { role: 'front', label: 'Tout ramener au premier plan' },
        ]
      : [
          { role: 'minimize', label: 'Réduire' },
          { role: 'close', label: 'Fermer' },
        ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: 'Aide',
    role: 'help',
    submenu: [{ label: `À propos de ${APP_NAME}`, click: () => options.onAbout() }],
  };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
