/** Documents attached to dossiers. The files themselves live in the workspace's documents/ folder. */
import type { DocumentKind } from '../../shared/domain';
import { appendAudit } from '../audit';
import type { Db } from '../open';

export interface DocumentRecord {
  id: number;
  dossierId: number;
  title: string;
  kind: DocumentKind;
  documentDate: string | null;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  addedAt: string;
}

const SELECT_DOCUMENTS = `SELECT id, dossier_id AS dossierId, title, kind, document_date AS documentDate, filename,
  media_type AS mediaType, size_bytes AS sizeBytes, sha256, added_at AS addedAt FROM documents`;

/** A dossier's documents, the most recent first (parameter: dossier id). */
export const LIST_DOCUMENTS_SQL = SELECT_DOCUMENTS + ' WHERE dossier_id = ? ORDER BY coalesce(document_date, substr(added_at, 1, 10)) DESC, id DESC';

/** A dossier's documents, the most recent first (served by the UNIQUE (dossier_id, sha256) index). */
export function listDocuments(db: Db, dossierId: number): DocumentRecord[] {
  return db.prepare(LIST_DOCUMENTS_SQL).all(dossierId) as DocumentRecord[];
}

export function getDocumentRecord(db: Db, id: number): DocumentRecord | undefined {
  return db.prepare(SELECT_DOCUMENTS + ' WHERE id = ?').get(id) as DocumentRecord | undefined;
}

export function findDocumentByHash(db: Db, dossierId: number, sha256: string): DocumentRecord | undefined {
  return db.prepare(SELECT_DOCUMENTS + ' WHERE dossier_id = ? AND sha256 = ?').get(dossierId, sha256) as
    | DocumentRecord
    | undefined;
}

/** How many rows (any dossier) refer to this file. */
export function countDocumentsWithHash(db: Db, sha256: string): number {
  return (db.prepare('SELECT count(*) AS n FROM documents WHERE sha256 = ?').get(sha256) as { n: number }).n;
}

export interface NewDocument {
  dossierId: number;
  sha256: string;
  title: string;
  kind: DocumentKind;
  documentDate: string | null;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  textContent: string;
  addedAt: string;
}

/** Inserts the row and its audit entry in one transaction; returns the new row. */
export function insertDocument(db: Db, actor: string, doc: NewDocument): DocumentRecord {
  return db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO documents (dossier_id, sha256, title, kind, document_date, filename, media_type, size_bytes, text_content, added_at)
         VALUES (@dossierId, @sha256, @title, @kind, @documentDate, @filename, @mediaType, @sizeBytes, @textContent, @addedAt)`,
      )
      .run(doc);
    const id = Number(info.lastInsertRowid);
    appendAudit(db, {
      actor,
      action: 'document.attach',
      entity: 'document',
      entityId: id,
      changes: {
        dossierId: doc.dossierId,
        title: doc.title,
        kind: doc.kind,
        documentDate: doc.documentDate,
        filename: doc.filename,
        sizeBytes: doc.sizeBytes,
        sha256: doc.sha256,
      },
      at: doc.addedAt,
    });
    return getDocumentRecord(db, id)!;
  })();
}
