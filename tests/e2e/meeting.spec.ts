/**
 * Meeting mode: the secretariat opens an upcoming demo session in meeting mode (full screen, no
 * app navigation), records the attendance until the quorum is reached, opens the session, tries
 * an unfavourable opinion without motivation (refused, the French message next to the field),
 * records it with a motivation and a vote, goes to the next item with the keyboard, adjourns it,
 * and finds the dossier on the next session's agenda.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

function query<T>(dir: string, sql: string, ...params: unknown[]): T {
  const db = new Database(join(dir, 'comes.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

test('meeting mode: attendance and quorum, a refused then recorded opinion, an adjourned item carried to the next session', async ({ page, freshDemo }) => {
  const [session, next] = [0, 1].map((n) =>
    query<{ id: number; number: number }>(freshDemo.dir, `SELECT id, number FROM sessions WHERE status = 'planned' ORDER BY held_on LIMIT 1 OFFSET ?`, n),
  );
  if (!session || !next) throw new Error('the demo has two planned sessions');
  const second = query<{ reference: string; dossierId: number }>(
    freshDemo.dir,
    `SELECT d.reference, d.id AS dossierId FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id WHERE ai.session_id = ? AND ai.position = 2`,
    session.id,
  );

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${freshDemo.url}#/sessions/${session.id}`);
  await page.getByRole('link', { name: 'Mode séance' }).click();
  await expect(page).toHaveURL(new RegExp(`#/sessions/${session.id}/meeting$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^Séance n° ${session.number} — `));
  // Full screen: no app navigation.
  await expect(page.getByRole('navigation', { name: /principale|main/i })).toHaveCount(0);
  const quorum = page.getByTestId('quorum');
  await expect(quorum).toContainText('Quorum non atteint : 0 membre votant présent sur 9 (majorité : 5)');
  await expect(page.getByText('Point 1 / ')).toBeVisible();

  // Attendance: five voting members present reach the quorum.
  await page.getByRole('button', { name: 'Présences' }).click();
  const attendance = page.getByRole('dialog', { name: 'Présences' });
  for (let i = 0; i < 5; i += 1) {
    await attendance.getByRole('radiogroup').nth(i).getByText('Présent', { exact: true }).click();
    await expect(attendance.getByRole('status')).toContainText(`${i + 1} membre`);
  }
  await attendance.getByRole('radiogroup').nth(5).getByText('Excusé', { exact: true }).click();
  await expect(attendance.getByRole('status')).toHaveText('Quorum atteint : 5 membres votants présents sur 9 (majorité : 5)');
  await page.screenshot({ path: `${SHOTS}/s5b-meeting-attendance.png` });
  await attendance.getByRole('button', { name: 'Fermer' }).click();
  await expect(quorum).toContainText('Quorum atteint : 5 membres votants présents sur 9 (majorité : 5)');

  await page.getByRole('button', { name: 'Ouvrir la séance' }).click();
  await expect(page.getByText('En cours', { exact: true })).toBeVisible();

  // An unfavourable opinion without motivation is refused, the message beside the field.
  const form = page.locator('.mt-form');
  await form.getByLabel('Défavorable').check();
  await expect(form.getByText('(obligatoire)')).toBeVisible();
  await form.getByLabel('Vote', { exact: true }).check();
  await form.getByLabel('Pour').fill('1');
  await form.getByLabel('Contre').fill('2');
  await form.getByLabel('Abstentions').fill('1');
  await form.getByRole('button', { name: 'Enregistrer l’avis' }).click();
  const motivation = form.getByLabel(/^Motivation/);
  await expect(motivation).toHaveAttribute('aria-invalid', 'true');
  await expect(motivation).toHaveAccessibleDescription(/Un avis défavorable doit être motivé/);
  await expect(page.locator('.mt-agenda-item').first()).toContainText('sans avis');
  await page.screenshot({ path: `${SHOTS}/s5b-meeting-refused.png` });

  await motivation.fill('Le plan financier ne démontre pas la viabilité de l’activité.');
  await form.getByRole('button', { name: 'Enregistrer l’avis' }).click();
  await expect(page.getByTestId('recorded-opinion')).toContainText('Avis enregistré : Défavorable');
  await expect(page.getByTestId('recorded-opinion')).toContainText('1 pour, 2 contre, 1 abstention');
  await expect(page.locator('.mt-agenda-item').first()).toContainText('avis enregistré');

  // Next item by the keyboard, then adjourn it.
  await page.locator('body').press('PageDown');
  await expect(page.getByText('Point 2 / ')).toBeVisible();
  await expect(page.locator('.mt-item-ref')).toHaveText(second.reference);
  await page.locator('.mt-form').getByRole('button', { name: 'Ajourner' }).click();
  const adjourn = page.getByRole('dialog', { name: 'Ajourner le point 2' });
  await expect(adjourn).toContainText(`séance n° ${next.number}`);
  await adjourn.getByLabel('Ajourné — audition').check();
  await adjourn.getByLabel(/^Motif de l’ajournement/).fill('Entendre le gestionnaire sur le plan d’embauche.');
  await adjourn.getByRole('button', { name: 'Ajourner' }).click();
  await expect(adjourn).toHaveCount(0);
  await expect(page.locator('.mt-agenda-item').nth(1)).toContainText('ajourné');
  await expect(page.getByTestId('recorded-opinion')).toContainText('Ajourné — audition');
  await page.screenshot({ path: `${SHOTS}/s5b-meeting.png` });

  expect(query<{ status: string }>(freshDemo.dir, 'SELECT status FROM dossiers WHERE id = ?', second.dossierId).status).toBe('scheduled'); // carried to the next agenda

  // Escape leaves meeting mode; the dossier is on the next session's agenda.
  await page.locator('body').press('Escape');
  await expect(page).toHaveURL(new RegExp(`#/sessions/${session.id}$`));
  await page.goto(`${freshDemo.url}#/sessions/${next.id}`);
  await expect(page.locator(`.sp-item[data-reference="${second.reference}"]`)).toBeVisible();
});
