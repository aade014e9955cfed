/**
 * The export models (model.ts) assembled from the workspace, with their French wording. Each
 * function refuses, with a French message and before anything is laid out, what cannot be
 * exported: an unknown or cancelled session, a session without any opinion, letters before
 * closing, a pack of an empty agenda, a year without any session held.
 */
import type { Db } from '../../db/open';
import { listRecusals, memberConflicts } from '../../db/queries/agenda';
import { listClosingItems, listSessionAmendments, type AmendmentRecord, type ClosingItemRecord } from '../../db/queries/closing';
import { loadFactsOfDossiers } from '../../db/queries/compliance';
import { deadlineRulesOf } from '../../db/queries/deadlines';
import {
  getExportSession,
  listHeldSessions,
  listItemFacts,
  listYearOpinions,
  officerOn,
  type ExportSessionRecord,
  type ItemFactsRecord,
} from '../../db/queries/exports';
import { listAttendance } from '../../db/queries/meeting';
import { formatBce } from '../../shared/bce';
import { evaluateDossier, legalBasisForResult, ruleInfo } from '../../shared/compliance';
import { formatDate, formatEuros, formatFte, formatNumber, formatPercent } from '../../shared/compliance/format';
import { STATUS_SEVERITY, type ComplianceStatus } from '../../shared/compliance/model';
import { AGENDA_SECTION_LABELS, CONFLICT_KIND_REASONS, type ConflictKind, type DossierReview } from '../../shared/contract';
import { DOSSIER_KINDS, OPINION_OUTCOMES, SCHEMES, type DossierKind, type MemberRole, type OpinionOutcome, type Scheme } from '../../shared/domain';
import type { BackendContext } from '../context';
import { AppError, notFound } from '../errors';
import { quorumOf } from '../handlers/meeting';
import { readReview } from '../handlers/review';
import { ruleBookOf } from '../rules';
import {
  AGREMENT_STATUS_LABELS,
  belgianDate,
  belgianDateTime,
  DECISION_LABELS,
  FINAL_OUTCOMES,
  KIND_LABELS,
  LEGAL_FORM_LABELS,
  OUTCOME_IN_SENTENCE,
  OUTCOME_LABELS,
  ROLE_LABELS,
  SCHEME_IN_SENTENCE,
  SCHEME_LABELS,
  SESSION_STATUS_LABELS,
  SEVERITY_LABELS,
} from './labels';
import type { LetterValues } from './letterFields';
import {
  ADMINISTRATION_NAME,
  COMMISSION_NAME,
  type Amendment,
  type Attendance,
  type DecisionItem,
  type DecisionSection,
  type DecisionSummary,
  type Generated,
  type MemberPack,
  type PackCheck,
  type PackFigureTable,
  type PackItem,
  type Person,
  type SessionHeader,
  type Vote,
  type YearStats,
} from './model';

export const generatedAt = (now: Date): Generated => ({ at: now.toISOString(), label: belgianDateTime(now) });

const sessionName = (s: { number: number }) => `La séance n° ${s.number}`;

export function exportSessionOrFail(db: Db, sessionId: number): ExportSessionRecord {
  const session = getExportSession(db, sessionId);
  if (!session) throw notFound('Séance');
  if (session.status === 'cancelled') throw new AppError('BAD_INPUT', `${sessionName(session)} a été annulée : il n’y a rien à exporter.`);
  return session;
}

function sessionHeader(s: ExportSessionRecord): SessionHeader {
  const provisional = s.status !== 'closed';
  // closed_at is a UTC timestamp: the day printed is Brussels'.
  const closedOn = s.closedAt ? belgianDate(new Date(s.closedAt)) : null;
  const statusLabel =
    s.status === 'closed' ? (closedOn ? `clôturée le ${closedOn}` : 'clôturée') : s.status === 'in_progress' ? 'en cours — relevé provisoire' : SESSION_STATUS_LABELS[s.status];
  return { id: s.id, number: s.number, heldOn: s.heldOn, startsAt: s.startsAt, place: s.place, status: s.status, statusLabel, provisional };
}

