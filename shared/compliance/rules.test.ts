import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar';
import { bceFromBase } from '../bce';
import type { ComplianceFacts, ComplianceStatus, ReportFigures, RuleId, RuleResult } from './model';
import { RULE_IDS } from './model';
import { evaluateDossier, evaluateHistory } from './rules';
import { RULES, legalBasisFor, legalBasisForResult, rulesFor } from './rules-catalogue';
import { summarize } from './summary';
import { parseRuleBook } from './thresholds';

const BOOK = parseRuleBook(JSON.parse(readFileSync(new URL('../../resources/rules/thresholds.json', import.meta.url), 'utf8')));

/** Explanations use no-break and narrow no-break spaces; tests read them as plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const EI_FIGURES: ReportFigures = {
  headcount: 24,
  fteTotal: 20,
  targetFteTd: 8,
  targetFteTgd: 4,
  targetHeadcount: 14,
  targetHires: 5,
  cdiWithin6Months: 5,
  partTimeBelowHalf: 0,
  lowestFtePayCents: 2_500_000,
  highestFtePayCents: 7_500_000,
  accompanimentFte: 1,
  trainingPlan: 1,
  trainingHours: 300,
  yearlyEvaluations: 1,
  workerParticipation: 1,
  wageCostCents: 80_000_000,
  subsidyTdCents: 10_000_000,
  subsidyTgdCents: 5_000_000,
  otherSubsidiesCents: 1_000_000,
  turnoverCents: 120_000_000,
  operatingResultCents: 500_000,
};

const EI_AGREMENT = {
  id: 1,
  scheme: 'EI' as const,
  number: 'EI-0042',
  status: 'active',
  firstGrantedOn: '2020-03-01',
  periods: [
    { startOn: '2020-03-01', endOn: '2022-02-28', term: '2y' as const },
    { startOn: '2022-03-01', endOn: '2026-02-28', term: '4y' as const },
  ],
  activities: [],
};

const IES_AGREMENT = {
  id: 2,
  scheme: 'IES' as const,
  number: 'IES-0007',
  status: 'active',
  firstGrantedOn: '2018-01-15',
  periods: [
    { startOn: '2018-01-15', endOn: '2020-01-14', term: '2y' as const },
    { startOn: '2020-01-15', endOn: '2024-01-14', term: '4y' as const },
    { startOn: '2024-01-15', endOn: null, term: 'indefinite' as const },
  ],
  activities: [],
};

/** An EI's yearly report of 2024, received in time and compliant; `change` adjusts it. */
function eiFacts(change: (facts: ComplianceFacts) => void = () => {}): ComplianceFacts {
  const facts: ComplianceFacts = {
    asOf: '2025-10-01',
    operator: { bce: bceFromBase('04642813'), legalForm: 'SC', socialEnterprise: true },
    agrements: [structuredClone(EI_AGREMENT), structuredClone(IES_AGREMENT)],
    dossier: { id: 10, scheme: 'EI', kind: 'activity_report', agrementId: 1, receivedOn: '2025-06-30', reportYear: 2024 },
    renewalRequests: [],
    reports: [
      { year: 2023, dueOn: '2024-07-15', receivedOn: '2024-07-01', figures: { ...EI_FIGURES } },
      { year: 2024, dueOn: '2025-07-15', receivedOn: '2025-06-30', figures: { ...EI_FIGURES } },
    ],
  };
  change(facts);
  return facts;
}

function report(facts: ComplianceFacts, year: number) {
  const found = facts.reports.find((r) => r.year === year);
  if (!found) throw new Error(`no report ${year}`);
  return found;
}

/** Sets figures of the 2024 report. */
function figures(values: ReportFigures): (facts: ComplianceFacts) => void {
  return (facts) => Object.assign(report(facts, 2024).figures, values);
}

function result(facts: ComplianceFacts, id: RuleId): RuleResult {
  const found = evaluateDossier(facts, BOOK).find((r) => r.ruleId === id);
  if (!found) throw new Error(`rule ${id} not evaluated for ${facts.dossier.scheme}`);
  return { ...found, explanation: plain(found.explanation) };
}

interface Case {
  name: string;
  facts: ComplianceFacts;
  status: ComplianceStatus;
  /** Fragments the explanation must contain. */
  says?: string[];
  missing?: string[];
}

function table(id: RuleId, cases: Case[]): void {
  describe(id, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const r = result(c.facts, id);
      expect(r.status, r.explanation).toBe(c.status);
      for (const fragment of c.says ?? []) expect(r.explanation).toContain(fragment);
      if (c.status === 'missing') expect(r.missing.length).toBeGreaterThan(0);
      else expect(r.missing).toEqual([]);
      if (c.missing) expect(r.missing).toEqual(c.missing);
    });
  });
}

// ---------------------------------------------------------------------------------------------

describe('the catalogue', () => {
  it('lists every rule once, with a French title and a legal basis', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const rule of RULES) {
      expect(rule.title.length).toBeGreaterThan(5);
      expect(rule.legalBasis.text.length).toBeGreaterThan(10);
    }
  });

  it('gives one result per rule of the dossier’s scheme, in catalogue order', () => {
    expect(evaluateDossier(eiFacts(), BOOK).map((r) => r.ruleId)).toEqual(rulesFor('EI').map((r) => r.id));
    expect(rulesFor('IDESS').map((r) => r.id)).not.toContain('ei.target_share');
    expect(rulesFor('AC').map((r) => r.id)).toEqual([
      'bce.checksum',
      'legal_form.allowed',
      'report.on_time',
      'renewal.window',
      'agrement.expiry',
      'agrement.next_term',
      'ac.report_present',
      'ac.subsidy_elements',
    ]);
  });

  it('finds a compliant EI report compliant on every figure rule', () => {
    const results = evaluateDossier(eiFacts(), BOOK);
    const figureRules = results.filter((r) => RULES.find((rule) => rule.id === r.ruleId)?.yearly);
    expect(figureRules.map((r) => [r.ruleId, r.status])).toEqual(figureRules.map((r) => [r.ruleId, 'ok']));
    expect(figureRules.every((r) => r.year === 2024)).toBe(true);
  });
});

