/**
 * The compliance rules (DESIGN §2, issue 4): one small function per rule, each holding the facts of
 * a dossier against the regime of its scheme (thresholds from `resources/rules/thresholds.json`)
 * and explaining its conclusion in French with the figures it used, in Belgian format.
 *
 * Missing figures never count as compliant: they give `missing` with the fields named.
 */
import { BCE_MESSAGES_FR, checkBce, formatBce } from '../bce';
import { REPORT_FIELDS } from '../contract/entry';
import type { DossierKind, Scheme } from '../domain';
import {
  TERM_AFTER_SUR_FR,
  TERM_FR,
  daysBetweenIso,
  addDaysIso,
  formatDate,
  formatEuros,
  formatFixed,
  formatFte,
  formatNumber,
  formatPercent,
  inDays,
  onMonthDay,
  ordinalFr,
  plural,
  roundTowards,
  wholeYears,
} from './format';
import { STATUS_SEVERITY, type AgrementFacts, type ComplianceFacts, type ComplianceStatus, type ReportFacts, type RuleHistory, type RuleId, type RuleResult } from './model';
import { RULES, rulesFor } from './rules-catalogue';
import { regimeFor, type Regime, type RuleBook } from './thresholds';

// ---------------------------------------------------------------------------------------------
// Context and shared helpers

/** What a rule concludes, before the rule's id and year are attached. */
interface Outcome {
  status: ComplianceStatus;
  explanation: string;
  missing?: string[];
  year?: number | null;
}

interface Context {
  facts: ComplianceFacts;
  book: RuleBook;
  scheme: Scheme;
  kind: DossierKind;
  asOf: string;
  /** The dossier's agrément: its own, else the operator's agrément of the dossier's scheme. */
  agrement: AgrementFacts | null;
  /** The report year yearly rules read (null: none). */
  reportYear: number | null;
  /** For a dossier other than a report: the last year whose report was due at asOf (null: none yet). */
  dueYear: number | null;
}

type Rule = (ctx: Context) => Outcome;

const EPSILON = 1e-9;
const ACTIVE = new Set(['active', 'suspended']);
const ENDED = new Set(['withdrawn', 'renounced', 'refused']);
const STATUS_FR: Record<string, string> = {
  requested: 'demandé',
  active: 'actif',
  suspended: 'suspendu',
  expired: 'expiré',
  withdrawn: 'retiré',
  renounced: 'renoncé',
  refused: 'refusé',
};

function fieldOf(key: string): { label: string; kind: string } {
  const field = (REPORT_FIELDS as readonly { key: string; label: string; kind: string }[]).find((f) => f.key === key);
  return field ?? { label: key, kind: 'count' };
}

/** The French name of a report figure (`fteTotal` → « ETP total »). */
export function figureLabel(key: string): string {
  return fieldOf(key).label;
}

/** A figure as the report shows it: `€ 18 000,00`, `12,5`, `oui`. */
export function formatFigure(key: string, value: number): string {
  switch (fieldOf(key).kind) {
    case 'money':
    case 'signedMoney':
      return formatEuros(value);
    case 'flag':
      return value === 1 ? 'oui' : 'non';
    case 'fte':
    case 'hours':
      return formatNumber(value, 2);
    default:
      return formatNumber(value, 0);
  }
}

function missing(explanation: string, fields: string[]): Outcome {
  return { status: 'missing', explanation, missing: fields };
}

/** Figures that contradict each other: nothing can be concluded from them (`missing`, both named). */
function incoherent(what: string, keys: readonly string[]): Outcome {
  return missing(`Chiffres incohérents : ${what} ; à vérifier avant de conclure.`, keys.map(figureLabel));
}

/**
 * Target FTE above the total FTE of the report (when the total is provided): the `incoherent`
 * outcome naming the figures, else null.
 */
function targetAboveTotal(target: number, report: ReportFacts, targetKeys: readonly string[]): Outcome | null {
  const total = report.figures.fteTotal;
  if (total === null || total === undefined || target <= total + EPSILON) return null;
  return incoherent(`${formatFixed(target)} ETP du public cible pour ${formatFixed(total)} ETP au total`, [...targetKeys, 'fteTotal']);
}

function na(explanation: string): Outcome {
  return { status: 'na', explanation };
}

function geq(a: number, b: number): boolean {
  return a >= b - EPSILON;
}

function yearEnd(year: number): string {
  return `${String(year).padStart(4, '0')}-12-31`;
}

/** The regime of the dossier's scheme on `date`, or a `missing` outcome saying the file has none. */
function regimeOn(ctx: Context, date: string): Regime | Outcome {
  const regime = regimeFor(ctx.book, ctx.scheme, date);
  if (regime) return regime;
  return missing(`Le fichier des seuils ne contient aucun régime ${ctx.scheme} en vigueur le ${formatDate(date)}.`, [
    `Régime ${ctx.scheme} au ${formatDate(date)} (fichier des seuils)`,
  ]);
}

function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'string';
}

/** A dossier without agrément: `na` for a first request (nothing granted yet), else `missing`. */
function noAgrement(ctx: Context, what = 'Aucun agrément enregistré pour ce dossier.'): Outcome {
  if (ctx.kind === 'agrement') return na(`${what} Nouvelle demande : sans objet.`);
  return missing(what, [`Agrément ${ctx.scheme}`]);
}

/** Dossiers that need no report to be judged: a first request, a renunciation, a withdrawal. */
const NO_REPORT_KINDS: ReadonlySet<DossierKind> = new Set(['agrement', 'renunciation', 'withdrawal']);

/**
 * The report a yearly rule reads (that of `ctx.reportYear`, received on or before asOf) and the
 * regime in force on 31/12 of its year; or the outcome when there is none to read.
 */