/** A session's items as the closing view lists them: what the checks below and the models read. */
type Items = readonly ClosingItemRecord[];
const anyOpinion = (items: Items) => items.some((i) => i.opinionId !== null);

/** Why the session's decision summary cannot be exported, or null. */
export function decisionsBlocked(session: ExportSessionRecord, items: Items): string | null {
  if (session.status === 'cancelled') return `${sessionName(session)} a été annulée.`;
  if (!anyOpinion(items)) return `${sessionName(session)} n’a encore aucun avis : le relevé des avis sera disponible dès le premier avis enregistré.`;
  return null;
}

/** Why the letters cannot be produced, or null: they follow a closed session's opinions. */
export function lettersBlocked(session: ExportSessionRecord, items: Items): string | null {
  if (session.status === 'cancelled') return `${sessionName(session)} a été annulée.`;
  if (session.status !== 'closed') return 'Les lettres d’avis sont établies après la clôture de la séance, quand les avis sont définitifs.';
  if (!anyOpinion(items)) return `${sessionName(session)} n’a rendu aucun avis : il n’y a pas de lettre à établir.`;
  return null;
}

/** Why a preparation pack cannot be produced, or null. */
export function packBlocked(session: ExportSessionRecord, items: Items): string | null {
  if (session.status === 'cancelled') return `${sessionName(session)} a été annulée.`;
  if (items.length === 0) return `L’ordre du jour de la séance n° ${session.number} est vide : aucun dossier à préparer.`;
  return null;
}

function voteOf(row: ClosingItemRecord): Vote {
  const consensus = row.consensus === 1;
  const { votesFor, votesAgainst, votesAbstain } = row;
  const counted = votesFor !== null && votesAgainst !== null && votesAbstain !== null;
  const text = consensus ? 'Consensus' : counted ? `Pour : ${votesFor} · Contre : ${votesAgainst} · Abstention : ${votesAbstain}` : 'Non renseigné';
  return { consensus, for: votesFor, against: votesAgainst, abstain: votesAbstain, text };
}

function amendmentOf(a: AmendmentRecord): Amendment {
  return { amendedOn: a.amendedOn, reason: a.reason, outcome: a.outcome, outcomeLabel: OUTCOME_LABELS[a.outcome], conditions: a.conditions, motivation: a.motivation };
}

/** « Marie Dupont (mandat d’administrateur) », per item. */
function recusalsBySession(db: Db, sessionId: number): Map<number, string[]> {
  const byItem = new Map<number, string[]>();
  for (const r of listRecusals(db, sessionId)) {
    const why = r.source === 'conflict' ? (CONFLICT_KIND_REASONS[r.detail as ConflictKind] ?? r.detail) : r.detail.trim();
    const line = why ? `${r.name} (${why})` : r.name;
    byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), line]);
  }
  return byItem;
}

function attendanceOf(db: Db, session: ExportSessionRecord): { attendance: Attendance; quorum: DecisionSummary['quorum'] } {
  const rows = listAttendance(db, session.id, session.heldOn);
  const attendance: Attendance = { present: [], excused: [], absent: [], unrecorded: [] };
  for (const row of rows) {
    const person: Person = { name: row.name, organisation: row.organisation, role: row.role as MemberRole, roleLabel: ROLE_LABELS[row.role as MemberRole] ?? row.role, voting: row.voting };
    attendance[row.status ?? 'unrecorded'].push(person);
  }
  return { attendance, quorum: quorumOf(rows) };
}

