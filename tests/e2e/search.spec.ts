/**
 * The Recherche screen against the shared demo workspace (read-only): accents and case ignored,
 * prefixes, filters, results opening their dossier section, keyboard, the global shortcut, and
 * the refusal of a query without any word.
 */
import type { Page } from '@playwright/test';
import { expect, fold, openDossiers, test } from './fixtures';

const field = (page: Page) => page.getByRole('searchbox', { name: /Rechercher dans les dossiers/ });
const list = (page: Page) => page.getByRole('list', { name: 'Résultats de la recherche' });
const results = (page: Page) => page.locator('a.search-result');
const count = (page: Page) => page.getByTestId('search-count');

async function openSearch(page: Page, url: string): Promise<void> {
  await openDossiers(page, url);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Recherche' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recherche' })).toBeVisible();
}

/** Types a query and waits until its answer (not a previous one) is shown. */
async function searchFor(page: Page, q: string): Promise<void> {
  await field(page).fill(q);
  await expect(page).toHaveURL(new RegExp(`[#&?]q=${encodeURIComponent(q).replace(/%20/g, '\\+')}(&|$)`));
  await expect(page.locator('ol.search-results[aria-busy="true"]')).toHaveCount(0);
  await expect(count(page)).toHaveText(/résultat/);
}

/** What identifies each shown result: its label, title and dossier reference. */
async function shown(page: Page): Promise<string[]> {
  return results(page).evaluateAll((links) =>
    links.map((link) => [link.querySelector('.search-source'), link.querySelector('.search-result-title'), link.querySelector('.search-result-meta')].map((e) => e?.textContent ?? '').join(' | ')),
  );
}

function resultCount(text: string): number {
  const match = /^([\d\s\u00a0\u202f]+) résultats?$/.exec(text.trim());
  if (!match?.[1]) throw new Error(`Not a complete result count: « ${text} »`);
  return Number(match[1].replace(/\D/g, ''));
}

test('finds the same results with or without accents, in any case, and from the start of a word', async ({ page, demoUrl }) => {
  await openSearch(page, demoUrl);
  await searchFor(page, 'réinsertion');
  const withAccents = await shown(page);
  expect(withAccents.length).toBeGreaterThan(3);
  expect(resultCount(await count(page).innerText())).toBe(withAccents.length);
  // Every result shows the matched word marked in its snippet.
  for (const marks of await results(page).evaluateAll((links) => links.map((l) => Array.from(l.querySelectorAll('mark')).map((m) => m.textContent ?? '')))) {
    expect(marks.map(fold)).toContain('reinsertion');
  }
  await page.screenshot({ path: 'screenshots/search-results.png' });

  await searchFor(page, 'reinsertion');
  expect(await shown(page)).toEqual(withAccents);
  await searchFor(page, 'RÉINSERTION');
  expect(await shown(page)).toEqual(withAccents);
  await searchFor(page, 'reins');
  expect(await shown(page)).toEqual(withAccents);
  await expect(list(page).locator('mark').first()).toHaveText(/^réinsertion$/i);

  // Another accented word found from its first letters without accent.
  await searchFor(page, 'bare');
  await expect(page.getByRole('button', { name: /^Constats \d+/ })).toBeEnabled();
  const labels = await results(page).locator('.search-source').allInnerTexts();
  expect(labels.length).toBeGreaterThan(0);
  await expect(list(page).locator('mark', { hasText: /^barèmes$/ }).first()).toBeVisible();
});

