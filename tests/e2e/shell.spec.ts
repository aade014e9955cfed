/** The app frame and the browser shell's transport: language, navigation, token. */
import { expect, openDossiers, test } from './fixtures';

test('the English locale changes the navigation and is remembered', async ({ page, demoUrl }) => {
  await openDossiers(page, demoUrl);
  const banner = page.getByRole('banner');
  await expect(banner.getByText('Démonstration', { exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.getByRole('group', { name: 'Langue de l’interface' }).getByRole('button', { name: 'EN', exact: true }).click();
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const name of ['Sessions', 'Dossiers', 'Operators', 'Deadlines', 'Search']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('columnheader', { name: 'Received' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(banner.getByText('Demonstration', { exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Operators' })).toBeVisible();

  await page.getByRole('group', { name: 'Interface language' }).getByRole('button', { name: 'FR', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Opérateurs' })).toBeVisible();
});

test('the session token leaves the address bar and an RPC without it is refused', async ({ page, demoUrl }) => {
  await openDossiers(page, demoUrl);
  expect(page.url()).not.toContain('token=');

  const refused = await page.evaluate(async () => {
    const response = await fetch('/rpc', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'dossiers.list', input: {} }),
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { code: string } } };
  });
  expect(refused.status).toBe(401);
  expect(refused.body).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

  // A reload of the tab keeps working: the token is kept for the session.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeVisible();
});