table('bce.checksum', [
  { name: 'a valid number', facts: eiFacts(), status: 'ok', says: ['0464.281.392', 'valide'] },
  { name: 'a wrong check digit', facts: eiFacts((f) => (f.operator.bce = '0464281393')), status: 'breach', says: ['modulo 97'] },
  { name: 'a first digit other than 0 or 1', facts: eiFacts((f) => (f.operator.bce = '2464281392')), status: 'breach', says: ['commencer par 0 ou 1'] },
  { name: 'not ten digits', facts: eiFacts((f) => (f.operator.bce = '046428139')), status: 'breach', says: ['10 chiffres'] },
  { name: 'no number', facts: eiFacts((f) => (f.operator.bce = '')), status: 'missing', missing: ['Numéro d’entreprise (BCE)'] },
]);

table('legal_form.allowed', [
  { name: 'an EI that is an SC agreed as social enterprise', facts: eiFacts(), status: 'ok', says: ['SC agréée comme entreprise sociale'] },
  {
    name: 'an EI that is an SC without the social-enterprise agrément',
    facts: eiFacts((f) => (f.operator.socialEnterprise = false)),
    status: 'breach',
    says: ['SC non agréée comme entreprise sociale'],
  },
  { name: 'an EI that is an ASBL', facts: eiFacts((f) => (f.operator.legalForm = 'ASBL')), status: 'breach', says: ['Forme juridique ASBL non admise pour l’agrément EI'] },
  {
    name: 'an IES that is an SRL',
    facts: eiFacts((f) => {
      f.dossier.scheme = 'IES';
      f.operator.legalForm = 'SRL';
    }),
    status: 'breach',
    says: ['SRL non admise', 'formes admises : SC agréée comme entreprise sociale, ASBL, CPAS'],
  },
  {
    name: 'an IDESS that is a CPAS',
    facts: eiFacts((f) => {
      f.dossier.scheme = 'IDESS';
      f.operator.legalForm = 'CPAS';
      f.operator.socialEnterprise = false;
    }),
    status: 'ok',
  },
]);

table('ei.holds_ies', [
  { name: 'an active IES agrément', facts: eiFacts(), status: 'ok', says: ['IES-0007 actif'] },
  { name: 'a suspended IES agrément', facts: eiFacts((f) => (f.agrements[1]!.status = 'suspended')), status: 'warning', says: ['suspendu'] },
  { name: 'a withdrawn IES agrément', facts: eiFacts((f) => (f.agrements[1]!.status = 'withdrawn')), status: 'breach', says: ['IES-0007 retiré'] },
  { name: 'no IES agrément', facts: eiFacts((f) => f.agrements.pop()), status: 'breach', says: ['Aucun agrément IES'] },
]);

const ETA = { id: 3, scheme: 'ETA' as const, number: 'ETA-12', status: 'active', firstGrantedOn: '2010-01-01', periods: [], activities: [] };
table('ei.not_eta', [
  { name: 'no ETA agrément', facts: eiFacts(), status: 'ok' },
  { name: 'an active ETA agrément', facts: eiFacts((f) => f.agrements.push({ ...ETA })), status: 'breach', says: ['ETA actif (ETA-12)', 'incompatible'] },
  { name: 'an expired ETA agrément', facts: eiFacts((f) => f.agrements.push({ ...ETA, status: 'expired' })), status: 'ok' },
]);

/** The 2024 report received on `receivedOn` (null: not received), judged on `asOf`. */
function received2024(receivedOn: string | null, asOf = '2025-10-01', kind: ComplianceFacts['dossier']['kind'] = 'activity_report') {
  return eiFacts((f) => {
    f.asOf = asOf;
    f.dossier.kind = kind;
    if (kind !== 'activity_report') f.dossier.reportYear = null;
    report(f, 2024).receivedOn = receivedOn;
  });
}

table('report.on_time', [
  { name: 'received on 15 July, the due date', facts: received2024('2025-07-15'), status: 'ok', says: ['Rapport 2024 reçu le 15/07/2025 (échéance le 15/07/2025)'] },
  { name: 'received on 16 July, one day late', facts: received2024('2025-07-16'), status: 'breach', says: ['reçu le 16/07/2025, 1 jour après l’échéance du 15/07/2025'] },
  {
    name: 'in a leap year, the days late count 29 February',
    facts: eiFacts((f) => {
      f.dossier.reportYear = 2022;
      f.reports.unshift({ year: 2022, dueOn: '2023-07-15', receivedOn: '2024-03-01', figures: { ...EI_FIGURES } });
    }),
    status: 'breach',
    says: ['Rapport 2022 reçu le 01/03/2024, 230 jours après l’échéance du 15/07/2023'],
  },
  {
    name: 'the 2023 report received on 15/07/2024 (a leap year) is on time',
    facts: eiFacts((f) => {
      f.dossier.reportYear = 2023;
      report(f, 2023).receivedOn = '2024-07-15';
    }),
    status: 'ok',
  },
  { name: 'not received, due date passed', facts: received2024(null, '2025-07-16', 'renewal'), status: 'breach', says: ['Rapport 2024 non reçu', '15/07/2025', '1 jour'] },
  { name: 'not received on the due date itself: « aujourd’hui », not « dans 0 jour »', facts: received2024(null, '2025-07-15', 'renewal'), status: 'warning', says: ['Rapport d’activités 2024 attendu pour le 15/07/2025 (aujourd’hui)'] },
  {
    name: 'more than 30 days before the 2024 report is due, a renewal looks at the 2023 report',
    facts: received2024(null, '2025-06-14', 'renewal'),
    status: 'ok',
    says: ['Rapport 2023 reçu le 01/07/2024'],
  },
  {
    name: 'outside the report’s dossier, the next report due within 30 days is « à surveiller »',
    facts: received2024(null, '2025-07-01', 'renewal'),
    status: 'warning',
    says: ['Rapport d’activités 2024 attendu pour le 15/07/2025 (dans 14 jours)'],
  },
  {
    name: 'the next report due within 30 days but already received: the last due report decides',
    facts: received2024('2025-06-30', '2025-07-01', 'inspection'),
    status: 'ok',
    says: ['Rapport 2023 reçu le 01/07/2024'],
  },
  {
    name: 'a late last report stays non conforme when the next one is due soon (the worse of the two)',
    facts: eiFacts((f) => ((f.asOf = '2025-07-01'), (f.dossier.kind = 'inspection'), (f.dossier.reportYear = null), (report(f, 2023).receivedOn = '2024-08-01'))),
    status: 'breach',
    says: ['Rapport 2023 reçu le 01/08/2024'],
  },
  {
    name: 'received after the date the dossier is judged at counts as not received',
    facts: received2024('2025-08-01', '2025-07-20', 'inspection'),
    status: 'breach',
    says: ['non reçu'],
  },
  {
    name: 'an agrément granted after the last due year has no report due',
    facts: eiFacts((f) => {
      f.dossier.kind = 'inspection';
      f.agrements[0]!.firstGrantedOn = '2025-03-01';
      f.agrements[0]!.periods = [{ startOn: '2025-03-01', endOn: '2027-02-28', term: '2y' }];
      f.reports = [];
    }),
    status: 'na',
    says: ['pas en vigueur en 2024'],
  },
  {
    name: 'a report dossier without a year',
    facts: eiFacts((f) => (f.dossier.reportYear = null)),
    status: 'missing',
    missing: ['Année du rapport'],
  },
]);

