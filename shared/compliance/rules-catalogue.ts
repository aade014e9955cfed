/**
 * The catalogue of rules: identifier, schemes, French title, legal basis, whether the rule reads a
 * yearly report. Catalogue order is the checklist's order. The thresholds themselves are in
 * `resources/rules/thresholds.json`; a rule that applies to every scheme cites, for one dossier,
 * the regime of its scheme (`legalBasisFor`).
 */
import type { Scheme } from '../domain';
import type { LegalBasis, RuleId, RuleInfo, RuleResult } from './model';
import type { Regime, RuleBook, Source } from './thresholds';

const IES = 'Décret du 20 novembre 2008 relatif à l’économie sociale';
const EI = 'Décret du 20 octobre 2016 relatif à l’agrément et au subventionnement des entreprises d’insertion';
const IDESS =
  'Décret du 14 décembre 2006 relatif à l’agrément et au subventionnement des initiatives de développement de l’emploi dans le secteur des services de proximité à finalité sociale (IDESS)';
const AC = 'Décret du 13 décembre 2023 relatif aux agences-conseil en économie sociale';
const EACH =
  'Décret de chaque agrément : IES, 20 novembre 2008 ; EI, 20 octobre 2016 ; IDESS, 14 décembre 2006 ; AC, 13 décembre 2023 (voir le régime en vigueur)';

const ALL: Scheme[] = ['IES', 'EI', 'IDESS', 'AC'];

function basis(text: string, article: string | null = null): LegalBasis {
  return { text, article, url: null };
}

export const RULES: readonly RuleInfo[] = [
  {
    id: 'bce.checksum',
    schemes: ALL,
    title: 'Numéro d’entreprise (BCE) valide',
    legalBasis: basis('Banque-Carrefour des Entreprises : numéro d’entreprise de 10 chiffres, commençant par 0 ou 1, contrôle modulo 97'),
    yearly: false,
  },
  { id: 'legal_form.allowed', schemes: ALL, title: 'Forme juridique admise pour l’agrément', legalBasis: basis(EACH), yearly: false },
  { id: 'ei.holds_ies', schemes: ['EI'], title: 'Détient l’agrément IES', legalBasis: basis(EI), yearly: false },
  { id: 'ei.not_eta', schemes: ['EI'], title: 'N’est pas agréée comme ETA', legalBasis: basis(EI), yearly: false },
  { id: 'report.on_time', schemes: ALL, title: 'Rapport d’activités remis dans le délai', legalBasis: basis(EACH), yearly: false },
    // Every scheme: the regime says whether it has a window (IES, EI); without one the rule is « sans objet ».
  { id: 'renewal.window', schemes: ALL, title: 'Demande de renouvellement dans la fenêtre', legalBasis: basis(`${IES} ; ${EI}`), yearly: false },
  { id: 'agrement.expiry', schemes: ALL, title: 'Échéance de l’agrément', legalBasis: basis(EACH), yearly: false },
  { id: 'agrement.next_term', schemes: ALL, title: 'Durée du prochain agrément', legalBasis: basis(EACH), yearly: false },
  { id: 'ei.target_share', schemes: ['EI'], title: 'Part du public cible', legalBasis: basis(EI), yearly: true },
  { id: 'ei.cdi_6_months', schemes: ['EI'], title: 'Contrats à durée indéterminée dans le délai', legalBasis: basis(EI), yearly: true },
  { id: 'ei.half_time', schemes: ['EI'], title: 'Aucun contrat inférieur au mi-temps', legalBasis: basis(EI), yearly: true },
  { id: 'ei.pay_spread', schemes: ['EI'], title: 'Écart des rémunérations ETP', legalBasis: basis(EI), yearly: true },
  {
    id: 'ei.accompaniment',
    schemes: ['EI'],
    title: 'Accompagnement social suffisant',
    legalBasis: basis(`${EI} (accompagnement social) ; ratio : pratique de la Commission`),
    yearly: true,
  },
  { id: 'ei.training_plan', schemes: ['EI'], title: 'Plan de formation', legalBasis: basis(EI), yearly: true },
  { id: 'ei.yearly_evaluations', schemes: ['EI'], title: 'Évaluations annuelles des travailleurs', legalBasis: basis(EI), yearly: true },
  { id: 'ei.subsidy_cap', schemes: ['EI'], title: 'Subventions TD et TGD dans le plafond par ETP', legalBasis: basis(EI), yearly: true },
  {
    id: 'ei.subsidy_wage_share',
    schemes: ['EI'],
    title: 'Subventions TD et TGD au regard du coût salarial',
    legalBasis: basis('Règlement (UE) n° 651/2014 (RGEC), repris par le décret du 20 octobre 2016', 'art. 32'),
    yearly: true,
  },
  { id: 'idess.target_fte', schemes: ['IDESS'], title: 'ETP du public cible (SINE, art. 60, art. 61)', legalBasis: basis(IDESS), yearly: true },
  { id: 'idess.activities_allowed', schemes: ['IDESS'], title: 'Activités dans la liste autorisée', legalBasis: basis(IDESS), yearly: false },
  { id: 'idess.precarious_only', schemes: ['IDESS'], title: 'Activités réservées aux précarisés', legalBasis: basis(IDESS), yearly: false },
  { id: 'ac.report_present', schemes: ['AC'], title: 'Rapport annuel déposé', legalBasis: basis(AC), yearly: true },
  {
    id: 'ac.subsidy_elements',
    schemes: ['AC'],
    title: 'Éléments pour la subvention complémentaire',
    legalBasis: basis(`${AC} ; liste des chiffres : pratique de la Commission`),
    yearly: true,
  },
];

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleInfo(id: RuleId): RuleInfo {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`Règle inconnue : ${id}`);
  return rule;
}

