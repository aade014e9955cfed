/**
 * First start: an empty workspace folder shows the welcome screen, which creates a workspace or
 * opens the demonstration.
 */
import { resolve } from 'node:path';
import { ROOT } from './server';
import { countValue, expect, grid, test } from './fixtures';

test.describe('welcome screen', () => {
  test('creates a secretariat workspace and lands on the Dossiers table', async ({ page, emptyShell }) => {
    await page.goto(emptyShell.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Bienvenue dans Dossiers COMES' })).toBeVisible();
    await expect(page.getByText(emptyShell.dir, { exact: true })).toBeVisible();
    // The token is taken from the address, then removed from it.
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'welcome.png') });

    await page.getByLabel('Nom de l’espace de travail').fill('Secrétariat de la COMES — SPW Économie');
    await page.getByRole('radio', { name: /Secrétariat/ }).check();
    await page.getByRole('button', { name: 'Créer l’espace de travail' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeVisible();
    await expect(page.getByTestId('workspace-name')).toHaveText('Secrétariat de la COMES — SPW Économie');
    const banner = page.getByRole('banner');
    await expect(banner.getByText('Secrétariat', { exact: true })).toBeVisible();
    await expect(banner.getByText('Démonstration', { exact: true })).toHaveCount(0);
    // A new workspace has no dossier yet, and says so.
    await expect(grid(page).count).toHaveText(/^0\s+dossier$/);
    await expect(page.getByText('Aucun dossier n’est encore enregistré dans cet espace de travail.')).toBeVisible();
    // Every section of the navigation leads to its screen.
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await expect(nav.getByRole('link', { name: 'Dossiers' })).toHaveAttribute('aria-current', 'page');
    for (const [name, hash] of [['Séances', '#/sessions'], ['Opérateurs', '#/operators'], ['Échéances', '#/deadlines'], ['Membres', '#/members'], ['Recherche', '#/search']]) {
      await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('href', new RegExp(`^${hash}`));
      await expect(nav.getByRole('link', { name, exact: true })).not.toHaveAttribute('aria-disabled', 'true');
    }

    // The workspace is really created: a reload opens it, not the welcome screen.
    await page.reload();
    await expect(page.getByTestId('workspace-name')).toHaveText('Secrétariat de la COMES — SPW Économie');
  });

  test('refuses an empty name with the French message and creates nothing', async ({ page, emptyShell }) => {
    await page.goto(emptyShell.url);
    const name = page.getByLabel('Nom de l’espace de travail');
    const create = page.getByRole('button', { name: 'Créer l’espace de travail' });

    await create.click();
    await expect(page.getByRole('alert')).toHaveText('Indiquez un nom pour l’espace de travail.');
    await expect(name).toHaveAttribute('aria-invalid', 'true');

    // Spaces only: the same refusal (the name is trimmed).
    await name.fill('    ');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await create.click();
    await expect(page.getByRole('alert')).toHaveText('Indiquez un nom pour l’espace de travail.');

    await expect(page.getByRole('heading', { level: 1, name: 'Bienvenue dans Dossiers COMES' })).toBeVisible();
    const status = await page.evaluate(async (token) => {
      const response = await fetch('/rpc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-comes-token': token },
        body: JSON.stringify({ method: 'workspace.status', input: {} }),
      });
      return (await response.json()) as { ok: boolean; data?: { state: string } };
    }, emptyShell.token);
    expect(status).toMatchObject({ ok: true, data: { state: 'empty' } });
  });

  test('opens the demonstration, showing progress while it is prepared', async ({ page, emptyShell }) => {
    await page.goto(emptyShell.url);
    // Hold the demo request a moment so the busy state can be observed whatever the machine's speed.
    await page.route('**/rpc', async (route) => {
      if (route.request().postData()?.includes('"workspace.loadDemo"')) await new Promise((r) => setTimeout(r, 1_000));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Ouvrir la démonstration' }).click();

    await expect(page.getByRole('status')).toContainText('Préparation de la démonstration');
    await expect(page.getByRole('button', { name: 'Ouvrir la démonstration' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Créer l’espace de travail' })).toBeDisabled();
    await expect(page.getByLabel('Nom de l’espace de travail')).toBeDisabled();

    await expect(page.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeVisible({ timeout: 120_000 });
    await expect(page.getByRole('banner').getByText('Démonstration', { exact: true })).toBeVisible();
    await expect(grid(page).count).toHaveText(/^[\d\s\u00a0\u202f]+ dossiers$/);
    expect(countValue(await grid(page).count.innerText())).toBeGreaterThan(0);
    await expect(grid(page).bodyRows.first()).toBeVisible();
  });
});