describe('report.on_time, before the due date', () => {
  it('is ok with more than 30 days left and « à surveiller » within 30 days', () => {
    const facts = (asOf: string) =>
      eiFacts((f) => {
        f.asOf = asOf;
        report(f, 2024).receivedOn = null;
      });
    expect(result(facts('2025-06-14'), 'report.on_time')).toMatchObject({ status: 'ok', explanation: 'Rapport 2024 attendu pour le 15/07/2025 (dans 31 jours).' });
    expect(result(facts('2025-06-15'), 'report.on_time')).toMatchObject({ status: 'warning' });
  });
});

/** The EI agrément's period ends 28/02/2026; a renewal request received `daysBefore` days before. */
function renewal(daysBefore: number | null, asOf = '2026-01-15') {
  return eiFacts((f) => {
    f.asOf = asOf;
    f.dossier.kind = 'renewal';
    f.dossier.reportYear = null;
    if (daysBefore !== null) f.renewalRequests.push({ agrementId: 1, scheme: 'EI', receivedOn: addDays('2026-02-28', -daysBefore) });
  });
}

table('renewal.window', [
  { name: 'request at day 241 before expiry: too early', facts: renewal(241), status: 'warning', says: ['241 jours avant l’échéance du 28/02/2026', '1 jour avant l’ouverture', 'du 03/07/2025 au 01/09/2025'] },
  { name: 'request at day 240: the window’s first day', facts: renewal(240), status: 'ok', says: ['reçue le 03/07/2025', 'dans la fenêtre'] },
  { name: 'request at day 180: the window’s last day', facts: renewal(180), status: 'ok', says: ['reçue le 01/09/2025'] },
  { name: 'request at day 179: too late', facts: renewal(179), status: 'breach', says: ['179 jours avant', '1 jour après la fermeture'] },
  { name: 'no request, day 241: window not yet open', facts: renewal(null, '2025-07-02'), status: 'ok', says: ['attendue entre le 03/07/2025 et le 01/09/2025'] },
  { name: 'no request, day 240: window open', facts: renewal(null, '2025-07-03'), status: 'warning', says: ['fenêtre ouverte, se ferme dans 60 jours'] },
  { name: 'no request, day 180: last day of the window', facts: renewal(null, '2025-09-01'), status: 'warning', says: ['se ferme aujourd’hui (le 01/09/2025'] },
  { name: 'no request, day 179: window closed', facts: renewal(null, '2025-09-02'), status: 'breach', says: ['fenêtre fermée le 01/09/2025'] },
  {
    name: 'a request for the previous period does not count',
    facts: eiFacts((f) => {
      f.asOf = '2025-09-02';
      f.renewalRequests.push({ agrementId: 1, scheme: 'EI', receivedOn: '2021-07-01' });
    }),
    status: 'breach',
  },
  {
    name: 'a request received on the day the period started counts (on or after the start, as the Échéances)',
    facts: eiFacts((f) => ((f.asOf = '2025-09-02'), f.renewalRequests.push({ agrementId: 1, scheme: 'EI', receivedOn: '2022-03-01' }))),
    status: 'warning',
    says: ['reçue le 01/03/2022', 'avant l’ouverture de la fenêtre'],
  },
  {
    name: 'a request dated after the date the dossier is judged at is ignored',
    facts: eiFacts((f) => ((f.asOf = '2025-09-02'), f.renewalRequests.push({ agrementId: 1, scheme: 'EI', receivedOn: '2025-09-03' }))),
    status: 'breach',
    says: ['Aucune demande de renouvellement : fenêtre fermée le 01/09/2025'],
  },
  { name: 'an agrément of indefinite duration', facts: eiFacts((f) => (f.agrements[0]!.periods.at(-1)!.endOn = null)), status: 'na', says: ['durée indéterminée'] },
  { name: 'an agrément recorded as expired', facts: eiFacts((f) => (f.agrements[0]!.status = 'expired')), status: 'na', says: ['EI-0042 expiré'] },
  { name: 'a first request, nothing granted yet', facts: eiFacts((f) => ((f.dossier.kind = 'agrement'), (f.agrements[0]!.periods = []))), status: 'na' },
  { name: 'an agrément without recorded periods', facts: eiFacts((f) => (f.agrements[0]!.periods = [])), status: 'missing', missing: ['Périodes de l’agrément'] },
]);

describe('renewal.window for IDESS', () => {
  it('is sans objet: the regime has no renewal window', () => {
    const facts = eiFacts((f) => ((f.dossier.scheme = 'IDESS'), (f.agrements[0]!.scheme = 'IDESS')));
    expect(result(facts, 'renewal.window')).toMatchObject({ status: 'na', explanation: 'Pas de fenêtre de renouvellement pour l’agrément IDESS.' });
  });
});

