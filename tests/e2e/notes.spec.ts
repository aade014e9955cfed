/**
 * Notes on a dossier: private notes (visible to their author only) and notes shared with the
 * commission; author and dates; editing and deleting one's own notes; an edit based on a copy
 * changed meanwhile in another tab is refused with the French conflict message.
 */
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ROOT } from './server';

interface Pick {
  id: number;
  visible: number;
  memberShared: string;
  memberPrivate: string | null;
}

/** A demo dossier with a member's shared note (and, when there is one, a member's private note). */
function pickDossier(dir: string): Pick {
  const db = new Database(join(dir, 'comes.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `SELECT dossier_id AS id FROM notes WHERE author_member_id IS NOT NULL GROUP BY dossier_id
         ORDER BY sum(visibility = 'private') > 0 DESC, sum(visibility = 'shared') > 0 DESC, dossier_id LIMIT 1`,
      )
      .get() as { id: number };
    const visible = db
      .prepare(`SELECT count(*) AS n FROM notes WHERE dossier_id = ? AND (visibility = 'shared' OR author_member_id IS NULL)`)
      .get(row.id) as { n: number };
    const shared = db.prepare(`SELECT body FROM notes WHERE dossier_id = ? AND visibility = 'shared' AND author_member_id IS NOT NULL`).get(row.id) as
      | { body: string }
      | undefined;
    const priv = db.prepare(`SELECT body FROM notes WHERE dossier_id = ? AND visibility = 'private' AND author_member_id IS NOT NULL`).get(row.id) as
      | { body: string }
      | undefined;
    return { id: row.id, visible: visible.n, memberShared: shared?.body ?? '', memberPrivate: priv?.body ?? null };
  } finally {
    db.close();
  }
}

async function openNotes(page: Page, url: string, dossierId: number) {
  await page.goto(`${url}#/dossiers/${dossierId}`);
  const section = page.locator('#section-notes');
  await expect(section.getByRole('heading', { name: 'Notes', exact: true })).toBeVisible();
  await expect(section.getByText(/^(\d+ notes?|Aucune note)$/)).toBeVisible();
  return section;
}

async function addNote(page: Page, body: string, visibility: 'Privée' | 'Partagée avec la commission') {
  const form = page.locator('#section-notes').getByRole('form', { name: 'Nouvelle note' });
  await form.getByRole('textbox', { name: 'Nouvelle note' }).fill(body);
  await form.getByRole('radio', { name: new RegExp(`^${visibility}`) }).check();
  await form.getByRole('button', { name: 'Ajouter la note' }).click();
}

test.describe('Dossier notes', () => {
  test('creates private and shared notes with author and date, edits and deletes them; other members’ private notes stay hidden', async ({ page, freshDemo }) => {
    const pick = pickDossier(freshDemo.dir);
    const section = await openNotes(page, freshDemo.url, pick.id);
    const notes = section.getByTestId('note');
    await expect(notes).toHaveCount(pick.visible);
    if (pick.memberShared) await expect(section.getByText(pick.memberShared)).toBeVisible();
    if (pick.memberPrivate) await expect(section.getByText(pick.memberPrivate)).toHaveCount(0);

    // An empty note is refused in French; nothing is added.
    await section.getByRole('button', { name: 'Ajouter la note' }).click();
    await expect(section.getByRole('alert')).toHaveText('La note est vide : écrivez-en le texte.');
    await expect(notes).toHaveCount(pick.visible);

    await addNote(page, 'À vérifier : la réaffectation des postes de l’atelier.', 'Privée');
    await expect(notes).toHaveCount(pick.visible + 1);
    await addNote(page, 'Le plan de formation mérite une question en séance.', 'Partagée avec la commission');
    await expect(notes).toHaveCount(pick.visible + 2);

    // Held by id: while edited, a note's text is in its editor.
    const priv = section.locator(`[data-note-id="${await notes.filter({ hasText: 'À vérifier : la réaffectation' }).getAttribute('data-note-id')}"]`);
    await expect(priv).toContainText('Secrétariat (vous)');
    await expect(priv).toContainText('Privée');
    await expect(priv).toContainText(/écrite le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}/);
    const shared = notes.filter({ hasText: 'Le plan de formation' });
    await expect(shared).toContainText('Partagée avec la commission');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'dossier-notes.png') });

    // Edit: new text, now shared; the note says when it was modified.
    await priv.getByRole('button', { name: 'Modifier' }).click();
    const editor = priv.getByRole('form', { name: 'Modifier la note' });
    await editor.getByRole('textbox', { name: 'Modifier la note' }).fill('Vérifié : la réaffectation est documentée dans l’annexe.');
    await editor.getByRole('radio', { name: /^Partagée avec la commission/ }).check();
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'dossier-notes-edit.png') });
    await editor.getByRole('button', { name: 'Enregistrer' }).click();
    const edited = notes.filter({ hasText: 'Vérifié : la réaffectation est documentée' });
    await expect(edited).toContainText('Partagée avec la commission');
    await expect(edited).toContainText(/modifiée le \d{2}\/\d{2}\/\d{4}/);

    // Kept after a reload.
    await page.reload();
    await expect(notes).toHaveCount(pick.visible + 2);
    await expect(notes.filter({ hasText: 'Vérifié : la réaffectation est documentée' })).toBeVisible();

    // Delete, after confirmation.
    const toDelete = notes.filter({ hasText: 'Le plan de formation' });
    await toDelete.getByRole('button', { name: 'Supprimer' }).click();
    await toDelete.getByRole('button', { name: 'Oui, supprimer' }).click();
    await expect(notes).toHaveCount(pick.visible + 1);
    await expect(section.getByText('Le plan de formation')).toHaveCount(0);

    // A member's shared note is not the secretariat's: no edit button on it.
    if (pick.memberShared) {
      await expect(notes.filter({ hasText: pick.memberShared }).getByRole('button', { name: 'Modifier' })).toHaveCount(0);
    }
  });

  test('refuses an edit based on a note changed meanwhile in another tab, with the French message', async ({ page, context, freshDemo }) => {
    const pick = pickDossier(freshDemo.dir);
    const first = await openNotes(page, freshDemo.url, pick.id);
    await addNote(page, 'Première version de la note.', 'Privée');
    const created = first.getByTestId('note').filter({ hasText: 'Première version de la note.' });
    await expect(created).toBeVisible();
    // Held by id: while edited, a note's text is in its editor.
    const noteId = await created.getAttribute('data-note-id');
    const noteInFirst = first.locator(`[data-note-id="${noteId}"]`);

    const other = await context.newPage();
    const second = await openNotes(other, freshDemo.url, pick.id);
    const noteInSecond = second.locator(`[data-note-id="${noteId}"]`);
    await expect(noteInSecond).toContainText('Première version de la note.');

    // Tab 1 saves an edit.
    await noteInFirst.getByRole('button', { name: 'Modifier' }).click();
    await noteInFirst.getByRole('textbox', { name: 'Modifier la note' }).fill('Version écrite dans le premier onglet.');
    await noteInFirst.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(first.getByText('Version écrite dans le premier onglet.')).toBeVisible();

    // Tab 2 still shows the old version: its edit is refused, nothing overwritten.
    await noteInSecond.getByRole('button', { name: 'Modifier' }).click();
    await noteInSecond.getByRole('textbox', { name: 'Modifier la note' }).fill('Version du second onglet, qui écraserait la première.');
    await noteInSecond.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(noteInSecond.getByRole('alert')).toHaveText(
      'Cette note a été modifiée entre-temps (par exemple dans une autre fenêtre). Rechargez la page pour voir la version actuelle avant de la modifier.',
    );
    await other.screenshot({ path: resolve(ROOT, 'screenshots', 'dossier-notes-conflict.png') });
    await noteInSecond.getByRole('button', { name: 'Recharger les notes' }).click();
    await expect(noteInSecond).toContainText('Version écrite dans le premier onglet.');

    await other.reload();
    await expect(second.getByText('Version écrite dans le premier onglet.')).toBeVisible();
    await expect(second.getByText('Version du second onglet')).toHaveCount(0);
  });
});
