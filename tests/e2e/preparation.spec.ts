/**
 * A member prepares a session: from the session page « Préparer la séance » opens the two-pane
 * view; P marks the current item prepared and jumps to the next unprepared one, J/K move, N jumps;
 * « Marquer comme lu », a draft position and a private note are recorded; the progress
 * « 2 / N préparés » moves and survives a reload; opening an unread item's dossier marks it read. An item on an operator with which the member
 * declared a conflict of interest shows only that it is hidden, and the keyboard flow skips it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ROOT, startShell, tempWorkspaceDir } from './server';

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

/** The demo member with a declared conflict of interest (as in agenda.spec.ts). */
const MEMBER = 9;

interface Setup {
  sessionId: number;
  number: number;
  visible: { id: number; position: number; reference: string }[];
  hidden: { position: number; reference: string; operatorName: string }[];
}

/** The next planned session with an item hidden from the member; its preparation wiped clean. */
function setUp(dir: string): Setup {
  const db = new Database(join(dir, 'comes.sqlite'), { fileMustExist: true });
  try {
    const session = db
      .prepare(
        `SELECT s.id, s.number FROM sessions s JOIN agenda_items ai ON ai.session_id = s.id JOIN dossiers d ON d.id = ai.dossier_id
         JOIN conflicts c ON c.operator_id = d.operator_id AND c.member_id = ? WHERE s.status = 'planned' ORDER BY s.held_on LIMIT 1`,
      )
      .get(MEMBER) as { id: number; number: number };
    const rows = db
      .prepare(
        `SELECT ai.id, ai.position, d.reference, o.name AS operatorName,
                EXISTS (SELECT 1 FROM conflicts c WHERE c.member_id = ? AND c.operator_id = d.operator_id) AS hidden
         FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id JOIN operators o ON o.id = d.operator_id
         WHERE ai.session_id = ? ORDER BY ai.position`,
      )
      .all(MEMBER, session.id) as { id: number; position: number; reference: string; operatorName: string; hidden: number }[];
    db.prepare('DELETE FROM preparations WHERE member_id = ? AND agenda_item_id IN (SELECT id FROM agenda_items WHERE session_id = ?)').run(MEMBER, session.id);
    return { sessionId: session.id, number: session.number, visible: rows.filter((r) => !r.hidden), hidden: rows.filter((r) => r.hidden) };
  } finally {
    db.close();
  }
}

const current = (page: Page) => page.locator('.pp-row[aria-current="true"]');
const row = (page: Page, itemId: number) => page.locator(`.pp-row[data-item-id="${itemId}"]`);
const progress = (page: Page) => page.getByTestId('prepare-progress');

