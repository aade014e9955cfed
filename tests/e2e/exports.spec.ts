/**
 * Exports (issue 6), from the UI as the secretariat and a member use it: the relevé des avis of a
 * closed session in PDF (read back with pdftotext: the references and opinions shown on the
 * session's page, accents intact), XLSX and CSV (the rows are the items); every letter of the
 * session as one ZIP (one letter per dossier with an opinion); the yearly statistics from the
 * Séances page; a member's own preparation pack, without the item they are conflicted on; and a
 * session without any opinion yet, whose relevé is offered disabled with the reason.
 * Screenshots of the dialog go to /tmp/issue6-shots/ui-*.png.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { Locator, Page } from '@playwright/test';
import type { SessionListOutput, SessionListRow } from '../../shared/contract';
import { parseCsv } from '../../backend/exports/csv';
import { pdfText } from '../../backend/exports/readers.testkit';
import { expect, rpc, test } from './fixtures';
import { ROOT, startShell, tempWorkspaceDir } from './server';

const SHOTS = '/tmp/issue6-shots';
mkdirSync(SHOTS, { recursive: true });

/** The demo member with a declared conflict of interest (as in preparation.spec.ts). */
const MEMBER = 9;

/** One line of the « Avis rendus » block of a closed session's page. */
interface ShownOpinion {
  reference: string;
  operatorName: string;
  outcome: string;
}

/** pdftotext's lines joined by single spaces: a cell wrapped over two lines still reads as one phrase. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function latestClosed(page: Page, url: string): Promise<SessionListRow> {
  const list = await rpc<SessionListOutput>(page.request, url, 'sessions.list', {});
  const session = list.past.find((s) => s.status === 'closed' && s.opinions >= 3);
  if (!session) throw new Error('The demo has no closed session with opinions.');
  return session;
}

/** Opens a closed session's page and reads the opinions it shows. */
async function openClosed(page: Page, url: string, session: SessionListRow): Promise<ShownOpinion[]> {
  await page.goto(`${url}#/sessions/${session.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Séance n° ${session.number}`);
  const block = page.getByRole('region', { name: 'Avis rendus' });
  await expect(block.locator('.cl-item').first()).toBeVisible();
  return block.locator('.cl-item').evaluateAll((items) =>
    items
      .filter((item) => item.querySelector('.cl-facts .badge'))
      .map((item) => ({
        reference: item.getAttribute('data-reference') ?? '',
        operatorName: item.querySelector('.cl-operator')?.textContent?.trim() ?? '',
        outcome: item.querySelector('.cl-facts .badge')?.textContent?.trim() ?? '',
      })),
  );
}

async function openSessionExport(page: Page, number: number): Promise<Locator> {
  await page.getByRole('button', { name: 'Exporter…' }).click();
  const dialog = page.getByRole('dialog', { name: `Exporter — séance n° ${number}` });
  await expect(dialog.getByRole('group', { name: 'Document' })).toBeVisible();
  return dialog;
}

/** Clicks « Exporter » and waits for the download; returns the file as the user gets it. */
async function exportFile(page: Page, dialog: Locator, shot?: string): Promise<{ filename: string; bytes: Buffer }> {
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Exporter', exact: true }).click();
  if (shot) {
    // The job may well be done before the screenshot: then it shows the outcome instead.
    await dialog
      .locator('.ex-progress-count')
      .waitFor({ timeout: 3_000 })
      .then(() => page.screenshot({ path: `${SHOTS}/${shot}` }))
      .catch(() => undefined);
  }
  const download = await downloading;
  const filename = download.suggestedFilename();
  const path = join(SHOTS, 'downloads', filename);
  await download.saveAs(path);
  await expect(dialog.getByRole('status')).toContainText(`Export terminé : ${filename} (`);
  return { filename, bytes: readFileSync(path) };
}

