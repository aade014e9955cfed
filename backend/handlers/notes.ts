import type { NoteRow } from '../../shared/contract';
import { createNote, deleteNote, getNote, listNotes, updateNote, type NoteRecord, type NoteWriteResult } from '../../db/queries/notes';
import type { BackendContext } from '../context';
import { AppError, notFound } from '../errors';
import type { DomainHandlers } from '../rpc/registry';
import { requireVisible, workspaceMemberId } from '../visibility';

export { workspaceMemberId };

function toRow(note: NoteRecord, userMemberId: number | null): NoteRow {
  return { ...note, mine: note.authorMemberId === userMemberId };
}

function unwrap<T>(result: NoteWriteResult<T>): T {
  if (result.ok) return result.value;
  if (result.reason === 'not_found') throw notFound('Note');
  if (result.reason === 'not_author') throw new AppError('FORBIDDEN', 'Seul l’auteur d’une note peut la modifier ou la supprimer.');
  throw new AppError(
    'CONFLICT',
    'Cette note a été modifiée entre-temps (par exemple dans une autre fenêtre). Rechargez la page pour voir la version actuelle avant de la modifier.',
  );
}

export const noteHandlers: DomainHandlers<BackendContext> = {
  'notes.list': (ctx, { dossierId }) => {
    const db = ctx.workspace.requireDb();
    if (!db.prepare('SELECT 1 FROM dossiers WHERE id = ?').get(dossierId)) throw notFound('Dossier');
    requireVisible(db, 'dossier', dossierId);
    const me = workspaceMemberId(db);
    return listNotes(db, dossierId, me).map((n) => toRow(n, me));
  },

  'notes.create': (ctx, input) => {
    const db = ctx.workspace.requireDb();
    if (!db.prepare('SELECT 1 FROM dossiers WHERE id = ?').get(input.dossierId)) throw notFound('Dossier');
    requireVisible(db, 'dossier', input.dossierId);
    const me = workspaceMemberId(db);
    const note = createNote(db, ctx.workspace.actor(), { ...input, authorMemberId: me, at: new Date().toISOString() });
    return toRow(note, me);
  },

  'notes.update': (ctx, input) => {
    const db = ctx.workspace.requireDb();
    requireVisible(db, 'note', input.id);
    const me = workspaceMemberId(db);
    const note = unwrap(updateNote(db, ctx.workspace.actor(), { ...input, userMemberId: me, at: new Date().toISOString() }));
    return toRow(note, me);
  },

  'notes.delete': (ctx, input) => {
    const db = ctx.workspace.requireDb();
    const me = workspaceMemberId(db);
    const note = getNote(db, input.id);
    if (!note) throw notFound('Note');
    requireVisible(db, 'note', input.id);
    return unwrap(deleteNote(db, ctx.workspace.actor(), { ...input, userMemberId: me, at: new Date().toISOString() }));
  },
};