table('agrement.expiry', [
  { name: 'valid for more than 180 days', facts: eiFacts((f) => (f.asOf = '2025-08-01')), status: 'ok', says: ['valable jusqu’au 28/02/2026 (dans 211 jours)'] },
  { name: 'expiring within 180 days', facts: eiFacts(), status: 'warning', says: ['expire dans 150 jours'] },
  { name: 'expiring on the day it is judged', facts: eiFacts((f) => (f.asOf = '2026-02-28')), status: 'warning', says: ['expire aujourd’hui (alerte à 180 jours)'] },
  { name: 'expired but still active', facts: eiFacts((f) => (f.asOf = '2026-03-01')), status: 'breach', says: ['expiré le 28/02/2026 (1 jour)'] },
  { name: 'expired and recorded as expired', facts: eiFacts((f) => ((f.asOf = '2026-03-01'), (f.agrements[0]!.status = 'expired'))), status: 'na' },
  { name: 'indefinite', facts: eiFacts((f) => (f.agrements[0]!.periods.at(-1)!.endOn = null)), status: 'ok', says: ['durée indéterminée'] },
  { name: 'no agrément on a first request', facts: eiFacts((f) => ((f.dossier.kind = 'agrement'), (f.dossier.agrementId = null), f.agrements.shift())), status: 'na' },
  { name: 'no agrément on a report', facts: eiFacts((f) => ((f.dossier.agrementId = null), f.agrements.shift())), status: 'missing', missing: ['Agrément EI'] },
]);

table('agrement.next_term', [
  { name: 'in the second period (4 years): next would be indefinite', facts: eiFacts(), status: 'ok', says: ['Période en cours : 4 ans (2e période) ; un renouvellement porterait sur une durée indéterminée.'] },
  {
    name: 'in the first period (2 years): next would be 4 years',
    facts: eiFacts((f) => ((f.asOf = '2021-06-01'), (f.reports = []))),
    status: 'ok',
    says: ['Période en cours : 2 ans (1re période) ; un renouvellement porterait sur 4 ans.'],
  },
  { name: 'terms that do not follow the sequence', facts: eiFacts((f) => (f.agrements[0]!.periods[1]!.term = '2y')), status: 'warning', says: ['(2 ans, 2 ans)', 'la 2e période devrait porter sur 4 ans'] },
  {
    name: 'an IDESS in its third period: 4 years again',
    facts: eiFacts((f) => {
      f.dossier.scheme = 'IDESS';
      f.agrements[0]!.scheme = 'IDESS';
      f.agrements[0]!.periods.push({ startOn: '2026-03-01', endOn: '2030-02-28', term: '4y' });
      f.asOf = '2026-06-01';
    }),
    status: 'ok',
    says: ['4 ans (3e période) ; un renouvellement porterait sur 4 ans'],
  },
  { name: 'indefinite', facts: eiFacts((f) => f.agrements[0]!.periods.push({ startOn: '2026-03-01', endOn: null, term: 'indefinite' })), status: 'ok' },
  {
    name: 'indefinite, judged after it started',
    facts: eiFacts((f) => ((f.asOf = '2026-06-01'), f.agrements[0]!.periods.push({ startOn: '2026-03-01', endOn: null, term: 'indefinite' }))),
    status: 'na',
    says: ['durée indéterminée (3e période)'],
  },
  { name: 'a first request', facts: eiFacts((f) => ((f.dossier.kind = 'agrement'), (f.agrements[0]!.periods = []))), status: 'na', says: ['un premier agrément porterait sur 2 ans'] },
]);

/** The EI granted 01/03/2020 reporting for `year` with `td + tgd` target FTE out of `total`. */
function share(year: number, target: number, total: number, firstGrantedOn = '2020-03-01') {
  return eiFacts((f) => {
    f.agrements[0]!.firstGrantedOn = firstGrantedOn;
    f.dossier.reportYear = year;
    f.reports = [{ year, dueOn: `${year + 1}-07-15`, receivedOn: `${year + 1}-06-01`, figures: { ...EI_FIGURES, fteTotal: total, targetFteTd: target - 2, targetFteTgd: 2 } }];
  });
}

table('ei.target_share', [
  { name: 'exactly 50 %', facts: share(2024, 10, 20), status: 'ok', says: ['Part du public cible : 50 % des ETP'] },
  {
    name: 'below 50 % in the 4th year: breach, quoting the figures in Belgian format',
    facts: share(2023, 10.8, 25),
    status: 'breach',
    says: ['Part du public cible : 43,2 % des ETP (10,8 ETP TD et TGD sur 25 ETP ; seuil 50 % à partir de la 4e année d’agrément ; 2023 : 4e année).'],
  },
  { name: 'below 50 % in the 3rd year: progression to watch', facts: share(2022, 10.8, 25), status: 'warning', says: ['2022 : 3e année', 'd’ici la 4e année'] },
  { name: 'an agrément granted on 29 February 2020: 2023 is its 4th year', facts: share(2023, 9, 20, '2020-02-29'), status: 'breach', says: ['2023 : 4e année'] },
  { name: 'an agrément granted on 29 February 2020: 2022 is its 3rd year', facts: share(2022, 9, 20, '2020-02-29'), status: 'warning' },
  { name: 'a report year before the first grant', facts: share(2019, 9, 20), status: 'na' },
  { name: '49,96 %: shown 49,9 %, never « 50 % » next to a breach', facts: share(2024, 9.992, 20), status: 'breach', says: ['Part du public cible : 49,9 % des ETP'] },
  {
    name: 'more target FTE than FTE in total: inconsistent figures, no conclusion',
    facts: share(2024, 12, 5),
    status: 'missing',
    says: ['Chiffres incohérents : 12,0 ETP du public cible pour 5,0 ETP au total ; à vérifier avant de conclure.'],
    missing: ['ETP travailleurs défavorisés (TD)', 'ETP travailleurs gravement défavorisés (TGD)', 'ETP total'],
  },
  {
    name: 'total FTE not provided',
    facts: eiFacts(figures({ fteTotal: null })),
    status: 'missing',
    missing: ['ETP total'],
    says: ['Rapport 2024 — chiffre non communiqué : ETP total.'],
  },
  { name: 'TD and TGD not provided', facts: eiFacts(figures({ targetFteTd: null, targetFteTgd: null })), status: 'missing', missing: ['ETP travailleurs défavorisés (TD)', 'ETP travailleurs gravement défavorisés (TGD)'] },
  { name: 'first grant date unknown', facts: eiFacts((f) => (f.agrements[0]!.firstGrantedOn = null)), status: 'missing', missing: ['Date du premier agrément'] },
  { name: 'the report was not received', facts: eiFacts((f) => (report(f, 2024).receivedOn = null)), status: 'missing', missing: ['Rapport d’activités 2024'] },
]);