function decisionItem(row: ClosingItemRecord, facts: ItemFactsRecord, closed: boolean, recused: string[], amendments: Amendment[]): DecisionItem {
  const proposalOutcome = facts.proposalOutcome as OpinionOutcome | null;
  const opinion =
    row.opinionId === null || row.outcome === null || row.givenOn === null
      ? null
      : {
          outcome: row.outcome,
          outcomeLabel: OUTCOME_LABELS[row.outcome],
          conditions: row.conditions ?? '',
          motivation: row.motivation ?? '',
          givenOn: row.givenOn,
          vote: voteOf(row),
        };
  const adjourned = opinion === null && (row.carried === 1 || closed);
  const latest = amendments.at(-1);
  return {
    itemId: row.itemId,
    number: row.number,
    dossierId: row.dossierId,
    reference: row.reference,
    operatorName: row.operatorName,
    bce: facts.bce,
    bceLabel: formatBce(facts.bce),
    scheme: facts.scheme,
    schemeLabel: SCHEME_LABELS[facts.scheme],
    kind: facts.kind as DossierKind,
    kindLabel: KIND_LABELS[facts.kind as DossierKind] ?? facts.kind,
    subject: row.subject,
    receivedOn: facts.receivedOn,
    hearingAt: facts.hearingAt,
    proposal: {
      outcome: proposalOutcome,
      outcomeLabel: proposalOutcome ? OUTCOME_LABELS[proposalOutcome] : 'Pas de proposition',
      text: facts.proposalText ?? '',
    },
    opinion,
    adjourned,
    outcomeInForceLabel: latest ? latest.outcomeLabel : opinion ? opinion.outcomeLabel : adjourned ? 'Reporté sans avis' : 'Pas encore d’avis',
    pendingNote: opinion
      ? null
      : row.carried === 1
        ? 'le dossier est inscrit à une séance ultérieure'
        : closed
          ? 'ajourné à la clôture de la séance'
          : 'en attente d’avis',
    recused,
    amendments,
  };
}

/** The session's items (`rows`), each with its facts, recusals and amendments, in agenda order. */
function sessionItems(db: Db, session: ExportSessionRecord, rows: Items): { row: ClosingItemRecord; item: DecisionItem; facts: ItemFactsRecord }[] {
  const facts = new Map(listItemFacts(db, session.id).map((f) => [f.itemId, f]));
  const recused = recusalsBySession(db, session.id);
  const amendments = new Map<number, Amendment[]>();
  for (const a of listSessionAmendments(db, session.id)) amendments.set(a.opinionId, [...(amendments.get(a.opinionId) ?? []), amendmentOf(a)]);
  return rows.map((row) => {
    const f = facts.get(row.itemId);
    if (!f) throw new Error(`Point ${row.itemId} sans dossier`);
    const item = decisionItem(row, f, session.status === 'closed', recused.get(row.itemId) ?? [], row.opinionId === null ? [] : (amendments.get(row.opinionId) ?? []));
    return { row, item, facts: f };
  });
}

/** The session's decision summary (*relevé des avis*). */
export function decisionSummaryOf(db: Db, sessionId: number, now: Date): DecisionSummary {
  const session = exportSessionOrFail(db, sessionId);
  const closingItems = listClosingItems(db, session.id);
  const blocked = decisionsBlocked(session, closingItems);
  if (blocked) throw new AppError('BAD_INPUT', blocked);
  const rows = sessionItems(db, session, closingItems);
  const items = rows.map((r) => r.item);
  const sections: DecisionSection[] = [];
  for (const { row, item } of rows) {
    const last = sections.at(-1);
    if (last && last.section === row.section) last.items.push(item);
    else sections.push({ section: row.section, title: AGENDA_SECTION_LABELS[row.section], items: [item] });
  }
  const { attendance, quorum } = attendanceOf(db, session);
  return {
    commission: COMMISSION_NAME,
    session: sessionHeader(session),
    attendance,
    quorum,
    sections,
    counts: { opinions: items.filter((i) => i.opinion).length, adjourned: items.filter((i) => i.adjourned).length, items: items.length },
    generated: generatedAt(now),
  };
}

// ---------------------------------------------------------------------------------------------
// Letters.