/** The rules of a scheme, in catalogue order. */
export function rulesFor(scheme: Scheme): RuleInfo[] {
  return RULES.filter((rule) => rule.schemes.includes(scheme));
}

function fromSource(source: Source): LegalBasis {
  return { text: source.text, article: source.article, url: source.url };
}

/**
 * The legal basis of a rule for one dossier: the source the regime in force gives for the value the
 * rule applies (so « rapport dû le 15 juillet » cites the scheme's own text), else the catalogue's.
 */
export function legalBasisFor(id: RuleId, regime: Regime | null): LegalBasis {
  const fallback = ruleInfo(id).legalBasis;
  if (!regime) return fallback;
  const ei = regime.ei;
  const sources: Partial<Record<RuleId, Source | undefined>> = {
    'legal_form.allowed': regime.legalFormsSource,
    'report.on_time': regime.report.source,
    'renewal.window': regime.renewalWindow?.source,
    'agrement.expiry': regime.source,
    'agrement.next_term': regime.termsSource,
    'ei.holds_ies': ei?.holdsIes.source,
    'ei.not_eta': ei?.notEta.source,
    'ei.target_share': ei?.targetShare.source,
    'ei.cdi_6_months': ei?.cdi.source,
    'ei.half_time': ei?.halfTime.source,
    'ei.pay_spread': ei?.paySpread.source,
    'ei.accompaniment': ei?.accompaniment.source,
    'ei.training_plan': ei?.trainingPlan.source,
    'ei.yearly_evaluations': ei?.yearlyEvaluations.source,
    'ei.subsidy_cap': ei?.subsidy.source,
    'ei.subsidy_wage_share': ei?.subsidyWageShare.source,
    'idess.target_fte': regime.idess?.targetFte.source,
    'idess.activities_allowed': regime.idess?.activities.source,
    'idess.precarious_only': regime.idess?.activities.source,
    'ac.report_present': regime.report.source,
    'ac.subsidy_elements': regime.ac?.subsidyElements.source,
  };
  const source = sources[id];
  return source ? fromSource(source) : fallback;
}

/**
 * The legal basis of one result: that of the regime whose values the rule applied
 * (`result.regimeId`), so the checklist never cites another text than the one applied.
 */
export function legalBasisForResult(book: RuleBook, result: Pick<RuleResult, 'ruleId' | 'regimeId'>): LegalBasis {
  const regime = result.regimeId === null ? null : (book.regimes.find((r) => r.id === result.regimeId) ?? null);
  return legalBasisFor(result.ruleId, regime);
}
