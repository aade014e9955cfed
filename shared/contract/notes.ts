/** Notes on a dossier: private to their author, or shared with the commission. */
import { z } from 'zod';
import { Id } from './common';

export const NOTE_VISIBILITIES = ['private', 'shared'] as const;
export const NoteVisibility = z.enum(NOTE_VISIBILITIES);
export type NoteVisibility = z.infer<typeof NoteVisibility>;

export const MAX_NOTE_CHARS = 20_000;

const NoteBody = z
  .string()
  .trim()
  .min(1, 'La note est vide : écrivez-en le texte.')
  .max(MAX_NOTE_CHARS, `Une note ne peut dépasser ${MAX_NOTE_CHARS.toLocaleString('fr-BE')} caractères.`);

export const NoteRow = z.object({
  id: Id,
  dossierId: Id,
  visibility: NoteVisibility,
  body: z.string(),
  /** The author's name; null when written by the secretariat. */
  authorName: z.string().nullable(),
  authorMemberId: Id.nullable(),
  /** True when this workspace's user wrote it (and may edit or delete it). */
  mine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().positive(),
});
export type NoteRow = z.infer<typeof NoteRow>;

export const notesContract = {
  'notes.list': { input: z.object({ dossierId: Id }), output: z.array(NoteRow) },
  'notes.create': { input: z.object({ dossierId: Id, visibility: NoteVisibility, body: NoteBody }), output: NoteRow },
  'notes.update': {
    input: z.object({ id: Id, version: z.number().int().positive(), body: NoteBody, visibility: NoteVisibility }),
    output: NoteRow,
  },
  'notes.delete': { input: z.object({ id: Id, version: z.number().int().positive() }), output: z.object({ id: Id }) },
} as const;
