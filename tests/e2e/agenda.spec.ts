/**
 * The session page and its agenda: the secretariat builds the agenda of an upcoming session —
 * adds two ready dossiers, moves one with the keyboard (announced), names a rapporteur and a
 * hearing time (a bad time refused in French), freezes the agenda, which becomes read-only. In a
 * member's workspace, an item about an operator with which the member declared a conflict of
 * interest shows only its number and why it is hidden: its reference and operator never reach
 * the page.
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

function readDb(dir: string) {
  return new Database(join(dir, 'comes.sqlite'), { readonly: true, fileMustExist: true });
}

/** The demo's next planned session. */
function nextPlannedSession(dir: string): { id: number; number: number } {
  const db = readDb(dir);
  try {
    return db.prepare(`SELECT id, number FROM sessions WHERE status = 'planned' ORDER BY held_on LIMIT 1`).get() as { id: number; number: number };
  } finally {
    db.close();
  }
}

const items = (page: Page) => page.locator('.sp-item[data-item-id]');
const live = (page: Page) => page.getByTestId('agenda-live');

async function openSession(page: Page, url: string, id: number, number: number): Promise<void> {
  await page.goto(`${url}#/sessions/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^Séance n° ${number} — \\p{L}+ \\d{1,2} \\p{L}+ \\d{4}, \\d{1,2} h \\d{2}$`, 'u'));
}

test('the secretariat builds an agenda: adds two dossiers, moves one by keyboard, names a rapporteur and a hearing, freezes it', async ({ page, freshDemo }) => {
  const session = nextPlannedSession(freshDemo.dir);
  await openSession(page, freshDemo.url, session.id, session.number);
  await expect(page.getByText('Planifiée', { exact: true })).toBeVisible();
  const before = await items(page).count();
  expect(before).toBeGreaterThan(0);

  // Add two ready dossiers from the dialog.
  await page.getByRole('button', { name: 'Ajouter des dossiers' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ajouter des dossiers à l’ordre du jour' });
  await expect(dialog).toBeVisible();
  const boxes = dialog.getByRole('checkbox');
  await expect(boxes.first()).toBeVisible();
  const picked: string[] = [];
  for (const n of [0, 1]) {
    const box = boxes.nth(n);
    picked.push(((await box.getAttribute('aria-label')) ?? '').split(' — ')[0] ?? '');
    await box.check();
  }
  await expect(dialog.getByText('2 dossiers choisis')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/s5-session-add-dialog.png` });
  await dialog.getByRole('button', { name: 'Ajouter (2)' }).click();
  await expect(dialog).toBeHidden();
  await expect(live(page)).toHaveText('2 dossiers ajoutés à l’ordre du jour.');
  await expect(items(page)).toHaveCount(before + 2);
  for (const reference of picked) await expect(page.locator(`.sp-item[data-reference="${reference}"]`)).toBeVisible();
  // Numbering stays continuous across sections.
  const numbers = await items(page).evaluateAll((rows) => rows.map((row) => Number(row.querySelector('.sp-number')?.textContent)));
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));

  // The last added dossier (at the end of its section): Alt+↑ moves it one place up, announced with its new number.
  const reference = picked[1] ?? '';
  const row = page.locator(`.sp-item[data-reference="${reference}"]`);
  const from = Number(await row.locator('.sp-number').textContent());
  await expect(row.locator('xpath=..').locator('.sp-item').last()).toHaveAttribute('data-reference', reference);
  await row.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(live(page)).toHaveText(new RegExp(`^${reference} déplacé : point n° ${from - 1} \\(.+\\)\\.$`));
  await expect(row.locator('.sp-number')).toHaveText(String(from - 1));
  await expect(row).toBeFocused();

  // Rapporteur and hearing time: a bad time is refused in French, then corrected.
  await row.getByRole('button', { name: `Modifier — ${reference}` }).click();
  const edit = page.getByRole('dialog', { name: `Point ${reference}` });
  const rapporteur = edit.getByLabel('Rapporteur');
  await rapporteur.selectOption({ index: 1 });
  const rapporteurName = ((await rapporteur.locator('option:checked').textContent()) ?? '').trim();
  await edit.getByLabel('Heure d’audition').fill('25:00');
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(edit.getByText('Indiquez l’heure au format HH:MM (par exemple 10:15).')).toBeVisible();
  await edit.getByLabel('Heure d’audition').fill('10:15');
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(edit).toBeHidden();
  await expect(live(page)).toHaveText('Point mis à jour.');
  const fact = (term: string) => row.locator('.sp-facts > div').filter({ has: page.locator('dt', { hasText: term }) }).locator('dd');
  await expect(fact('Rapporteur')).toHaveText(rapporteurName);
  await expect(fact('Audition')).toHaveText('10 h 15');
  await row.focus();
  await page.screenshot({ path: `${SHOTS}/s5-session-page-secretariat.png` });
  await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/s5-session-page-secretariat-top.png` });

  // Freeze: the agenda becomes read-only.
  page.once('dialog', (confirm) => void confirm.accept());
  await page.getByRole('button', { name: 'Figer l’ordre du jour' }).click();
  await expect(live(page)).toHaveText('Ordre du jour figé.');
  await expect(page.getByText('Ordre du jour arrêté', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ajouter des dossiers' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Modifier/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Rouvrir l’ordre du jour' })).toBeVisible();
  await expect(row.locator('.sp-number')).toHaveText(String(from - 1));
  await page.screenshot({ path: `${SHOTS}/s5-session-page-frozen.png` });
});