test('the secretariat exports a closed session’s relevé des avis in PDF, Excel and CSV, with what the page shows', async ({ page, demoUrl }) => {
  const session = await latestClosed(page, demoUrl);
  const shown = await openClosed(page, demoUrl, session);
  expect(shown.length).toBe(session.opinions);

  const dialog = await openSessionExport(page, session.number);
  const decisions = dialog.getByRole('radio', { name: /Relevé des avis/ });
  await expect(decisions).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'PDF' })).toBeChecked();
  await page.screenshot({ path: `${SHOTS}/ui-export-idle.png` });

  // PDF: every reference and opinion of the page, accents intact.
  const pdf = await exportFile(page, dialog, 'ui-export-running.png');
  expect(pdf.filename).toMatch(/\.pdf$/);
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  await page.screenshot({ path: `${SHOTS}/ui-export-done.png` });
  const text = flat(pdfText(pdf.bytes));
  expect(text).toContain('Relevé des avis');
  expect(text).toContain(`${session.number}`);
  for (const opinion of shown) {
    expect(text).toContain(opinion.reference);
    expect(text).toContain(opinion.outcome);
  }
  const accented = shown.find((o) => /[À-ÿœŒ’]/.test(o.operatorName));
  if (accented) expect(text).toContain(accented.operatorName);
  expect(text).toMatch(/[éèà]/);
  expect(text).not.toMatch(/Ã©|Ã¨|�/);

  // The dialog stays open for another export: Excel.
  await dialog.getByRole('radio', { name: 'Excel (XLSX)' }).check();
  const xlsx = await exportFile(page, dialog);
  expect(xlsx.filename).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text))));
  for (const opinion of shown) {
    expect(cells).toContain(opinion.reference);
    expect(cells).toContain(opinion.outcome);
  }

  // CSV: one row per item, with its opinion.
  await dialog.getByRole('radio', { name: 'CSV' }).check();
  const csv = await exportFile(page, dialog);
  expect(csv.filename).toMatch(/\.csv$/);
  const rows = parseCsv(new TextDecoder().decode(csv.bytes));
  const references = new Set(shown.map((o) => o.reference));
  const itemRows = rows.filter((row) => row.some((cell) => references.has(cell)));
  expect(itemRows).toHaveLength(shown.length);
  for (const opinion of shown) {
    const row = itemRows.find((r) => r.includes(opinion.reference));
    expect(row, opinion.reference).toBeDefined();
    expect(row).toContain(opinion.outcome);
  }

  // « Fermer » closes the dialog.
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await expect(dialog).toBeHidden();
});

