/**
 * Strings of the compliance checks, wherever they show: the dossier page's « Conformité »
 * section, the Dossiers table's column and filter, the operator page's trend (and, later, the
 * agenda's markers). The explanations themselves come from the engine, in French.
 */
import { defineMessages } from '../i18n/define';

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

export const useComplianceMessages = defineMessages({
  fr: {
    status: {
      ok: 'Conforme',
      warning: 'À surveiller',
      breach: 'Non conforme',
      missing: 'Données manquantes',
      na: 'Sans objet',
    },
    /** Group headings of the checklist, with their counts. */
    group: {
      breach: (n: number) => `${plural(n, 'Non conforme', 'Non conformes')} (${n})`,
      missing: (n: number) => `Données manquantes (${n})`,
      warning: (n: number) => `À surveiller (${n})`,
      ok: (n: number) => `${plural(n, 'Conforme', 'Conformes')} (${n})`,
      na: (n: number) => `Sans objet (${n})`,
    },
    count: {
      breach: (n: string, k: number) => `${n} ${plural(k, 'non conforme', 'non conformes')}`,
      warning: (n: string) => `${n} à surveiller`,
      missing: (n: string, k: number) => `${n} ${plural(k, 'donnée manquante', 'données manquantes')}`,
      ok: (n: string, k: number) => `${n} ${plural(k, 'conforme', 'conformes')}`,
    },
    noProblem: 'Aucun écart : les règles applicables sont respectées',
    evaluatedOn: (date: string) => `évalué au ${date}`,
    rulesVersion: (version: string) => `Seuils en vigueur : version du ${version}`,
    missingFields: 'Manque :',
    legalBasis: 'Base légale :',
    /** « Non conforme : » before a list or a count (French puts a space before the colon). */
    labelled: (label: string) => `${label} : `,
    reportYear: (year: string) => `Rapport ${year}`,
    loading: 'Évaluation de la conformité…',
    notEvaluated: 'Pas encore évalué',
    historyTitle: 'Historique par année de rapport',
    historyIntro: 'Les règles qui lisent le rapport d’activités annuel, année par année. Survolez une case pour lire l’explication.',
    historyRule: 'Règle',
    historyNone: 'Pas encore de rapport d’activités pour cet agrément : pas d’historique.',
    historyAbsent: 'Pas évalué cette année',
    checklistLabel: 'Règles vérifiées',
    headerLink: 'Voir la conformité',
    headerTitle: 'Conformité',
    // Dossiers table
    filter: 'Conformité',
    filterAll: 'Tous',
    filterSelected: (n: number) => `${n} critères`,
    filterOption: {
      breach: 'Non conformes',
      missing: 'Données manquantes',
      warning: 'À surveiller',
    },
    cellOk: 'Conforme : aucune règle en défaut',
    // Operator page
    trendTitle: 'Conformité au fil des années',
    trendIntro: 'Nombre de règles non conformes, à surveiller ou sans données, par année de rapport d’activités.',
    trendNone: 'Aucun rapport d’activités : rien à évaluer année par année.',
    trendCaption: (scheme: string) => `Conformité — ${scheme}`,
    trendRow: {
      breaches: 'Non conformes',
      warnings: 'À surveiller',
      missing: 'Données manquantes',
      ok: 'Conformes',
    },
    trendYearClean: 'aucun écart',
    trendLine: (year: string, text: string) => `${year} : ${text}`,
  },
  en: {
    status: {
      ok: 'Compliant',
      warning: 'To watch',
      breach: 'Non-compliant',
      missing: 'Missing data',
      na: 'Not applicable',
    },
    group: {
      breach: (n: number) => `Non-compliant (${n})`,
      missing: (n: number) => `Missing data (${n})`,
      warning: (n: number) => `To watch (${n})`,
      ok: (n: number) => `Compliant (${n})`,
      na: (n: number) => `Not applicable (${n})`,
    },
    count: {
      breach: (n: string) => `${n} non-compliant`,
      warning: (n: string) => `${n} to watch`,
      missing: (n: string, k: number) => `${n} missing ${plural(k, 'figure', 'figures')}`,
      ok: (n: string) => `${n} compliant`,
    },
    noProblem: 'No issue: the applicable rules are met',
    evaluatedOn: (date: string) => `assessed on ${date}`,
    rulesVersion: (version: string) => `Thresholds in force: version of ${version}`,
    missingFields: 'Missing:',
    legalBasis: 'Legal basis:',
    labelled: (label: string) => `${label}: `,
    reportYear: (year: string) => `Report ${year}`,
    loading: 'Assessing compliance…',
    notEvaluated: 'Not assessed yet',
    historyTitle: 'History by report year',
    historyIntro: 'The rules that read the yearly activity report, year by year. Hover a cell to read the explanation.',
    historyRule: 'Rule',
    historyNone: 'No activity report for this agrément yet: no history.',
    historyAbsent: 'Not assessed that year',
    checklistLabel: 'Rules checked',
    headerLink: 'See compliance',
    headerTitle: 'Compliance',
    filter: 'Compliance',
    filterAll: 'All',
    filterSelected: (n: number) => `${n} criteria`,
    filterOption: {
      breach: 'Non-compliant',
      missing: 'Missing data',
      warning: 'To watch',
    },
    cellOk: 'Compliant: no rule flagged',
    trendTitle: 'Compliance over the years',
    trendIntro: 'Number of rules non-compliant, to watch or without data, per activity report year.',
    trendNone: 'No activity report: nothing to assess year by year.',
    trendCaption: (scheme: string) => `Compliance — ${scheme}`,
    trendRow: {
      breaches: 'Non-compliant',
      warnings: 'To watch',
      missing: 'Missing data',
      ok: 'Compliant',
    },
    trendYearClean: 'no issue',
    trendLine: (year: string, text: string) => `${year}: ${text}`,
  },
});

export type ComplianceMessages = ReturnType<typeof useComplianceMessages>;
