/**
 * Desktop shell entry (built to out/main/index.js, ESM): app lifecycle, the window, the French
 * menu and the IPC transport to the backend. Security decisions live in policy.ts (tested
 * without Electron) and are applied by security.ts.
 *
 *   dossiers-comes [--workspace DIR] [--user-data-dir=DIR]
 */
import { resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { freshenOpenWorkspace } from '../../backend/compliance';
import { belgianToday } from '../../backend/context';
import { createBackend } from '../../backend/handlers/index';
import { defaultRuleBook, RulesFileError } from '../../backend/rules';
import { CalendarFileError, defaultSchoolCalendar } from '../../backend/schoolCalendar';
import { useNativeBinding } from '../../db/open';
import type { Workspace } from '../../backend/workspace';
import { documentsFolder, guardDownloads } from './downloads';
import { createInvokeHandler, INVOKE_CHANNEL } from './ipc';
import { APP_NAME, buildMenuTemplate } from './menu';
import { shellPaths } from './paths';
import { hardenSession, hardenWebContents } from './security';
import { openWorkspace, resolveWorkspaceDir, StartupError } from './startup';
import { createMainWindow, getMainWindow } from './window';

const paths = shellPaths(import.meta.url);
useNativeBinding(paths.sqliteBinding);
const devTools = !app.isPackaged;

// Every renderer sandboxed, whatever a future window asks for.
app.enableSandbox();

// A separate profile (tests, a second installation): also separates the single-instance lock.
const userDataDir = app.commandLine.getSwitchValue('user-data-dir');
if (userDataDir) app.setPath('userData', resolve(userDataDir));

// Guards on every webContents, the main window's included, before any exists.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, paths.appUrl));

if (!app.requestSingleInstanceLock()) {
  // Another instance runs with this profile: it takes the focus (see 'second-instance').
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = getMainWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => failStartup(error));
}

function start(): void {
  // The compliance rules' thresholds file, before anything else: a malformed one stops the app, naming the field.
  try {
    defaultRuleBook();
  } catch (error) {
    if (error instanceof RulesFileError) throw new StartupError('Fichier des seuils invalide', `${error.message}\n\nDossiers COMES va se fermer.`);
    throw error;
  }
  try {
    defaultSchoolCalendar();
  } catch (error) {
    if (error instanceof CalendarFileError) throw new StartupError('Calendrier scolaire invalide', `${error.message}\n\nDossiers COMES va se fermer.`);
    throw error;
  }
  const workspace = openWorkspace(resolveWorkspaceDir(process.argv));
  app.on('will-quit', () => workspace.close());

  hardenSession(session.defaultSession);
  // Exports: the native save dialog in French, for the app's own blob: downloads only.
  guardDownloads(session.defaultSession, paths.appUrl, () => documentsFolder((name) => app.getPath(name)));

  const ctx = { workspace, today: () => belgianToday() };
  freshenOpenWorkspace(ctx);
  const dispatcher = createBackend(ctx);
  ipcMain.handle(INVOKE_CHANNEL, createInvokeHandler(dispatcher, paths.appUrl));

  app.setAboutPanelOptions({
    applicationName: APP_NAME,
    applicationVersion: app.getVersion(),
    copyright: 'Commission consultative et d’agrément des entreprises d’économie sociale (Wallonie)',
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        isPackaged: app.isPackaged,
        onShowWorkspace: () => void showWorkspaceFolder(workspace),
        onAbout: () => void showAbout(),
      }),
    ),
  );

  createMainWindow(paths, { devTools });
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open reopens it.
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(paths, { devTools });
  });
}

/** Explains in French why the app cannot start, then quits without touching any file. */
function failStartup(error: unknown): void {
  console.error(error);
  if (error instanceof StartupError) {
    dialog.showErrorBox(error.title, error.message);
  } else {
    const detail = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Démarrage impossible', `Dossiers COMES n’a pas pu démarrer : ${detail}`);
  }
  app.exit(1);
}

async function showWorkspaceFolder(workspace: Workspace): Promise<void> {
  const failure = await shell.openPath(workspace.dir);
  if (failure === '') return;
  const win = getMainWindow();
  const box = {
    type: 'info' as const,
    title: APP_NAME,
    message: 'Le dossier de l’espace de travail ne peut pas être affiché.',
    detail: workspace.hasDatabase()
      ? `${workspace.dir}\n\n${failure}`
      : `${workspace.dir}\n\nCe dossier sera créé avec l’espace de travail.`,
  };
  await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
}

async function showAbout(): Promise<void> {
  const win = getMainWindow();
  const box = {
    type: 'info' as const,
    title: `À propos de ${APP_NAME}`,
    message: `${APP_NAME} ${app.getVersion()}`,
    detail:
      'Préparation des séances et avis de la Commission consultative et d’agrément des entreprises ' +
      'd’économie sociale (Wallonie).\n\n' +
      `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node.js ${process.versions.node}`,
    buttons: ['Fermer'],
  };
  await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
}
