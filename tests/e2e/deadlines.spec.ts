/**
 * The Échéances screen against the shared demo workspace (read-only): every deadline by date with
 * the overdue ones marked (an activity report not filed in time), filters by scheme, kind and
 * state narrowing the list and its count, the CSV export of what is shown (read back through
 * Playwright's download), and rows opening their dossier (or operator) by mouse and keyboard.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, isoFromShown, openDossiers, test } from './fixtures';

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

const COL = { dueOn: 0, delay: 1, kind: 2, operator: 3, agrement: 4, dossier: 5, detail: 6 } as const;
const HEADERS = 'Échéance;Type;Opérateur;Agrément;N° d’agrément;Dossier;Détail;Jours restants;En retard';

const grid = (page: Page) => page.getByRole('grid', { name: 'Liste des échéances' });
const rows = (page: Page) => grid(page).locator('.grid-body [role="row"]:not(.is-loading)');
const count = (page: Page) => page.getByTestId('deadline-count');

/** « 38 échéances, dont 18 en retard » → [38, 18]. */
function counted(text: string): [number, number] {
  const match = /^([\d\s\u00a0\u202f]+) échéances?(?:, dont ([\d\s\u00a0\u202f]+) en retard)?$/.exec(text.trim());
  if (!match?.[1]) throw new Error(`Not a deadline count: « ${text} »`);
  const n = (s: string | undefined) => Number((s ?? '0').replace(/\D/g, ''));
  return [n(match[1]), n(match[2])];
}

interface ShownRow {
  key: string;
  overdue: boolean;
  cells: string[];
}

/** Every row of the list, in order, scrolling the virtualised grid from top to bottom. */
async function allRows(page: Page): Promise<ShownRow[]> {
  const seen = new Map<string, ShownRow & { index: number }>();
  await grid(page).evaluate((el) => (el.scrollTop = 0));
  for (let guard = 0; guard < 200; guard += 1) {
    const batch = await rows(page).evaluateAll((els) =>
      els.map((el) => ({
        key: el.getAttribute('data-key') ?? '',
        index: Number(el.getAttribute('aria-rowindex')),
        overdue: el.classList.contains('is-overdue'),
        cells: Array.from(el.querySelectorAll('[role="gridcell"]')).map((cell) => (cell.textContent ?? '').trim()),
      })),
    );
    for (const row of batch) seen.set(row.key, row);
    const atEnd = await grid(page).evaluate((el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollTop += el.clientHeight - 80;
      return end;
    });
    if (atEnd) break;
    await page.waitForTimeout(50);
  }
  await grid(page).evaluate((el) => (el.scrollTop = 0));
  return [...seen.values()].sort((a, b) => a.index - b.index).map(({ key, overdue, cells }) => ({ key, overdue, cells }));
}

async function openDeadlines(page: Page, url: string): Promise<void> {
  await openDossiers(page, url);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Échéances' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Échéances' })).toBeVisible();
  await settled(page);
}

/** Waits until the list shows the answer to the current filters. */
async function settled(page: Page): Promise<[number, number]> {
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false');
  await expect(count(page)).toHaveText(/échéance/);
  return counted(await count(page).innerText());
}

