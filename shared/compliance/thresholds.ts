/**
 * The thresholds file (`resources/rules/thresholds.json`): every threshold, duration and date the
 * compliance rules use, versioned by regime (one regime per scheme and period of validity), each
 * with its source. The secretariat edits the file; `parseRuleBook` refuses a malformed one with a
 * French message naming the field (« Fichier des seuils invalide : regimes[1].ei.paySpread.max —
 * nombre attendu, reçu texte »).
 */
import { z } from 'zod';
import { reportFieldsOf } from '../contract/entry';
import { IsoDate, LEGAL_FORMS, SCHEMES, TERMS, type Scheme } from '../domain';

// ---------------------------------------------------------------------------------------------
// Schema

const Text = z.string().trim().min(1, 'texte non vide attendu');

/** Where a value comes from: a legal text and its article, or the commission's practice. */
export const Source = z.strictObject({
  text: Text,
  /** « art. 4 », or null when no article is quoted with confidence. */
  article: Text.nullable(),
  url: z.string().regex(/^https?:\/\/\S+$/, 'adresse web (http:// ou https://) attendue').nullable(),
});
export type Source = z.infer<typeof Source>;

const MONTH_DAY = /^(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `MM-DD`, a day that exists every year (29 February refused). */
export const MonthDay = z.string().refine(
  (value) => {
    const match = MONTH_DAY.exec(value);
    if (!match) return false;
    const month = Number(match[1]);
    const day = Number(match[2]);
    return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] ?? 0);
  },
  { message: 'jour de l’année invalide (MM-JJ attendu, par exemple 07-15 ; le 29 février est refusé)' },
);

const Days = z.number().int('nombre entier de jours attendu').min(0, 'nombre de jours positif attendu').max(3660, 'nombre de jours trop grand (au plus 3660)');
const Share = z.number().min(0, 'proportion entre 0 et 1 attendue').max(1, 'proportion entre 0 et 1 attendue');
const Positive = (max: number) => z.number().positive('nombre strictement positif attendu').max(max, `nombre trop grand (au plus ${max})`);
const Cents = z.number().int('montant en cents (entier) attendu').positive('montant strictement positif attendu').max(1e10, 'montant trop grand');
const Months = z.number().int('nombre entier de mois attendu').min(1, 'au moins 1 mois').max(120, 'au plus 120 mois');

export const LegalFormRule = z.strictObject({
  form: z.enum(LEGAL_FORMS),
  /** The operator must be agreed as a social enterprise (entreprise sociale, ES). */
  socialEnterpriseRequired: z.boolean(),
});
export type LegalFormRule = z.infer<typeof LegalFormRule>;

const SubsidyCap = z.strictObject({
  /** The maximum per FTE over `months` (€ 18 000 over 12 months for a TD). */
  amountCents: Cents,
  months: Months,
});
export type SubsidyCap = z.infer<typeof SubsidyCap>;

export const EiThresholds = z.strictObject({
  targetShare: z.strictObject({
    /** (TD + TGD) FTE / total FTE at least this share… */
    min: Share,
    /** …from this year of agrément on (1 = the year of the first grant). */
    fromAgrementYear: z.number().int().min(1, 'année d’agrément ≥ 1 attendue').max(50, 'année d’agrément trop grande'),
    source: Source,
  }),
  cdi: z.strictObject({ withinMonths: Months, source: Source }),
  halfTime: z.strictObject({ minFraction: Share, source: Source }),
  paySpread: z.strictObject({
    /** Highest FTE pay / lowest FTE pay at most this. */
    max: Positive(100),
    source: Source,
  }),
  paySpreadWarning: z.strictObject({
    /** Above this ratio (and within the maximum) the spread is « à surveiller ». */
    above: Positive(100),
    source: Source,
  }),
  accompaniment: z.strictObject({
    /** Required accompaniment FTE = max(minFte, target FTE / targetFtePerAccompanimentFte). */
    minFte: z.number().min(0, 'nombre positif attendu').max(100, 'nombre trop grand'),
    targetFtePerAccompanimentFte: Positive(1000),
    source: Source,
  }),
  trainingPlan: z.strictObject({ source: Source }),
  yearlyEvaluations: z.strictObject({ source: Source }),
  subsidy: z.strictObject({
    td: SubsidyCap,
    tgd: SubsidyCap,
    source: Source,
  }),
  subsidyWageShare: z.strictObject({
    /** (TD + TGD subsidy) at most this share of the wage cost. */
    max: Share,
    source: Source,
  }),
  holdsIes: z.strictObject({ source: Source }),
  notEta: z.strictObject({ source: Source }),
});
export type EiThresholds = z.infer<typeof EiThresholds>;