function reportNeeded(ctx: Context): { report: ReportFacts; regime: Regime } | Outcome {
  const year = ctx.reportYear;
  if (year === null) {
    if (ctx.kind === 'activity_report') return missing('L’année du rapport d’activités n’est pas enregistrée.', ['Année du rapport']);
    if (NO_REPORT_KINDS.has(ctx.kind)) return na('Aucun rapport d’activités récent reçu : sans objet pour ce type de dossier.');
    if (ctx.dueYear === null) return missing('Aucun rapport d’activités reçu.', ['Rapport d’activités']);
    if (ctx.agrement && !agrementExistedIn(ctx.agrement, ctx.dueYear)) {
      return { ...na(`L’agrément n’était pas en vigueur en ${ctx.dueYear} : aucun rapport d’activités à examiner.`), year: ctx.dueYear };
    }
    return {
      ...missing(`Aucun rapport d’activités récent reçu : le rapport ${ctx.dueYear} (ou à défaut ${ctx.dueYear - 1}) est attendu.`, [`Rapport d’activités ${ctx.dueYear}`]),
      year: ctx.dueYear,
    };
  }
  const report = ctx.facts.reports.find((r) => r.year === year);
  if (!report || report.receivedOn === null || report.receivedOn > ctx.asOf) {
    return { ...missing(`Aucun rapport d’activités ${year} reçu.`, [`Rapport d’activités ${year}`]), year };
  }
  const regime = regimeOn(ctx, yearEnd(year));
  return isOutcome(regime) ? { ...regime, year } : { report, regime };
}

/**
 * The figures a rule needs, as numbers; or a `missing` outcome naming those the report lacks.
 */
function figuresNeeded<K extends string>(report: ReportFacts, keys: readonly K[]): Record<K, number> | Outcome {
  const absent = keys.filter((key) => report.figures[key] === null || report.figures[key] === undefined);
  if (absent.length > 0) {
    const labels = absent.map(figureLabel);
    return missing(`Rapport ${report.year} — ${labels.length > 1 ? 'chiffres non communiqués' : 'chiffre non communiqué'} : ${labels.join(', ')}.`, labels);
  }
  return Object.fromEntries(keys.map((key) => [key, report.figures[key] as number])) as Record<K, number>;
}

/** A yearly rule: finds the report and its regime, checks the figures, then judges them. */
function yearly<K extends string>(keys: readonly K[], judge: (f: Record<K, number>, regime: Regime, report: ReportFacts, ctx: Context) => Outcome): Rule {
  return (ctx) => {
    const found = reportNeeded(ctx);
    if (isOutcome(found)) return found;
    const figures = figuresNeeded(found.report, keys);
    if (isOutcome(figures)) return { ...figures, year: found.report.year };
    const judged = judge(figures, found.regime, found.report, ctx);
    const named = judged.explanation.startsWith(`Rapport ${found.report.year}`) ? judged.explanation : `Rapport ${found.report.year} — ${judged.explanation}`;
    return { ...judged, year: found.report.year, explanation: named };
  };
}

/** The latest period that started on or before `date` (the current one, or the last expired one). */
function periodAt(agrement: AgrementFacts, date: string): { period: AgrementFacts['periods'][number]; index: number } | null {
  let found: { period: AgrementFacts['periods'][number]; index: number } | null = null;
  for (const [index, period] of agrement.periods.entries()) if (period.startOn <= date) found = { period, index };
  return found;
}

/** The last year whose report was due on or before `asOf` (dueMonthDay of year + 1). */
function lastDueYear(book: RuleBook, scheme: Scheme, asOf: string): number | null {
  for (let year = Number(asOf.slice(0, 4)) - 1; year >= Number(asOf.slice(0, 4)) - 2; year--) {
    const regime = regimeFor(book, scheme, yearEnd(year));
    if (regime && onMonthDay(year + 1, regime.report.dueMonthDay) <= asOf) return year;
  }
  return null;
}

/** The year whose report is not yet due at asOf but due within the regime's `warningDays`, if any. */
function upcomingDueYear(ctx: Context): number | null {
  const asOfYear = Number(ctx.asOf.slice(0, 4));
  const dueSoon = (year: number) => {
    const regime = regimeFor(ctx.book, ctx.scheme, yearEnd(year));
    const left = regime ? daysBetweenIso(ctx.asOf, onMonthDay(year + 1, regime.report.dueMonthDay)) : -1;
    return regime !== null && left > 0 && left <= regime.report.warningDays && agrementExistedIn(ctx.agrement, year);
  };
  return [asOfYear - 1, asOfYear].find(dueSoon) ?? null;
}

/** Whether the agrément was in force at some point of `year` (first grant on or before 31/12). */
function agrementExistedIn(agrement: AgrementFacts | null, year: number): boolean {
  if (!agrement?.firstGrantedOn || agrement.firstGrantedOn > yearEnd(year)) return false;
  if (agrement.periods.length === 0) return true;
  return agrement.periods.some((p) => p.startOn <= yearEnd(year) && (p.endOn === null || p.endOn >= `${year}-01-01`));
}

// ---------------------------------------------------------------------------------------------
// Rules for every scheme

const bceChecksum: Rule = (ctx) => {
  const bce = ctx.facts.operator.bce.trim();
  if (bce === '') return missing('Numéro d’entreprise non enregistré.', ['Numéro d’entreprise (BCE)']);
  const check = checkBce(bce);
  if (check.valid) return { status: 'ok', explanation: `Numéro d’entreprise ${formatBce(bce)} valide (contrôle modulo 97).` };
  return { status: 'breach', explanation: `Numéro d’entreprise ${bce} : ${BCE_MESSAGES_FR[check.reason]}` };
};