table('ei.cdi_6_months', [
  {
    name: 'more open-ended contracts than hires: inconsistent figures',
    facts: eiFacts(figures({ targetHires: 2, cdiWithin6Months: 7 })),
    status: 'missing',
    says: ['Chiffres incohérents : 7 CDI dans les 6 mois pour 2 engagements du public cible ; à vérifier avant de conclure.'],
    missing: ['CDI dans les 6 mois', 'Engagements du public cible'],
  },
  { name: 'every target hire on an open-ended contract', facts: eiFacts(), status: 'ok', says: ['5 CDI dans les 6 mois pour 5 engagements'] },
  { name: 'two hires without CDI', facts: eiFacts(figures({ cdiWithin6Months: 3 })), status: 'breach', says: ['3 CDI dans les 6 mois pour 5 engagements du public cible : 2 travailleurs sans CDI'] },
  { name: 'no target hire', facts: eiFacts(figures({ targetHires: 0, cdiWithin6Months: 0 })), status: 'ok' },
  { name: 'CDI count not provided', facts: eiFacts(figures({ cdiWithin6Months: null })), status: 'missing', missing: ['CDI dans les 6 mois'] },
]);

table('ei.half_time', [
  { name: 'no contract below half-time', facts: eiFacts(), status: 'ok', says: ['minimum 0,5 ETP'] },
  { name: 'one contract below half-time', facts: eiFacts(figures({ partTimeBelowHalf: 1 })), status: 'breach', says: ['1 contrat inférieur au mi-temps'] },
  { name: 'not provided', facts: eiFacts(figures({ partTimeBelowHalf: null })), status: 'missing', missing: ['Contrats inférieurs au mi-temps'] },
]);

function pay(lowest: number, highest: number) {
  return eiFacts(figures({ lowestFtePayCents: lowest, highestFtePayCents: highest }));
}

table('ei.pay_spread', [
  { name: 'ratio 3', facts: pay(2_500_000, 7_500_000), status: 'ok', says: ['1 à 3 (€ 75 000,00 / € 25 000,00 ; maximum 1 à 4)'] },
  { name: 'ratio exactly 3.6: no warning yet', facts: pay(2_500_000, 9_000_000), status: 'ok' },
  { name: 'ratio 3.61: close to the maximum', facts: pay(2_500_000, 9_025_000), status: 'warning', says: ['1 à 3,61', 'alerte au-delà de 1 à 3,6'] },
  { name: 'ratio exactly 4: within the maximum, to watch', facts: pay(2_500_000, 10_000_000), status: 'warning', says: ['1 à 4 ('] },
  { name: 'ratio 4.01: above the maximum', facts: pay(2_500_000, 10_025_000), status: 'breach', says: ['1 à 4,01'] },
  { name: 'highest pay not provided', facts: pay(2_500_000, null as unknown as number), status: 'missing', missing: ['Rémunération ETP la plus haute'] },
  { name: 'ratio 4,004: shown 1 à 4,01 with the breach, never « 1 à 4 »', facts: pay(2_500_000, 10_010_000), status: 'breach', says: ['1 à 4,01 ('] },
  {
    name: 'highest pay below the lowest: inconsistent figures, no conclusion',
    facts: pay(5_000_000, 2_000_000),
    status: 'missing',
    says: ['Chiffres incohérents : rémunération ETP la plus haute de € 20 000,00 pour une plus basse de € 50 000,00 ; à vérifier avant de conclure.'],
    missing: ['Rémunération ETP la plus haute', 'Rémunération ETP la plus basse'],
  },
  { name: 'lowest pay zero', facts: pay(0, 5_000_000), status: 'missing', missing: ['Rémunération ETP la plus basse'] },
]);

table('ei.accompaniment', [
  { name: 'one FTE for 12 target FTE', facts: eiFacts(), status: 'ok', says: ['Accompagnement social : 1 ETP pour 12 ETP du public cible (requis : 0,8 ETP'] },
  { name: 'at least half an FTE even for few target workers', facts: eiFacts(figures({ targetFteTd: 3, targetFteTgd: 1, accompanimentFte: 0.4 })), status: 'breach', says: ['requis : 0,5 ETP'] },
  { name: 'exactly the required FTE', facts: eiFacts(figures({ targetFteTd: 20, targetFteTgd: 10, accompanimentFte: 2 })), status: 'ok', says: ['requis : 2 ETP'] },
  { name: 'too little for 30 target FTE', facts: eiFacts(figures({ targetFteTd: 20, targetFteTgd: 10, accompanimentFte: 1.5 })), status: 'breach' },
  { name: 'not provided', facts: eiFacts(figures({ accompanimentFte: null })), status: 'missing', missing: ['ETP d’accompagnement social'] },
  {
    name: 'no target worker: no accompaniment required',
    facts: eiFacts(figures({ targetFteTd: 0, targetFteTgd: 0, accompanimentFte: 0 })),
    status: 'na',
    says: ['Aucun travailleur du public cible : pas d’accompagnement requis.'],
  },
]);

table('ei.training_plan', [
  { name: 'present', facts: eiFacts(), status: 'ok' },
  { name: 'absent', facts: eiFacts(figures({ trainingPlan: 0 })), status: 'breach', says: ['Pas de plan de formation'] },
  { name: 'not provided', facts: eiFacts(figures({ trainingPlan: null })), status: 'missing', missing: ['Plan de formation'] },
]);

table('ei.yearly_evaluations', [
  { name: 'done', facts: eiFacts(), status: 'ok' },
  { name: 'not done', facts: eiFacts(figures({ yearlyEvaluations: 0 })), status: 'breach' },
  { name: 'not provided', facts: eiFacts(figures({ yearlyEvaluations: null })), status: 'missing', missing: ['Évaluations annuelles'] },
]);

