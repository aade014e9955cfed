/**
 * The Dossiers table finished: grouping with counts, columns shown/hidden and resized, saved
 * views kept in the workspace and restored after a reload and after restarting the app.
 */
import { resolve } from 'node:path';
import { ROOT, startShell } from './server';
import { columnWidth, countValue, expect, grid, groupCount, groupRows, openDossiers, resizeColumn, test } from './fixtures';
import type { Page } from '@playwright/test';

const shot = (page: Page, name: string) => page.screenshot({ path: resolve(ROOT, 'screenshots', name) });

test.describe('Dossiers table: grouping and columns', () => {
  test('grouping by status shows a header with its count before each group, collapsible', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const { count, root } = grid(page);
    const total = countValue(await count.innerText());
    await page.getByLabel('Grouper par').selectOption('status');
    await expect(page).toHaveURL(/group=status/);
    const headers = groupRows(page);
    await expect(headers.first()).toBeVisible();
    // The first group: a status label and its count; the rows under it all have that status.
    const first = await headers.first().innerText();
    expect(first).toMatch(/^Reçu\s+[\d\s\u00a0\u202f]+ dossiers?/);
    const firstCount = groupCount(first);
    const statuses = await root.locator('.grid-body [role="row"][data-dossier-id]').evaluateAll(
      (rows, n) => rows.slice(0, n).map((row) => (row.querySelectorAll('[role="gridcell"]')[4]?.textContent ?? '').trim()),
      Math.min(firstCount, 5),
    );
    expect(statuses.length).toBe(Math.min(firstCount, 5));
    expect(statuses.every((status) => status === 'Reçu')).toBe(true);
    await shot(page, 'dossiers-grouped.png');

    // Collapsing the first group brings the next group's header right under it.
    await headers.first().click();
    await expect(headers.first()).toHaveAttribute('aria-expanded', 'false');
    await expect(headers.nth(1)).toHaveAttribute('aria-rowindex', '3');
    await expect(headers.nth(1)).toContainText(/^Incomplet/);

    // Every dossier is in one group: with every group folded, the four headers' counts add up to the total.
    await headers.first().click();
    await page.getByLabel('Grouper par').selectOption('scheme');
    await expect(headers.first()).toContainText(/^AC — /);
    for (let index = 0; index < 4; index += 1) {
      await headers.nth(index).click();
      await expect(headers.nth(index)).toHaveAttribute('aria-expanded', 'false');
    }
    await expect(headers).toHaveCount(4);
    const texts = await headers.allInnerTexts();
    expect(texts.map((text) => text.split(' ')[0])).toEqual(['AC', 'EI', 'IDESS', 'IES']);
    expect(texts.map(groupCount).reduce((a, b) => a + b, 0)).toBe(total);
    await expect(grid(page).bodyRows.and(root.locator('[data-dossier-id]'))).toHaveCount(0);
    expect(firstCount).toBeGreaterThan(0);
  });

  test('the keyboard moves over group headers and rows: Enter folds a group, opens a dossier, Escape returns', async ({ page, demoUrl }) => {
    await openDossiers(page, `${demoUrl}#/dossiers?group=session`);
    const { root } = grid(page);
    await expect(groupRows(page).first()).toBeVisible();
    await root.focus();
    await page.keyboard.press('Home');
    const selected = root.locator('[role="row"][aria-selected="true"]');
    await expect(selected).toHaveAttribute('data-group', /.+/);
    await page.keyboard.press('Enter');
    await expect(groupRows(page).first()).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('ArrowRight');
    await expect(groupRows(page).first()).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('j');
    await expect(selected).toHaveAttribute('data-dossier-id', /\d+/);
    const id = await selected.getAttribute('data-dossier-id');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/dossiers/${id}`));
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/#\/dossiers\?group=session$/);
    await expect(root.locator('[role="row"][aria-selected="true"]')).toHaveAttribute('data-dossier-id', id ?? '');
  });

  test('a column can be hidden and shown again, and resized by dragging its edge', async ({ page, demoUrl }) => {
    await openDossiers(page, demoUrl);
    const { bodyRows } = grid(page);
    await page.getByTestId('columns-menu').click();
    await shot(page, 'dossiers-columns-menu.png');
    const kind = page.getByRole('checkbox', { name: 'Type' });
    await kind.uncheck();
    await expect(page.getByRole('columnheader', { name: 'Type' })).toHaveCount(0);
    await expect(bodyRows.first().getByRole('gridcell')).toHaveCount(7);
    await kind.check();
    await expect(page.getByRole('columnheader', { name: 'Type' })).toHaveCount(1);
    await expect(bodyRows.first().getByRole('gridcell')).toHaveCount(8);
    await page.keyboard.press('Escape');

    const before = await columnWidth(page, 'Référence');
    await resizeColumn(page, 'Référence', 90);
    await expect.poll(() => columnWidth(page, 'Référence')).toBeGreaterThan(before + 80);
    // The cells follow their header.
    const cell = await bodyRows.first().getByRole('gridcell').first().boundingBox();
    expect(Math.abs((cell?.width ?? 0) - (await columnWidth(page, 'Référence')))).toBeLessThan(2);
    // The keyboard narrows it back, step by step.
    const handle = page.getByRole('columnheader', { name: 'Référence' }).getByRole('separator');
    await handle.focus();
    const wide = await columnWidth(page, 'Référence');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => columnWidth(page, 'Référence')).toBeLessThan(wide - 10);
  });
});

test.describe('Saved views', () => {
  test('a view (columns hidden and resized, filters, sort, grouping) is restored after a reload and after restarting the app', async ({ page, freshDemo }) => {
    await openDossiers(page, freshDemo.url);
    const { count } = grid(page);

    // The state to save.
    await page.getByTestId('columns-menu').click();
    await page.getByRole('checkbox', { name: 'Type' }).uncheck();
    await page.keyboard.press('Escape');
    await resizeColumn(page, 'Référence', 100);
    const width = await columnWidth(page, 'Référence');
    await page.getByRole('button', { name: 'EI', exact: true }).click();
    await page.getByRole('columnheader', { name: 'Référence' }).getByRole('button').click();
    await page.getByLabel('Grouper par').selectOption('status');
    await expect(page).toHaveURL(/scheme=EI/);
    await expect(page).toHaveURL(/sort=reference&dir=asc/);
    await expect(groupRows(page).first()).toBeVisible();
    const filteredCount = await count.innerText();

    await page.getByTestId('views-menu').click();
    await expect(page.getByText('Aucune vue enregistrée.', { exact: false })).toBeVisible();
    await page.getByRole('button', { name: 'Enregistrer l’état actuel comme nouvelle vue' }).click();
    await page.getByLabel('Enregistrer l’état actuel comme nouvelle vue').fill('EI par statut');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Appliquer la vue « EI par statut »' })).toBeVisible();
    await expect(page.getByTestId('views-menu')).toContainText('EI par statut');

    // A duplicate name (another case) is refused in French; nothing more is saved.
    await page.getByRole('button', { name: 'Enregistrer l’état actuel comme nouvelle vue' }).click();
    await page.getByLabel('Enregistrer l’état actuel comme nouvelle vue').fill('ei PAR statut');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Une vue nommée « ei PAR statut » existe déjà. Choisissez un autre nom.');
    await shot(page, 'dossiers-views-menu-duplicate.png');
    await page.getByRole('button', { name: 'Annuler' }).click();
    await expect(page.locator('.views-item')).toHaveCount(1);
    await shot(page, 'dossiers-views-menu.png');
    await page.getByTestId('views-menu').click();
    await expect(page.locator('.views-panel')).toHaveCount(0);

    // Back to the plain table, then reload: the view is still offered and restores everything.
    await page.getByTestId('columns-menu').click();
    await page.getByRole('button', { name: 'Rétablir les colonnes par défaut' }).click();
    await page.getByTestId('columns-menu').click();
    await page.goto(`${freshDemo.url}#/dossiers`);
    await page.reload();
    await expect(page.getByRole('columnheader', { name: 'Type' })).toHaveCount(1);
    await expect(groupRows(page)).toHaveCount(0);

    const applyAndCheck = async () => {
      await page.getByTestId('views-menu').click();
      await page.getByRole('button', { name: 'Appliquer la vue « EI par statut »' }).click();
      await expect(page).toHaveURL(/scheme=EI/);
      await expect(page.getByRole('columnheader', { name: 'Type' })).toHaveCount(0);
      await expect.poll(() => columnWidth(page, 'Référence')).toBeCloseTo(width, 0);
      await expect(page.getByRole('button', { name: 'EI', exact: true })).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByRole('columnheader', { name: 'Référence' })).toHaveAttribute('aria-sort', 'ascending');
      await expect(page.getByLabel('Grouper par')).toHaveValue('status');
      await expect(groupRows(page).first()).toBeVisible();
      await expect(count).toHaveText(filteredCount);
      await expect(page.getByTestId('views-menu')).toContainText('EI par statut');
    };
    await applyAndCheck();

    // Restart the app on the same workspace (a new origin: nothing kept by the browser).
    await freshDemo.stop();
    const restarted = await startShell(freshDemo.dir);
    try {
      await openDossiers(page, restarted.url);
      await expect(page.getByRole('columnheader', { name: 'Type' })).toHaveCount(1);
      await applyAndCheck();

      // Rename, then delete it.
      await page.getByTestId('views-menu').click();
      await page.getByRole('button', { name: 'Renommer' }).click();
      await page.getByLabel(/Renommer/).fill('EI — par statut');
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await expect(page.getByRole('button', { name: 'Appliquer la vue « EI — par statut »' })).toBeVisible();
      await page.getByRole('button', { name: 'Supprimer' }).first().click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Supprimer' }).click();
      await expect(page.getByText('Aucune vue enregistrée.', { exact: false })).toBeVisible();
    } finally {
      await restarted.stop();
    }
  });
});