function formLabel(form: string, socialEnterpriseRequired: boolean): string {
  return socialEnterpriseRequired ? `${form} agréée comme entreprise sociale` : form;
}

const legalFormAllowed: Rule = (ctx) => {
  const regime = regimeOn(ctx, ctx.asOf);
  if (isOutcome(regime)) return regime;
  const { legalForm, socialEnterprise } = ctx.facts.operator;
  const admitted = regime.legalForms.map((f) => formLabel(f.form, f.socialEnterpriseRequired)).join(', ');
  const rule = regime.legalForms.find((f) => f.form === legalForm);
  if (!rule) {
    return { status: 'breach', explanation: `Forme juridique ${legalForm} non admise pour l’agrément ${ctx.scheme} (formes admises : ${admitted}).` };
  }
  if (rule.socialEnterpriseRequired && !socialEnterprise) {
    return {
      status: 'breach',
      explanation: `${legalForm} non agréée comme entreprise sociale : l’agrément ${ctx.scheme} exige une ${formLabel(legalForm, true)} (formes admises : ${admitted}).`,
    };
  }
  const es = rule.socialEnterpriseRequired ? ' agréée comme entreprise sociale' : socialEnterprise ? ' (entreprise sociale)' : '';
  return { status: 'ok', explanation: `Forme juridique ${legalForm}${es} admise pour l’agrément ${ctx.scheme} (formes admises : ${admitted}).` };
};

function reportOnTimeFor(ctx: Context, year: number): Outcome {
  const regime = regimeOn(ctx, yearEnd(year));
  if (isOutcome(regime)) return { ...regime, year };
  const due = onMonthDay(year + 1, regime.report.dueMonthDay);
  const report = ctx.facts.reports.find((r) => r.year === year);
  const receivedOn = report?.receivedOn && report.receivedOn <= ctx.asOf ? report.receivedOn : null;
  if (receivedOn !== null) {
    const late = daysBetweenIso(due, receivedOn);
    if (late <= 0) return { status: 'ok', year, explanation: `Rapport ${year} reçu le ${formatDate(receivedOn)} (échéance le ${formatDate(due)}).` };
    return {
      status: 'breach',
      year,
      explanation: `Rapport ${year} reçu le ${formatDate(receivedOn)}, ${plural(late, 'jour')} après l’échéance du ${formatDate(due)}.`,
    };
  }
  const left = daysBetweenIso(ctx.asOf, due);
  if (left < 0) {
    return { status: 'breach', year, explanation: `Rapport ${year} non reçu : échéance dépassée depuis le ${formatDate(due)} (${plural(-left, 'jour')}).` };
  }
  if (left <= regime.report.warningDays) {
    return { status: 'warning', year, explanation: `Rapport d’activités ${year} attendu pour le ${formatDate(due)} (${inDays(left)}), non encore reçu.` };
  }
  return { status: 'ok', year, explanation: `Rapport ${year} attendu pour le ${formatDate(due)} (${inDays(left)}).` };
}

/**
 * The report year a punctuality rule judges: a report dossier's own year; for other dossiers the
 * last year whose report was due by asOf, if the agrément was in force that year.
 */
function judgedReportYear(ctx: Context): number | Outcome {
  if (ctx.kind === 'activity_report') {
    return ctx.reportYear ?? missing('L’année du rapport d’activités n’est pas enregistrée.', ['Année du rapport']);
  }
  if (!ctx.agrement) return noAgrement(ctx);
  const year = ctx.dueYear;
  if (year === null) return na(`Aucun rapport annuel n’était encore dû au ${formatDate(ctx.asOf)}.`);
  if (!agrementExistedIn(ctx.agrement, year)) return { ...na(`L’agrément n’était pas en vigueur en ${year} : aucun rapport dû pour cette année.`), year };
  return year;
}

/** The worse of two outcomes (the first on a tie). */
function worse(a: Outcome, b: Outcome): Outcome {
  return STATUS_SEVERITY[b.status] > STATUS_SEVERITY[a.status] ? b : a;
}

/**
 * The report of the judged year; for a dossier other than a report, also the next report when its
 * due date is within `warningDays` (« à surveiller » before it is late): the worse of the two.
 */
const reportOnTime: Rule = (ctx) => {
  const year = judgedReportYear(ctx);
  const judged = isOutcome(year) ? year : reportOnTimeFor(ctx, year);
  const upcoming = ctx.kind === 'activity_report' || !ctx.agrement ? null : upcomingDueYear(ctx);
  return upcoming === null ? judged : worse(judged, reportOnTimeFor(ctx, upcoming));
};

/** The agrément's period at asOf with an end date, or the outcome when there is nothing to judge. */
function currentEnd(ctx: Context): { agrement: AgrementFacts; startOn: string; endOn: string } | Outcome {
  const agrement = ctx.agrement;
  if (!agrement) return noAgrement(ctx);
  if (ENDED.has(agrement.status) || agrement.status === 'expired') {
    return na(`Agrément ${agrement.number} ${STATUS_FR[agrement.status] ?? agrement.status} : sans objet.`);
  }
  const at = periodAt(agrement, ctx.asOf) ?? (agrement.periods.length > 0 ? null : undefined);
  if (at === undefined) {
    if (ctx.kind === 'agrement') return na('Agrément pas encore accordé : sans objet.');
    return missing(`Aucune période enregistrée pour l’agrément ${agrement.number}.`, ['Périodes de l’agrément']);
  }
  if (at === null) return na(`L’agrément ${agrement.number} ne commence qu’après le ${formatDate(ctx.asOf)}.`);
  if (at.period.endOn === null) return na(`Agrément ${agrement.number} à durée indéterminée depuis le ${formatDate(at.period.startOn)}.`);
  return { agrement, startOn: at.period.startOn, endOn: at.period.endOn };
}

