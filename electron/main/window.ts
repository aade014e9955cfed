/**
 * The app's single window: hardened webPreferences, shown once painted, loading the built UI
 * from disk only.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { sendEvent } from './ipc';
import { APP_NAME } from './menu';
import type { ShellPaths } from './paths';
import { secureWebPreferences } from './policy';

/** The UI's page background (--bg in renderer/src/styles.css): no white or black flash at start. */
export const BACKGROUND_COLOR = '#f3f4f6';

let mainWindow: BrowserWindow | null = null;

export function getMainWindow(): BrowserWindow | null {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
}

/** Pushes an event to the page (`window.comes.onEvent(name, …)`); false when there is no window. */
export function emitToRenderer(name: string, payload: unknown): boolean {
  return sendEvent(getMainWindow(), name, payload);
}

export function createMainWindow(paths: ShellPaths, options: { devTools: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    title: APP_NAME,
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: BACKGROUND_COLOR,
    webPreferences: secureWebPreferences(paths.preload, { devTools: options.devTools }),
  });
  mainWindow = win;
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.once('ready-to-show', () => win.show());

  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    console.error(`Renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    void dialog
      .showMessageBox(win, {
        type: 'error',
        title: APP_NAME,
        message: 'La fenêtre s’est arrêtée de façon inattendue.',
        detail: `Cause : ${details.reason}. Ce qui avait déjà été enregistré n’est pas perdu.`,
        buttons: ['Recharger', 'Quitter'],
        defaultId: 0,
        cancelId: 1,
      })
      .then(({ response }) => {
        if (win.isDestroyed()) return;
        if (response === 0) win.reload();
        else app.quit();
      });
  });

  win.loadFile(paths.indexHtml).catch((error: unknown) => {
    console.error('Could not load the UI', error);
    if (win.isDestroyed()) return;
    dialog.showErrorBox(
      'Interface introuvable',
      `L’interface de Dossiers COMES n’a pas pu être chargée depuis ${paths.indexHtml}.\n\nL’installation est peut-être incomplète : réinstallez l’application.`,
    );
    app.quit();
  });

  return win;
}
