/**
 * The dossier page: header, section navigation and the read-only sections (Synthèse, Historique,
 * Rapport d'activités, Inspection, Ce qui a changé) with real demo data. Dossiers are picked
 * through the backend (the same HTTP transport the UI uses), so the assertions compare what the
 * page shows with what the workspace holds.
 */
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import type { DossierEditView, DossierListOutput, DossierReview } from '../../shared/contract';
import { expect, rpc, test } from './fixtures';

const SHOTS = 'screenshots';

/** The first dossier of a list whose review satisfies `accept`. */
async function pickDossier(
  request: APIRequestContext,
  url: string,
  filters: Record<string, unknown>,
  accept: (review: DossierReview) => boolean,
): Promise<DossierReview> {
  const list = await rpc<DossierListOutput>(request, url, 'dossiers.list', { filters, limit: 200 });
  for (const row of list.rows) {
    const review = await rpc<DossierReview>(request, url, 'dossiers.review', { id: row.id });
    if (accept(review)) return review;
  }
  throw new Error(`No demo dossier fits ${JSON.stringify(filters)}`);
}

async function openDossier(page: Page, url: string, id: number, section?: string): Promise<void> {
  const base = url.replace(/#.*$/, '');
  await page.goto(`${base}#/dossiers/${id}${section ? `?section=${section}` : ''}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** A screenshot of a whole section: the window is made tall enough for it first. */
async function shoot(page: Page, region: Locator, file: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: size?.width ?? 1366, height: 3000 });
  await region.screenshot({ path: `${SHOTS}/${file}` });
  if (size) await page.setViewportSize(size);
}

const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** `12.5` → `12,5` as the page writes FTE. */
const fte = (value: number) => value.toLocaleString('fr-BE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

test.describe('the dossier page', () => {
  test('an EI activity report shows its figures beside the two previous years, with the change and charts', async ({ page, request, demoUrl }) => {
    const review = await pickDossier(request, demoUrl, { schemes: ['EI'], kinds: ['activity_report'] }, (r) => {
      const years = new Set(r.figures?.reports.map((x) => x.year));
      const focus = r.figures?.focusYear ?? 0;
      return years.has(focus - 1) && years.has(focus - 2) && r.figures?.reports.find((x) => x.year === focus)?.dossierId === r.dossier.id;
    });
    const figures = review.figures!;
    const focus = figures.reports.find((r) => r.year === figures.focusYear)!;
    const previous = figures.reports.find((r) => r.year === figures.focusYear - 1)!;

    await openDossier(page, demoUrl, review.dossier.id, 'figures');
    const region = section(page, 'Rapport d’activités');
    await expect(region).toBeInViewport();
    await expect(region.getByText(`Rapport d’activités ${figures.focusYear}`, { exact: true })).toBeVisible();

    const table = region.getByTestId('figures-table');
    const headers = await table.locator('thead th').allTextContents();
    expect(headers.slice(1, 4)).toEqual([String(figures.focusYear - 2), String(figures.focusYear - 1), String(figures.focusYear)]);
    expect(headers[4]).toBe(`Évolution sur ${figures.focusYear - 1}–${figures.focusYear}`);

    const fteRow = table.getByRole('row', { name: /^Emploi total \(ETP\)/ });
    const cells = (await fteRow.locator('td').allTextContents()).map((c) => c.replace(/\u202f|\u00a0/g, ' '));
    expect(cells[1]).toBe(fte(previous.fteTotal!));
    expect(cells[2]).toBe(fte(focus.fteTotal!));
    const diff = focus.fteTotal! - previous.fteTotal!;
    expect(cells[3]).toMatch(new RegExp(`^[+−]?${fte(Math.abs(diff)).replace(',', ',')} \\([+−]?\\d+,\\d %\\)$`));

    // The target-public share is in percent and its change in points.
    const shareRow = table.getByRole('row', { name: /^Part du public cible/ });
    await expect(shareRow.locator('td').nth(2)).toHaveText(/^\d{1,3},\d\s%$/);
    await expect(shareRow.locator('td').nth(3)).toHaveText(/^[+−]?\d+,\d pts?$/);

    // Three accessible charts over every year, their values in their description.
    const charts = region.getByRole('img');
    await expect(charts).toHaveCount(3);
    await expect(region.getByRole('img', { name: /Emploi \(ETP\)/ })).toHaveAccessibleName(new RegExp(`${figures.reports[0]!.year} : ${fte(figures.reports[0]!.fteTotal!)}`));
    await expect(region.getByRole('img', { name: /Tension salariale/ })).toHaveAccessibleName(/1:\d,\d/);

    // The secretariat's editing links.
    await expect(page.getByRole('link', { name: 'Saisir / corriger les chiffres' })).toHaveAttribute('href', `#/dossiers/${review.dossier.id}/figures`);
    await expect(page.getByRole('link', { name: 'Modifier le dossier' })).toHaveAttribute('href', `#/dossiers/${review.dossier.id}/edit`);
    await shoot(page, region, 'dossier-figures.png');
  });

  test('an AC activity report shows the business-support figures the complementary subsidy rests on', async ({ page, request, demoUrl }) => {
    const review = await pickDossier(request, demoUrl, { schemes: ['AC'], kinds: ['activity_report'] }, (r) =>
      Boolean(r.figures?.reports.some((x) => x.year === r.figures?.focusYear && x.acProjectsSupported !== null && x.acJobsCreatedFte !== null)),
    );
    const focus = review.figures!.reports.find((r) => r.year === review.figures!.focusYear)!;
    await openDossier(page, demoUrl, review.dossier.id, 'figures');
    const table = section(page, 'Rapport d’activités').getByTestId('figures-table');
    await expect(table.getByRole('rowheader', { name: 'Accompagnement d’entreprises' }).or(table.getByText('Accompagnement d’entreprises'))).toBeVisible();
    const projects = table.getByRole('row').filter({ hasText: 'Projets d’entreprise accompagnés' });
    await expect(projects).toContainText(String(focus.acProjectsSupported));
    const jobs = table.getByRole('row').filter({ hasText: 'Emplois créés (ETP)' });
    await expect(jobs).toContainText(fte(focus.acJobsCreatedFte!));
  });

  test('a decided dossier shows the proposal, the opinion with its vote and the ministerial decision', async ({ page, request, demoUrl }) => {
    const review = await pickDossier(
      request,
      demoUrl,
      { statuses: ['decided'] },
      (r) => r.decisions.length > 0 && r.opinions.length > 0 && r.dossier.proposalOutcome !== null,
    );
    const opinion = review.opinions[0]!;
    const decision = review.decisions[0]!;
    await openDossier(page, demoUrl, review.dossier.id, 'synthesis');
    const region = section(page, 'Synthèse');
    await expect(region).toBeInViewport();
    await expect(region.getByText(review.dossier.subject, { exact: true })).toBeVisible();
    await expect(region.getByTestId('proposal')).toContainText(review.dossier.proposalText ?? '');
    const shownOpinion = region.getByTestId('opinion').first();
    await expect(shownOpinion).toContainText(`séance n° ${opinion.session.number}`);
    if (opinion.consensus) await expect(shownOpinion).toContainText('Par consensus');
    else if (opinion.votesFor !== null) await expect(shownOpinion).toContainText(`${opinion.votesFor} pour`);
    const shownDecision = region.getByTestId('decision').first();
    await expect(shownDecision).toContainText(decision.reference);
    await expect(shownDecision).toContainText(decision.decidedOn.split('-').reverse().join('/'));

    // Header: operator, BCE formatted, the session it was on.
    await expect(page.getByTestId('operator-bce')).toHaveText(review.operator.bce);
    await expect(page.getByRole('link', { name: review.operator.name })).toHaveAttribute('href', `#/operators/${review.operator.id}`);
    const session = review.sessions.at(-1)!;
    await expect(page.getByRole('region', { name: 'Dates clés' })).toContainText(`Séance n° ${session.number} du ${session.heldOn.split('-').reverse().join('/')}`);
    await shoot(page, region, 'dossier-synthesis.png');
  });

  test('an inspection dossier lists its findings with severity, follow-up dates and overdue ones highlighted', async ({ page, request, demoUrl }) => {
    const review = await pickDossier(request, demoUrl, { kinds: ['inspection'] }, (r) =>
      r.inspections.some((i) => i.dossierId === r.dossier.id && i.findings.some((f) => f.resolvedOn === null && f.followUpDueOn !== null && f.followUpDueOn < r.today)),
    );
    const inspection = review.inspections.find((i) => i.dossierId === review.dossier.id)!;
    await openDossier(page, demoUrl, review.dossier.id, 'inspection');
    const region = section(page, 'Inspection');
    await expect(region).toBeInViewport();
    const own = region.getByRole('article', { name: new RegExp(`^Inspection du ${inspection.inspectedOn.split('-').reverse().join('/')}`) });
    const rows = own.getByTestId('findings-table').locator('tbody tr');
    await expect(rows).toHaveCount(inspection.findings.length);
    const overdue = inspection.findings.filter((f) => f.resolvedOn === null && f.followUpDueOn !== null && f.followUpDueOn < review.today);
    await expect(own.locator('tbody tr.is-overdue')).toHaveCount(overdue.length);
    await expect(own.locator('tbody tr.is-overdue').first()).toContainText('en retard');
    await expect(own.locator('tbody tr.is-overdue').first()).toContainText(overdue[0]!.description);
    await expect(page.getByRole('link', { name: 'Ajouter un constat' })).toHaveAttribute('href', `#/dossiers/${review.dossier.id}/findings`);
    await shoot(page, region, 'dossier-inspection.png');
  });

  test('the history tells the operator’s years and links to another dossier of the same operator', async ({ page, request, demoUrl }) => {
    const review = await pickDossier(request, demoUrl, { schemes: ['EI'], kinds: ['renewal'] }, (r) =>
      r.history.some((h) => h.type === 'dossier' && h.dossierId !== r.dossier.id),
    );
    const other = review.history.find((h) => h.type === 'dossier' && h.dossierId !== review.dossier.id);
    if (other?.type !== 'dossier') throw new Error('unreachable');
    await openDossier(page, demoUrl, review.dossier.id, 'history');
    const region = section(page, 'Historique');
    await expect(region).toBeInViewport();
    await expect(region.getByText(`${review.dossier.reference} (ce dossier)`)).toBeVisible();

    // Filtering to dossiers shows exactly the operator's dossiers.
    await region.getByRole('button', { name: 'Dossiers', exact: true }).click();
    const dossiers = review.history.filter((h) => h.type === 'dossier').length;
    await expect(region.getByText(`${dossiers} élément${dossiers > 1 ? 's' : ''}`, { exact: true })).toBeVisible();
    await region.getByRole('button', { name: 'Tout', exact: true }).click();
    await shoot(page, region, 'dossier-history.png');

    await region.getByRole('link', { name: other.reference, exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(other.reference);
    await expect(page).toHaveURL(new RegExp(`#/dossiers/${other.dossierId}$`));
    await expect(page.getByRole('link', { name: review.operator.name })).toBeVisible();
  });

  test('the section navigation scrolls to a section and keeps it in the address', async ({ page, request, demoUrl }) => {
    const review = await pickDossier(request, demoUrl, { schemes: ['EI'], kinds: ['activity_report'] }, (r) => r.figures !== null && r.history.length > 10);
    await openDossier(page, demoUrl, review.dossier.id);
    const nav = page.getByRole('navigation', { name: 'Sections du dossier' });
    await nav.getByRole('link', { name: 'Historique' }).click();
    await expect(page).toHaveURL(new RegExp(`#/dossiers/${review.dossier.id}\\?section=history$`));
    await expect(section(page, 'Historique')).toBeInViewport();
    await expect(nav.getByRole('link', { name: 'Historique' })).toHaveAttribute('aria-current', 'location');
    // Only the main area scrolled: the app bar stays in view.
    await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeInViewport();
    await page.screenshot({ path: `${SHOTS}/dossier-page-top.png` });
  });
});

test.describe('Ce qui a changé', () => {
  test('says first visit, then lists a note added meanwhile, then nothing new on the next visit', async ({ page, request, freshDemo }) => {
    const list = await rpc<DossierListOutput>(request, freshDemo.url, 'dossiers.list', { filters: { kinds: ['renewal'] }, limit: 1 });
    const id = list.rows[0]!.id;

    await openDossier(page, freshDemo.url, id, 'changes');
    const region = section(page, 'Ce qui a changé');
    await expect(region.getByTestId('changes-summary')).toHaveText(/^Première consultation de ce dossier/);
    await shoot(page, region, 'dossier-changes-first.png');

    // Wait until the page has recorded the visit, then add a note through the backend.
    await expect
      .poll(async () => (await rpc<DossierReview>(request, freshDemo.url, 'dossiers.review', { id })).changes.since, { timeout: 5_000 })
      .not.toBeNull();
    await rpc(request, freshDemo.url, 'notes.create', { dossierId: id, visibility: 'shared', body: 'Pièces justificatives reçues le 20/11.' });

    await page.reload();
    await expect(region.getByTestId('changes-summary')).toHaveText(/^Depuis votre dernière consultation, le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} :$/);
    const items = region.getByTestId('change-list').locator(':scope > li');
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText('Note partagée ajoutée');
    await expect(items.first()).toContainText('Pièces justificatives reçues le 20/11.');
    await shoot(page, region, 'dossier-changes-since.png');

    await page.reload();
    await expect(region.getByTestId('changes-summary')).toHaveText(/^Rien de nouveau depuis votre dernière consultation, le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}\.$/);
    await expect(region.getByTestId('change-list')).toHaveCount(0);
  });

  test('a status change made meanwhile is listed with its author and shows in the dossier’s journal', async ({ page, request, freshDemo }) => {
    const list = await rpc<DossierListOutput>(request, freshDemo.url, 'dossiers.list', { filters: { statuses: ['received'] }, limit: 1 });
    const id = list.rows[0]!.id;
    await openDossier(page, freshDemo.url, id, 'changes');
    const region = section(page, 'Ce qui a changé');
    await expect(region.getByTestId('changes-summary')).toHaveText(/^Première consultation/);
    await expect
      .poll(async () => (await rpc<DossierReview>(request, freshDemo.url, 'dossiers.review', { id })).changes.since, { timeout: 5_000 })
      .not.toBeNull();

    const current = await rpc<DossierEditView>(request, freshDemo.url, 'dossiers.getForEdit', { id });
    const { version: _version, id: _id, reference: _reference, operatorId: _operatorId, operatorName: _operatorName, ...fields } = current;
    await rpc(request, freshDemo.url, 'dossiers.update', {
      id,
      version: current.version,
      fields: { ...fields, status: 'ready', completeOn: fields.receivedOn },
    });

    await page.reload();
    const items = region.getByTestId('change-list').locator(':scope > li');
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText('Dossier modifié par Secrétariat de la COMES — démonstration');
    await expect(items.first()).toContainText('statut : Reçu → Complet');
    await expect(page.getByRole('region', { name: 'Dates clés' })).toContainText(`Complet le${fields.receivedOn.split('-').reverse().join('/')}`);

    const history = section(page, 'Historique');
    await history.getByRole('button', { name: 'Journal de ce dossier' }).click();
    await expect(history.locator('.timeline-item.type-audit').first()).toContainText('statut : Reçu → Complet');
    await shoot(page, history, 'dossier-history-journal.png');
  });

  test('the backend refuses to review or mark an unknown dossier, in French', async ({ request, freshDemo }) => {
    await expect(rpc(request, freshDemo.url, 'dossiers.markVisited', { id: 999_999 })).rejects.toThrow('NOT_FOUND Dossier introuvable.');
    await expect(rpc(request, freshDemo.url, 'dossiers.review', { id: 0 })).rejects.toThrow(/BAD_INPUT/);
  });
});