const renewalWindow: Rule = (ctx) => {
  const regime = regimeOn(ctx, ctx.asOf);
  if (isOutcome(regime)) return regime;
  const window = regime.renewalWindow;
  if (!window) return na(`Pas de fenêtre de renouvellement pour l’agrément ${ctx.scheme}.`);
  const current = currentEnd(ctx);
  if (isOutcome(current)) return current;
  const { agrement, startOn, endOn } = current;
  const opens = addDaysIso(endOn, -window.openDaysBeforeExpiry);
  const closes = addDaysIso(endOn, -window.closeDaysBeforeExpiry);
  const span = `du ${formatDate(opens)} au ${formatDate(closes)}`;
  const request = ctx.facts.renewalRequests
    .filter((r) => r.agrementId === agrement.id && r.receivedOn >= startOn && r.receivedOn <= ctx.asOf)
    .sort((a, b) => a.receivedOn.localeCompare(b.receivedOn))[0];
  if (request) {
    const before = daysBetweenIso(request.receivedOn, endOn);
    const received = `Demande de renouvellement reçue le ${formatDate(request.receivedOn)}, ${plural(before, 'jour')} avant l’échéance du ${formatDate(endOn)}`;
    if (before > window.openDaysBeforeExpiry) {
      return {
        status: 'warning',
        explanation: `${received} : ${plural(before - window.openDaysBeforeExpiry, 'jour')} avant l’ouverture de la fenêtre (${span}).`,
      };
    }
    if (before < window.closeDaysBeforeExpiry) {
      return {
        status: 'breach',
        explanation: `${received} : ${plural(window.closeDaysBeforeExpiry - before, 'jour')} après la fermeture de la fenêtre (${span}).`,
      };
    }
    return { status: 'ok', explanation: `${received}, dans la fenêtre (${span}).` };
  }
  if (ctx.asOf < opens) {
    return { status: 'ok', explanation: `Demande de renouvellement attendue entre le ${formatDate(opens)} et le ${formatDate(closes)} (échéance le ${formatDate(endOn)}).` };
  }
  if (ctx.asOf <= closes) {
    return {
      status: 'warning',
      explanation: `Aucune demande de renouvellement : fenêtre ouverte, se ferme ${inDays(daysBetweenIso(ctx.asOf, closes))} (le ${formatDate(closes)} ; échéance le ${formatDate(endOn)}).`,
    };
  }
  return {
    status: 'breach',
    explanation: `Aucune demande de renouvellement : fenêtre fermée le ${formatDate(closes)} (ouverte ${span} ; échéance le ${formatDate(endOn)}).`,
  };
};

const agrementExpiry: Rule = (ctx) => {
  const regime = regimeOn(ctx, ctx.asOf);
  if (isOutcome(regime)) return regime;
  const agrement = ctx.agrement;
  if (!agrement) return noAgrement(ctx);
  if (ENDED.has(agrement.status)) return na(`Agrément ${agrement.number} ${STATUS_FR[agrement.status] ?? agrement.status} : sans objet.`);
  const last = agrement.periods.at(-1);
  if (!last) {
    if (ctx.kind === 'agrement') return na('Agrément pas encore accordé : sans objet.');
    return missing(`Aucune période enregistrée pour l’agrément ${agrement.number}.`, ['Périodes de l’agrément']);
  }
  if (last.endOn === null) return { status: 'ok', explanation: `Agrément ${agrement.number} à durée indéterminée depuis le ${formatDate(last.startOn)}.` };
  const left = daysBetweenIso(ctx.asOf, last.endOn);
  if (left < 0) {
    if (!ACTIVE.has(agrement.status)) return na(`Agrément ${agrement.number} expiré le ${formatDate(last.endOn)} (statut : ${STATUS_FR[agrement.status] ?? agrement.status}).`);
    return {
      status: 'breach',
      explanation: `Agrément ${agrement.number} expiré le ${formatDate(last.endOn)} (${plural(-left, 'jour')}) sans nouvelle période, mais toujours enregistré comme ${STATUS_FR[agrement.status]}.`,
    };
  }
  if (left <= regime.expiryWarningDays) {
    return {
      status: 'warning',
      explanation: `Agrément ${agrement.number} valable jusqu’au ${formatDate(last.endOn)} : expire ${inDays(left)} (alerte à ${plural(regime.expiryWarningDays, 'jour')}).`,
    };
  }
  return { status: 'ok', explanation: `Agrément ${agrement.number} valable jusqu’au ${formatDate(last.endOn)} (${inDays(left)}).` };
};

function termSequence(terms: readonly string[]): string {
  const labels = terms.map((t) => TERM_FR[t as keyof typeof TERM_FR] ?? t);
  const last = labels.at(-1) ?? '';
  const repeats = terms.at(-1) !== 'indefinite' ? ` (${last} renouvelables ensuite)` : '';
  return `${labels.join(', puis ')}${repeats}`;
}

