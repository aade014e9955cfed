/**
 * The operators list and the operator page on the shared demo workspace (read-only).
 */
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT } from './server';
import { expect, fold, test } from './fixtures';

const BCE_SHOWN = /^[01]\d{3}\.\d{3}\.\d{3}$/;

function operatorsTable(page: Page) {
  const table = page.getByRole('table', { name: 'Liste des opérateurs' });
  return { table, rows: table.locator('tbody tr'), count: page.getByTestId('operator-count') };
}

const countOf = (text: string) => Number(text.replace(/\D/g, ''));

async function openOperators(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Opérateurs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Opérateurs' })).toBeVisible();
  await expect(operatorsTable(page).count).toHaveText(/^\d[\d\s\u202f\u00a0]* opérateurs?$/);
}

test.describe('operators list', () => {
  test('lists the demo operators with BCE numbers, legal forms, schemes and dossier counts, sorted by name', async ({ page, demoUrl }) => {
    await openOperators(page, demoUrl);
    const { rows, count } = operatorsTable(page);
    expect(countOf(await count.innerText())).toBeGreaterThan(20);
    await expect(rows.first().locator('td').nth(1)).toHaveText(BCE_SHOWN);
    await expect(rows.first().locator('td').nth(4)).toHaveText(/^(Brabant wallon|Hainaut|Liège|Luxembourg|Namur)$/);
    const names = (await rows.locator('td:first-child').allInnerTexts()).map((n) => fold(n.trim()));
    expect(names.length).toBeGreaterThan(10);
    // Alphabetical, case and accents of the initial ignored: « Éco… » among the E.
    const initials = names.map((name) => name.charAt(0));
    expect(initials.every((initial, i) => i === 0 || (initials[i - 1] ?? '') <= initial)).toBe(true);
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'operators-list.png') });

    // Most dossiers first.
    const header = page.getByRole('columnheader', { name: 'Dossiers' });
    await header.getByRole('button').click();
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect
      .poll(async () => {
        const counts = (await rows.locator('td:last-child').allInnerTexts()).map(countOf);
        return counts.length > 5 && counts.every((n, i) => i === 0 || (counts[i - 1] ?? 0) >= n);
      })
      .toBe(true);
  });

  test('finds operators by the start of a word typed without accents, and by BCE number with dots', async ({ page, demoUrl }) => {
    await openOperators(page, demoUrl);
    const { rows, count } = operatorsTable(page);
    const total = countOf(await count.innerText());
    const accented = (await rows.locator('td:first-child').allInnerTexts()).map((n) => n.trim()).find((n) => /[éèêàç]/i.test(n));
    expect(accented, 'an accented operator name on the first page').toBeDefined();
    const word = (accented ?? '').split(/\s+/).find((w) => /[éèêàç]/i.test(w)) ?? '';
    const prefix = fold(word).replace(/[^a-z]/g, '').slice(0, 5);
    const search = page.getByRole('searchbox', { name: 'Rechercher un opérateur' });

    await search.fill(prefix.toUpperCase());
    await expect(page).toHaveURL(new RegExp(`q=${prefix.toUpperCase()}`));
    await expect.poll(async () => countOf(await count.innerText())).toBeLessThan(total);
    await expect(rows.filter({ hasText: accented ?? '' })).toHaveCount(1);

    // A BCE number typed with dots: exactly that operator.
    const bce = (await rows.first().locator('td').nth(1).innerText()).trim();
    const name = (await rows.first().locator('td').first().innerText()).trim();
    await search.fill(bce);
    await expect(count).toHaveText(/^1 opérateur$/);
    await expect(rows.first().locator('td').first()).toHaveText(name);

    // Punctuation alone, or FTS syntax, is only text: no error.
    await search.fill('"*');
    await expect.poll(async () => countOf(await count.innerText())).toBe(total);
  });

  test('the province and scheme filters narrow the list', async ({ page, demoUrl }) => {
    await openOperators(page, demoUrl);
    const { rows, count } = operatorsTable(page);
    const total = countOf(await count.innerText());
    await page.getByRole('button', { name: /^Province\s/ }).click();
    await page.getByRole('checkbox', { name: 'Namur' }).check();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/province=NA/);
    await expect.poll(async () => countOf(await count.innerText())).toBeLessThan(total);
    await expect.poll(async () => new Set((await rows.locator('td:nth-child(5)').allInnerTexts()).map((s) => s.trim()))).toEqual(new Set(['Namur']));

    await page.getByRole('button', { name: /^Agrément détenu\s/ }).click();
    await page.getByRole('checkbox', { name: /^IDESS/ }).check();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/scheme=IDESS/);
    await expect.poll(async () => (await rows.locator('td:nth-child(6)').allInnerTexts()).every((s) => s.includes('IDESS'))).toBe(true);
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await expect.poll(async () => countOf(await count.innerText())).toBe(total);
  });
});