export interface LetterSource {
  dossierId: number;
  number: number;
  reference: string;
  operatorName: string;
  values: LetterValues;
}

function voteSentence(vote: Vote): string {
  if (vote.consensus) return 'par consensus';
  if (vote.for === null || vote.against === null || vote.abstain === null) return '';
  const abstentions = vote.abstain > 1 ? 'abstentions' : 'abstention';
  return `par ${vote.for} voix pour, ${vote.against} contre et ${vote.abstain} ${abstentions}`;
}

function rectificationText(amendments: readonly Amendment[]): string {
  return amendments
    .map((a) => {
      const details = [a.conditions ? `conditions : ${a.conditions}` : '', a.motivation ? `motivation : ${a.motivation}` : ''].filter(Boolean).join(' ; ');
      return `Par rectification du ${formatDate(a.amendedOn)} (motif : ${a.reason}), l’avis a été porté à un avis ${OUTCOME_IN_SENTENCE[a.outcome]}${details ? ` (${details})` : ''}.`;
    })
    .join('\n');
}

/** The letters' values, one per dossier with an opinion, agenda order. */
export function letterSourcesOf(db: Db, sessionId: number, today: string, onlyDossierId?: number): { session: SessionHeader; letters: LetterSource[] } {
  const session = exportSessionOrFail(db, sessionId);
  const closingItems = listClosingItems(db, session.id);
  const blocked = lettersBlocked(session, closingItems);
  if (blocked) throw new AppError('BAD_INPUT', blocked);
  const president = officerOn(db, 'president', session.heldOn) ?? '';
  const secretariat = officerOn(db, 'secretariat', session.heldOn) ?? '';
  const letters: LetterSource[] = [];
  for (const { item, facts } of sessionItems(db, session, closingItems)) {
    if (!item.opinion) continue;
    if (onlyDossierId !== undefined && item.dossierId !== onlyDossierId) continue;
    const latest = item.amendments.at(-1);
    const inForce = latest ?? item.opinion;
    letters.push({
      dossierId: item.dossierId,
      number: item.number,
      reference: item.reference,
      operatorName: item.operatorName,
      values: {
        date: formatDate(today),
        commission: COMMISSION_NAME,
        administration: ADMINISTRATION_NAME,
        'seance.numero': String(session.number),
        'seance.date': formatDate(session.heldOn),
        'seance.lieu': session.place,
        'operateur.nom': item.operatorName,
        'operateur.bce': item.bceLabel,
        'operateur.forme': facts.legalForm,
        'operateur.adresse': facts.street,
        'operateur.code_postal': facts.postcode,
        'operateur.commune': facts.commune,
        'dossier.reference': item.reference,
        'dossier.regime': SCHEME_IN_SENTENCE[item.scheme],
        'dossier.nature': item.kindLabel.charAt(0).toLowerCase() + item.kindLabel.slice(1),
        'dossier.objet': item.subject,
        'dossier.date_reception': formatDate(item.receivedOn),
        'avis.libelle': OUTCOME_IN_SENTENCE[inForce.outcome],
        'avis.conditions': inForce.conditions,
        'avis.motivation': inForce.motivation,
        'avis.vote': voteSentence(item.opinion.vote),
        'avis.date': formatDate(item.opinion.givenOn),
        'avis.rectification': rectificationText(item.amendments),
        'president.nom': president,
        'secretariat.nom': secretariat,
      },
    });
  }
  if (onlyDossierId !== undefined && letters.length === 0) {
    throw new AppError('NOT_FOUND', `Ce dossier n’a pas reçu d’avis à la séance n° ${session.number} : il n’y a pas de lettre à établir.`);
  }
  return { session: sessionHeader(session), letters };
}

// ---------------------------------------------------------------------------------------------
// Member preparation pack.