const agrementNextTerm: Rule = (ctx) => {
  const regime = regimeOn(ctx, ctx.asOf);
  if (isOutcome(regime)) return regime;
  const termAt = (index: number) => regime.terms[Math.min(index, regime.terms.length - 1)] ?? 'indefinite';
  const agrement = ctx.agrement;
  if (!agrement || agrement.periods.length === 0) {
    if (ctx.kind === 'agrement' || !agrement) {
      const first = `un premier agrément porterait sur ${TERM_AFTER_SUR_FR[termAt(0)]}`;
      return ctx.kind === 'agrement' ? na(`Nouvelle demande : ${first}.`) : missing(`Aucun agrément enregistré ; ${first}.`, [`Agrément ${ctx.scheme}`]);
    }
    return missing(`Aucune période enregistrée pour l’agrément ${agrement.number}.`, ['Périodes de l’agrément']);
  }
  if (ENDED.has(agrement.status)) return na(`Agrément ${agrement.number} ${STATUS_FR[agrement.status] ?? agrement.status} : sans objet.`);
  const at = periodAt(agrement, ctx.asOf) ?? { period: agrement.periods[0]!, index: 0 };
  const off = agrement.periods.findIndex((p, i) => p.term !== termAt(i));
  if (off >= 0) {
    const recorded = agrement.periods.map((p) => TERM_FR[p.term]).join(', ');
    return {
      status: 'warning',
      explanation: `Les durées enregistrées (${recorded}) ne suivent pas la séquence du régime ${regime.id} (${termSequence(regime.terms)}) : la ${ordinalFr(off + 1)} période devrait porter sur ${TERM_AFTER_SUR_FR[termAt(off)]}.`,
    };
  }
  const current = `Période en cours : ${TERM_FR[at.period.term]} (${ordinalFr(at.index + 1)} période)`;
  if (at.period.term === 'indefinite') return na(`${current} : pas de renouvellement.`);
  return { status: 'ok', explanation: `${current} ; un renouvellement porterait sur ${TERM_AFTER_SUR_FR[termAt(at.index + 1)]}.` };
};

// ---------------------------------------------------------------------------------------------
// EI

function holdsIes(ctx: Context): Outcome {
  const ies = ctx.facts.agrements.filter((a) => a.scheme === 'IES');
  const active = ies.find((a) => a.status === 'active');
  if (active) return { status: 'ok', explanation: `Agrément IES ${active.number} actif.` };
  const suspended = ies.find((a) => a.status === 'suspended');
  if (suspended) return { status: 'warning', explanation: `Agrément IES ${suspended.number} suspendu.` };
  const other = ies[0];
  return {
    status: 'breach',
    explanation: other
      ? `Aucun agrément IES actif (agrément IES ${other.number} ${STATUS_FR[other.status] ?? other.status}) : une EI doit détenir l’agrément IES.`
      : 'Aucun agrément IES : une EI doit détenir l’agrément IES.',
  };
}

function notEta(ctx: Context): Outcome {
  const eta = ctx.facts.agrements.find((a) => a.scheme === 'ETA' && ACTIVE.has(a.status));
  if (eta) return { status: 'breach', explanation: `L’opérateur détient un agrément ETA ${STATUS_FR[eta.status]} (${eta.number}) : incompatible avec l’agrément EI.` };
  return { status: 'ok', explanation: 'Aucun agrément ETA actif.' };
}

const targetShare = yearly(['fteTotal', 'targetFteTd', 'targetFteTgd'], (f, regime, report, ctx) => {
  const rule = regime.ei!.targetShare;
  const granted = ctx.agrement?.firstGrantedOn ?? null;
  if (!granted) return missing('Date du premier agrément non enregistrée : année d’agrément inconnue.', ['Date du premier agrément']);
  const agrementYear = wholeYears(granted, yearEnd(report.year)) + 1;
  if (agrementYear < 1) return na(`Rapport ${report.year} antérieur au premier agrément (${formatDate(granted)}).`);
  const target = f.targetFteTd + f.targetFteTgd;
  const inconsistent = targetAboveTotal(target, report, ['targetFteTd', 'targetFteTgd']);
  if (inconsistent) return inconsistent;
  const threshold = `seuil ${formatPercent(rule.min, 1)} à partir de la ${ordinalFr(rule.fromAgrementYear)} année d’agrément ; ${report.year} : ${ordinalFr(agrementYear)} année`;
  if (f.fteTotal <= 0) return { status: 'warning', explanation: `Part du public cible non calculable : ETP total nul (${threshold}).` };
  const share = target / f.fteTotal;
  const text = `Part du public cible : ${formatPercent(roundTowards(share, 3, 'down'))} des ETP (${formatFte(target)} TD et TGD sur ${formatFte(f.fteTotal)} ; ${threshold}).`;
  if (geq(target, rule.min * f.fteTotal)) return { status: 'ok', explanation: text };
  if (agrementYear < rule.fromAgrementYear) return { status: 'warning', explanation: `${text} Seuil à atteindre d’ici la ${ordinalFr(rule.fromAgrementYear)} année.` };
  return { status: 'breach', explanation: text };
});

const cdiWithinMonths = yearly(['targetHires', 'cdiWithin6Months'], (f, regime) => {
  const months = regime.ei!.cdi.withinMonths;
  if (f.cdiWithin6Months > f.targetHires) {
    return incoherent(`${formatNumber(f.cdiWithin6Months, 0)} CDI dans les ${months} mois pour ${plural(f.targetHires, 'engagement')} du public cible`, ['cdiWithin6Months', 'targetHires']);
  }
  if (f.targetHires === 0) return { status: 'ok', explanation: 'Aucun engagement du public cible pendant l’année.' };
  const text = `${formatNumber(f.cdiWithin6Months, 0)} CDI dans les ${months} mois pour ${plural(f.targetHires, 'engagement')} du public cible`;
  if (f.cdiWithin6Months >= f.targetHires) return { status: 'ok', explanation: `${text}.` };
  const gap = f.targetHires - f.cdiWithin6Months;
  return { status: 'breach', explanation: `${text} : ${plural(gap, 'travailleur')} sans CDI dans les ${months} mois.` };
});

