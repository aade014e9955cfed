/**
 * The register of members and of declared conflicts of interest: the demo's members with their
 * roles (in office first, former ones apart), declaring a conflict from a member's page (operator
 * found by name), shown on the member's page and on the operator's page, the same pair refused the
 * second time, and a mandate ending before it starts refused — each in French.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import type { ConflictRow, MemberListOutput, OperatorListOutput } from '../../shared/contract';
import { expect, rpc, test } from './fixtures';

const SHOTS = '/tmp/shots';

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.addStyleTag({ content: 'html,body,#root,.app{height:auto!important}.app-main{overflow:visible!important}' });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function open(page: Page, url: string, hash: string) {
  await page.goto(url);
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

const ROLE_FR: Record<string, string> = {
  president: 'Président·e',
  member: 'Membre',
  substitute: 'Suppléant·e',
  secretariat: 'Secrétariat',
  observer: 'Observateur·rice',
};

test('the register lists the demo members with their roles, in office first and former members apart', async ({ page, demoUrl, request }) => {
  const { rows } = await rpc<MemberListOutput>(request, demoUrl, 'members.list', {});
  const active = rows.filter((r) => r.active);
  const former = rows.filter((r) => !r.active);
  expect(active.length).toBeGreaterThanOrEqual(10);
  expect(former.length).toBeGreaterThanOrEqual(1);

  await page.goto(demoUrl);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Membres' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Membres de la Commission' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Registre des membres' });
  const bodies = table.locator('tbody');
  await expect(bodies.first().locator('tr')).toHaveCount(active.length);
  await expect(page.getByTestId('member-count')).toHaveText(`${active.length} en fonction · ${former.length} ancien${former.length > 1 ? 's' : ''}`);

  // In office: the president first; each row shows its role as a word.
  const firstRow = bodies.first().locator('tr').first();
  await expect(firstRow.locator('td').nth(0)).toHaveText(active[0]!.fullName);
  await expect(firstRow.locator('td').nth(3)).toHaveText('Président·e');
  for (const [index, member] of active.entries()) {
    const row = bodies.first().locator('tr').nth(index);
    await expect(row.locator('td').nth(3)).toHaveText(ROLE_FR[member.role]!);
    await expect(row.locator('td').nth(4)).toHaveText(member.voting ? 'Délibérative' : 'Consultative');
    await expect(row.locator('td').nth(6)).toHaveText(String(member.conflictCount));
  }
  // Former members under their own heading.
  await expect(table.getByRole('rowheader', { name: /Anciens membres/ })).toBeVisible();
  await expect(bodies.nth(1)).toContainText(former[0]!.fullName);
  await shot(page, 's5-members-register');

  // A member's page lists their conflicts, read from the register.
  const withConflicts = active.find((r) => r.conflictCount > 0)!;
  await table.getByRole('link', { name: withConflicts.fullName }).click();
  await expect(page.getByRole('heading', { level: 1, name: withConflicts.fullName })).toBeVisible();
  await expect(page.getByRole('table', { name: /Conflits d’intérêts/ }).locator('tbody tr')).toHaveCount(withConflicts.conflictCount);
  await shot(page, 's5-member-page');
});

test('declaring a conflict shows it on the member’s page and on the operator’s; the same pair twice is refused in French', async ({ page, freshDemo, request }) => {
  const { rows } = await rpc<MemberListOutput>(request, freshDemo.url, 'members.list', {});
  const member = rows.find((r) => r.active && r.role === 'member')!;
  const declared = new Set((await rpc<ConflictRow[]>(request, freshDemo.url, 'members.conflicts', { memberId: member.id })).map((c) => c.operatorId));
  const operators = await rpc<OperatorListOutput>(request, freshDemo.url, 'operators.list', { limit: 100 });
  const operator = operators.rows.find((o) => !declared.has(o.id) && o.name.split(' ').length > 1)!;

  await open(page, freshDemo.url, `#/members/${member.id}`);
  await expect(page.getByRole('heading', { level: 1, name: member.fullName })).toBeVisible();
  const conflicts = page.getByRole('table', { name: /Conflits d’intérêts/ });
  const before = member.conflictCount;

  const declare = async () => {
    await page.getByRole('button', { name: 'Déclarer un conflit' }).click();
    const search = page.getByRole('combobox', { name: 'Rechercher un opérateur par nom ou n° BCE' });
    await search.fill(operator.bce);
    await expect(page.getByRole('option').first()).toContainText(operator.name);
    await search.press('Enter');
    await expect(page.locator('.operator-picked')).toContainText(operator.name);
    await page.getByLabel('Nature du conflit').selectOption({ label: 'Lien familial' });
    await page.getByLabel('Date de la déclaration').fill('20/11/2026');
    await page.getByLabel('Note').fill('Conjoint administrateur');
  };

  await declare();
  await shot(page, 's5-member-declare-conflict');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Conflit d’intérêts enregistré.' })).toBeVisible();
  const row = conflicts.locator('tbody tr').filter({ hasText: operator.name });
  await expect(row).toContainText('Lien familial');
  await expect(row).toContainText('20/11/2026');
  await expect(row).toContainText('Conjoint administrateur');
  await expect(conflicts.locator('tbody tr')).toHaveCount(before + 1);

  // The same pair again: refused, naming the member and the operator; nothing added.
  await declare();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(
    page.getByText(`Un conflit d’intérêts entre ${member.fullName} et « ${operator.name} » est déjà déclaré. Modifiez-le plutôt que d’en déclarer un second.`),
  ).toBeVisible();
  await shot(page, 's5-member-conflict-duplicate');
  await page.getByRole('button', { name: 'Annuler' }).click();
  await expect(conflicts.locator('tbody tr')).toHaveCount(before + 1);

  // The operator's page names the member as recused.
  await row.getByRole('link', { name: operator.name }).click();
  const block = page.getByRole('region', { name: /Conflits d’intérêts/ });
  await expect(block.getByRole('link', { name: member.fullName })).toBeVisible();
  await expect(block).toContainText('Lien familial');
  await block.scrollIntoViewIfNeeded();
  await shot(page, 's5-operator-conflicts');

  // Withdrawing it asks for a confirmation, then removes it.
  await block.getByRole('link', { name: member.fullName }).click();
  await conflicts.getByRole('button', { name: `Retirer : ${operator.name}` }).click();
  await shot(page, 's5-member-conflict-confirm');
  await conflicts.getByRole('button', { name: 'Retirer', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Conflit avec « ${operator.name} » retiré.` })).toBeVisible();
  await expect(conflicts.locator('tbody tr').filter({ hasText: operator.name })).toHaveCount(0);
});

test('a mandate ending before it starts is refused in French, nothing saved; a valid member is added', async ({ page, freshDemo, request }) => {
  const before = (await rpc<MemberListOutput>(request, freshDemo.url, 'members.list', {})).rows.length;
  await open(page, freshDemo.url, '#/members');
  await page.getByRole('link', { name: 'Ajouter un membre' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ajouter un membre' })).toBeVisible();
  await page.getByLabel('Nom et prénom').fill('Émilie Renard');
  await page.getByLabel('Adresse e-mail').fill('emilie.renard@saw-b.be');
  await page.getByLabel('Organisation', { exact: true }).fill('SAW-B');
  await page.getByLabel('Rôle').selectOption({ label: 'Suppléant·e' });
  await expect(page.getByLabel('Voix délibérative (vote et compte pour le quorum)')).not.toBeChecked();
  await page.getByLabel('Début du mandat').fill('01/01/2026');
  await page.getByLabel('Fin du mandat').fill('31/12/2025');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('La fin du mandat ne peut précéder son début.')).toBeVisible();
  await expect(page).toHaveURL(/#\/members\/new$/);
  await shot(page, 's5-member-form-refused');
  expect((await rpc<MemberListOutput>(request, freshDemo.url, 'members.list', {})).rows.length).toBe(before);

  await page.getByLabel('Fin du mandat').fill('');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Émilie Renard' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Membre enregistré.' })).toBeVisible();
  await expect(page.locator('.member-summary')).toContainText('Suppléant·e');
  await expect(page.locator('.member-summary')).toContainText('Consultative');
});

test('a member’s workspace reads the register and the conflicts, without any action', async ({ page, freshDemo, request }) => {
  const db = new Database(join(freshDemo.dir, 'comes.sqlite'));
  db.prepare(`UPDATE meta SET value = 'member' WHERE key = 'profile'`).run();
  db.close();
  const { rows } = await rpc<MemberListOutput>(request, freshDemo.url, 'members.list', {});
  const withConflicts = rows.find((r) => r.active && r.conflictCount > 0)!;
  await open(page, freshDemo.url, '#/members');
  await expect(page.getByRole('table', { name: 'Registre des membres' }).locator('tbody tr').first()).toBeVisible();
  await expect(page.getByText('Consultation seule : le registre est tenu par le secrétariat.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ajouter un membre' })).toHaveCount(0);
  await page.getByRole('link', { name: withConflicts.fullName }).click();
  await expect(page.getByRole('table', { name: /Conflits d’intérêts/ }).locator('tbody tr')).toHaveCount(withConflicts.conflictCount);
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Modifier' })).toHaveCount(0);
  await expect(rpc(request, freshDemo.url, 'members.deleteConflict', { id: 1, version: 1 })).rejects.toThrow(/FORBIDDEN/);
});