const dash = '—';
const orDash = <T>(value: T | null, show: (v: T) => string) => (value === null ? dash : show(value));
const CHECK_LABELS: Record<ComplianceStatus, { status: PackCheck['status']; label: string }> = {
  breach: { status: 'breach', label: 'Non conforme' },
  missing: { status: 'missing', label: 'Données manquantes' },
  warning: { status: 'warning', label: 'À surveiller' },
  ok: { status: 'ok', label: 'Conforme' },
  na: { status: 'not_applicable', label: 'Sans objet' },
};

type Report = NonNullable<DossierReview['figures']>['reports'][number];

function figuresOf(review: DossierReview): PackFigureTable | null {
  const figures = review.figures;
  if (!figures || figures.reports.length === 0) return null;
  const reports = figures.reports.filter((r) => r.year <= figures.focusYear).slice(-3);
  if (reports.length === 0) return null;
  const row = (label: string, show: (r: Report) => string) => ({ label, values: reports.map(show) });
  const share = (r: Report) =>
    r.fteTotal && r.targetFteTd !== null && r.targetFteTgd !== null ? formatPercent((r.targetFteTd + r.targetFteTgd) / r.fteTotal) : dash;
  const spread = (r: Report) =>
    r.lowestFtePayCents && r.highestFtePayCents !== null ? formatNumber(r.highestFtePayCents / r.lowestFtePayCents, 2) : dash;
  const rows =
    figures.scheme === 'AC'
      ? [
          row('Projets accompagnés', (r) => orDash(r.acProjectsSupported, String)),
          row('Entreprises créées', (r) => orDash(r.acEnterprisesCreated, String)),
          row('Emplois créés (ETP)', (r) => orDash(r.acJobsCreatedFte, formatFte)),
          row('Chiffre d’affaires', (r) => orDash(r.turnoverCents, formatEuros)),
        ]
      : [
          row('Travailleurs (personnes)', (r) => orDash(r.headcount, String)),
          row('ETP total', (r) => orDash(r.fteTotal, formatFte)),
          row('ETP public cible (TD + TGD)', (r) => (r.targetFteTd === null || r.targetFteTgd === null ? dash : formatFte(r.targetFteTd + r.targetFteTgd))),
          row('Part du public cible', share),
          row('Engagements du public cible', (r) => orDash(r.targetHires, String)),
          row('CDI dans les 6 mois', (r) => orDash(r.cdiWithin6Months, String)),
          row('Tension salariale (max / min)', spread),
          row('ETP d’accompagnement', (r) => orDash(r.accompanimentFte, formatFte)),
          row('Plan de formation', (r) => orDash(r.trainingPlan, (v) => (v ? 'Oui' : 'Non'))),
          row('Coût salarial', (r) => orDash(r.wageCostCents, formatEuros)),
          row('Subventions TD et TGD', (r) => (r.subsidyTdCents === null || r.subsidyTgdCents === null ? dash : formatEuros(r.subsidyTdCents + r.subsidyTgdCents))),
          row('Chiffre d’affaires', (r) => orDash(r.turnoverCents, formatEuros)),
          row('Résultat d’exploitation', (r) => orDash(r.operatingResultCents, formatEuros)),
        ];
  return { title: `Rapports d’activités (${figures.scheme})`, columns: reports.map((r) => String(r.year)), rows };
}

function synthesisOf(review: DossierReview): PackItem['synthesis'] {
  const { operator, agrement, dossier } = review;
  const lines = [
    { label: 'Forme juridique', value: `${LEGAL_FORM_LABELS[operator.legalForm]}${operator.socialEnterprise ? ', agréée comme entreprise sociale' : ''}` },
    { label: 'Siège', value: `${operator.postcode} ${operator.commune}` },
    { label: 'Secteur', value: operator.sector || dash },
  ];
  if (agrement) {
    const period = agrement.currentPeriod;
    const periodText = period ? ` — période du ${formatDate(period.startOn)}${period.endOn ? ` au ${formatDate(period.endOn)}` : ' (durée indéterminée)'}` : '';
    lines.push({ label: 'Agrément', value: `${agrement.scheme} n° ${agrement.number} (${AGREMENT_STATUS_LABELS[agrement.status] ?? agrement.status})${periodText}` });
  }
  lines.push({ label: 'Dossier reçu le', value: formatDate(dossier.receivedOn) });
  if (dossier.completeOn) lines.push({ label: 'Complet le', value: formatDate(dossier.completeOn) });
  if (dossier.opinionDueOn) lines.push({ label: 'Avis attendu pour le', value: formatDate(dossier.opinionDueOn) });
  return lines;
}

