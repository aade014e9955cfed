/**
 * A member never sees the dossiers of an operator with which they declared a conflict of interest
 * (DESIGN §1, §3): in that member's workspace the Dossiers table neither lists nor counts them,
 * and opening one by its address shows why it is not communicated, in French — not its content.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { countValue, expect, grid, openDossiers, test } from './fixtures';
import { ROOT, startShell, tempWorkspaceDir } from './server';

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

/** A demo member with a declared conflict of interest (the one agenda.spec.ts uses). */
const MEMBER = 9;

interface Conflicted {
  operatorId: number;
  operatorName: string;
  dossierId: number;
  reference: string;
  subject: string;
  hiddenCount: number;
  allCount: number;
}

function conflictedOf(dir: string): Conflicted {
  const db = new Database(join(dir, 'comes.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT o.id AS operatorId, o.name AS operatorName, d.id AS dossierId, d.reference, d.subject,
                (SELECT count(*) FROM dossiers x WHERE x.operator_id = o.id) AS hiddenCount,
                (SELECT count(*) FROM dossiers) AS allCount
         FROM conflicts c JOIN operators o ON o.id = c.operator_id JOIN dossiers d ON d.operator_id = o.id
         WHERE c.member_id = ? ORDER BY d.received_on DESC LIMIT 1`,
      )
      .get(MEMBER) as Conflicted;
  } finally {
    db.close();
  }
}

test('a member does not see a conflicted operator’s dossiers: not in the table, and refused by address in French', async ({ page }) => {
  const dir = tempWorkspaceDir('member-conflicts');
  try {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    await promisify(execFile)(tsx, [join(ROOT, 'backend', 'cli', 'main.ts'), 'demo', '--workspace', dir, '--profile', 'member', '--member', String(MEMBER)], {
      cwd: ROOT,
      timeout: 300_000,
    });
    const hidden = conflictedOf(dir);
    expect(hidden).toBeDefined();
    expect(hidden.hiddenCount).toBeGreaterThan(0);
    const shell = await startShell(dir);
    try {
      // The table counts every dossier but the operator's.
      await openDossiers(page, shell.url);
      const { count, bodyRows } = grid(page);
      expect(countValue(await count.innerText())).toBe(hidden.allCount - hidden.hiddenCount);
      await expect(bodyRows.first()).toBeVisible();
      expect(await page.locator('main').innerText()).not.toContain(hidden.operatorName);
      // Filtered on the operator's name or the dossier's reference: nothing.
      const search = page.getByRole('searchbox', { name: 'Rechercher' });
      for (const text of [hidden.operatorName, hidden.reference]) {
        await search.fill(text);
        await expect(page.getByText('Aucun dossier ne correspond à ces critères.')).toBeVisible();
      }

      // Opened by its address: why it is not shown, and nothing of its content.
      await page.goto(`${shell.url}#/dossiers/${hidden.dossierId}`);
      const notice = page.getByRole('alert');
      await expect(notice.getByRole('heading', { level: 1 })).toHaveText('Dossier non communiqué');
      await expect(notice).toContainText('Ce dossier ne vous est pas communiqué : vous avez déclaré un conflit d’intérêts avec cet opérateur.');
      await expect(page.getByRole('link', { name: /Retour aux dossiers/ })).toBeVisible();
      const text = await page.locator('main').innerText();
      expect(text).not.toContain(hidden.reference);
      expect(text).not.toContain(hidden.operatorName);
      expect(text).not.toContain(hidden.subject);
      await page.screenshot({ path: `${SHOTS}/s5-hidden-dossier.png` });

      // The operator's own page likewise.
      await page.goto(`${shell.url}#/operators/${hidden.operatorId}`);
      await expect(page.getByRole('alert').getByRole('heading', { level: 1 })).toHaveText('Opérateur non communiqué');
      await expect(page.getByRole('alert')).toContainText('vous avez déclaré un conflit d’intérêts');
      expect(await page.locator('main').innerText()).not.toContain(hidden.operatorName);
    } finally {
      await shell.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
