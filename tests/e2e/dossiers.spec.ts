/**
 * The Dossiers table on the demo workspace: count, server-side sorting and filtering, opening a
 * dossier (mouse and keyboard) and coming back to the same list.
 */
import { resolve } from 'node:path';
import { ROOT } from './server';
import { COL, columnTexts, countValue, expect, fold, grid, isoFromShown, openDossiers, test } from './fixtures';

const SHOWN_DATE = /^\d{2}\/\d{2}\/\d{4}$/;

/** The text search applied to the list, as kept in the address (`#/dossiers?q=…`). */
function searchedText(url: string): string | null {
  return new URLSearchParams(new URL(url).hash.split('?')[1] ?? '').get('q');
}

test.describe('Dossiers table', () => {
  test('lists the demo dossiers with their count', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const { bodyRows, count, root } = grid(page);
    const total = countValue(await count.innerText());
    expect(total).toBeGreaterThan(50);
    await expect(root).toHaveAttribute('aria-rowcount', String(total + 1));

    await expect(bodyRows.first()).toBeVisible();
    const first = bodyRows.first().getByRole('gridcell');
    await expect(first).toHaveCount(8);
    await expect(first.nth(COL.reference)).not.toBeEmpty();
    await expect(first.nth(COL.scheme)).toHaveText(/^(IES|EI|IDESS|AC)$/);
    await expect(first.nth(COL.receivedOn)).toHaveText(SHOWN_DATE);
    await expect(first.nth(COL.session)).toHaveText(/^(n° \d+ — \d{2}\/\d{2}\/\d{4}|—)$/);

    // Default order: most recently received first.
    await expect(page.getByRole('columnheader', { name: 'Reçu le' })).toHaveAttribute('aria-sort', 'descending');
    // Long operator names are cut with an ellipsis but kept whole in their title.
    const operator = first.nth(COL.operator).locator('span');
    await expect(operator).toHaveAttribute('title', (await operator.innerText()).trim());
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'dossiers-table.png') });
  });

  test('loads further pages on demand while scrolling to the end', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const { root, bodyRows, count } = grid(page);
    const total = countValue(await count.innerText());
    // Only a window of rows is in the page, whatever the total.
    expect(await bodyRows.count()).toBeLessThan(80);
    await root.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    const last = root.locator(`[role="row"][aria-rowindex="${total + 1}"]`);
    await expect(last).toBeVisible();
    await expect(last).not.toHaveClass(/is-loading/);
    await expect(last.getByRole('gridcell').nth(COL.reference)).not.toBeEmpty();
  });

  test('sorts by « Reçu le » both ways', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const { bodyRows } = grid(page);
    const header = page.getByRole('columnheader', { name: 'Reçu le' });
    const sortButton = header.getByRole('button');

    const datesShown = async () => (await columnTexts(bodyRows, COL.receivedOn)).map(isoFromShown);
    const newestFirst = await datesShown();
    expect(newestFirst.length).toBeGreaterThan(10);
    expect(newestFirst).toEqual([...newestFirst].sort().reverse());

    await sortButton.click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(page).toHaveURL(/sort=receivedOn&dir=asc/);
    await expect.poll(async () => ((await datesShown())[0] ?? '') < (newestFirst[0] ?? '')).toBe(true);
    const oldestFirst = await datesShown();
    expect(oldestFirst).toEqual([...oldestFirst].sort());
    expect((oldestFirst[0] ?? '') <= (newestFirst[newestFirst.length - 1] ?? '')).toBe(true);

    await sortButton.click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(async () => (await datesShown())[0]).toBe(newestFirst[0]);
  });

  test('sorts by operator name', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const header = page.getByRole('columnheader', { name: 'Opérateur' });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByRole('columnheader', { name: 'Reçu le' })).toHaveAttribute('aria-sort', 'none');
    await expect
      .poll(async () => {
        const names = (await columnTexts(grid(page).bodyRows, COL.operator)).map(fold);
        return names.length > 10 && names.every((name, i) => i === 0 || (names[i - 1] ?? '').localeCompare(name, 'fr') <= 0);
      })
      .toBe(true);
  });

  test('the text filter narrows the list to matching operators by the beginnings of their words, accents ignored', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const { bodyRows, count } = grid(page);
    const total = countValue(await count.innerText());

    // An operator name with an accent, taken from the list itself; its words, each cut short, are typed.
    const names = await columnTexts(bodyRows, COL.operator);
    const accented = names.find((name) => /[àâäçéèêëîïôöùûü]/i.test(name) && name.split(' ').length >= 3);
    expect(accented, 'an operator name with an accent among the first rows').toBeDefined();
    const words = (accented ?? '').split(/[\s'’-]+/).filter((word) => word.length > 1);
    const part = words.map((word) => (word.length > 4 ? word.slice(0, -1) : word)).join(' ');
    const search = page.getByRole('searchbox', { name: 'Rechercher' });
    await expect(search).toHaveAttribute('placeholder', /^Début de mot/);

    await search.fill(part);
    await expect.poll(() => searchedText(page.url())).toBe(part);
    await expect.poll(async () => countValue(await count.innerText())).toBeLessThan(total);
    const narrowed = countValue(await count.innerText());
    expect(narrowed).toBeGreaterThan(0);
    // The operator's dossiers are found (a row may also match by its reference or subject, not shown).
    await expect.poll(async () => (await columnTexts(bodyRows, COL.operator)).includes(accented ?? '')).toBe(true);
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'dossiers-filtered.png') });

    // The same text typed without accents, in capitals: the same dossiers.
    await search.fill(fold(part).toUpperCase());
    await expect.poll(() => searchedText(page.url())).toBe(fold(part).toUpperCase());
    await expect.poll(async () => countValue(await count.innerText())).toBe(narrowed);

  });

  test('scheme and status filters narrow the list', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const { bodyRows, count } = grid(page);
    const total = countValue(await count.innerText());

    await page.getByRole('button', { name: 'EI', exact: true }).click();
    await expect(page.getByRole('button', { name: 'EI', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/scheme=EI/);
    await expect.poll(async () => countValue(await count.innerText())).toBeLessThan(total);
    await expect.poll(async () => new Set(await columnTexts(bodyRows, COL.scheme))).toEqual(new Set(['EI']));
    const eiCount = countValue(await count.innerText());

    await page.getByRole('button', { name: /^Statut\s/ }).click();
    await page.getByRole('checkbox', { name: 'Décidé' }).check();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('checkbox', { name: 'Décidé' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Statut\s/ })).toContainText('Décidé');
    await expect(page).toHaveURL(/status=decided/);
    await expect.poll(async () => countValue(await count.innerText())).toBeLessThan(eiCount);
    await expect.poll(async () => new Set(await columnTexts(bodyRows, COL.status))).toEqual(new Set(['Décidé']));
    expect(new Set(await columnTexts(bodyRows, COL.scheme))).toEqual(new Set(['EI']));

    await page.getByRole('button', { name: 'Effacer les filtres' }).first().click();
    await expect.poll(async () => countValue(await count.innerText())).toBe(total);
    await expect(page).toHaveURL(/#\/dossiers$/);
  });

  test('a filter that matches nothing says so and offers to clear it', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('zzzz-aucun-dossier-zzzz');
    await expect(grid(page).count).toHaveText(/^0\s+dossier$/);
    await expect(page.getByText('Aucun dossier ne correspond à ces critères.')).toBeVisible();
    await page.getByRole('grid').getByRole('button', { name: 'Effacer les filtres' }).click();
    await expect(page.getByRole('searchbox', { name: 'Rechercher' })).toHaveValue('');
    await expect(grid(page).bodyRows.first()).toBeVisible();
  });
});