/**
 * The operator's past opinions, their rectifications and the ministerial decisions, newest first
 * (the opinions of the session being prepared are left out): a rectification follows its opinion
 * in time, so the opinion in force is always the later line.
 */
function historyOf(review: DossierReview, sessionNumber: number): string[] {
  const lines: string[] = [];
  for (const entry of review.history) {
    if (entry.type === 'opinion' && entry.sessionNumber !== sessionNumber) {
      lines.push(`${formatDate(entry.on)} — séance n° ${entry.sessionNumber} : avis ${OUTCOME_IN_SENTENCE[entry.outcome]} (${entry.reference})`);
    } else if (entry.type === 'amendment') {
      lines.push(`${formatDate(entry.on)} — avis rectifié en avis ${OUTCOME_IN_SENTENCE[entry.outcome]} (${entry.reference}) ; motif : ${entry.reason}`);
    } else if (entry.type === 'decision') {
      lines.push(`${formatDate(entry.on)} — décision ministérielle : ${DECISION_LABELS[entry.kind]} (${entry.reference})`);
    }
    if (lines.length === 12) break;
  }
  return lines;
}

function findingsOf(review: DossierReview): string[] {
  return review.inspections.flatMap((inspection) =>
    inspection.findings
      .filter((f) => f.resolvedOn === null)
      .map((f) => `${formatDate(inspection.inspectedOn)} — ${SEVERITY_LABELS[f.severity]} : ${f.description}${f.followUpDueOn ? ` (suivi attendu le ${formatDate(f.followUpDueOn)})` : ''}`),
  );
}

/** A member's pack: the agenda, and for each item the member is not conflicted on, its file. */
export function memberPackOf(ctx: BackendContext, db: Db, sessionId: number, member: { id: number; name: string }, now: Date): MemberPack {
  const session = exportSessionOrFail(db, sessionId);
  const closingItems = listClosingItems(db, session.id);
  const blocked = packBlocked(session, closingItems);
  if (blocked) throw new AppError('BAD_INPUT', blocked);
  const today = ctx.today();
  const book = ruleBookOf(ctx);
  const deadlineRules = deadlineRulesOf(book, today);
  const conflicts = memberConflicts(db, member.id);
  const items = sessionItems(db, session, closingItems);
  const visible = items.filter(({ facts }) => !conflicts.has(facts.operatorId));
  const factsByDossier = new Map(loadFactsOfDossiers(db, visible.map((v) => v.item.dossierId), today).map((f) => [f.dossier.id, f]));
  const agenda = items.map(({ row, item, facts }) => {
    const kind = conflicts.get(facts.operatorId);
    const sectionTitle = AGENDA_SECTION_LABELS[row.section];
    return kind === undefined
      ? { number: item.number, sectionTitle, hidden: false, reference: item.reference, operatorName: item.operatorName, subject: item.subject, hiddenReason: null, hearingAt: item.hearingAt }
      : {
          number: item.number,
          sectionTitle,
          hidden: true,
          reference: null,
          operatorName: null,
          subject: null,
          hiddenReason: `Point non communiqué : conflit d’intérêts déclaré (${CONFLICT_KIND_REASONS[kind as ConflictKind] ?? kind}).`,
          hearingAt: null,
        };
  });
  const packItems: PackItem[] = visible.map(({ row, item, facts }) => {
    const review = readReview(db, item.dossierId, today, now.toISOString(), deadlineRules, member.id);
    const dossierFacts = factsByDossier.get(item.dossierId);
    const checks: PackCheck[] = dossierFacts
      ? evaluateDossier(dossierFacts, book)
          .filter((r) => r.status !== 'na')
          .sort((a, b) => STATUS_SEVERITY[b.status] - STATUS_SEVERITY[a.status])
          .map((r) => {
            const basis = legalBasisForResult(book, r);
            return {
              title: ruleInfo(r.ruleId).title,
              status: CHECK_LABELS[r.status].status,
              statusLabel: CHECK_LABELS[r.status].label,
              explanation: r.explanation,
              legalBasis: basis.article ? `${basis.text}, ${basis.article}` : basis.text,
            };
          })
      : [];
    return {
      number: item.number,
      sectionTitle: AGENDA_SECTION_LABELS[row.section],
      reference: item.reference,
      operatorName: item.operatorName,
      bceLabel: item.bceLabel,
      schemeLabel: item.schemeLabel,
      kindLabel: item.kindLabel,
      subject: item.subject,
      receivedOn: item.receivedOn,
      hearingAt: item.hearingAt,
      rapporteur: facts.rapporteur,
      proposal: { outcomeLabel: item.proposal.outcomeLabel, text: item.proposal.text },
      synthesis: synthesisOf(review),
      history: historyOf(review, session.number),
      figures: figuresOf(review),
      checks,
      findings: findingsOf(review),
    };
  });
  return { commission: COMMISSION_NAME, session: sessionHeader(session), member, agenda, items: packItems, generated: generatedAt(now) };
}