table('ei.subsidy_cap', [
  {
    name: 'within both caps, explaining the yearly cap per FTE',
    facts: eiFacts(),
    status: 'ok',
    says: [
      'Subvention TD € 100 000,00 pour 8 ETP (plafond € 144 000,00 : € 18 000,00 par ETP et par an, soit € 18 000,00 sur 12 mois)',
      'subvention TGD € 50 000,00 pour 4 ETP (plafond € 72 000,00 : € 18 000,00 par ETP et par an, soit € 36 000,00 sur 24 mois)',
    ],
  },
  { name: 'TD exactly at its cap', facts: eiFacts(figures({ subsidyTdCents: 14_400_000 })), status: 'ok' },
  { name: 'TD one cent above its cap', facts: eiFacts(figures({ subsidyTdCents: 14_400_001 })), status: 'breach', says: ['Plafond dépassé (TD)'] },
  { name: 'TGD above its cap with 2,5 FTE', facts: eiFacts(figures({ targetFteTgd: 2.5, subsidyTgdCents: 5_000_000 })), status: 'breach', says: ['Plafond dépassé (TGD)', 'plafond € 45 000,00'] },
  {
    name: 'a cap computed on more target FTE than FTE in total: inconsistent figures',
    facts: eiFacts(figures({ fteTotal: 10, targetFteTd: 9, targetFteTgd: 4 })),
    status: 'missing',
    says: ['Chiffres incohérents : 13,0 ETP du public cible pour 10,0 ETP au total ; à vérifier avant de conclure.'],
    missing: ['ETP travailleurs défavorisés (TD)', 'ETP travailleurs gravement défavorisés (TGD)', 'ETP total'],
  },
  { name: 'TD subsidy not provided', facts: eiFacts(figures({ subsidyTdCents: null })), status: 'missing', missing: ['Subvention TD'] },
]);

table('ei.subsidy_wage_share', [
  { name: '18,75 % of the wage cost', facts: eiFacts(), status: 'ok', says: ['€ 150 000,00 pour un coût salarial de € 800 000,00 (18,8 %) ; maximum 50 % du coût salarial, soit € 400 000,00'] },
  { name: 'exactly 50 %', facts: eiFacts(figures({ wageCostCents: 30_000_000 })), status: 'ok', says: ['(50 %)'] },
  { name: 'just above 50 %: shown rounded up, never « 50 % »', facts: eiFacts(figures({ wageCostCents: 29_999_998 })), status: 'breach', says: ['(50,1 %)'] },
  { name: '50,04 %: shown 50,1 % with the breach', facts: eiFacts(figures({ subsidyTdCents: 10_008_000, subsidyTgdCents: 5_004_000, wageCostCents: 30_000_000 })), status: 'breach', says: ['(50,1 %)'] },
  { name: 'wage cost not provided', facts: eiFacts(figures({ wageCostCents: null })), status: 'missing', missing: ['Coût salarial'] },
]);

// ---------------------------------------------------------------------------------------------
// IDESS

function idessFacts(change: (facts: ComplianceFacts) => void = () => {}): ComplianceFacts {
  return eiFacts((f) => {
    f.operator.legalForm = 'ASBL';
    f.operator.socialEnterprise = false;
    f.dossier.scheme = 'IDESS';
    f.agrements = [
      {
        id: 1,
        scheme: 'IDESS',
        number: 'IDESS-0101',
        status: 'active',
        firstGrantedOn: '2021-05-01',
        periods: [
          { startOn: '2021-05-01', endOn: '2023-04-30', term: '2y' },
          { startOn: '2023-05-01', endOn: '2027-04-30', term: '4y' },
        ],
        activities: [
          { activity: 'home_repairs', precariousOnly: null },
          { activity: 'social_transport', precariousOnly: true },
        ],
      },
    ];
    for (const r of f.reports) r.figures = { fteTotal: 6, targetFteSine: 1, targetFteArt60: 0.6, targetFteArt61: 0.4, trainingPlan: 1 };
    change(f);
  });
}

table('idess.target_fte', [
  { name: 'exactly 2 FTE', facts: idessFacts(), status: 'ok', says: ['Public cible : 2 ETP (SINE 1, art. 60 0,6, art. 61 0,4 ; minimum 2 ETP).'] },
  { name: '1,9 FTE', facts: idessFacts((f) => (report(f, 2024).figures.targetFteArt61 = 0.3)), status: 'breach', says: ['1,9 ETP'] },
  { name: '1,996 FTE: shown 1,99 ETP with the breach, never « 2 ETP »', facts: idessFacts((f) => (report(f, 2024).figures.targetFteArt61 = 0.396)), status: 'breach', says: ['Public cible : 1,99 ETP'] },
  {
    name: 'more target FTE than FTE in total: inconsistent figures',
    facts: idessFacts((f) => (report(f, 2024).figures.fteTotal = 1.5)),
    status: 'missing',
    says: ['Chiffres incohérents : 2,0 ETP du public cible pour 1,5 ETP au total ; à vérifier avant de conclure.'],
    missing: ['ETP SINE', 'ETP article 60', 'ETP article 61', 'ETP total'],
  },
  { name: 'art. 61 not provided', facts: idessFacts((f) => (report(f, 2024).figures.targetFteArt61 = null)), status: 'missing', missing: ['ETP article 61'] },
]);

table('idess.activities_allowed', [
  { name: 'activities of the list', facts: idessFacts(), status: 'ok', says: ['petits travaux d’entretien', 'taxi social'] },
  {
    name: 'an activity outside the list',
    facts: idessFacts((f) => f.agrements[0]!.activities.push({ activity: 'catering', precariousOnly: null })),
    status: 'breach',
    says: ['hors de la liste autorisée : catering'],
  },
  { name: 'no activity recorded', facts: idessFacts((f) => (f.agrements[0]!.activities = [])), status: 'missing', missing: ['Activités de l’agrément IDESS'] },
]);

table('idess.precarious_only', [
  { name: 'the social taxi reserved to précarisés', facts: idessFacts(), status: 'ok', says: ['taxi social'] },
  {
    name: 'a social shop open to all',
    facts: idessFacts((f) => f.agrements[0]!.activities.push({ activity: 'social_shop', precariousOnly: false })),
    status: 'breach',
    says: ['non limité à ce public : magasin social'],
  },
  {
    name: 'a social laundry without the flag recorded',
    facts: idessFacts((f) => f.agrements[0]!.activities.push({ activity: 'social_laundry', precariousOnly: null })),
    status: 'missing',
    missing: ['Réservé aux précarisés : buanderie sociale'],
  },
  { name: 'no reserved activity', facts: idessFacts((f) => (f.agrements[0]!.activities = [{ activity: 'green_spaces', precariousOnly: null }])), status: 'na' },
  { name: 'no activity recorded', facts: idessFacts((f) => (f.agrements[0]!.activities = [])), status: 'missing' },
]);