test('the secretariat reorders the agenda by drag and drop', async ({ page, freshDemo }) => {
  const session = nextPlannedSession(freshDemo.dir);
  await openSession(page, freshDemo.url, session.id, session.number);
  const reports = page.locator('section[aria-labelledby="sp-section-reports"] .sp-item');
  const first = await reports.first().getAttribute('data-reference');
  const last = await reports.last().getAttribute('data-reference');
  await reports.last().dragTo(reports.first());
  await expect(reports.first()).toHaveAttribute('data-reference', last ?? '');
  await expect(reports.nth(1)).toHaveAttribute('data-reference', first ?? '');
  await expect(live(page)).toHaveText(new RegExp(`^${last} déplacé : point n° \\d+ \\(Rapports d’activités\\)\\.$`));
  const numbers = await items(page).evaluateAll((rows) => rows.map((row) => Number(row.querySelector('.sp-number')?.textContent)));
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
});

test('in a member’s workspace, an item on a conflicted operator shows only that it exists and why', async ({ page }) => {
  const dir = tempWorkspaceDir('member-demo');
  try {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    await promisify(execFile)(tsx, [join(ROOT, 'backend', 'cli', 'main.ts'), 'demo', '--workspace', dir, '--profile', 'member', '--member', '9'], {
      cwd: ROOT,
      timeout: 300_000,
    });
    const db = readDb(dir);
    const hidden = db
      .prepare(
        `SELECT s.id AS sessionId, s.number, ai.position, d.reference, o.name AS operatorName
         FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id JOIN dossiers d ON d.id = ai.dossier_id
         JOIN operators o ON o.id = d.operator_id JOIN conflicts c ON c.operator_id = d.operator_id AND c.member_id = 9
         WHERE s.status = 'planned' ORDER BY s.held_on LIMIT 1`,
      )
      .get() as { sessionId: number; number: number; position: number; reference: string; operatorName: string };
    db.close();
    expect(hidden).toBeDefined();
    const shell = await startShell(dir);
    try {
      await openSession(page, shell.url, hidden.sessionId, hidden.number);
      const masked = page.locator('.sp-item-hidden');
      await expect(masked).toHaveCount(1);
      await expect(masked).toHaveText(`${hidden.position}Point n° ${hidden.position} — masqué : conflit d’intérêts déclaré`);
      await expect(page.locator('.sp-item[data-item-id]').first()).toBeVisible();
      const text = await page.locator('main').innerText();
      expect(text).not.toContain(hidden.reference);
      expect(text).not.toContain(hidden.operatorName);
      // Read-only: no building actions in a member's workspace.
      await expect(page.getByRole('button', { name: 'Ajouter des dossiers' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Figer l’ordre du jour' })).toHaveCount(0);
      await page.screenshot({ path: `${SHOTS}/s5-session-page-member.png`, fullPage: true });
    } finally {
      await shell.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
