/**
 * Compliance checks where they show: the dossier page's « Conformité » checklist (status,
 * explanation quoting the figures, legal basis, history over the years), the Dossiers table's
 * flags column and « Conformité » filter (kept by a saved view), and the operator page's trend.
 * Demo dossiers are picked through the backend, so the page is compared with what it computes.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import type { ChecklistItem, DossierComplianceOutput, DossierListOutput, OperatorComplianceOutput } from '../../shared/contract';
import { COL, countValue, expect, grid, openDossiers, rpc, test } from './fixtures';

const SHOTS = '/tmp/shots';

interface Breaching {
  id: number;
  operatorId: number;
  compliance: DossierComplianceOutput;
  /** A breach that quotes figures (a digit in its explanation). */
  breach: ChecklistItem;
}

/** A demo dossier the table lists as non conforme, with a breach whose explanation quotes figures. */
async function pickBreaching(request: APIRequestContext, url: string): Promise<Breaching> {
  const list = await rpc<DossierListOutput>(request, url, 'dossiers.list', { filters: { compliance: ['breach'] }, limit: 100 });
  let fallback: Breaching | null = null;
  for (const row of list.rows) {
    const compliance = await rpc<DossierComplianceOutput>(request, url, 'compliance.dossier', { id: row.id });
    const breaches = compliance.items.filter((item) => item.status === 'breach');
    const quoting = breaches.find((item) => item.yearly && /\d/.test(item.explanation));
    if (quoting) return { id: row.id, operatorId: row.operatorId, compliance, breach: quoting };
    if (!fallback && breaches[0]) fallback = { id: row.id, operatorId: row.operatorId, compliance, breach: breaches[0] };
  }
  if (fallback) return fallback;
  throw new Error('No demo dossier with a breach');
}

async function openApp(page: Page, url: string, hash: string): Promise<void> {
  await page.goto(`${url.replace(/#.*$/, '')}${hash}`);
}

/** « 2 non conformes, 1 à surveiller, 1 donnée manquante », as the page words the counts. */
function countsText(summary: { breaches: number; warnings: number; missing: number }): string {
  const parts: string[] = [];
  if (summary.breaches > 0) parts.push(`${summary.breaches} non conforme${summary.breaches > 1 ? 's' : ''}`);
  if (summary.warnings > 0) parts.push(`${summary.warnings} à surveiller`);
  if (summary.missing > 0) parts.push(`${summary.missing} donnée${summary.missing > 1 ? 's' : ''} manquante${summary.missing > 1 ? 's' : ''}`);
  return parts.join(', ');
}

const shown = (iso: string) => iso.split('-').reverse().join('/');

test.describe('compliance on the dossier page', () => {
  test('a breaching demo dossier shows « Non conforme » with its explanation quoting the figures, its legal basis and its history', async ({ page, request, demoUrl }) => {
    const { id, compliance, breach } = await pickBreaching(request, demoUrl);

    // The French alias of the section name leads to it too.
    await openApp(page, demoUrl, `#/dossiers/${id}?section=conformite`);
    const region = page.getByRole('region', { name: 'Conformité', exact: true });
    await expect(region).toBeInViewport();
    await expect(page.getByRole('navigation', { name: 'Sections du dossier' }).getByRole('link', { name: 'Conformité' })).toHaveAttribute(
      'aria-current',
      'location',
    );

    // The summary line: the counts and the date of the assessment.
    await expect(region.getByTestId('compliance-summary')).toHaveText(`${countsText(compliance.summary)} — évalué au ${shown(compliance.asOf)}`);

    // Problems first: the first group of the checklist is the breaches.
    const groups = region.getByTestId('compliance-checklist').locator('.cx-group-title');
    await expect(groups.first()).toHaveText(new RegExp(`^Non conformes? \\(${compliance.summary.breaches}\\)$`));

    const line = region.locator(`li[data-rule="${breach.ruleId}"]`);
    await expect(line).toContainText('Non conforme');
    await expect(line).toContainText(breach.title);
    await expect(line.locator('.cx-explanation')).toHaveText(breach.explanation);
    await expect(line.locator('.cx-basis')).toContainText(`Base légale : ${breach.legalBasis.text}`);
    if (breach.legalBasis.article) await expect(line.locator('.cx-basis')).toContainText(breach.legalBasis.article);

    // The history: the operator's report years as columns, each cell explained in its tooltip.
    const history = region.getByTestId('compliance-history');
    if (compliance.history.years.length > 0) {
      await expect(history.locator('thead th')).toHaveText(['Règle', ...compliance.history.years.map(String)]);
      const row = compliance.history.rows[0]!;
      const cell = row.byYear[0]!;
      const column = compliance.history.years.indexOf(cell.year);
      const td = history.locator(`tr[data-rule="${row.ruleId}"] td`).nth(column);
      await expect(td).toHaveAttribute('title', new RegExp(`— ${escape(cell.explanation)}$`));
      // …and in its text for screen readers, not only on hover.
      await expect(td).toContainText(cell.explanation);
    }

    // The header's badge says the same counts and leads back to the section.
    const badge = page.getByTestId('compliance-summary-badge');
    await expect(badge).toContainText(countsText(compliance.summary));
    await page.getByRole('navigation', { name: 'Sections du dossier' }).getByRole('link', { name: 'Synthèse' }).click();
    await badge.click();
    await expect(page).toHaveURL(new RegExp(`#/dossiers/${id}\\?section=compliance$`));
    await expect(region).toBeInViewport();

    const size = page.viewportSize();
    await page.setViewportSize({ width: 1366, height: 2600 });
    await region.screenshot({ path: `${SHOTS}/compliance-checklist.png` });
    if (size) await page.setViewportSize(size);
    await openApp(page, demoUrl, `#/dossiers/${id}`);
    await expect(badge).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/compliance-dossier-header.png` });
  });
});

test.describe('compliance on the dossier page: missing data', () => {
  test('a rule without its figures says « Données manquantes » and names the missing fields, never « Conforme »', async ({ page, request, demoUrl }) => {
    const list = await rpc<DossierListOutput>(request, demoUrl, 'dossiers.list', { filters: { compliance: ['missing'] }, limit: 20 });
    const row = list.rows[0];
    if (!row) throw new Error('No demo dossier with missing data');
    const compliance = await rpc<DossierComplianceOutput>(request, demoUrl, 'compliance.dossier', { id: row.id });
    const missing = compliance.items.find((item) => item.status === 'missing')!;

    await openApp(page, demoUrl, `#/dossiers/${row.id}?section=compliance`);
    const line = page.getByRole('region', { name: 'Conformité', exact: true }).locator(`li[data-rule="${missing.ruleId}"]`);
    await expect(line).toContainText('Données manquantes');
    await expect(line.locator('.cx-missing-fields')).toHaveText(`Manque : ${missing.missing.join(' ; ')}`);
    await expect(line).not.toContainText('Conforme');
    await line.screenshot({ path: `${SHOTS}/compliance-missing.png` });
  });
});