// ---------------------------------------------------------------------------------------------
// AC

const AC_FIGURES: ReportFigures = {
  fteTotal: 4.5,
  wageCostCents: 25_000_000,
  otherSubsidiesCents: 18_000_000,
  operatingResultCents: -125_000,
  acProjectsSupported: 31,
  acEnterprisesCreated: 6,
  acJobsCreatedFte: 11.5,
};

function acFacts(change: (facts: ComplianceFacts) => void = () => {}): ComplianceFacts {
  return eiFacts((f) => {
    f.operator.legalForm = 'ASBL';
    f.dossier.scheme = 'AC';
    f.agrements = [
      {
        id: 1,
        scheme: 'AC',
        number: 'AC-0003',
        status: 'active',
        firstGrantedOn: '2019-09-01',
        periods: [
          { startOn: '2019-09-01', endOn: '2021-08-31', term: '2y' },
          { startOn: '2021-09-01', endOn: '2025-08-31', term: '4y' },
          { startOn: '2025-09-01', endOn: '2029-08-31', term: '4y' },
        ],
        activities: [],
      },
    ];
    for (const r of f.reports) r.figures = { ...AC_FIGURES };
    change(f);
  });
}

table('ac.report_present', [
  { name: 'the report of the year received', facts: acFacts(), status: 'ok', says: ['Rapport annuel 2024 déposé le 30/06/2025'] },
  { name: 'the report of the last due year not received', facts: acFacts((f) => ((f.dossier.kind = 'inspection'), (report(f, 2024).receivedOn = null))), status: 'breach', says: ['Rapport annuel 2024 non déposé (dû le 15/07/2025)'] },
  { name: 'a report dossier whose report is not received', facts: acFacts((f) => (report(f, 2024).receivedOn = null)), status: 'breach' },
  { name: 'a first request', facts: acFacts((f) => ((f.dossier.kind = 'agrement'), (f.dossier.agrementId = null), (f.agrements = []))), status: 'na' },
  { name: 'a report dossier without its year', facts: acFacts((f) => (f.dossier.reportYear = null)), status: 'missing', missing: ['Année du rapport'] },
  { name: 'a renewal without agrément recorded', facts: acFacts((f) => ((f.dossier.kind = 'renewal'), (f.dossier.agrementId = null), (f.agrements = []))), status: 'missing', missing: ['Agrément AC'] },
]);

table('ac.subsidy_elements', [
  {
    name: 'every element present, quoted in Belgian format',
    facts: acFacts(),
    status: 'ok',
    says: ['ETP total 4,5', 'Coût salarial € 250 000,00', 'Résultat d’exploitation −€ 1 250,00', 'Projets d’entreprise accompagnés 31', 'Emplois créés (ETP) 11,5'],
  },
  {
    name: 'elements missing are named',
    facts: acFacts((f) => Object.assign(report(f, 2024).figures, { acEnterprisesCreated: null, operatingResultCents: null })),
    status: 'missing',
    missing: ['Résultat d’exploitation', 'Entreprises d’économie sociale créées'],
    says: ['Éléments manquants pour la subvention complémentaire (rapport 2024) : Résultat d’exploitation, Entreprises d’économie sociale créées.'],
  },
  { name: 'a first request has no report yet', facts: acFacts((f) => ((f.dossier.kind = 'agrement'), (f.dossier.reportYear = null), (f.reports = []))), status: 'na' },
  { name: 'a renewal without any report received', facts: acFacts((f) => ((f.dossier.kind = 'renewal'), (f.dossier.reportYear = null), (f.reports = []))), status: 'missing', missing: ['Rapport d’activités 2024'] },
]);

describe('agrement.next_term for AC', () => {
  it('follows the conservative sequence of the file: 2 years, then 4 years renewable', () => {
    expect(result(acFacts(), 'agrement.next_term')).toMatchObject({ status: 'ok', explanation: 'Période en cours : 4 ans (3e période) ; un renouvellement porterait sur 4 ans.' });
  });
});

// ---------------------------------------------------------------------------------------------

describe('which report a yearly rule reads', () => {
  it('a renewal reads the latest report received on or before the date it is judged at', () => {
    const facts = eiFacts((f) => {
      f.dossier.kind = 'renewal';
      f.dossier.reportYear = null;
      report(f, 2023).figures.partTimeBelowHalf = 2;
      report(f, 2024).receivedOn = '2025-10-02';
    });
    expect(result(facts, 'ei.half_time')).toMatchObject({ status: 'breach', year: 2023 });
  });

  it('a first request, a renunciation or a withdrawal without report: sans objet', () => {
    for (const kind of ['agrement', 'renunciation', 'withdrawal'] as const) {
      const facts = eiFacts((f) => ((f.dossier.kind = kind), (f.dossier.reportYear = null), (f.reports = [])));
      expect(result(facts, 'ei.target_share').status).toBe('na');
    }
  });

  it('an inspection without any report received: données manquantes', () => {
    const facts = eiFacts((f) => ((f.dossier.kind = 'inspection'), (f.dossier.reportYear = null), (f.reports = [])));
    expect(result(facts, 'ei.target_share')).toMatchObject({
      status: 'missing',
      missing: ['Rapport d’activités 2024'],
      explanation: 'Aucun rapport d’activités récent reçu : le rapport 2024 (ou à défaut 2023) est attendu.',
    });
  });

  it.each([
    ['an inspection', 'inspection'],
    ['a renewal', 'renewal'],
  ] as const)('%s does not judge a report older than the last due year and the year before', (_name, kind) => {
    const facts = eiFacts((f) => {
      f.asOf = '2027-08-01';
      f.dossier.kind = kind;
      f.dossier.reportYear = null;
    });
    for (const id of ['ei.target_share', 'ei.pay_spread', 'ei.subsidy_cap', 'ei.half_time'] as const) {
      expect(result(facts, id)).toMatchObject({ status: 'missing', missing: ['Rapport d’activités 2026'], year: 2026 });
    }
  });

  it('an agrément not yet in force in the last due year has no report to read: sans objet', () => {
    const facts = eiFacts((f) => {
      f.dossier.kind = 'inspection';
      f.dossier.reportYear = null;
      f.agrements[0]!.firstGrantedOn = '2025-03-01';
      f.agrements[0]!.periods = [{ startOn: '2025-03-01', endOn: '2027-02-28', term: '2y' }];
      f.reports = [];
    });
    expect(result(facts, 'ei.pay_spread')).toMatchObject({ status: 'na', year: 2024, explanation: 'L’agrément n’était pas en vigueur en 2024 : aucun rapport d’activités à examiner.' });
  });

  it('reads the report of the year before the last due year when the last one is not in', () => {
    const facts = eiFacts((f) => ((f.asOf = '2026-09-01'), (f.dossier.kind = 'inspection'), (f.dossier.reportYear = null)));
    facts.reports.push({ year: 2025, dueOn: '2026-07-15', receivedOn: null, figures: { ...EI_FIGURES } });
    expect(result(facts, 'ei.pay_spread')).toMatchObject({ status: 'ok', year: 2024 });
  });

  it('names the report year it read in every yearly explanation', () => {
    const yearly = evaluateDossier(eiFacts(), BOOK).filter((r) => RULES.find((rule) => rule.id === r.ruleId)?.yearly);
    expect(yearly.length).toBeGreaterThan(5);
    for (const r of yearly) expect(r.explanation, r.ruleId).toContain('2024');
    expect(result(eiFacts(), 'ei.pay_spread').explanation).toMatch(/^Rapport 2024 — Écart/);
    expect(result(eiFacts(), 'ei.subsidy_cap').explanation).toMatch(/^Rapport 2024 — Subvention TD/);
  });
});