export const IdessActivityRule = z.strictObject({
  /** As stored in agrement_activities.activity. */
  code: z.string().regex(/^[a-z][a-z_]*$/, 'code d’activité attendu (minuscules et _)'),
  /** French wording, shown in explanations. */
  label: Text,
  /** Reserved to « précarisés » (taxi social, buanderie sociale, magasin social). */
  precariousOnly: z.boolean(),
});
export type IdessActivityRule = z.infer<typeof IdessActivityRule>;

export const IdessThresholds = z.strictObject({
  targetFte: z.strictObject({
    /** SINE + art. 60 + art. 61 FTE at least this. */
    min: z.number().min(0, 'nombre positif attendu').max(1000, 'nombre trop grand'),
    source: Source,
  }),
  activities: z.strictObject({
    allowed: z.array(IdessActivityRule).min(1, 'au moins une activité attendue'),
    source: Source,
  }),
});
export type IdessThresholds = z.infer<typeof IdessThresholds>;

const AC_FIGURE_KEYS: readonly string[] = reportFieldsOf('AC').map((field) => field.key);

/** A figure of the AC yearly report (a key of `reportFieldsOf('AC')`, e.g. `fteTotal`). */
const AcFigureKey = z.string().refine((key) => AC_FIGURE_KEYS.includes(key), {
  error: (issue) => `chiffre « ${String(issue.input)} » inconnu du rapport AC (clés admises : ${AC_FIGURE_KEYS.join(', ')})`,
});

export const AcThresholds = z.strictObject({
  subsidyElements: z.strictObject({
    /** Report figures (keys of REPORT_FIELDS) the commission needs for the complementary subsidy. */
    figures: z.array(AcFigureKey).min(1, 'au moins un chiffre attendu'),
    source: Source,
  }),
});
export type AcThresholds = z.infer<typeof AcThresholds>;

export const RenewalWindow = z.strictObject({
  /** The window opens this many days before the expiry (240)… */
  openDaysBeforeExpiry: Days,
  /** …and closes this many days before it (180), both days included. */
  closeDaysBeforeExpiry: Days,
  source: Source,
});
export type RenewalWindow = z.infer<typeof RenewalWindow>;

export const Regime = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'identifiant attendu (lettres, chiffres, - _ .)'),
  scheme: z.enum(SCHEMES),
  /** First day the regime applies. */
  from: IsoDate,
  /** Last day it applies (inclusive), or null while in force. */
  to: IsoDate.nullable(),
  source: Source,
  legalForms: z.array(LegalFormRule).min(1, 'au moins une forme juridique attendue'),
  legalFormsSource: Source,
  /** Successive periods: ["2y", "4y", "indefinite"]; the last one repeats. */
  terms: z.array(z.enum(TERMS)).min(1, 'au moins une durée attendue'),
  termsSource: Source,
  report: z.strictObject({
    /** The yearly report of year N is due on this day of year N+1. */
    dueMonthDay: MonthDay,
    /** A report not yet received within this many days of its due date is « à surveiller ». */
    warningDays: Days,
    source: Source,
    warningSource: Source,
  }),
  renewalWindow: RenewalWindow.nullable(),
  /** An agrément expiring within this many days is « à surveiller ». */
  expiryWarningDays: Days,
  expiryWarningSource: Source,
  ei: EiThresholds.optional(),
  idess: IdessThresholds.optional(),
  ac: AcThresholds.optional(),
});
export type Regime = z.infer<typeof Regime>;

export const RuleBookSchema = z
  .strictObject({
    /** The version of the file, e.g. "2026-11-22": stored with each result (rules_version). */
    version: Text,
    /** What the file is, for whoever opens it. */
    description: Text.optional(),
    appeal: z.strictObject({ days: Days.min(1, 'au moins 1 jour'), source: Source }),
    regimes: z.array(Regime).min(1, 'au moins un régime attendu'),
  })
  .superRefine((book, ctx) => {
    book.regimes.forEach((regime, index) => {
      const at = (...path: (string | number)[]) => ['regimes', index, ...path];
      if (regime.to !== null && regime.to < regime.from) {
        ctx.addIssue({ code: 'custom', path: at('to'), message: 'la fin du régime précède son début' });
      }
      for (const key of ['ei', 'idess', 'ac'] as const) {
        const own = key.toUpperCase() === regime.scheme;
        if (own && regime[key] === undefined) ctx.addIssue({ code: 'custom', path: at(key), message: `seuils ${regime.scheme} manquants pour un régime ${regime.scheme}` });
        if (!own && regime[key] !== undefined) ctx.addIssue({ code: 'custom', path: at(key), message: `seuils ${key.toUpperCase()} dans un régime ${regime.scheme}` });
      }
      const window = regime.renewalWindow;
      if (window && window.openDaysBeforeExpiry <= window.closeDaysBeforeExpiry) {
        ctx.addIssue({ code: 'custom', path: at('renewalWindow', 'openDaysBeforeExpiry'), message: 'la fenêtre doit s’ouvrir avant de se fermer (ouverture > fermeture)' });
      }
      if (regime.ei && regime.ei.paySpreadWarning.above > regime.ei.paySpread.max) {
        ctx.addIssue({ code: 'custom', path: at('ei', 'paySpreadWarning', 'above'), message: 'le seuil d’alerte dépasse le maximum' });
      }
      const ids = book.regimes.findIndex((other) => other.id === regime.id);
      if (ids !== index) ctx.addIssue({ code: 'custom', path: at('id'), message: `identifiant « ${regime.id} » en double (regimes[${ids}])` });
      book.regimes.forEach((other, j) => {
        if (j >= index || other.scheme !== regime.scheme) return;
        if (overlaps(other, regime)) {
          ctx.addIssue({ code: 'custom', path: at('from'), message: `chevauche le régime « ${other.id} » (regimes[${j}]) du même agrément ${regime.scheme}` });
        }
      });
    });
    for (const scheme of SCHEMES) {
      if (!book.regimes.some((regime) => regime.scheme === scheme)) {
        ctx.addIssue({ code: 'custom', path: ['regimes'], message: `aucun régime pour l’agrément ${scheme}` });
      }
    }
  });
