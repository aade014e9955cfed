import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { documentsFolder, guardDownloads, handleDownload, isAcceptedDownload, safeFilename, saveDialogOptions, SAVE_DIALOG_TITLE } from './downloads';

const APP_URL = pathToFileURL('/opt/Dossiers COMES/resources/app/out/renderer/index.html').href;
const DOCS = join('/home', 'anne', 'Documents');

describe('the save dialog of an export', () => {
  it('has a French title and offers the Documents folder with the export’s name', () => {
    const options = saveDialogOptions('releve-avis-seance-412.pdf', DOCS);
    expect(options.title).toBe(SAVE_DIALOG_TITLE);
    expect(options.title).toBe('Enregistrer l’export');
    expect(options.defaultPath).toBe(join(DOCS, 'releve-avis-seance-412.pdf'));
  });

  it('filters on the kind of the export, named in French, then any file', () => {
    const names = (filename: string) => saveDialogOptions(filename, DOCS).filters?.map((f) => `${f.name} (${f.extensions.join(',')})`);
    expect(names('releve-avis-seance-412.pdf')).toEqual(['Document PDF (pdf)', 'Tous les fichiers (*)']);
    expect(names('lettre-avis-EI-2026-0142.docx')).toEqual(['Document Word (docx)', 'Tous les fichiers (*)']);
    expect(names('releve-avis-seance-412.xlsx')).toEqual(['Classeur Excel (xlsx)', 'Tous les fichiers (*)']);
    expect(names('releve-avis-seance-412.CSV')).toEqual(['Fichier CSV (csv)', 'Tous les fichiers (*)']);
    expect(names('lettres-avis-seance-412.zip')).toEqual(['Archive ZIP (zip)', 'Tous les fichiers (*)']);
    expect(names('notes.txt')).toEqual(['Tous les fichiers (*)']);
  });

  it('keeps accents in the name but never a folder, a control character or an empty name', () => {
    expect(saveDialogOptions('statistiques-année-2026.pdf', DOCS).defaultPath).toBe(join(DOCS, 'statistiques-année-2026.pdf'));
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('..\\..\\Windows\\evil.pdf')).toBe('evil.pdf');
    expect(safeFilename('a\u0000b\u0007.pdf')).toBe('ab.pdf');
    expect(safeFilename('')).toBe('export');
    expect(safeFilename('..')).toBe('export');
  });

  it('falls back to Downloads, then home, when the system has no Documents folder', () => {
    expect(documentsFolder((name) => `/home/anne/${name}`)).toBe('/home/anne/documents');
    const noDocuments = (name: string) => {
      if (name === 'documents') throw new Error("Failed to get 'documents' path");
      return `/home/anne/${name}`;
    };
    expect(documentsFolder(noDocuments)).toBe('/home/anne/downloads');
    expect(
      documentsFolder((name) => {
        if (name !== 'home') throw new Error('none');
        return '/home/anne';
      }),
    ).toBe('/home/anne');
  });
});

describe('which downloads are accepted', () => {
  it('accepts a blob: download made by the app’s own page', () => {
    expect(isAcceptedDownload('blob:file:///0b7c9a8e-5d1f-4c51-9d3a-7e1b2c3d4e5f', `${APP_URL}#/sessions/41`, APP_URL, 'linux')).toBe(true);
    expect(isAcceptedDownload('blob:null/0b7c9a8e-5d1f-4c51-9d3a-7e1b2c3d4e5f', APP_URL, APP_URL, 'linux')).toBe(true);
  });

  it('refuses remote, data: and file: URLs, and downloads from any other page', () => {
    expect(isAcceptedDownload('https://example.org/x.pdf', APP_URL, APP_URL, 'linux')).toBe(false);
    expect(isAcceptedDownload('data:application/pdf;base64,JVBERi0=', APP_URL, APP_URL, 'linux')).toBe(false);
    expect(isAcceptedDownload('file:///etc/passwd', APP_URL, APP_URL, 'linux')).toBe(false);
    expect(isAcceptedDownload('blob:https://example.org/0b7c9a8e', APP_URL, APP_URL, 'linux')).toBe(false);
    expect(isAcceptedDownload('blob:file:///0b7c9a8e', 'file:///tmp/other.html', APP_URL, 'linux')).toBe(false);
    expect(isAcceptedDownload('blob:file:///0b7c9a8e', null, APP_URL, 'linux')).toBe(false);
  });
});

function fakeItem(url: string, filename: string) {
  return { getURL: () => url, getFilename: () => filename, setSaveDialogOptions: vi.fn(), cancel: vi.fn() };
}

describe('the app session’s will-download handler', () => {
  it('sets the save dialog of an accepted export and lets it proceed', () => {
    const item = fakeItem('blob:file:///0b7c9a8e', 'releve-avis-seance-412.pdf');
    expect(handleDownload(item, { getURL: () => APP_URL }, APP_URL, () => DOCS)).toBe(true);
    expect(item.cancel).not.toHaveBeenCalled();
    expect(item.setSaveDialogOptions).toHaveBeenCalledWith(saveDialogOptions('releve-avis-seance-412.pdf', DOCS));
  });

  it('cancels any other download without asking where to save it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const item = fakeItem('https://example.org/x.pdf', 'x.pdf');
    expect(handleDownload(item, { getURL: () => APP_URL }, APP_URL, () => DOCS)).toBe(false);
    expect(item.cancel).toHaveBeenCalledOnce();
    expect(item.setSaveDialogOptions).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('is registered on the session’s will-download event', () => {
    const listeners: ((event: unknown, item: unknown, contents: unknown) => void)[] = [];
    const session = { on: vi.fn((name: string, listener: (event: unknown, item: unknown, contents: unknown) => void) => (name === 'will-download' && listeners.push(listener), session)) };
    guardDownloads(session as never, APP_URL, () => DOCS);
    expect(session.on).toHaveBeenCalledWith('will-download', expect.any(Function));
    const item = fakeItem('blob:file:///0b7c9a8e', 'lettres-avis-seance-412.zip');
    listeners[0]?.({}, item, { getURL: () => APP_URL });
    expect(item.setSaveDialogOptions).toHaveBeenCalledWith(expect.objectContaining({ filters: [{ name: 'Archive ZIP', extensions: ['zip'] }, { name: 'Tous les fichiers', extensions: ['*'] }] }));
  });
});