const halfTime = yearly(['partTimeBelowHalf'], (f, regime) => {
  const min = formatNumber(regime.ei!.halfTime.minFraction, 2);
  if (f.partTimeBelowHalf === 0) return { status: 'ok', explanation: `Aucun contrat inférieur au mi-temps (minimum ${min} ETP).` };
  return { status: 'breach', explanation: `${plural(f.partTimeBelowHalf, 'contrat')} inférieur${f.partTimeBelowHalf > 1 ? 's' : ''} au mi-temps (minimum ${min} ETP).` };
});

const paySpread = yearly(['lowestFtePayCents', 'highestFtePayCents'], (f, regime) => {
  const { paySpread: spread, paySpreadWarning: warn } = regime.ei!;
  if (f.lowestFtePayCents <= 0) {
    return missing('Rémunération ETP la plus basse nulle : écart non calculable.', [figureLabel('lowestFtePayCents')]);
  }
  if (f.highestFtePayCents < f.lowestFtePayCents) {
    return incoherent(
      `rémunération ETP la plus haute de ${formatEuros(f.highestFtePayCents)} pour une plus basse de ${formatEuros(f.lowestFtePayCents)}`,
      ['highestFtePayCents', 'lowestFtePayCents'],
    );
  }
  const ratio = f.highestFtePayCents / f.lowestFtePayCents;
  const text = `Écart des rémunérations ETP : 1 à ${formatNumber(roundTowards(ratio, 2, 'up'), 2)} (${formatEuros(f.highestFtePayCents)} / ${formatEuros(f.lowestFtePayCents)} ; maximum 1 à ${formatNumber(spread.max, 2)})`;
  if (f.highestFtePayCents > spread.max * f.lowestFtePayCents + EPSILON) return { status: 'breach', explanation: `${text}.` };
  if (f.highestFtePayCents > warn.above * f.lowestFtePayCents + EPSILON) {
    return { status: 'warning', explanation: `${text} : proche du maximum (alerte au-delà de 1 à ${formatNumber(warn.above, 2)}).` };
  }
  return { status: 'ok', explanation: `${text}.` };
});

const accompaniment = yearly(['accompanimentFte', 'targetFteTd', 'targetFteTgd'], (f, regime) => {
  const rule = regime.ei!.accompaniment;
  const target = f.targetFteTd + f.targetFteTgd;
  if (target <= 0) return na('Aucun travailleur du public cible : pas d’accompagnement requis.');
  const required = Math.max(rule.minFte, target / rule.targetFtePerAccompanimentFte);
  const text = `Accompagnement social : ${formatFte(roundTowards(f.accompanimentFte, 2, 'down'))} pour ${formatFte(target)} du public cible (requis : ${formatFte(roundTowards(required, 2, 'up'))}, soit 1 ETP pour ${formatNumber(rule.targetFtePerAccompanimentFte, 2)} ETP du public cible et au moins ${formatFte(rule.minFte)})`;
  return geq(f.accompanimentFte, required) ? { status: 'ok', explanation: `${text}.` } : { status: 'breach', explanation: `${text}.` };
});

function flagRule(key: 'trainingPlan' | 'yearlyEvaluations', present: string, absent: string): Rule {
  return yearly([key], (f) => (f[key] === 1 ? { status: 'ok', explanation: present } : { status: 'breach', explanation: absent }));
}

const trainingPlan = flagRule('trainingPlan', 'Plan de formation présent.', 'Pas de plan de formation.');
const yearlyEvaluations = flagRule('yearlyEvaluations', 'Évaluations annuelles des travailleurs réalisées.', 'Pas d’évaluations annuelles des travailleurs.');

/**
 * The yearly cap of a subsidy: the amount per FTE is granted over `months` (€ 18 000 over 12 months
 * for a TD, € 36 000 over 24 months for a TGD), so a year is worth amount × 12 / months per FTE.
 */
function yearlyCapCents(cap: { amountCents: number; months: number }, fte: number): number {
  return Math.round(((cap.amountCents * 12) / cap.months) * fte);
}

const subsidyCap = yearly(['subsidyTdCents', 'subsidyTgdCents', 'targetFteTd', 'targetFteTgd'], (f, regime, report) => {
  const inconsistent = targetAboveTotal(f.targetFteTd + f.targetFteTgd, report, ['targetFteTd', 'targetFteTgd']);
  if (inconsistent) return inconsistent;
  const { td, tgd } = regime.ei!.subsidy;
  const line = (name: string, amount: number, fte: number, cap: { amountCents: number; months: number }) => {
    const max = yearlyCapCents(cap, fte);
    const perYear = Math.round((cap.amountCents * 12) / cap.months);
    return {
      over: amount > max,
      text: `subvention ${name} ${formatEuros(amount)} pour ${formatFte(fte)} (plafond ${formatEuros(max)} : ${formatEuros(perYear)} par ETP et par an, soit ${formatEuros(cap.amountCents)} sur ${cap.months} mois)`,
    };
  };
  const a = line('TD', f.subsidyTdCents, f.targetFteTd, td);
  const b = line('TGD', f.subsidyTgdCents, f.targetFteTgd, tgd);
  const text = `${a.text[0]!.toUpperCase()}${a.text.slice(1)} ; ${b.text}.`;
  if (!a.over && !b.over) return { status: 'ok', explanation: text };
  const over = [a.over ? 'TD' : null, b.over ? 'TGD' : null].filter(Boolean).join(' et ');
  return { status: 'breach', explanation: `Plafond dépassé (${over}). ${text}` };
});

