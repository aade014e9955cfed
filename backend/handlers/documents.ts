import type { DocumentRow } from '../../shared/contract';
import { DOCUMENT_TOO_LARGE_MESSAGE, MAX_DOCUMENT_BYTES } from '../../shared/contract/documents';
import {
  countDocumentsWithHash,
  findDocumentByHash,
  getDocumentRecord,
  insertDocument,
  listDocuments,
  type DocumentRecord,
} from '../../db/queries/documents';
import type { Db } from '../../db/open';
import type { BackendContext } from '../context';
import { requireSecretariat } from './entry';
import { extractPdfText, looksLikePdf, UnreadablePdfError } from '../documents/pdf';
import { readDocumentFile, removeDocumentFile, sha256Hex, storeDocumentFile } from '../documents/store';
import { AppError, notFound } from '../errors';
import type { DomainHandlers } from '../rpc/registry';
import { requireVisible } from '../visibility';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function requireDossier(db: Db, dossierId: number): void {
  if (!db.prepare('SELECT 1 FROM dossiers WHERE id = ?').get(dossierId)) throw notFound('Dossier');
}

function toRow(record: DocumentRecord): DocumentRow {
  return { ...record };
}

/** `rapport.PDF` → `rapport.pdf`; path separators and control characters removed. */
function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'document.pdf';
  return /\.pdf$/i.test(cleaned) ? cleaned.replace(/\.pdf$/i, '.pdf') : `${cleaned}.pdf`;
}

export const documentHandlers: DomainHandlers<BackendContext> = {
  'documents.list': (ctx, { dossierId }) => {
    const db = ctx.workspace.requireDb();
    requireDossier(db, dossierId);
    requireVisible(db, 'dossier', dossierId);
    return listDocuments(db, dossierId).map(toRow);
  },

  'documents.attach': async (ctx, input) => {
    // The secretariat registers documents; members read them.
    const db = requireSecretariat(ctx);
    const documentsDir = ctx.workspace.documentsDir;
    requireDossier(db, input.dossierId);
    if (!BASE64.test(input.contentBase64)) throw new AppError('BAD_INPUT', 'Le contenu du fichier est illisible (encodage invalide). Il n’a pas été joint.');
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length === 0) throw new AppError('BAD_INPUT', 'Le fichier est vide. Il n’a pas été joint.');
    if (bytes.length > MAX_DOCUMENT_BYTES) throw new AppError('BAD_INPUT', DOCUMENT_TOO_LARGE_MESSAGE);
    if (!looksLikePdf(bytes)) {
      throw new AppError('BAD_INPUT', 'Ce fichier n’est pas un PDF : seuls les documents PDF peuvent être joints. Il n’a pas été joint.');
    }
    const sha256 = sha256Hex(bytes);
    const existing = findDocumentByHash(db, input.dossierId, sha256);
    if (existing) {
      throw new AppError('CONFLICT', `Ce fichier est déjà joint à ce dossier, sous le titre « ${existing.title} ». Il n’a pas été joint une seconde fois.`);
    }
    let text: string;
    try {
      text = (await extractPdfText(bytes)).text;
    } catch (error) {
      if (error instanceof UnreadablePdfError) {
        throw new AppError('BAD_INPUT', 'Ce fichier PDF est endommagé ou illisible. Il n’a pas été joint.');
      }
      throw error;
    }
    // Extraction awaited: make sure the same workspace is still open before writing into it.
    if (ctx.workspace.db !== db) throw new AppError('CONFLICT', 'L’espace de travail a changé pendant la lecture du fichier. Il n’a pas été joint.');
    const stored = storeDocumentFile(documentsDir, bytes);
    try {
      const record = insertDocument(db, ctx.workspace.actor(), {
        dossierId: input.dossierId,
        sha256,
        title: input.title,
        kind: input.kind,
        documentDate: input.documentDate ?? null,
        filename: cleanFilename(input.filename),
        mediaType: 'application/pdf',
        sizeBytes: bytes.length,
        textContent: text,
        addedAt: new Date().toISOString(),
      });
      return toRow(record);
    } catch (error) {
      // Nothing half-written: a file this call created and no row refers to goes away again.
      if (stored.created && countDocumentsWithHash(db, sha256) === 0) removeDocumentFile(documentsDir, sha256);
      if (error instanceof Error && /UNIQUE constraint failed/.test(error.message)) {
        throw new AppError('CONFLICT', 'Ce fichier est déjà joint à ce dossier. Il n’a pas été joint une seconde fois.');
      }
      throw error;
    }
  },

  'documents.content': (ctx, { id }) => {
    const db = ctx.workspace.requireDb();
    const record = getDocumentRecord(db, id);
    if (!record) throw notFound('Document');
    requireVisible(db, 'document', id);
    const bytes = readDocumentFile(ctx.workspace.documentsDir, record.sha256);
    if (!bytes) throw new AppError('NOT_FOUND', 'Le fichier de ce document est introuvable dans le dossier « documents » de l’espace de travail.');
    return { filename: record.filename, mediaType: record.mediaType, contentBase64: bytes.toString('base64') };
  },
};
