/** Documents: the PDF files attached to a dossier (stored once by content hash, text indexed for search). */
import { z } from 'zod';
import { DocumentKind, IsoDate } from '../domain';
import { Id } from './common';

/** The largest file that can be attached: 25 Mo. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
/** Its length in base64 (4 characters per 3 bytes, rounded up). */
export const MAX_DOCUMENT_BASE64_CHARS = Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4;
export const MAX_DOCUMENT_TITLE_CHARS = 300;
export const DOCUMENT_TOO_LARGE_MESSAGE = 'Le fichier dépasse la taille maximale autorisée de 25 Mo. Il n’a pas été joint.';

export const DocumentRow = z.object({
  id: Id,
  dossierId: Id,
  title: z.string(),
  kind: DocumentKind,
  documentDate: IsoDate.nullable(),
  filename: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int().min(0),
  sha256: z.string(),
  addedAt: z.string(),
});
export type DocumentRow = z.infer<typeof DocumentRow>;

export const DocumentAttachInput = z.object({
  dossierId: Id,
  title: z
    .string()
    .trim()
    .min(1, 'Indiquez le titre du document.')
    .max(MAX_DOCUMENT_TITLE_CHARS, `Le titre ne peut dépasser ${MAX_DOCUMENT_TITLE_CHARS} caractères.`),
  kind: DocumentKind,
  documentDate: IsoDate.nullable().optional(),
  filename: z.string().trim().min(1, 'Le nom du fichier manque.').max(255, 'Le nom du fichier est trop long.'),
  contentBase64: z
    .string()
    .min(1, 'Le fichier est vide.')
    .max(MAX_DOCUMENT_BASE64_CHARS, DOCUMENT_TOO_LARGE_MESSAGE),
});
export type DocumentAttachInput = z.input<typeof DocumentAttachInput>;

export const DocumentContent = z.object({
  filename: z.string(),
  mediaType: z.string(),
  contentBase64: z.string(),
});
export type DocumentContent = z.infer<typeof DocumentContent>;

export const documentsContract = {
  'documents.list': { input: z.object({ dossierId: Id }), output: z.array(DocumentRow) },
  'documents.attach': { input: DocumentAttachInput, output: DocumentRow },
  'documents.content': { input: z.object({ id: Id }), output: DocumentContent },
} as const;