const subsidyWageShare = yearly(['subsidyTdCents', 'subsidyTgdCents', 'wageCostCents'], (f, regime) => {
  const max = regime.ei!.subsidyWageShare.max;
  const total = f.subsidyTdCents + f.subsidyTgdCents;
  const share = f.wageCostCents > 0 ? ` (${formatPercent(roundTowards(total / f.wageCostCents, 3, 'up'))})` : '';
  const text = `Subventions TD et TGD : ${formatEuros(total)} pour un coût salarial de ${formatEuros(f.wageCostCents)}${share} ; maximum ${formatPercent(max)} du coût salarial, soit ${formatEuros(Math.floor(max * f.wageCostCents))}.`;
  return total <= max * f.wageCostCents + EPSILON ? { status: 'ok', explanation: text } : { status: 'breach', explanation: text };
});

// ---------------------------------------------------------------------------------------------
// IDESS

const idessTargetFte = yearly(['targetFteSine', 'targetFteArt60', 'targetFteArt61'], (f, regime, report) => {
  const min = regime.idess!.targetFte.min;
  const total = f.targetFteSine + f.targetFteArt60 + f.targetFteArt61;
  const inconsistent = targetAboveTotal(total, report, ['targetFteSine', 'targetFteArt60', 'targetFteArt61']);
  if (inconsistent) return inconsistent;
  const text = `Public cible : ${formatFte(roundTowards(total, 2, 'down'))} (SINE ${formatNumber(f.targetFteSine, 2)}, art. 60 ${formatNumber(f.targetFteArt60, 2)}, art. 61 ${formatNumber(f.targetFteArt61, 2)} ; minimum ${formatFte(min)}).`;
  return geq(total, min) ? { status: 'ok', explanation: text } : { status: 'breach', explanation: text };
});

function idessActivities(ctx: Context): { agrement: AgrementFacts; regime: Regime } | Outcome {
  const regime = regimeOn(ctx, ctx.asOf);
  if (isOutcome(regime)) return regime;
  if (!ctx.agrement) return noAgrement(ctx);
  if (ctx.agrement.activities.length === 0) {
    return missing(`Aucune activité enregistrée pour l’agrément ${ctx.agrement.number}.`, ['Activités de l’agrément IDESS']);
  }
  return { agrement: ctx.agrement, regime };
}

function activityLabel(regime: Regime, code: string): string {
  return regime.idess!.activities.allowed.find((a) => a.code === code)?.label ?? code;
}

const activitiesAllowed: Rule = (ctx) => {
  const found = idessActivities(ctx);
  if (isOutcome(found)) return found;
  const { agrement, regime } = found;
  const allowed = new Set(regime.idess!.activities.allowed.map((a) => a.code));
  const outside = agrement.activities.filter((a) => !allowed.has(a.activity)).map((a) => a.activity);
  const listed = agrement.activities.map((a) => activityLabel(regime, a.activity)).join(', ');
  if (outside.length > 0) {
    return { status: 'breach', explanation: `Activité${outside.length > 1 ? 's' : ''} hors de la liste autorisée : ${outside.join(', ')} (activités de l’agrément : ${listed}).` };
  }
  return { status: 'ok', explanation: `Activités dans la liste autorisée : ${listed}.` };
};

const precariousOnly: Rule = (ctx) => {
  const found = idessActivities(ctx);
  if (isOutcome(found)) return found;
  const { agrement, regime } = found;
  const reserved = new Set(regime.idess!.activities.allowed.filter((a) => a.precariousOnly).map((a) => a.code));
  const concerned = agrement.activities.filter((a) => reserved.has(a.activity));
  if (concerned.length === 0) return na('Aucune activité réservée aux précarisés dans l’agrément.');
  const open = concerned.filter((a) => a.precariousOnly === false).map((a) => activityLabel(regime, a.activity));
  if (open.length > 0) {
    return { status: 'breach', explanation: `Réservé${open.length > 1 ? 's' : ''} aux précarisés mais non limité${open.length > 1 ? 's' : ''} à ce public : ${open.join(', ')}.` };
  }
  const unknown = concerned.filter((a) => a.precariousOnly === null).map((a) => activityLabel(regime, a.activity));
  if (unknown.length > 0) {
    return missing(`Limitation aux précarisés non enregistrée : ${unknown.join(', ')}.`, unknown.map((label) => `Réservé aux précarisés : ${label}`));
  }
  return { status: 'ok', explanation: `Activités réservées aux précarisés limitées à ce public : ${concerned.map((a) => activityLabel(regime, a.activity)).join(', ')}.` };
};

// ---------------------------------------------------------------------------------------------
// AC

const acReportPresent: Rule = (ctx) => {
  const year = judgedReportYear(ctx);
  if (isOutcome(year)) return year;
  const regime = regimeOn(ctx, yearEnd(year));
  if (isOutcome(regime)) return { ...regime, year };
  const due = onMonthDay(year + 1, regime.report.dueMonthDay);
  const report = ctx.facts.reports.find((r) => r.year === year);
  if (report?.receivedOn && report.receivedOn <= ctx.asOf) {
    return { status: 'ok', year, explanation: `Rapport annuel ${year} déposé le ${formatDate(report.receivedOn)}.` };
  }
  if (due >= ctx.asOf) return { status: 'ok', year, explanation: `Rapport annuel ${year} attendu pour le ${formatDate(due)}.` };
  return { status: 'breach', year, explanation: `Rapport annuel ${year} non déposé (dû le ${formatDate(due)}).` };
};