test.describe('compliance in the Dossiers table', () => {
  test('filtered on « Non conformes », the table shows only rows flagged with a breach, and fewer of them', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const { bodyRows, count } = grid(page);
    const total = countValue(await count.innerText());
    await expect(page.getByRole('columnheader', { name: 'Conformité' })).toBeVisible();

    await page.getByRole('button', { name: /^Conformité/ }).click();
    await page.getByRole('checkbox', { name: 'Non conformes' }).check();
    await expect(page).toHaveURL(/compliance=breach/);
    await expect.poll(async () => countValue(await count.innerText())).toBeLessThan(total);
    const filtered = countValue(await count.innerText());
    expect(filtered).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/compliance-table-filter.png` });
    await page.keyboard.press('Escape');

    // Every row shown carries a red « non conforme » pill, whose tooltip names the rules.
    await expect(bodyRows.first()).toBeVisible();
    const cells = bodyRows.locator('[role="gridcell"]:nth-child(' + (COL.compliance + 1) + ')');
    const flags = await cells.evaluateAll((elements) =>
      elements.map((cell) => ({
        breach: cell.querySelector('[data-status="breach"]')?.textContent ?? null,
        title: cell.querySelector('.cx-flags')?.getAttribute('title') ?? '',
      })),
    );
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of flags) {
      expect(flag.breach).toMatch(/^Non conforme : \d+$/);
      expect(flag.title).toMatch(/^Non conforme : \S/);
    }
    await page.screenshot({ path: `${SHOTS}/compliance-table.png` });

    // Cleared, the table lists every dossier again.
    await page.getByRole('button', { name: 'Effacer les filtres' }).first().click();
    await expect.poll(async () => countValue(await count.innerText())).toBe(total);
  });

  test('the compliance filter is kept by a saved view', async ({ page, freshDemo }) => {
    await openDossiers(page, freshDemo.url);
    await page.getByRole('button', { name: /^Conformité/ }).click();
    await page.getByRole('checkbox', { name: 'Données manquantes' }).check();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/compliance=missing/);

    await page.getByTestId('views-menu').click();
    await page.getByRole('button', { name: 'Enregistrer l’état actuel comme nouvelle vue' }).click();
    await page.getByLabel('Enregistrer l’état actuel comme nouvelle vue').fill('Données manquantes');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Appliquer la vue « Données manquantes »' })).toBeVisible();
    await page.getByTestId('views-menu').click();

    await openApp(page, freshDemo.url, '#/dossiers');
    await page.reload();
    await expect(page).not.toHaveURL(/compliance=/);
    await page.getByTestId('views-menu').click();
    await page.getByRole('button', { name: 'Appliquer la vue « Données manquantes »' }).click();
    await expect(page).toHaveURL(/compliance=missing/);
    await expect(page.getByRole('button', { name: /^Conformité/ })).toContainText('Données manquantes');
  });
});

test.describe('compliance on the operator page', () => {
  test('the trend shows each report year with its breaches, warnings and missing data', async ({ page, request, demoUrl }) => {
    const { operatorId } = await pickBreaching(request, demoUrl);
    const trend = await rpc<OperatorComplianceOutput>(request, demoUrl, 'compliance.operator', { id: operatorId });
    const scheme = trend.schemes.find((s) => s.years.some((y) => y.breaches > 0)) ?? trend.schemes.find((s) => s.years.length > 0);
    if (!scheme) throw new Error('The breaching operator has no report year');
    const years = [...scheme.years].sort((a, b) => a.year - b.year);

    await openApp(page, demoUrl, `#/operators/${operatorId}`);
    const region = page.getByTestId('compliance-trend');
    await expect(region.getByRole('heading', { name: 'Conformité au fil des années' })).toBeVisible();
    const line = region.getByTestId(`compliance-trend-line-${scheme.scheme}`);
    await expect(line).toHaveText(years.map((y) => `${y.year} : ${countsText(y) || 'aucun écart'}`).join('·'));

    const table = region.locator(`[data-scheme="${scheme.scheme}"] table`);
    await expect(table.locator('thead th')).toHaveText(['Règle', ...years.map((y) => String(y.year))]);
    const breachRow = table.getByRole('row', { name: /^Non conformes/ });
    await expect(breachRow.locator('td')).toHaveText(years.map((y) => String(y.breaches)));

    await region.scrollIntoViewIfNeeded();
    await region.screenshot({ path: `${SHOTS}/compliance-operator-trend.png` });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
