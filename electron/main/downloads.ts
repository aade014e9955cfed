/**
 * The desktop save dialog for the app's exports (issue 6). The renderer downloads a file the
 * browser way (a blob: URL and `<a download>`); in Electron that fires the session's
 * 'will-download', where we give the native save dialog a French title, the user's Documents
 * folder with the export's name, and a filter for its kind (« Document PDF »…). Only a blob:
 * download started by the app's own page is accepted: anything else is cancelled.
 *
 * No Electron import (types only): index.ts passes the session and the Documents folder, and the
 * decisions are unit-tested under plain Node.
 */
import { basename, extname, join } from 'node:path';
import type { DownloadItem, FileFilter, SaveDialogOptions, Session, WebContents } from 'electron';
import { appDocumentKey } from './policy';

export const SAVE_DIALOG_TITLE = 'Enregistrer l’export';

/** The filter of each kind of export, by extension (lower case, no dot). */
export const EXPORT_FILTERS: Readonly<Record<string, FileFilter>> = {
  pdf: { name: 'Document PDF', extensions: ['pdf'] },
  docx: { name: 'Document Word', extensions: ['docx'] },
  xlsx: { name: 'Classeur Excel', extensions: ['xlsx'] },
  csv: { name: 'Fichier CSV', extensions: ['csv'] },
  zip: { name: 'Archive ZIP', extensions: ['zip'] },
};

export const ALL_FILES: FileFilter = { name: 'Tous les fichiers', extensions: ['*'] };

/** The name offered in the dialog: the last path segment, without control characters; never empty. */
export function safeFilename(filename: string): string {
  const flat = filename.replace(/\\/g, '/');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed.
  const name = basename(flat).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return name === '' || name === '.' || name === '..' ? 'export' : name;
}

/** The native save dialog's options for an export named `filename`, saved by default in `documentsDir`. */
export function saveDialogOptions(filename: string, documentsDir: string): SaveDialogOptions {
  const name = safeFilename(filename);
  const filter = EXPORT_FILTERS[extname(name).slice(1).toLowerCase()];
  return {
    title: SAVE_DIALOG_TITLE,
    defaultPath: join(documentsDir, name),
    filters: filter ? [filter, ALL_FILES] : [ALL_FILES],
  };
}

/**
 * A download is accepted only when it is a blob: URL made by the app's own document (a local
 * file: blob:file:///… — an opaque origin serialises as blob:null/…) and the page that started it
 * is the app's index.html. Anything else (a remote URL, a data: URL, another page) is refused.
 */
export function isAcceptedDownload(
  downloadUrl: string,
  pageUrl: string | null | undefined,
  appUrl: string,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (!downloadUrl.startsWith('blob:')) return false;
  const inner = downloadUrl.slice('blob:'.length);
  if (!inner.startsWith('file://') && !inner.startsWith('null/')) return false;
  const page = appDocumentKey(pageUrl, platform);
  return page !== null && page === appDocumentKey(appUrl, platform);
}

/** What 'will-download' needs of a DownloadItem (a fake in tests). */
type Download = Pick<DownloadItem, 'getURL' | 'getFilename' | 'setSaveDialogOptions' | 'cancel'>;

/** Handles one download: cancels it when refused, else sets the save dialog's options. */
export function handleDownload(item: Download, contents: Pick<WebContents, 'getURL'> | null | undefined, appUrl: string, documentsDir: () => string): boolean {
  if (!isAcceptedDownload(item.getURL(), contents?.getURL(), appUrl)) {
    console.warn(`Blocked download: ${item.getURL().slice(0, 200)}`);
    item.cancel();
    return false;
  }
  item.setSaveDialogOptions(saveDialogOptions(item.getFilename(), documentsDir()));
  return true;
}

/** Wires the handler on the app's session (index.ts). */
export function guardDownloads(ses: Pick<Session, 'on'>, appUrl: string, documentsDir: () => string): void {
  ses.on('will-download', (_event, item, contents) => {
    handleDownload(item, contents, appUrl, documentsDir);
  });
}

/**
 * The user's Documents folder, else Downloads, else home (`app.getPath` throws when the system
 * has no such folder, e.g. a Linux session without XDG user directories).
 */
export function documentsFolder(getPath: (name: 'documents' | 'downloads' | 'home') => string): string {
  for (const name of ['documents', 'downloads'] as const) {
    try {
      const dir = getPath(name);
      if (dir) return dir;
    } catch {
      // Try the next one.
    }
  }
  return getPath('home');
}
