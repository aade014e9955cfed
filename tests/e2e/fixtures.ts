/**
 * Test fixtures: `demoUrl` (the shared demo workspace, read-only tests), `emptyShell`
 * (a fresh empty workspace served for one test, for the welcome screen) and `freshDemo`
 * (a demo workspace of its own for one test that changes data: edits, notes, documents, views).
 */
import { rmSync } from 'node:fs';
import { test as base, expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { createDemoWorkspace, startShell, tempWorkspaceDir, type ShellProcess } from './server';

export const test = base.extend<{ demoUrl: string; emptyShell: ShellProcess; freshDemo: ShellProcess & { dir: string } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured first argument.
  demoUrl: async ({}, use) => {
    const url = process.env.COMES_E2E_DEMO_URL;
    if (!url) throw new Error(process.env.COMES_E2E_DEMO_ERROR ?? 'COMES_E2E_DEMO_URL is not set: the global setup did not run.');
    await use(url);
  },
  // eslint-disable-next-line no-empty-pattern -- idem.
  emptyShell: async ({}, use) => {
    const dir = tempWorkspaceDir('empty');
    const shell = await startShell(dir);
    try {
      await use(shell);
    } finally {
      await shell.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
  // eslint-disable-next-line no-empty-pattern -- idem.
  freshDemo: async ({}, use) => {
    const dir = tempWorkspaceDir('fresh-demo');
    await createDemoWorkspace(dir);
    const shell = await startShell(dir);
    try {
      await use(Object.assign(shell, { dir }));
    } finally {
      await shell.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect };

/** Calls the backend over the same HTTP transport as the UI (`url` is the shell's address with its token). */
export async function rpc<T>(request: APIRequestContext, url: string, method: string, input: unknown): Promise<T> {
  const address = new URL(url);
  const response = await request.post(`${address.origin}/rpc`, {
    headers: { 'x-comes-token': address.searchParams.get('token') ?? '', 'content-type': 'application/json' },
    data: { method, input },
  });
  const body = (await response.json()) as { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`);
  return body.data;
}

/** The Dossiers grid and its parts. */
export function grid(page: Page) {
  const root = page.getByRole('grid', { name: 'Liste des dossiers' });
  const bodyRows = root.locator('.grid-body [role="row"]:not(.is-loading)');
  return { root, bodyRows, count: page.getByTestId('result-count') };
}

/** Column positions in a body row. */
export const COL = { reference: 0, operator: 1, scheme: 2, kind: 3, status: 4, receivedOn: 5, session: 6, compliance: 7 } as const;

/** The text of one column in every loaded, rendered row (DOM order = list order). */
export async function columnTexts(rows: Locator, column: number): Promise<string[]> {
  return rows.evaluateAll(
    (elements, index) => elements.map((row) => (row.querySelectorAll('[role="gridcell"]')[index]?.textContent ?? '').trim()),
    column,
  );
}

/** `05/03/2026` → `2026-03-05`, for comparing dates shown in the table. */
export function isoFromShown(date: string): string {
  const [day, month, year] = date.split('/');
  return `${year}-${month}-${day}`;
}

/** The number in « 1 234 dossiers » (any kind of space as group separator). */
export function countValue(text: string): number {
  const match = /^([\d\s\u00a0\u202f]+)\s+dossiers?$/.exec(text.trim());
  if (!match?.[1]) throw new Error(`Not a dossier count: « ${text} »`);
  return Number(match[1].replace(/\D/g, ''));
}

/** Opens the app and waits until the Dossiers table shows its count. */
export async function openDossiers(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeVisible();
  await expect(grid(page).count).toHaveText(/^[\d\s\u00a0\u202f]+ dossiers?$/);
}

/** Accent- and case-insensitive form, as the backend's search folds text. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The group header rows of the Dossiers grid (when grouped). */
export function groupRows(page: Page): Locator {
  return grid(page).root.locator('.grid-body [role="row"][data-group]');
}

/** The width in pixels of a column header of the Dossiers grid. */
export async function columnWidth(page: Page, name: string): Promise<number> {
  const box = await page.getByRole('columnheader', { name }).boundingBox();
  if (!box) throw new Error(`No column header « ${name} »`);
  return box.width;
}

/** Drags the resize handle at the right edge of a column header by `dx` pixels. */
export async function resizeColumn(page: Page, name: string, dx: number): Promise<void> {
  const handle = page.getByRole('columnheader', { name }).getByRole('separator');
  const box = await handle.boundingBox();
  if (!box) throw new Error(`No resize handle on « ${name} »`);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + dx / 2, y, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + dx, y, { steps: 4 });
  await page.mouse.up();
}

/** The number in a group header's « 12 dossiers ». */
export function groupCount(text: string): number {
  const match = /([\d\s\u00a0\u202f]+)\s+dossiers?\s*$/.exec(text.replace(/(Replier|Déplier) le groupe/, '').trim());
  if (!match?.[1]) throw new Error(`Not a group header count: « ${text} »`);
  return Number(match[1].replace(/\D/g, ''));
}