test.describe('opening a dossier', () => {
  test('a click on a row opens the dossier with its header facts', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const row = grid(page).bodyRows.nth(2);
    const reference = (await row.getByRole('gridcell').nth(COL.reference).innerText()).trim();
    const operator = (await row.getByRole('gridcell').nth(COL.operator).innerText()).trim();
    const status = (await row.getByRole('gridcell').nth(COL.status).innerText()).trim();
    await row.click();

    await expect(page).toHaveURL(/#\/dossiers\/\d+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(reference);
    await expect(page.getByTestId('operator-bce')).toHaveText(/^[01]\d{3}\.\d{3}\.\d{3}$/);
    const operatorPanel = page.getByRole('region', { name: 'Opérateur' });
    await expect(operatorPanel.getByRole('link', { name: operator, exact: true })).toBeVisible();
    await expect(operatorPanel.getByText(/^\d{4} .+ \((Brabant wallon|Hainaut|Liège|Luxembourg|Namur)\)$/)).toBeVisible();
    await expect(page.locator('.dossier-title-line').getByText(status, { exact: true })).toBeVisible();
    const datesPanel = page.getByRole('region', { name: 'Dates clés' });
    await expect(datesPanel.locator('dd').first()).toHaveText(SHOWN_DATE);
    await expect(page.getByRole('link', { name: /Retour aux dossiers/ })).toBeVisible();
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'dossier-page.png'), fullPage: true });
  });

  test('the keyboard moves the selection and Enter opens the dossier', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const { root, bodyRows } = grid(page);
    const third = (await bodyRows.nth(2).getByRole('gridcell').nth(COL.reference).innerText()).trim();

    await root.focus();
    await expect(bodyRows.nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('j');
    await expect(bodyRows.nth(2)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(third);

    // Escape comes back to the list, the same row still selected, the table focused.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeVisible();
    await expect(root).toBeFocused();
    await expect(root.locator('[role="row"][aria-selected="true"]').getByRole('gridcell').nth(COL.reference)).toHaveText(third);
  });

  test('Escape and Back return to the list with its filters intact', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const { bodyRows, count } = grid(page);
    await page.getByRole('button', { name: 'IES', exact: true }).click();
    await page.getByRole('columnheader', { name: 'Reçu le' }).getByRole('button').click();
    await expect(page).toHaveURL(/scheme=IES.*sort=receivedOn&dir=asc/);
    await expect.poll(async () => new Set(await columnTexts(bodyRows, COL.scheme))).toEqual(new Set(['IES']));
    const filteredCount = await count.innerText();
    const listUrl = page.url();

    // Open a dossier, come back with Escape.
    await bodyRows.first().click();
    await expect(page).toHaveURL(/#\/dossiers\/\d+$/);
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(listUrl);
    await expect(page.getByRole('button', { name: 'IES', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('columnheader', { name: 'Reçu le' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(count).toHaveText(filteredCount);

    // Open another, come back with the browser's Back.
    await bodyRows.nth(1).click();
    await expect(page).toHaveURL(/#\/dossiers\/\d+$/);
    await page.goBack();
    await expect(page).toHaveURL(listUrl);
    await expect(count).toHaveText(filteredCount);
    expect(new Set(await columnTexts(bodyRows, COL.scheme))).toEqual(new Set(['IES']));

    // And with the « Retour aux dossiers » link.
    await bodyRows.first().click();
    await page.getByRole('link', { name: /Retour aux dossiers/ }).click();
    await expect(page).toHaveURL(listUrl);
  });

  test('the list comes back scrolled where it was', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const { root } = grid(page);
    // Well into the second 200-row page when the demo is big enough, else halfway.
    const scrolled = await root.evaluate((element) => {
      element.scrollTop = Math.min(220 * 40, (element.scrollHeight - element.clientHeight) / 2);
      return element.scrollTop;
    });
    expect(scrolled).toBeGreaterThan(1_000);
    const firstVisible = Math.ceil(scrolled / 40) + 2; // aria-rowindex: header is 1, rows start at 2
    const row = root.locator(`[role="row"][aria-rowindex="${firstVisible + 3}"]:not(.is-loading)`);
    const reference = (await row.getByRole('gridcell').nth(COL.reference).innerText()).trim();
    await row.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(reference);

    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeVisible();
    await expect.poll(() => root.evaluate((element) => element.scrollTop)).toBe(scrolled);
    await expect(root.locator('[role="row"][aria-selected="true"]').getByRole('gridcell').nth(COL.reference)).toHaveText(reference);
  });

  test('a text search survives the return from a dossier', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const { bodyRows, count } = grid(page);
    const operator = (await bodyRows.first().getByRole('gridcell').nth(COL.operator).innerText()).trim();
    const search = page.getByRole('searchbox', { name: 'Rechercher' });
    await search.fill(operator);
    await expect.poll(() => searchedText(page.url())).toBe(operator);
    await expect.poll(async () => (await columnTexts(bodyRows, COL.operator)).every((name) => name === operator)).toBe(true);
    const narrowed = await count.innerText();

    await bodyRows.first().click();
    await page.keyboard.press('Escape');
    await expect(search).toHaveValue(operator);
    await expect(count).toHaveText(narrowed);
  });

  test('an unknown dossier shows the not-found message', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    await page.goto(`${new URL(demoUrl).origin}/#/dossiers/999999999`);
    await expect(page.getByRole('heading', { level: 1, name: 'Dossier introuvable' })).toBeVisible();
    await expect(page.getByText('Ce dossier n’existe pas ou n’est plus disponible dans cet espace de travail.')).toBeVisible();
    await page.getByRole('link', { name: /Retour aux dossiers/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeVisible();
  });
});