test.describe('operator page', () => {
  test('shows identity, agréments with periods, every dossier and the figures across years', async ({ page, demoUrl }) => {
    await openOperators(page, demoUrl);
    // The EI operator with the most dossiers: agréments, dossiers and several years of figures.
    await page.getByRole('button', { name: /^Agrément détenu\s/ }).click();
    await page.getByRole('checkbox', { name: /^EI/ }).check();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/scheme=EI/);
    const header = page.getByRole('columnheader', { name: 'Dossiers' });
    await header.getByRole('button').click();
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    const { rows } = operatorsTable(page);
    await expect.poll(async () => (await rows.locator('td:nth-child(6)').allInnerTexts()).every((s) => s.includes('EI'))).toBe(true);
    const name = (await rows.first().locator('td').first().innerText()).trim();
    const dossierCount = countOf(await rows.first().locator('td').last().innerText());
    await rows.first().locator('td').first().getByRole('link').click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByTestId('operator-bce')).toHaveText(BCE_SHOWN);
    const identity = page.getByRole('region', { name: 'Identité' });
    await expect(identity.getByText(/^(Brabant wallon|Hainaut|Liège|Luxembourg|Namur)$/)).toBeVisible();
    const agrements = page.getByRole('region', { name: 'Agréments' });
    await expect(agrements.getByText(/^n° /).first()).toBeVisible();
    await expect(agrements.getByText(/^du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4} \((2|4) ans\)$/).first()).toBeVisible();

    const dossiers = page.getByRole('region', { name: /^Dossiers/ });
    await expect(dossiers.locator('tbody tr')).toHaveCount(dossierCount);

    // Rows = indicators, columns = years, oldest first; derived EI indicators included.
    const figures = page.getByTestId('figures-EI');
    const years = (await figures.locator('thead th').allInnerTexts()).slice(1).map(Number);
    expect(years.length).toBeGreaterThan(1);
    expect(years).toEqual([...years].sort());
    const fte = figures.getByRole('row', { name: /^ETP total/ });
    await expect(fte.getByRole('cell').first()).toHaveText(/^\d+(,\d+)?$/);
    await expect(figures.getByRole('row', { name: /^Part du public cible/ }).getByRole('cell').last()).toHaveText(/^(\d+(,\d)?\s?%|—)$/);
    await expect(figures.getByRole('row', { name: /^Rémunération ETP la plus basse/ }).getByRole('cell').last()).toHaveText(/^(€\s[\d\s\u202f]+,\d{2}|—)$/);
    await page.addStyleTag({ content: 'html,body,#root,.app{height:auto!important}.app-main{overflow:visible!important}' });
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'operator-page.png'), fullPage: true });

    // A dossier of the list opens the dossier page.
    const reference = (await dossiers.locator('tbody tr').first().locator('td').first().innerText()).trim();
    await dossiers.getByRole('link', { name: reference, exact: true }).click();
    await expect(page).toHaveURL(/#\/dossiers\/\d+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(reference);
  });

  test('an unknown operator says so', async ({ page, demoUrl }) => {
    await page.goto(demoUrl);
    await page.goto(`${new URL(demoUrl).origin}/#/operators/999999999`);
    await expect(page.getByRole('heading', { level: 1, name: 'Opérateur introuvable' })).toBeVisible();
  });
});