export type RuleBook = z.infer<typeof RuleBookSchema>;

function overlaps(a: Pick<Regime, 'from' | 'to'>, b: Pick<Regime, 'from' | 'to'>): boolean {
  const aEnd = a.to ?? '9999-12-31';
  const bEnd = b.to ?? '9999-12-31';
  return a.from <= bEnd && b.from <= aEnd;
}

// ---------------------------------------------------------------------------------------------
// Parsing with French errors

/** A malformed thresholds file. `field` is the path of the faulty field, e.g. `regimes[1].ei.paySpread.max`. */
export class RuleBookError extends Error {
  readonly field: string;
  constructor(field: string, detail: string) {
    super(`Fichier des seuils invalide : ${field || '(racine)'} — ${detail}`);
    this.name = 'RuleBookError';
    this.field = field;
  }
}

/** `['regimes', 1, 'ei', 'max']` → `regimes[1].ei.max`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

const TYPE_FR: Record<string, string> = {
  string: 'texte',
  number: 'nombre',
  int: 'nombre entier',
  boolean: 'booléen (true ou false)',
  object: 'objet',
  array: 'liste',
  null: 'null',
  undefined: 'rien',
  nonoptional: 'valeur',
};

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'liste';
  if (value === undefined) return 'rien';
  return TYPE_FR[typeof value] ?? typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** One zod issue in French, with the path it is about (reused for the other data files of resources/). */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): { path: PropertyKey[]; detail: string } {
  const path = [...issue.path];
  switch (issue.code) {
    case 'invalid_type': {
      const received = valueAt(input, path);
      if (received === undefined) return { path, detail: `champ manquant (${TYPE_FR[issue.expected] ?? issue.expected} attendu)` };
      return { path, detail: `${TYPE_FR[issue.expected] ?? issue.expected} attendu, reçu ${kindOf(received)}` };
    }
    case 'unrecognized_keys':
      return { path: [...path, issue.keys[0] ?? ''], detail: `champ inconnu${issue.keys.length > 1 ? ` (et ${issue.keys.slice(1).join(', ')})` : ''}` };
    case 'invalid_value':
      return { path, detail: `valeur inattendue « ${String(valueAt(input, path))} » (attendu : ${issue.values.map(String).join(', ')})` };
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'custom':
    case 'not_multiple_of':
      return { path, detail: frenchMessage(issue) };
    default:
      return { path, detail: 'valeur invalide' };
  }
}

/** Every message of the schema above is French; only zod's own date check needs a translation. */
function frenchMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_format' && issue.format === 'date') return 'date attendue au format AAAA-MM-JJ (par exemple 2017-01-01)';
  return issue.message;
}

/** Validates the thresholds file; throws `RuleBookError` naming the first faulty field. */
export function parseRuleBook(json: unknown): RuleBook {
  const result = RuleBookSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new RuleBookError('', 'contenu invalide');
  const { path, detail } = describeIssue(issue, json);
  throw new RuleBookError(fieldPath(path), detail);
}

/** The regime of `scheme` in force on `onDate`, or null when the file has none for that day. */
export function regimeFor(book: RuleBook, scheme: Scheme, onDate: string): Regime | null {
  return book.regimes.find((r) => r.scheme === scheme && r.from <= onDate && (r.to === null || onDate <= r.to)) ?? null;
}

/**
 * The due date of the yearly report of `year`: `dueMonthDay` of year + 1, from the regime in force
 * on 31/12 of `year`; null when the file has no regime for that day.
 */
export function reportDueOn(book: RuleBook, scheme: Scheme, year: number): string | null {
  const regime = regimeFor(book, scheme, `${String(year).padStart(4, '0')}-12-31`);
  return regime ? `${String(year + 1).padStart(4, '0')}-${regime.report.dueMonthDay}` : null;
}