// ---------------------------------------------------------------------------------------------
// Yearly statistics.

function countBy<K extends string>(keys: readonly K[], labels: Record<K, string>, values: readonly string[]) {
  return keys.map((key) => ({ key, label: labels[key], count: values.filter((v) => v === key).length }));
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function yearStatsOf(db: Db, year: number, now: Date): YearStats {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const sessions = listHeldSessions(db, from, to);
  if (sessions.length === 0) throw new AppError('BAD_INPUT', `Aucune séance tenue en ${year} : il n’y a pas de statistiques à exporter.`);
  const opinions = listYearOpinions(db, from, to);
  const schemeShort = Object.fromEntries(SCHEMES.map((s) => [s, s])) as Record<Scheme, string>;
  const outcomes = countBy(OPINION_OUTCOMES, OUTCOME_LABELS, opinions.map((o) => o.outcome));
  const delays = opinions
    .filter((o) => FINAL_OUTCOMES.includes(o.outcome as OpinionOutcome))
    .map((o) => daysBetween(o.receivedOn, o.givenOn))
    .sort((a, b) => a - b);
  return {
    commission: COMMISSION_NAME,
    year,
    sessions,
    dossiersExamined: new Set(opinions.map((o) => o.dossierId)).size,
    opinionsGiven: opinions.length,
    byScheme: countBy(SCHEMES, schemeShort, opinions.map((o) => o.scheme)),
    byKind: countBy(DOSSIER_KINDS, KIND_LABELS, opinions.map((o) => o.kind)).filter((row) => row.count > 0),
    byOutcome: outcomes,
    schemeByOutcome: {
      outcomes,
      rows: SCHEMES.map((scheme) => ({
        key: scheme,
        label: scheme,
        counts: OPINION_OUTCOMES.map((outcome) => opinions.filter((o) => o.scheme === scheme && o.outcome === outcome).length),
      })),
    },
    hearings: sessions.reduce((sum, s) => sum + s.hearings, 0),
    receiptToOpinion: {
      count: delays.length,
      averageDays: delays.length ? Math.round((delays.reduce((a, b) => a + b, 0) / delays.length) * 10) / 10 : null,
      medianDays: median(delays),
    },
    generated: generatedAt(now),
  };
}