test('the secretariat exports every letter of a session as one ZIP, one letter per dossier with an opinion, and can cancel a running export', async ({ page, demoUrl }) => {
  const session = await latestClosed(page, demoUrl);
  const shown = await openClosed(page, demoUrl, session);
  const dialog = await openSessionExport(page, session.number);
  await dialog.getByRole('radio', { name: /Lettres d’avis/ }).check();
  const letters = dialog.getByRole('combobox', { name: 'Lettres' });
  await expect(letters).toHaveValue('all');
  await expect(letters.locator('option')).toHaveCount(shown.length + 1);
  await expect(dialog.getByRole('radio', { name: 'PDF' })).toBeChecked();
  await page.screenshot({ path: `${SHOTS}/ui-export-letters.png` });

  // The second status answer of a job is held back a moment, so that the screenshot catches the job running.
  let statusCalls = 0;
  await page.route('**/rpc', async (route) => {
    const body = route.request().postDataJSON() as { method?: string } | null;
    if (body?.method === 'exports.status' && ++statusCalls === 2) await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  let downloads = 0;
  page.on('download', () => downloads++);
  const zip = await exportFile(page, dialog, 'ui-export-letters-running.png');
  expect(zip.filename).toMatch(/\.zip$/);
  const files = unzipSync(new Uint8Array(zip.bytes));
  const names = Object.keys(files);
  expect(names).toHaveLength(shown.length);
  expect(names.every((name) => name.endsWith('.pdf'))).toBe(true);
  const texts = names.map((name) => flat(pdfText(files[name]!)));
  for (const opinion of shown) {
    expect(texts.filter((t) => t.includes(opinion.reference)), opinion.reference).toHaveLength(1);
  }

  // Started again, then « Annuler » while it runs: no file.
  statusCalls = 0;
  const seen: { jobId: string; state: string }[] = [];
  page.on('response', async (response) => {
    const call = response.url().endsWith('/rpc') ? (response.request().postDataJSON() as { method?: string; input?: { jobId?: string } }) : null;
    if (call?.method !== 'exports.status' || !call.input?.jobId) return;
    const body = (await response.json().catch(() => null)) as { ok: boolean; data?: { state: string } } | null;
    if (body?.ok && body.data) seen.push({ jobId: call.input.jobId, state: body.data.state });
  });
  const started = page.waitForResponse((r) => r.url().endsWith('/rpc') && (r.request().postDataJSON() as { method?: string }).method === 'exports.start');
  await dialog.getByRole('button', { name: 'Exporter', exact: true }).click();
  await expect(dialog.locator('.ex-progress-count')).toBeVisible();
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Export annulé : aucun fichier n’a été produit.');
  await expect(dialog.getByRole('button', { name: 'Exporter', exact: true })).toBeEnabled();
  await page.waitForTimeout(2_000);
  expect(downloads).toBe(1);
  // The backend stopped the job too: it ended cancelled, never done. Its outcome is handed over
  // once, either to a status request of the page still in flight at the click, or to ours.
  const { data } = (await (await started).json()) as { data: { jobId: string } };
  const ours = await rpc<{ state: string }>(page.request, demoUrl, 'exports.status', { jobId: data.jobId }).then(
    (status) => status.state,
    () => null,
  );
  const states = [...seen.filter((s) => s.jobId === data.jobId).map((s) => s.state), ...(ours ? [ours] : [])];
  expect(states).toContain('cancelled');
  expect(states).not.toContain('done');
});

test('the secretariat exports the yearly statistics in PDF from the Séances page', async ({ page, demoUrl }) => {
  const { years } = await rpc<{ years: number[] }>(page.request, demoUrl, 'exports.statsYears', {});
  expect(years.length).toBeGreaterThan(0);
  await page.goto(`${demoUrl}#/sessions`);
  await expect(page.getByRole('heading', { level: 1, name: 'Séances' })).toBeVisible();
  await page.getByRole('button', { name: 'Statistiques annuelles' }).click();
  const dialog = page.getByRole('dialog', { name: 'Statistiques annuelles' });
  const year = dialog.getByRole('combobox', { name: 'Année' });
  await expect(year).toHaveValue(String(years[0]));
  await expect(year.locator('option')).toHaveText(years.map(String));
  await expect(dialog.getByRole('radio', { name: 'PDF' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Excel (XLSX)' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/ui-export-stats.png` });

  const pdf = await exportFile(page, dialog);
  expect(pdf.filename).toMatch(/\.pdf$/);
  const text = flat(pdfText(pdf.bytes));
  expect(text).toContain(String(years[0]));
  expect(text).toMatch(/[éèà]/);

  // Escape closes the dialog.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a session without any opinion yet: the relevé is offered disabled, with the reason beside it', async ({ page, demoUrl }) => {
  const list = await rpc<SessionListOutput>(page.request, demoUrl, 'sessions.list', {});
  const session = list.upcoming.find((s) => s.status !== 'cancelled' && s.opinions === 0 && s.agendaItems > 0);
  if (!session) throw new Error('The demo has no upcoming session with an agenda.');
  await page.goto(`${demoUrl}#/sessions/${session.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Séance n° ${session.number}`);
  await page.screenshot({ path: `${SHOTS}/ui-session-header.png`, clip: { x: 0, y: 0, width: 1366, height: 300 } });
  const dialog = await openSessionExport(page, session.number);

  const decisions = dialog.getByRole('radio', { name: /Relevé des avis/ });
  await expect(decisions).toBeDisabled();
  const reason = dialog.locator('[data-document="decisions"] .ex-blocked');
  await expect(reason).toBeVisible();
  await expect(reason).toContainText(/avis/i);
  await expect(decisions).toHaveAccessibleDescription(/avis/i);
  // The pack can be produced: the dialog opens on it.
  await expect(dialog.getByRole('radio', { name: /Dossier de préparation/ })).toBeChecked();
  await expect(dialog.getByRole('combobox', { name: 'Membre' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/ui-export-blocked.png` });
});

/** The next planned session with an item hidden from the member. */
function sessionWithConflict(dir: string): { id: number; number: number; visible: string[]; hidden: string[] } {
  const db = new Database(join(dir, 'comes.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const session = db
      .prepare(
        `SELECT s.id, s.number FROM sessions s JOIN agenda_items ai ON ai.session_id = s.id JOIN dossiers d ON d.id = ai.dossier_id
         JOIN conflicts c ON c.operator_id = d.operator_id AND c.member_id = ? WHERE s.status = 'planned' ORDER BY s.held_on LIMIT 1`,
      )
      .get(MEMBER) as { id: number; number: number };
    const rows = db
      .prepare(
        `SELECT d.reference, EXISTS (SELECT 1 FROM conflicts c WHERE c.member_id = ? AND c.operator_id = d.operator_id) AS hidden
         FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id WHERE ai.session_id = ? ORDER BY ai.position`,
      )
      .all(MEMBER, session.id) as { reference: string; hidden: number }[];
    return { ...session, visible: rows.filter((r) => !r.hidden).map((r) => r.reference), hidden: rows.filter((r) => r.hidden).map((r) => r.reference) };
  } finally {
    db.close();
  }
}

test('a member prints their own preparation pack: the item they are conflicted on is left out', async ({ page }) => {
  const dir = tempWorkspaceDir('exports-member');
  try {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    await promisify(execFile)(tsx, [join(ROOT, 'backend', 'cli', 'main.ts'), 'demo', '--workspace', dir, '--profile', 'member', '--member', String(MEMBER)], {
      cwd: ROOT,
      timeout: 300_000,
    });
    const session = sessionWithConflict(dir);
    expect(session.hidden.length).toBeGreaterThan(0);
    expect(session.visible.length).toBeGreaterThan(0);
    const shell = await startShell(dir);
    try {
      await page.goto(`${shell.url}#/sessions/${session.id}/prepare`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(String(session.number));
      await page.screenshot({ path: `${SHOTS}/ui-prepare-header.png`, clip: { x: 0, y: 0, width: 1366, height: 300 } });
      await page.getByRole('button', { name: 'Imprimer mon dossier (PDF)' }).click();
      const dialog = page.getByRole('dialog', { name: `Exporter — séance n° ${session.number}` });
      // A member's workspace offers only their own pack: no relevé, no letters, no member to choose.
      await expect(dialog.getByRole('group', { name: 'Document' }).getByRole('radio')).toHaveCount(1);
      await expect(dialog.getByRole('radio', { name: /Dossier de préparation/ })).toBeChecked();
      await expect(dialog.getByRole('combobox', { name: 'Membre' })).toHaveCount(0);
      await page.screenshot({ path: `${SHOTS}/ui-export-member-pack.png` });

      // Keys of the preparation page (J, K, N, P) do nothing while the dialog is open.
      const progress = page.getByTestId('prepare-progress');
      const before = await progress.innerText();
      await dialog.getByRole('radio', { name: /Dossier de préparation/ }).focus();
      await page.keyboard.press('p');
      await page.keyboard.press('j');
      await page.waitForTimeout(300);
      await expect(progress).toHaveText(before);
      await expect(dialog).toBeVisible();

      const pdf = await exportFile(page, dialog);
      expect(pdf.filename).toMatch(/\.pdf$/);
      const text = flat(pdfText(pdf.bytes));
      for (const reference of session.visible) expect(text).toContain(reference);
      for (const reference of session.hidden) expect(text).not.toContain(reference);
      await page.screenshot({ path: `${SHOTS}/ui-export-member-pack-done.png` });
    } finally {
      await shell.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
