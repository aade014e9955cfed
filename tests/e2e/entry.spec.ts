/**
 * Data entry by the secretariat, each test on its own fresh demo workspace: operators (BCE checked
 * while typing, duplicates refused), activity-report figures (bad values refused at the field,
 * nothing saved), the audit entries of edits, and an edit refused when another window saved first.
 */
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { bceFromBase, formatBce } from '../../shared/bce';
import { ROOT } from './server';
import { expect, test } from './fixtures';

const FULL_PAGE = 'html,body,#root,.app{height:auto!important}.app-main{overflow:visible!important}';

async function shot(page: Page, name: string) {
  await page.addStyleTag({ content: FULL_PAGE });
  await page.screenshot({ path: resolve(ROOT, 'screenshots', `${name}.png`), fullPage: true });
}

/** Opens the app and goes to a hash route (the token is taken from the first URL). */
async function open(page: Page, url: string, hash: string) {
  await page.goto(url);
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** The first operator of the list holding an EI agrément: its page. */
async function openEiOperator(page: Page, url: string): Promise<string> {
  await open(page, url, '#/operators?scheme=EI');
  const first = page.getByRole('table', { name: 'Liste des opérateurs' }).locator('tbody tr').first();
  await expect(first).toBeVisible();
  const name = (await first.locator('td').first().innerText()).trim();
  await first.locator('td').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  return name;
}

test.describe('operators entry', () => {
  test('an invalid BCE number is flagged while typing and refused; a valid one creates the operator', async ({ page, freshDemo }) => {
    await open(page, freshDemo.url, '#/operators');
    await page.getByRole('link', { name: 'Nouvel opérateur' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nouvel opérateur' })).toBeVisible();

    await page.getByLabel('Dénomination').fill('Ressourcerie du Val de Sambre');
    const bce = page.getByLabel('Numéro d’entreprise (BCE)');
    const valid = formatBce(bceFromBase('07031234'));
    const wrongChecksum = valid.slice(0, -1) + String((Number(valid.slice(-1)) + 1) % 10);
    await bce.fill(wrongChecksum);
    const checksumMessage = page.getByText('Le numéro d’entreprise est invalide : les deux derniers chiffres ne correspondent pas au contrôle modulo 97.');
    await expect(checksumMessage).toBeVisible();
    await bce.fill('2464.281.392');
    await expect(page.getByText('Le numéro d’entreprise doit commencer par 0 ou 1.')).toBeVisible();
    await bce.fill(wrongChecksum);
    await page.getByLabel('Code postal').fill('5060');
    await page.getByLabel('Commune').fill('Sambreville');
    await page.getByLabel('Secteur d’activité').fill('ressourcerie');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(checksumMessage).toBeVisible();
    await expect(page).toHaveURL(/#\/operators\/new$/);
    await shot(page, 'entry-operator-invalid-bce');

    await bce.fill(valid);
    await expect(checksumMessage).toHaveCount(0);
    await expect(page.getByText(`Numéro d’entreprise valide : ${valid}`)).toBeVisible();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page).toHaveURL(/#\/operators\/\d+$/);
    await expect(page.getByRole('status').filter({ hasText: 'Opérateur enregistré.' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ressourcerie du Val de Sambre');
    await expect(page.getByTestId('operator-bce')).toHaveText(valid);
    await expect(page.getByTestId('history')).toContainText('Opérateur créé');

    // The new operator is found in the list by its name.
    await page.evaluate(() => {
      window.location.hash = '#/operators?q=sambre';
    });
    await expect(page.getByRole('table', { name: 'Liste des opérateurs' }).getByRole('link', { name: 'Ressourcerie du Val de Sambre' })).toBeVisible();
  });

  test('a BCE number already registered is refused, naming the operator that has it', async ({ page, freshDemo }) => {
    await open(page, freshDemo.url, '#/operators');
    const first = page.getByRole('table', { name: 'Liste des opérateurs' }).locator('tbody tr').first();
    await expect(first).toBeVisible();
    const existingName = (await first.locator('td').first().innerText()).trim();
    const existingBce = (await first.locator('td').nth(1).innerText()).trim();
    const countBefore = await page.getByTestId('operator-count').innerText();

    await page.getByRole('link', { name: 'Nouvel opérateur' }).click();
    await page.getByLabel('Dénomination').fill('Doublon SC');
    await page.getByLabel('Numéro d’entreprise (BCE)').fill(existingBce.replace(/\./g, ' '));
    await page.getByLabel('Code postal').fill('4000');
    await page.getByLabel('Commune').fill('Liège');
    await page.getByLabel('Secteur d’activité').fill('nettoyage');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const message = `Ce numéro d’entreprise est déjà enregistré pour l’opérateur « ${existingName} ».`;
    await expect(page.locator('.field-error').filter({ hasText: message })).toBeVisible();
    await expect(page).toHaveURL(/#\/operators\/new$/);

    await page.getByRole('link', { name: 'Annuler' }).click();
    await expect(page.getByTestId('operator-count')).toHaveText(countBefore);
  });

  test('an operator edit is recorded in its history, field by field', async ({ page, freshDemo }) => {
    await openEiOperator(page, freshDemo.url);
    await page.getByRole('link', { name: 'Modifier', exact: true }).click();
    const commune = page.getByLabel('Commune');
    const before = await commune.inputValue();
    await commune.fill('Gembloux');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Modifications enregistrées.' })).toBeVisible();
    const history = page.getByTestId('history');
    await expect(history.locator('li').first()).toContainText('Opérateur modifié');
    await expect(history.locator('li').first()).toContainText(`Commune : ${before} → Gembloux`);
    await expect(history.locator('li').first()).toContainText('Secrétariat de la COMES — démonstration');
    await shot(page, 'entry-operator-edit');

    await page.getByRole('link', { name: 'Annuler' }).click();
    await expect(page.getByRole('region', { name: 'Identité' })).toContainText('Gembloux');
    await expect(page.getByRole('region', { name: 'Historique des modifications' })).toContainText(`Commune : ${before} → Gembloux`);
  });

  test('an edit based on a copy changed meanwhile in another window is refused, nothing written', async ({ page, context, freshDemo }) => {
    await openEiOperator(page, freshDemo.url);
    await page.getByRole('link', { name: 'Modifier', exact: true }).click();
    await expect(page.getByLabel('Commune')).not.toHaveValue('');
    const editHash = new URL(page.url()).hash;

    // Another window (its own tab, opened from the address printed at start-up).
    const other = await context.newPage();
    await other.goto(`${freshDemo.url}${editHash}`);
    await expect(other.getByLabel('Commune')).not.toHaveValue('');
    await other.getByLabel('Commune').fill('Fenêtre deux');
    await other.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(other.getByRole('status').filter({ hasText: 'Modifications enregistrées.' })).toBeVisible();

    await page.getByLabel('Commune').fill('Fenêtre une');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Cet opérateur a été modifié entre-temps' })).toBeVisible();
    await shot(page, 'entry-operator-conflict');

    await page.reload();
    await expect(page.getByLabel('Commune')).toHaveValue('Fenêtre deux');
  });
});

test.describe('activity-report figures', () => {
  test('a negative or non-numeric figure is refused at its field and nothing is saved; a good value is saved and audited', async ({ page, freshDemo }) => {
    await openEiOperator(page, freshDemo.url);
    await page.getByRole('link', { name: /^Chiffres EI-/ }).first().click();
    await expect(page).toHaveURL(/#\/dossiers\/\d+\/figures$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Chiffres du rapport d’activités — EI-\d{4}-\d{4}$/);
    const fte = page.getByLabel('ETP total');
    const headcount = page.getByLabel('Travailleurs (personnes)', { exact: true });
    const pay = page.getByLabel('Rémunération ETP la plus basse');
    const oldFte = await fte.inputValue();
    const oldHeadcount = await headcount.inputValue();
    expect(oldFte).toMatch(/^\d+(,\d+)?$/);
    expect(await pay.inputValue()).toMatch(/^\d{1,3}( \d{3})*,\d{2}$/);

    // Negative FTE: refused, named in French at the field.
    await fte.fill('-3');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.locator('.field-error').filter({ hasText: '« ETP total » ne peut pas être négatif.' })).toBeVisible();
    await expect(page.getByText('Certaines valeurs sont refusées : corrigez les champs signalés. Rien n’a été enregistré.')).toBeVisible();
    await shot(page, 'entry-figures-refused');
    await page.reload();
    await expect(fte).toHaveValue(oldFte);

    // Letters in a count: refused as well, nothing else saved with it.
    await headcount.fill('douze');
    await fte.fill('99');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.locator('.field-error').filter({ hasText: '« Travailleurs (personnes) » doit être un nombre entier.' })).toBeVisible();
    await page.reload();
    await expect(headcount).toHaveValue(oldHeadcount);
    await expect(fte).toHaveValue(oldFte);

    // A good value, typed with a decimal comma; euros with a space and a comma.
    const newFte = oldFte === '14,5' ? '15,5' : '14,5';
    await fte.fill(newFte);
    await pay.fill('24 800,50');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Chiffres enregistrés.' })).toBeVisible();
    await page.reload();
    await expect(fte).toHaveValue(newFte);
    await expect(pay).toHaveValue('24 800,50');
    const entry = page.getByTestId('history').locator('li').first();
    await expect(entry).toContainText('Chiffres du rapport modifiés');
    await expect(entry).toContainText(`ETP total : ${oldFte} → ${newFte}`);
    await expect(entry).toContainText('Rémunération ETP la plus basse');
    await expect(entry).toContainText('€ 24 800,50'.replace(/ /g, '\u202f').replace('€\u202f', '€\u00a0'));
    await shot(page, 'entry-figures');
  });
});

test.describe('dossiers, agréments and findings entry', () => {
  test('registers a dossier for an operator, then its inspection and a finding, each in the history', async ({ page, freshDemo }) => {
    const operator = await openEiOperator(page, freshDemo.url);
    await page.getByRole('link', { name: 'Nouveau dossier' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nouveau dossier' })).toBeVisible();
    await expect(page.getByText(`Opérateur : ${operator}`)).toBeVisible();
    await page.getByLabel('Type de dossier').selectOption({ label: 'Rapport d’inspection' });
    await page.getByLabel('Objet').fill('Inspection des conditions d’agrément');
    await page.getByLabel('Reçu le').fill('03/11/2026');
    await page.getByLabel('Complet le').fill('01/10/2026');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.locator('.field-error').filter({ hasText: 'Un dossier ne peut être complet avant d’avoir été reçu.' })).toBeVisible();
    await shot(page, 'entry-dossier-new');
    await page.getByLabel('Complet le').fill('05/11/2026');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const created = page.getByRole('status').filter({ hasText: /^Dossier EI-2026-\d{4} enregistré\.$/ });
    await expect(created).toBeVisible();
    const reference = /EI-2026-\d{4}/.exec(await created.innerText())?.[0] ?? '';
    const row = page.getByRole('region', { name: /^Dossiers/ }).getByRole('row').filter({ hasText: reference });
    await expect(row).toContainText('Rapport d’inspection');

    // Its inspection and a finding.
    const dossierId = /#\/dossiers\/(\d+)$/.exec((await row.getByRole('link', { name: reference, exact: true }).getAttribute('href')) ?? '')?.[1];
    await page.evaluate((id) => {
      window.location.hash = `#/dossiers/${id}/findings`;
    }, dossierId);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Inspection et constats — ${reference}`);
    await page.getByLabel('Date de l’inspection').fill('04/11/2026');
    await page.getByLabel('Inspecteur ou inspectrice').fill('M. Delvaux');
    await page.getByLabel('Objet de l’inspection').fill('Contrôle des conditions d’agrément EI');
    await page.getByRole('button', { name: 'Enregistrer l’inspection' }).click();
    const newFinding = page.getByRole('form', { name: 'Nouveau constat' });
    await expect(newFinding).toBeVisible();
    await newFinding.getByLabel('Gravité').selectOption({ label: 'Majeur' });
    await newFinding.getByLabel('Description').fill('Deux contrats à durée déterminée prolongés au-delà de six mois.');
    await newFinding.getByLabel('Suivi attendu pour le').fill('15/01/2027');
    await newFinding.getByRole('button', { name: 'Ajouter le constat' }).click();
    await expect(page.getByRole('form', { name: /^Constats \d+$/ })).toHaveCount(1);
    const history = page.getByTestId('history');
    await expect(history.locator('li').first()).toContainText('Constat ajouté');
    await expect(history).toContainText('Inspection enregistrée');
    await shot(page, 'entry-findings');

    // And the dossier edit form shows the creation in its history.
    await page.evaluate((id) => {
      window.location.hash = `#/dossiers/${id}/edit`;
    }, dossierId);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Modifier le dossier ${reference}`);
    await expect(page.getByLabel('Objet')).toHaveValue('Inspection des conditions d’agrément');
    await expect(page.getByTestId('history')).toContainText('Dossier créé');
    await shot(page, 'entry-dossier-edit');
  });

  test('adds an agrément and its first period; a period without end date must be « durée indéterminée »', async ({ page, freshDemo }) => {
    await openEiOperator(page, freshDemo.url);
    await page.getByRole('link', { name: 'Gérer les agréments' }).click();
    const form = page.getByRole('form', { name: 'Nouvel agrément' });
    await form.getByLabel('Agrément', { exact: true }).selectOption('IDESS');
    await form.getByLabel('Numéro d’agrément').fill('IDESS/2026/077');
    await form.getByLabel('Situation').selectOption({ label: 'Demandé' });
    await form.getByRole('button', { name: 'Ajouter l’agrément' }).click();
    const added = page.getByRole('form', { name: 'IDESS IDESS/2026/077' });
    await expect(added).toBeVisible();
    const period = added.locator('xpath=..').getByRole('form', { name: 'Nouvelle période' });
    await period.getByLabel('Début').fill('01/12/2026');
    await period.getByRole('button', { name: 'Ajouter la période' }).click();
    await expect(period.locator('.field-error')).toHaveText('Indiquez la date de fin de la période (ou choisissez « durée indéterminée »).');
    await period.getByLabel('Fin').fill('30/11/2028');
    await period.getByRole('button', { name: 'Ajouter la période' }).click();
    await expect(page.getByTestId('history').locator('li').first()).toContainText('Période d’agrément ajoutée');
    await shot(page, 'entry-agrements');

    await page.getByRole('link', { name: 'Retour à l’opérateur' }).click();
    const agrements = page.getByRole('region', { name: 'Agréments' });
    await expect(agrements).toContainText('n° IDESS/2026/077');
    await expect(agrements).toContainText('du 01/12/2026 au 30/11/2028 (2 ans)');
  });
});