test('a member prepares a session with the keyboard flow: statuses, draft position, private note, progress kept on reload', async ({ page }) => {
  const dir = tempWorkspaceDir('preparation');
  try {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    await promisify(execFile)(tsx, [join(ROOT, 'backend', 'cli', 'main.ts'), 'demo', '--workspace', dir, '--profile', 'member', '--member', String(MEMBER)], {
      cwd: ROOT,
      timeout: 300_000,
    });
    const setup = setUp(dir);
    const total = setup.visible.length;
    expect(total).toBeGreaterThanOrEqual(3);
    expect(setup.hidden.length).toBeGreaterThan(0);
    const [first, second, third] = setup.visible;
    if (!first || !second || !third) throw new Error('too few items');
    const shell = await startShell(dir);
    try {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(`${shell.url}#/sessions/${setup.sessionId}`);
      await page.screenshot({ path: `${SHOTS}/s5b-session-member-prepare-link.png` });
      await page.getByRole('link', { name: 'Préparer la séance' }).click();
      await expect(page).toHaveURL(new RegExp(`#/sessions/${setup.sessionId}/prepare$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Préparation — séance n° ${setup.number}`);
      await expect(progress(page)).toHaveText(`0 / ${total} préparés`);

      // Hidden items: their number and why, nothing else, and no way to select them.
      for (const h of setup.hidden) await expect(page.getByText(`Point n° ${h.position} — masqué : conflit d’intérêts déclaré`)).toBeVisible();
      const main = await page.locator('main').innerText();
      for (const h of setup.hidden) {
        expect(main).not.toContain(h.reference);
        expect(main).not.toContain(h.operatorName);
      }

      // The view opens on the first item; P marks it prepared and jumps to the next unprepared one.
      await expect(current(page)).toHaveAttribute('data-item-id', String(first.id));
      await expect(page.getByRole('heading', { level: 2 })).toHaveText(`Point n° ${first.position} — ${first.reference}`);
      await page.keyboard.press('p');
      await expect(progress(page)).toHaveText(`1 / ${total} préparés`);
      await expect(row(page, first.id)).toContainText('Préparé');
      await expect(current(page)).toHaveAttribute('data-item-id', String(second.id));

      // J moves on, K back, N jumps to the next unprepared item (skipping the prepared first one).
      await page.keyboard.press('j');
      await expect(current(page)).toHaveAttribute('data-item-id', String(third.id));
      await page.keyboard.press('k');
      await page.keyboard.press('k');
      await expect(current(page)).toHaveAttribute('data-item-id', String(first.id));
      await page.keyboard.press('n');
      await expect(current(page)).toHaveAttribute('data-item-id', String(second.id));

      // Read, a draft position, a private note.
      await page.getByRole('button', { name: 'Marquer comme lu' }).click();
      await expect(row(page, second.id)).toContainText('Lu');
      const draft = page.getByRole('group', { name: 'Ma position (brouillon)' });
      await expect(draft.getByRole('radio', { name: 'Pas encore d’avis' })).toBeChecked();
      await draft.getByRole('radio', { name: 'Favorable sous conditions' }).check();
      await expect(draft.getByRole('radio', { name: 'Favorable sous conditions' })).toBeChecked();
      const note = 'Vérifier le plan de formation des nouveaux travailleurs avant la séance.';
      await page.getByRole('textbox', { name: 'Nouvelle note privée' }).fill(note);
      // Typing a note never triggers a shortcut.
      await expect(progress(page)).toHaveText(`1 / ${total} préparés`);
      await page.getByRole('button', { name: 'Ajouter la note' }).click();
      await expect(page.locator('.pp-notes li').filter({ hasText: note })).toBeVisible();

      await current(page).focus();
      await page.keyboard.press('p');
      await expect(progress(page)).toHaveText(`2 / ${total} préparés`);
      await expect(current(page)).toHaveAttribute('data-item-id', String(third.id));
      // The focus ring follows the keyboard flow.
      await expect(current(page)).toBeFocused();
      // Clicking « Ajouter la note » scrolled the page: back to its top for the screenshot.
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('main, main *')) if (el.scrollTop > 0) el.scrollTop = 0;
        window.scrollTo(0, 0);
      });
      await page.screenshot({ path: `${SHOTS}/s5b-preparation.png` });

      // Everything survives a reload.
      await page.reload();
      await expect(progress(page)).toHaveText(`2 / ${total} préparés`);
      await expect(row(page, second.id)).toContainText('Préparé');
      await row(page, second.id).click();
      await expect(page.getByRole('group', { name: 'Ma position (brouillon)' }).getByRole('radio', { name: 'Favorable sous conditions' })).toBeChecked();
      await expect(page.locator('.pp-notes li').filter({ hasText: note })).toBeVisible();
      await expect(page.getByRole('progressbar', { name: 'Progression de la préparation' })).toHaveAttribute('aria-valuenow', '2');
      await page.setViewportSize({ width: 1400, height: 1100 });
      await page.screenshot({ path: `${SHOTS}/s5b-preparation-drafted.png` });

      // Opening an unread item's dossier marks it read.
      await row(page, third.id).click();
      await expect(row(page, third.id)).toContainText('Non lu');
      await page.getByRole('link', { name: 'Ouvrir le dossier' }).click();
      await expect(page).toHaveURL(new RegExp(`#/dossiers/\\d+$`));
      await page.goBack();
      await expect(row(page, third.id)).toContainText('Lu');
      await expect(row(page, third.id)).not.toContainText('Non lu');
      await expect(progress(page)).toHaveText(`2 / ${total} préparés`);
    } finally {
      await shell.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
