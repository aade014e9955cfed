/**
 * Where the built shell finds its parts. The main process runs as out/main/index.js (ESM), next
 * to out/preload/index.cjs and out/renderer/index.html.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ShellPaths {
  /** The sandboxed preload: one CommonJS file. */
  preload: string;
  /** The UI's document, loaded with BrowserWindow.loadFile. */
  indexHtml: string;
  /** file:// URL of indexHtml: the only document allowed to navigate to and to call IPC. */
  appUrl: string;
  /** better-sqlite3 built for Electron's ABI by scripts/fetch-electron.mjs, when present. */
  sqliteBinding: string | undefined;
}

/** Where scripts/fetch-electron.mjs puts the Electron build of better-sqlite3. */
export const ELECTRON_SQLITE_BINDING = join('node_modules', '.comes-electron', 'better_sqlite3.node');

/** `mainModuleUrl` is `import.meta.url` of out/main/index.js. */
export function shellPaths(mainModuleUrl: string): ShellPaths {
  const outDir = dirname(dirname(fileURLToPath(mainModuleUrl)));
  const indexHtml = join(outDir, 'renderer', 'index.html');
  const binding = join(dirname(outDir), ELECTRON_SQLITE_BINDING);
  return {
    sqliteBinding: existsSync(binding) ? binding : undefined,
    preload: join(outDir, 'preload', 'index.cjs'),
    indexHtml,
    appUrl: pathToFileURL(indexHtml).href,
  };
}