test('narrows the results with the scheme, kind and year filters, kept in the address', async ({ page, demoUrl }) => {
  await openSearch(page, demoUrl);
  await searchFor(page, 'travailleurs');
  const all = await count(page).innerText();
  expect(all).toMatch(/^50 premiers résultats sur /);

  await page.getByRole('group', { name: 'Agrément' }).getByRole('button', { name: 'IDESS' }).click();
  await expect(page).toHaveURL(/scheme=IDESS/);
  await expect(page.locator('ol.search-results[aria-busy="true"]')).toHaveCount(0);
  await expect(count(page)).not.toHaveText(all);
  const schemes = await results(page).locator('.scheme-code').allInnerTexts();
  expect(schemes.length).toBeGreaterThan(0);
  expect(new Set(schemes)).toEqual(new Set(['IDESS']));

  await page.getByLabel('Type de dossier').selectOption({ label: 'Rapport d’activités' });
  await page.getByLabel('Année').selectOption('2025');
  await expect(page).toHaveURL(/kind=activity_report/);
  await expect(page).toHaveURL(/year=2025/);
  await expect(page.locator('ol.search-results[aria-busy="true"]')).toHaveCount(0);
  const kinds = await results(page).locator('.search-result-meta').allInnerTexts();
  expect(kinds.length).toBeGreaterThan(0);
  for (const meta of kinds) expect(meta).toContain('Rapport d’activités');
  const narrowed = await count(page).innerText();

  // A reload restores the query and the filters from the address.
  await page.reload();
  await expect(field(page)).toHaveValue('travailleurs');
  await expect(page.getByRole('group', { name: 'Agrément' }).getByRole('button', { name: 'IDESS' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Année')).toHaveValue('2025');
  await expect(count(page)).toHaveText(narrowed);

  await page.getByRole('button', { name: 'Effacer les filtres' }).click();
  await expect(count(page)).toHaveText(all);
});

test('opens a finding at its dossier’s inspection section, and Back returns to the same search', async ({ page, demoUrl }) => {
  await openSearch(page, demoUrl);
  await searchFor(page, 'barèmes');
  await page.getByRole('button', { name: /^Constats \d+/ }).click();
  await expect(page).toHaveURL(/source=finding/);
  await expect(page.locator('ol.search-results[aria-busy="true"]')).toHaveCount(0);
  const first = results(page).first();
  await expect(first.locator('.search-source')).toHaveText(/Constat d’inspection/i);
  const reference = (await first.locator('.search-result-reference').innerText()).trim();
  expect(reference).toMatch(/^(EI|IES|IDESS|AC)-\d{4}-\d{4}$/);

  await first.click();
  await expect(page).toHaveURL(/#\/dossiers\/\d+\?section=inspection$/);
  await expect(page.getByRole('heading', { level: 1, name: reference })).toBeVisible();
  await expect(page.locator('#section-inspection')).toBeInViewport();

  await page.goBack();
  await expect(field(page)).toHaveValue('barèmes');
  await expect(page.getByRole('button', { name: /^Constats \d+/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(results(page).first()).toBeFocused();
});

test('opens an operator found by its BCE number typed with dots', async ({ page, demoUrl }) => {
  await openSearch(page, demoUrl);
  await searchFor(page, 'CPAS');
  await page.getByRole('button', { name: /^Opérateurs \d+/ }).click();
  await expect(page).toHaveURL(/source=operator/);
  const first = results(page).first();
  const name = (await first.locator('.search-result-title').innerText()).trim();
  const bce = /\d{4}\.\d{3}\.\d{3}/.exec(await first.locator('.search-result-snippet').innerText())?.[0];
  expect(bce).toBeDefined();
  await field(page).fill(bce!);
  await expect(count(page)).toHaveText('1 résultat');
  await expect(results(page).first().locator('.search-result-snippet mark')).toHaveText(bce!);
  await expect(results(page).first().locator('.search-result-title')).toHaveText(name);
  await results(page).first().click();
  await expect(page).toHaveURL(/#\/operators\/\d+$/);
});

test('moves through the results with the arrows or j/k and opens one with Enter', async ({ page, demoUrl }) => {
  await openSearch(page, demoUrl);
  await searchFor(page, 'reinsertion');
  await field(page).press('ArrowDown');
  await expect(results(page).nth(0)).toBeFocused();
  await page.keyboard.press('j');
  await expect(results(page).nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(results(page).nth(2)).toBeFocused();
  await page.keyboard.press('k');
  await expect(results(page).nth(1)).toBeFocused();
  const reference = (await results(page).nth(1).locator('.search-result-reference').innerText()).trim();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/dossiers\/\d+\?section=documents$/);
  await expect(page.getByRole('heading', { level: 1, name: reference })).toBeVisible();
});

test('the shortcut opens the search from the Dossiers table, but / typed in a field stays text', async ({ page, demoUrl }) => {
  await openDossiers(page, demoUrl);
  await page.locator('body').press('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Recherche' })).toBeVisible();
  await expect(field(page)).toBeFocused();
  await expect(field(page)).toHaveAttribute('placeholder', /Ctrl\+K ou \//);
  await field(page).fill('accompagnement');
  await expect(page).toHaveURL(/q=accompagnement/);

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeVisible();
  const listSearch = page.getByRole('searchbox', { name: 'Rechercher' });
  await listSearch.click();
  await page.keyboard.type('a/b');
  await expect(listSearch).toHaveValue('a/b');
  await expect(page.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeVisible();

  // Ctrl+K works even from a field, and comes back to the last search.
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('heading', { level: 1, name: 'Recherche' })).toBeVisible();
  await expect(field(page)).toHaveValue('accompagnement');
  await expect(field(page)).toBeFocused();
});

test('refuses a query of punctuation only with a French message, without asking the backend', async ({ page, demoUrl }) => {
  await openSearch(page, demoUrl);
  let searches = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/rpc') && (request.postData() ?? '').includes('"search.query"')) searches += 1;
  });
  await field(page).fill('?! … — « »');
  await expect(page.getByRole('alert')).toHaveText('Saisissez au moins un mot à rechercher.');
  await expect(field(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(list(page)).toHaveCount(0);
  await page.waitForTimeout(600);
  expect(searches).toBe(0);

  await searchFor(page, 'zzqxv');
  await expect(page.getByText('Aucun résultat pour « zzqxv ».')).toBeVisible();
  expect(searches).toBe(1);
  // FTS5 syntax typed by the user is searched as plain words, without error.
  await field(page).fill('"a" OR 1=1 --');
  await expect(page.locator('ol.search-results[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await field(page).fill('NEAR(');
  await expect(page.getByText('Aucun résultat pour « NEAR( ».')).toBeVisible();
});
