/**
 * Closing a session and what follows (issue 5): the secretariat closes a session whose items all
 * have an opinion (after a confirmation listing what will be locked), amends a locked opinion —
 * refused without a reason, then kept beside the original with its date and reason — and records
 * the ministerial decision on a dossier, whose 60-day appeal deadline then shows in Échéances.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });

const iso = (d: Date) => d.toISOString().slice(0, 10);
const shown = (isoDate: string) => isoDate.split('-').reverse().join('/');

/**
 * The demo's next planned session, held yesterday (or the nearest free day before) and now in
 * progress, every item given a favourable opinion by consensus — as meeting mode leaves it.
 */
function sessionHeldWithOpinions(dir: string): { id: number; number: number; heldOn: string; items: number } {
  const db = new Database(join(dir, 'comes.sqlite'), { fileMustExist: true });
  try {
    const session = db.prepare(`SELECT id, number FROM sessions WHERE status = 'planned' ORDER BY held_on LIMIT 1`).get() as { id: number; number: number };
    const taken = db.prepare(`SELECT 1 FROM sessions WHERE held_on = ? AND status <> 'cancelled'`);
    const day = new Date();
    do day.setUTCDate(day.getUTCDate() - 1);
    while (taken.get(iso(day)));
    const heldOn = iso(day);
    db.prepare(`UPDATE sessions SET held_on = ?, status = 'in_progress' WHERE id = ?`).run(heldOn, session.id);
    const items = db.prepare('SELECT id, dossier_id AS dossierId FROM agenda_items WHERE session_id = ?').all(session.id) as { id: number; dossierId: number }[];
    const insert = db.prepare(`INSERT INTO opinions (agenda_item_id, dossier_id, outcome, consensus, given_on) VALUES (?, ?, 'favourable', 1, ?)`);
    for (const item of items) insert.run(item.id, item.dossierId, heldOn);
    return { ...session, heldOn, items: items.length };
  } finally {
    db.close();
  }
}

/** A dossier with an opinion given before today and no decision yet. */
function dossierAwaitingDecision(dir: string): { id: number; reference: string } {
  const db = new Database(join(dir, 'comes.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT d.id, d.reference FROM dossiers d JOIN opinions op ON op.dossier_id = d.id
         WHERE NOT EXISTS (SELECT 1 FROM decisions de WHERE de.dossier_id = d.id) AND op.given_on < date('now')
         ORDER BY op.given_on DESC LIMIT 1`,
      )
      .get() as { id: number; reference: string };
  } finally {
    db.close();
  }
}

test('the secretariat closes a session, then amends a locked opinion beside the original', async ({ page, freshDemo }) => {
  const session = sessionHeldWithOpinions(freshDemo.dir);
  expect(session.items).toBeGreaterThan(1);
  await page.goto(`${freshDemo.url}#/sessions/${session.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Séance n° ${session.number}`);

  const bar = page.getByRole('region', { name: 'Clôture de la séance' });
  await expect(bar).toContainText(`${session.items} / ${session.items} points avec avis`);
  await bar.getByRole('button', { name: 'Clôturer la séance' }).click();
  const confirm = page.getByRole('dialog', { name: `Clôturer la séance n° ${session.number}` });
  await expect(confirm).toContainText(`${session.items} avis seront verrouillés`);
  await page.screenshot({ path: `${SHOTS}/s5b-closing-confirm.png` });
  await confirm.getByRole('button', { name: 'Clôturer la séance' }).click();
  await expect(confirm).toBeHidden();

  const block = page.getByRole('region', { name: 'Avis rendus' });
  await expect(block).toBeVisible();
  await expect(block).toContainText('Séance clôturée le');
  await expect(page.locator('.sp-status')).toHaveText('Clôturée');
  await expect(block.locator('.cl-item')).toHaveCount(session.items);

  // Amend the first item's opinion: refused without a reason, then saved beside the original.
  const first = block.locator('.cl-item').first();
  const reference = (await first.getAttribute('data-reference')) ?? '';
  await first.getByRole('button', { name: /^Rectifier l’avis du point n° 1/ }).click();
  const amend = page.getByRole('dialog', { name: `Rectifier l’avis du point n° 1 — ${reference}` });
  await amend.getByLabel('Avis rectifié').selectOption('favourable_conditions');
  await amend.getByLabel('Conditions').fill('Transmettre le plan de formation avant le 31 mars.');
  await amend.getByLabel('Motivation').fill('Le plan de formation manquait au dossier examiné en séance.');
  await amend.getByRole('button', { name: 'Enregistrer la rectification' }).click();
  await expect(amend.getByText('Indiquez le motif de la rectification.')).toBeVisible();
  await expect(amend).toBeVisible();
  await amend.getByLabel('Motif de la rectification').fill('Erreur matérielle dans le procès-verbal');
  await page.screenshot({ path: `${SHOTS}/s5b-amend-dialog.png` });
  await amend.getByRole('button', { name: 'Enregistrer la rectification' }).click();
  await expect(amend).toBeHidden();

  const today = shown(iso(new Date()));
  await expect(first.getByTestId('original-opinion')).toContainText('Favorable');
  await expect(first.getByTestId('original-opinion')).toContainText('Par consensus');
  const amendment = first.getByTestId('amendment');
  await expect(amendment).toContainText(`Rectification du ${today} — motif : Erreur matérielle dans le procès-verbal`);
  await expect(amendment).toContainText('Favorable sous conditions');
  await expect(amendment).toContainText('Transmettre le plan de formation avant le 31 mars.');
  await first.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/s5b-opinions-amended.png`, fullPage: false });
});

test('the secretariat records a ministerial decision; its appeal deadline shows in Échéances', async ({ page, freshDemo }) => {
  const dossier = dossierAwaitingDecision(freshDemo.dir);
  await page.goto(`${freshDemo.url}#/dossiers/${dossier.id}`);
  await page.getByRole('link', { name: 'Enregistrer la décision ministérielle' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Décision ministérielle — ${dossier.reference}` })).toBeVisible();

  const form = page.getByRole('form', { name: 'Nouvelle décision' });
  await form.getByLabel('Décision', { exact: true }).selectOption('refuse');
  const today = iso(new Date());
  // A notification before the decision is refused beside its field.
  await form.getByLabel('Date de notification').fill('01/01/2020');
  await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(form.getByText('La notification ne peut précéder la décision.')).toBeVisible();
  await form.getByLabel('Date de notification').fill(shown(today));
  await form.getByLabel('Référence (arrêté, courrier)').fill('AM/2026/114');
  await page.screenshot({ path: `${SHOTS}/s5b-decision-form.png` });
  await form.getByRole('button', { name: 'Enregistrer la décision' }).click();

  const decision = page.getByTestId('decision').last();
  await expect(decision).toContainText('Refus');
  await expect(decision).toContainText('AM/2026/114');
  await expect(page.getByText('Décidé', { exact: true }).first()).toBeVisible();
  await decision.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/s5b-decision-synthesis.png` });

  const due = new Date(`${today}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + 60);
  await page.goto(`${freshDemo.url}#/deadlines?kind=appeal_window`);
  const row = page.getByRole('grid', { name: 'Liste des échéances' }).locator('[role="row"]', { hasText: dossier.reference });
  await expect(row).toBeVisible();
  await expect(row).toContainText(shown(iso(due)));
  await expect(row).toContainText('Dernier jour du recours au Conseil d’État');
  await page.screenshot({ path: `${SHOTS}/s5b-appeal-deadline.png` });
});