const acSubsidyElements: Rule = (ctx) => {
  const found = reportNeeded(ctx);
  if (isOutcome(found)) return found;
  const keys = found.regime.ac!.subsidyElements.figures;
  const figures = figuresNeeded(found.report, keys);
  if (isOutcome(figures)) {
    return { ...figures, year: found.report.year, explanation: `Éléments manquants pour la subvention complémentaire (rapport ${found.report.year}) : ${figures.missing!.join(', ')}.` };
  }
  const quoted = keys.map((key) => `${figureLabel(key)} ${formatFigure(key, figures[key]!)}`).join(' ; ');
  return { status: 'ok', year: found.report.year, explanation: `Éléments complets pour la subvention complémentaire (rapport ${found.report.year}) : ${quoted}.` };
};

// ---------------------------------------------------------------------------------------------
// Evaluation

const RULE_FUNCTIONS: Record<RuleId, Rule> = {
  'bce.checksum': bceChecksum,
  'legal_form.allowed': legalFormAllowed,
  'ei.holds_ies': holdsIes,
  'ei.not_eta': notEta,
  'report.on_time': reportOnTime,
  'renewal.window': renewalWindow,
  'agrement.expiry': agrementExpiry,
  'agrement.next_term': agrementNextTerm,
  'ei.target_share': targetShare,
  'ei.cdi_6_months': cdiWithinMonths,
  'ei.half_time': halfTime,
  'ei.pay_spread': paySpread,
  'ei.accompaniment': accompaniment,
  'ei.training_plan': trainingPlan,
  'ei.yearly_evaluations': yearlyEvaluations,
  'ei.subsidy_cap': subsidyCap,
  'ei.subsidy_wage_share': subsidyWageShare,
  'idess.target_fte': idessTargetFte,
  'idess.activities_allowed': activitiesAllowed,
  'idess.precarious_only': precariousOnly,
  'ac.report_present': acReportPresent,
  'ac.subsidy_elements': acSubsidyElements,
};

/** The dossier's agrément, else the operator's agrément of the scheme (active first, then the latest). */
function agrementOf(facts: ComplianceFacts): AgrementFacts | null {
  const { agrementId, scheme } = facts.dossier;
  if (agrementId !== null) {
    const own = facts.agrements.find((a) => a.id === agrementId);
    if (own) return own;
  }
  const same = facts.agrements.filter((a) => a.scheme === scheme);
  return same.find((a) => ACTIVE.has(a.status)) ?? same.at(-1) ?? null;
}

/**
 * For a dossier other than a yearly report: the report of the last year due at asOf (`dueYear`), else
 * that of the year before, if received on or before asOf; an older report is not judged.
 */
function recentReceivedYear(facts: ComplianceFacts, dueYear: number | null): number | null {
  if (dueYear === null) return null;
  const received = (year: number) => facts.reports.some((r) => r.year === year && r.receivedOn !== null && r.receivedOn <= facts.asOf);
  return [dueYear, dueYear - 1].find(received) ?? null;
}

function contextOf(facts: ComplianceFacts, book: RuleBook, kind: DossierKind, reportYear: number | null): Context {
  const dueYear = kind === 'activity_report' ? null : lastDueYear(book, facts.dossier.scheme, facts.asOf);
  const year = kind === 'activity_report' ? reportYear : recentReceivedYear(facts, dueYear);
  return { facts, book, scheme: facts.dossier.scheme, kind, asOf: facts.asOf, agrement: agrementOf(facts), reportYear: year, dueYear };
}

/**
 * The regime whose values a rule applied: for an outcome about a report year, the one in force on
 * 31/12 of that year; else the one in force at asOf. None for the BCE number (no regime value).
 */
function appliedRegimeId(ruleId: RuleId, ctx: Context, year: number | null): string | null {
  if (ruleId === 'bce.checksum') return null;
  return regimeFor(ctx.book, ctx.scheme, year !== null ? yearEnd(year) : ctx.asOf)?.id ?? null;
}

function run(ruleId: RuleId, ctx: Context): RuleResult {
  const outcome = RULE_FUNCTIONS[ruleId](ctx);
  const missingFields = outcome.status === 'missing' ? (outcome.missing && outcome.missing.length > 0 ? outcome.missing : ['Données']) : [];
  const year = outcome.year ?? null;
  return { ruleId, status: outcome.status, explanation: outcome.explanation, missing: missingFields, year, regimeId: appliedRegimeId(ruleId, ctx, year) };
}

/** One result per rule of the dossier's scheme, in catalogue order. */
export function evaluateDossier(facts: ComplianceFacts, book: RuleBook): RuleResult[] {
  const { kind } = facts.dossier;
  const ctx = contextOf(facts, book, kind, facts.dossier.reportYear);
  return rulesFor(facts.dossier.scheme).map((rule) => run(rule.id, ctx));
}

/** The rules with a history: the yearly ones and the report's punctuality. */
function historyRules(scheme: Scheme): RuleId[] {
  return RULES.filter((rule) => rule.schemes.includes(scheme) && (rule.yearly || rule.id === 'report.on_time')).map((rule) => rule.id);
}

/**
 * Each yearly rule (and `report.on_time`) over the operator's report years, oldest first, each
 * year judged as the activity-report dossier of that year would be.
 */
export function evaluateHistory(facts: ComplianceFacts, book: RuleBook): RuleHistory {
  const years = [...new Set(facts.reports.map((r) => r.year))].sort((a, b) => a - b);
  const contexts = years.map((year) => ({ year, ctx: contextOf(facts, book, 'activity_report', year) }));
  return {
    years,
    rows: historyRules(facts.dossier.scheme).map((ruleId) => ({
      ruleId,
      byYear: contexts.map(({ year, ctx }) => {
        const result = run(ruleId, ctx);
        return { year, status: result.status, explanation: result.explanation };
      }),
    })),
  };
}