describe('evaluateHistory', () => {
  it('gives each yearly rule and the report’s punctuality per report year, oldest first', () => {
    const facts = eiFacts((f) => {
      report(f, 2023).receivedOn = '2024-08-01';
      report(f, 2023).figures.partTimeBelowHalf = 1;
      report(f, 2024).figures.fteTotal = null;
    });
    const history = evaluateHistory(facts, BOOK);
    expect(history.years).toEqual([2023, 2024]);
    expect(history.rows.map((r) => r.ruleId)).toEqual(RULES.filter((r) => r.schemes.includes('EI') && (r.yearly || r.id === 'report.on_time')).map((r) => r.id));
    const row = (id: RuleId) => history.rows.find((r) => r.ruleId === id)!.byYear.map((y) => [y.year, y.status]);
    expect(row('report.on_time')).toEqual([[2023, 'breach'], [2024, 'ok']]);
    expect(row('ei.half_time')).toEqual([[2023, 'breach'], [2024, 'ok']]);
    expect(row('ei.target_share')).toEqual([[2023, 'ok'], [2024, 'missing']]);
  });

  it('has no rows of other schemes', () => {
    const history = evaluateHistory(acFacts(), BOOK);
    expect(history.rows.map((r) => r.ruleId)).toEqual(['report.on_time', 'ac.report_present', 'ac.subsidy_elements']);
  });
});

describe('the regime applied and its legal basis', () => {
  const ac2022 = () => acFacts((f) => {
    f.dossier.reportYear = 2022;
    f.reports.unshift({ year: 2022, dueOn: '2023-07-15', receivedOn: '2023-06-01', figures: { ...AC_FIGURES } });
  });
  const regime = (id: string) => BOOK.regimes.find((r) => r.id === id)!;

  it('names in every result the regime whose values were applied: 31/12 of the report year for yearly rules', () => {
    const results = evaluateDossier(ac2022(), BOOK);
    const byId = (id: RuleId) => results.find((r) => r.ruleId === id)!;
    expect(byId('ac.subsidy_elements')).toMatchObject({ year: 2022, regimeId: 'AC-2004' });
    expect(byId('report.on_time')).toMatchObject({ year: 2022, regimeId: 'AC-2004' });
    expect(byId('legal_form.allowed').regimeId).toBe('AC-2023');
    expect(byId('bce.checksum').regimeId).toBeNull();
    expect(evaluateDossier(eiFacts(), BOOK).every((r) => r.ruleId === 'bce.checksum' || r.regimeId === 'EI-2016')).toBe(true);
  });

  it('cites the legal basis of that regime, not of the one in force today', () => {
    const onTime = evaluateDossier(ac2022(), BOOK).find((r) => r.ruleId === 'report.on_time')!;
    expect(legalBasisForResult(BOOK, onTime)).toEqual(legalBasisFor('report.on_time', regime('AC-2004')));
    const judgedIn2023 = acFacts((f) => (f.asOf = '2023-06-01'));
    const form = evaluateDossier(judgedIn2023, BOOK).find((r) => r.ruleId === 'legal_form.allowed')!;
    expect(form.regimeId).toBe('AC-2004');
    expect(legalBasisForResult(BOOK, form).text).toContain('Décret du 27 mai 2004');
    expect(legalBasisForResult(BOOK, { ...form, regimeId: 'AC-2023' }).text).not.toContain('27 mai 2004');
  });

  it('falls back on the catalogue when no regime applied', () => {
    const bce = evaluateDossier(eiFacts(), BOOK).find((r) => r.ruleId === 'bce.checksum')!;
    expect(legalBasisForResult(BOOK, bce)).toEqual(RULES.find((r) => r.id === 'bce.checksum')!.legalBasis);
  });
});

describe('summarize', () => {
  it('gives the worst status, the counts and the flags worst first', () => {
    const facts = eiFacts((f) => {
      Object.assign(report(f, 2024).figures, { partTimeBelowHalf: 2, trainingPlan: null });
      f.renewalRequests.push({ agrementId: 1, scheme: 'EI', receivedOn: '2025-08-01' });
    });
    const summary = summarize(evaluateDossier(facts, BOOK));
    expect(summary.worst).toBe('breach');
    expect(summary.breaches).toBe(1);
    expect(summary.missing).toBe(1);
    expect(summary.warnings).toBe(1); // the agrément expires within 180 days
    expect(summary.flags).toEqual([
      { ruleId: 'ei.half_time', status: 'breach' },
      { ruleId: 'ei.training_plan', status: 'missing' },
      { ruleId: 'agrement.expiry', status: 'warning' },
    ]);
  });

  it('of nothing is sans objet', () => {
    expect(summarize([])).toEqual({ worst: 'na', breaches: 0, warnings: 0, missing: 0, flags: [] });
  });
});
