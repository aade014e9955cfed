/**
 * Where the built shell finds its parts. The main process runs as out/main/index.js (ESM), next
 * to out/preload/index.cjs and out/renderer/index.html.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ShellPaths {
  /** The sandboxed preload: one CommonJS file. */
  preload: string;
  /** The UI's document, loaded with BrowserWindow.loadFile. */
  indexHtml: string;
  /** file:// URL of indexHtml: the only document allowed to navigate to and to call IPC. */
  appUrl: string;
}

/** `mainModuleUrl` is `import.meta.url` of out/main/index.js. */
export function shellPaths(mainModuleUrl: string): ShellPaths {
  const outDir = dirname(dirname(fileURLToPath(mainModuleUrl)));
  const indexHtml = join(outDir, 'renderer', 'index.html');
  return {
    preload: join(outDir, 'preload', 'index.cjs'),
    indexHtml,
    appUrl: pathToFileURL(indexHtml).href,
  };
}
