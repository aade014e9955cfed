/**
 * The Séances screen: upcoming sessions first (the next one marked), then past ones; a row opens
 * its session. The secretariat plans a school year (skipped fortnights shown with their reasons —
 * 11 November, carnival, Easter Monday — and the unpublished school calendar said so), creates the
 * ticked dates and sees them listed; moving a session onto a public holiday is refused in French
 * with nothing changed; cancelling needs a reason. A member's workspace sees the list, no actions.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import type { SessionListOutput } from '../../shared/contract';
import { expect, rpc, test } from './fixtures';

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

const grid = (page: Page) => page.getByRole('grid', { name: 'Liste des séances' });
const sessionRow = (page: Page, number: number) => grid(page).locator(`[role="row"][data-session="${number}"]`);

async function openSessions(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Séances' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Séances' })).toBeVisible();
  await expect(page.getByTestId('session-count')).toHaveText(/^\d+ à venir · \d+ passées?$/);
}

test('lists upcoming sessions first, the next one marked, then past ones latest first; a row opens its session', async ({ page, demoUrl, request }) => {
  const list = await rpc<SessionListOutput>(request, demoUrl, 'sessions.list', {});
  await openSessions(page, demoUrl);
  await expect(page).toHaveURL(/#\/sessions$/);
  await expect(page.getByTestId('session-count')).toHaveText(`${list.upcoming.length} à venir · ${list.past.length} passées`);

  const numbers = await grid(page)
    .locator('[role="row"][data-session]')
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-session'))));
  const expected = [...list.upcoming, ...list.past].map((s) => s.number);
  expect(numbers).toEqual(expected.slice(0, numbers.length));
  expect(numbers.length).toBeLessThan(expected.length); // virtualised: only the rows on screen are rendered

  const next = list.upcoming.find((s) => s.status !== 'cancelled')!;
  const nextRow = sessionRow(page, next.number);
  await expect(nextRow).toHaveClass(/is-next/);
  await expect(nextRow).toContainText('Prochaine séance');
  await expect(nextRow.getByRole('gridcell').nth(1)).toHaveText(/^(lundi|mardi|mercredi|jeudi|vendredi) \d{1,2} [a-zéû]+ \d{4}Prochaine séance$/);
  await expect(nextRow).toContainText('Planifiée');
  const last = list.past[0]!;
  await expect(sessionRow(page, last.number)).toContainText('Clôturée');
  await expect(sessionRow(page, last.number).getByRole('gridcell').nth(6)).toHaveText(String(last.opinions));
  await expect(page.getByRole('button', { name: 'Planifier une année' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/s5-sessions-list.png` });

  // Keyboard: focusing the grid selects the first session; ↓ ↑ move (over the headings), Enter opens.
  await grid(page).focus();
  await expect(sessionRow(page, list.upcoming[0]!.number)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(sessionRow(page, list.upcoming[1]!.number)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  // D opens « Déplacer », Delete « Annuler la séance »; Escape closes them and gives the focus back.
  const first = list.upcoming[0]!.number;
  await page.keyboard.press('d');
  await expect(page.getByRole('dialog', { name: `Déplacer la séance n° ${first}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(grid(page)).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('dialog', { name: `Annuler la séance n° ${first}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(grid(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/sessions/${list.upcoming[0]!.id}$`));
});

test('plans a school year: skipped dates with their reasons, then creates the ticked dates', async ({ page, freshDemo, request }) => {
  const before = await rpc<SessionListOutput>(request, freshDemo.url, 'sessions.list', {});
  await openSessions(page, freshDemo.url);
  await page.getByRole('button', { name: 'Planifier une année' }).click();
  const dialog = page.getByRole('dialog', { name: 'Planifier une année de séances' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Période').selectOption({ label: 'Année scolaire 2027-2028' });
  await dialog.getByLabel('Jour').selectOption({ label: 'jeudi' });

  const preview = dialog.getByRole('region', { name: 'Dates proposées' });
  await expect(preview.getByRole('note')).toHaveText('Calendrier scolaire 2027-2028 non publié : dates calculées selon les règles.');
  await expect(preview.locator('[data-date="2027-11-11"]')).toContainText('écartée : Armistice (jour férié)');
  await expect(preview.locator('.is-skipped').filter({ hasText: 'Congé de détente (carnaval)' }).first()).toBeVisible();
  await expect(preview.locator('.is-skipped').filter({ hasText: 'Vacances d’été' }).first()).toBeVisible();
  const proposed = await preview.locator('.is-proposed').count();
  expect(proposed).toBeGreaterThan(15);
  await expect(dialog.getByRole('button', { name: `Créer les ${proposed} séances` })).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/s5-sessions-plan.png` });

  // Mondays from 3 April 2028: Easter Monday (17 April) is skipped and named.
  await dialog.getByLabel('Jour').selectOption({ label: 'lundi' });
  await dialog.getByLabel('Première séance au plus tôt').fill('03/04/2028');
  await expect(preview.locator('[data-date="2028-04-17"]')).toContainText('écartée : Lundi de Pâques (jour férié)');
  await expect(preview.locator('[data-date="2028-04-24"]').getByRole('checkbox')).toBeChecked();

  // Back to Thursdays over the year; leave one date out, create the rest.
  await dialog.getByLabel('Jour').selectOption({ label: 'jeudi' });
  await expect(preview.locator('[data-date="2027-11-11"]')).toBeVisible();
  const dates = await preview.locator('.is-proposed').evaluateAll((lines) => lines.map((line) => line.getAttribute('data-date') ?? ''));
  await preview.locator(`[data-date="${dates[1]}"]`).getByRole('checkbox').uncheck();
  await dialog.getByRole('button', { name: `Créer les ${dates.length - 1} séances` }).click();
  await expect(dialog).toBeHidden();
  const first = Math.max(...[...before.upcoming, ...before.past].map((s) => s.number)) + 1;
  await expect(page.getByRole('status').filter({ hasText: 'séances créées' })).toHaveText(`${dates.length - 1} séances créées (n° ${first} à ${first + dates.length - 2}).`);
  await expect(page.getByTestId('session-count')).toHaveText(`${before.upcoming.length + dates.length - 1} à venir · ${before.past.length} passées`);

  const after = await rpc<SessionListOutput>(request, freshDemo.url, 'sessions.list', {});
  const created = after.upcoming.filter((s) => s.number >= first);
  expect(created.map((s) => s.heldOn)).toEqual(dates.filter((_, i) => i !== 1));
  expect(created.every((s) => s.status === 'planned' && s.place === before.upcoming.at(-1)!.place)).toBe(true);
  await expect(sessionRow(page, first)).toBeVisible();
});

test('moving a session onto a public holiday is refused in French and changes nothing; a free day is accepted', async ({ page, freshDemo, request }) => {
  const before = await rpc<SessionListOutput>(request, freshDemo.url, 'sessions.list', {});
  const session = before.upcoming[0]!;
  await openSessions(page, freshDemo.url);
  const row = sessionRow(page, session.number);
  await row.getByRole('button', { name: `Déplacer la séance n° ${session.number}` }).click();
  const dialog = page.getByRole('dialog', { name: `Déplacer la séance n° ${session.number}` });
  await dialog.getByLabel('Nouvelle date').fill('25/12/2026');
  await expect(dialog.getByText('vendredi 25 décembre 2026')).toBeVisible();
  await dialog.getByRole('button', { name: 'Déplacer la séance' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Le 25/12/2026 est un jour férié (Noël) : pas de séance ce jour-là.');
  await page.screenshot({ path: `${SHOTS}/s5-sessions-move-refused.png` });
  await dialog.getByRole('button', { name: 'Retour' }).click();
  await expect(dialog).toBeHidden();
  const unchanged = await rpc<SessionListOutput>(request, freshDemo.url, 'sessions.list', {});
  expect(unchanged.upcoming[0]).toEqual(session);

  // The day of another session is refused too; a free Thursday is accepted.
  await row.getByRole('button', { name: `Déplacer la séance n° ${session.number}` }).click();
  const other = before.upcoming[1]!;
  await dialog.getByLabel('Nouvelle date').fill(other.heldOn.split('-').reverse().join('/'));
  await dialog.getByRole('button', { name: 'Déplacer la séance' }).click();
  await expect(dialog.getByRole('alert')).toContainText(`(séance n° ${other.number}) : une seule séance par jour.`);
  await dialog.getByLabel('Nouvelle date').fill('10/12/2026');
  await dialog.getByRole('button', { name: 'Déplacer la séance' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'déplacée' })).toHaveText(`Séance n° ${session.number} déplacée au jeudi 10 décembre 2026.`);
  await expect(row.getByRole('gridcell').nth(1)).toContainText('jeudi 10 décembre 2026');
});

test('cancelling a session needs a reason; the cancelled session stays listed with it', async ({ page, freshDemo, request }) => {
  const before = await rpc<SessionListOutput>(request, freshDemo.url, 'sessions.list', {});
  const session = before.upcoming.at(-1)!;
  await openSessions(page, freshDemo.url);
  const row = sessionRow(page, session.number);
  await row.getByRole('button', { name: `Annuler la séance n° ${session.number}` }).click();
  const dialog = page.getByRole('dialog', { name: `Annuler la séance n° ${session.number}` });
  await dialog.getByRole('button', { name: 'Annuler la séance' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Indiquez le motif de l’annulation.');
  expect((await rpc<SessionListOutput>(request, freshDemo.url, 'sessions.list', {})).upcoming.at(-1)).toEqual(session);

  await dialog.getByLabel('Motif de l’annulation').fill('Quorum impossible : plusieurs membres excusés');
  await dialog.getByRole('button', { name: 'Annuler la séance' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Annulée');
  await expect(row).toContainText('Annulée : Quorum impossible : plusieurs membres excusés');
  await expect(row.getByRole('button')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/s5-sessions-cancelled.png` });
});

test('a member’s workspace sees the sessions without planning, moving or cancelling', async ({ page, freshDemo }) => {
  const db = new Database(join(freshDemo.dir, 'comes.sqlite'));
  db.prepare(`UPDATE meta SET value = 'member' WHERE key = 'profile'`).run();
  db.close();
  await openSessions(page, freshDemo.url);
  await expect(grid(page).locator('[role="row"][data-session]').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Planifier une année' })).toHaveCount(0);
  await expect(grid(page).getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'Actions' })).toHaveCount(0);
});