test('lists every deadline by date, an overdue activity report marked « en retard »', async ({ page, demoUrl }) => {
  await openDeadlines(page, demoUrl);
  const [total, overdue] = await settled(page);
  expect(total).toBeGreaterThan(5);
  expect(overdue).toBeGreaterThan(0);
  await expect(page).toHaveURL(/#\/deadlines$/);
  await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Échéances' })).toHaveAttribute('aria-current', 'page');

  // Every row, sorted by due date.
  const all = await allRows(page);
  expect(all).toHaveLength(total);
  const dates = all.map((row) => isoFromShown(row.cells[COL.dueOn] ?? ''));
  expect([...dates].sort()).toEqual(dates);

  // An activity report not filed by 15 July: marked, in red words.
  const report = rows(page).filter({ hasText: /Rapport d’activités 20\d\d/ }).and(page.locator('.is-overdue')).first();
  await expect(report).toBeVisible();
  await expect(report.locator('[role="gridcell"]').nth(COL.delay)).toHaveText(/^en retard de \d+ jours$/);
  await expect(report.locator('.delay-overdue')).toHaveCSS('color', 'rgb(164, 38, 27)');
  const [day, month, year] = (await report.locator('[role="gridcell"]').nth(COL.dueOn).innerText()).split('/');
  expect(`${day}/${month}`).toBe('15/07');
  await expect(report.locator('[role="gridcell"]').nth(COL.kind)).toHaveText(`Rapport d’activités ${Number(year) - 1}`);

  // The overdue rows come first (before today), as many as the summary says, each saying so.
  const late = all.filter((row) => row.overdue);
  expect(late).toHaveLength(overdue);
  expect(all.slice(0, overdue)).toEqual(late);
  for (const row of late) expect(row.cells[COL.delay]).toMatch(/^en retard d/);
  for (const row of all.slice(overdue)) expect(row.cells[COL.delay]).toMatch(/^(aujourd’hui|demain|dans \d+ jours)$/);
  await page.screenshot({ path: `${SHOTS}/deadlines-list.png` });
});

test('filtering by scheme, kind and state narrows the list and the count, and the address keeps them', async ({ page, demoUrl }) => {
  await openDeadlines(page, demoUrl);
  const [total] = await settled(page);

  await page.getByRole('group', { name: 'Agrément' }).getByRole('button', { name: 'EI', exact: true }).click();
  await expect(page).toHaveURL(/#\/deadlines\?scheme=EI$/);
  const [eiTotal] = await settled(page);
  expect(eiTotal).toBeGreaterThan(0);
  expect(eiTotal).toBeLessThan(total);
  const ei = await allRows(page);
  expect(ei).toHaveLength(eiTotal);
  for (const row of ei) expect(row.cells[COL.agrement]).toMatch(/^EI/);

  await page.getByRole('button', { name: /^Type/ }).click();
  await page.getByRole('checkbox', { name: 'Rapport d’activités' }).check();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/scheme=EI&kind=report_due/);
  const [reports, reportsOverdue] = await settled(page);
  expect(reports).toBeLessThanOrEqual(eiTotal);
  expect(reports).toBeGreaterThan(0);
  for (const row of await allRows(page)) expect(row.cells[COL.kind]).toMatch(/^Rapport d’activités 20\d\d$/);

  await page.getByRole('radio', { name: 'En retard' }).click();
  await expect(page).toHaveURL(/state=overdue/);
  const [late, lateOverdue] = await settled(page);
  expect([late, lateOverdue]).toEqual([reportsOverdue, reportsOverdue]);
  expect((await allRows(page)).every((row) => row.overdue)).toBe(true);
  await page.screenshot({ path: `${SHOTS}/deadlines-filtered.png` });

  // Away and back through the navigation: the same filters.
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await nav.getByRole('link', { name: 'Dossiers' }).click();
  await nav.getByRole('link', { name: 'Échéances' }).click();
  await expect(page).toHaveURL(/scheme=EI&kind=report_due&state=overdue/);

  // A reload restores the filters; « Effacer les filtres » brings the whole list back.
  await page.reload();
  await expect(page.getByRole('radio', { name: 'En retard' })).toHaveAttribute('aria-checked', 'true');
  expect((await settled(page))[0]).toBe(late);
  await page.getByRole('button', { name: 'Effacer les filtres' }).click();
  await expect(page).toHaveURL(/#\/deadlines$/);
  expect((await settled(page))[0]).toBe(total);

  // A horizon of 30 days lists fewer upcoming deadlines, never fewer overdue ones.
  const [, allOverdue] = await settled(page);
  await page.getByLabel('Horizon').selectOption('30');
  await expect(page).toHaveURL(/horizon=30/);
  const [soon, soonOverdue] = await settled(page);
  expect(soon).toBeLessThanOrEqual(total);
  expect(soonOverdue).toBe(allOverdue);

  // The state is a radio group: the arrows move the choice.
  await page.getByRole('radio', { name: 'Toutes' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/state=overdue/);
  await expect(page.getByRole('radio', { name: 'En retard' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/state=upcoming/);
  const [upcoming, upcomingOverdue] = await settled(page);
  expect([upcoming, upcomingOverdue]).toEqual([soon - soonOverdue, 0]);
});

test('exports the rows shown as CSV for Excel: BOM, « ; », French headers, the visible rows', async ({ page, demoUrl }) => {
  await openDeadlines(page, demoUrl);
  await page.getByRole('group', { name: 'Agrément' }).getByRole('button', { name: 'EI', exact: true }).click();
  const [shown] = await settled(page);
  const visible = await allRows(page);
  const dates = visible.map((row) => row.cells[COL.dueOn]);
  const operators = visible.map((row) => row.cells[COL.operator]);
  const kinds = visible.map((row) => row.cells[COL.kind]);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter en CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^echeances-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.split('\r\n').slice(0, -1);
  expect(lines[0]).toBe(HEADERS);
  expect(lines).toHaveLength(shown + 1);
  // The same rows, in the same order: date, type, operator (no cell of the demo holds a « ; »).
  const records = lines.slice(1).map((line) => line.split(';'));
  expect(records.map((r) => r[0])).toEqual(dates);
  expect(records.map((r) => r[1])).toEqual(kinds);
  expect(records.map((r) => r[2])).toEqual(operators);
  expect(new Set(records.map((r) => r[3]))).toEqual(new Set(['EI']));
  for (const record of records) expect(record[8]).toMatch(/^(Oui|Non)$/);
  await expect(page.getByRole('status').filter({ hasText: /exportées? dans echeances-/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/deadlines-export.png` });
});

test('opens the dossier of a row by click and by keyboard, the operator when there is no dossier', async ({ page, demoUrl }) => {
  await openDeadlines(page, demoUrl);
  const withDossier = rows(page).filter({ has: page.locator('.cell-dossier a') }).first();
  const reference = await withDossier.locator('.cell-dossier a').innerText();
  await withDossier.locator('.cell-kind').click();
  await expect(page).toHaveURL(/#\/dossiers\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  // The dossier page lists the same derived deadlines among its open ones.
  await expect(page.getByTestId('open-deadlines')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/deadlines-dossier.png` });

  await page.goBack();
  await settled(page);
  // Keyboard: the list is one tab stop; ↓ selects, Enter opens where the row leads.
  await grid(page).focus();
  await page.keyboard.press('Home');
  const first = rows(page).first();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  const firstHasDossier = (await first.locator('.cell-dossier a').count()) > 0;
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(firstHasDossier ? /#\/dossiers\/\d+$/ : /#\/operators\/\d+$/);

  await page.goBack();
  await settled(page);
  const withoutDossier = rows(page).filter({ hasNot: page.locator('.cell-dossier a') }).first();
  const operator = await withoutDossier.locator('.cell-operator').innerText();
  await withoutDossier.locator('.cell-kind').click();
  await expect(page).toHaveURL(/#\/operators\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(operator);
});

test('says in French when the list cannot be read, and retries on request', async ({ page, demoUrl }) => {
  await openDossiers(page, demoUrl);
  let refuse = true;
  await page.route('**/rpc', async (route) => {
    const body = route.request().postDataJSON() as { method?: string };
    if (refuse && body.method === 'deadlines.list') {
      await route.fulfill({ json: { ok: false, error: { code: 'INTERNAL', message: 'Les échéances n’ont pas pu être calculées.' } } });
      return;
    }
    await route.continue();
  });
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Échéances' }).click();
  const alert = grid(page).getByRole('alert');
  await expect(alert).toContainText('Les échéances n’ont pas pu être calculées.');
  await page.screenshot({ path: `${SHOTS}/deadlines-error.png` });
  refuse = false;
  await alert.getByRole('button', { name: 'Réessayer' }).click();
  await expect(alert).toHaveCount(0);
  expect((await settled(page))[0]).toBeGreaterThan(0);
});
