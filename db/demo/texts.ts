/**
 * The demo's French texts: dossier subjects, the administration's proposals, the commission's
 * motivations and conditions, inspection findings, notes. Written from the dossier's own figures
 * so that what a member reads matches the numbers shown next to it.
 */
import type { DecisionKind, DossierKind, OpinionOutcome, Scheme, Term } from '../../shared/domain';
import { IDESS_ACTIVITY_INFO, SECTORS, type IdessActivity } from '../../resources/demo/operators';
import { dateFr, deName, euro, listFr, numberFr, ordinalFr, percentFr } from './format';
import type { ActivityReport, Conflict, Dossier, Inspection, Reason, ReportFigures } from './model';
import type { Rng } from './random';

export const OUTCOME_FR: Record<OpinionOutcome, string> = {
  favourable: 'avis favorable',
  favourable_conditions: 'avis favorable sous conditions',
  unfavourable: 'avis défavorable',
  adjourned_information: 'report du dossier dans l’attente d’informations complémentaires',
  adjourned_hearing: 'report du dossier pour audition de l’opérateur',
  noted: 'prise d’acte',
};

export const SCHEME_FR: Record<Scheme, string> = {
  EI: 'entreprise d’insertion',
  IES: 'initiative d’économie sociale',
  IDESS: 'initiative de développement de l’emploi dans le secteur des services de proximité à finalité sociale (IDESS)',
  AC: 'agence-conseil en économie sociale',
};

export const TERM_FR: Record<Term, string> = {
  '2y': 'pour une durée de deux ans',
  '4y': 'pour une durée de quatre ans',
  indefinite: 'pour une durée indéterminée',
};

export function activitiesFr(activities: readonly IdessActivity[]): string {
  return listFr(activities.map((a) => IDESS_ACTIVITY_INFO[a].label));
}

// ---------------------------------------------------------------------------------------------
// Subjects

export function agrementSubject(scheme: Scheme, activities: readonly IdessActivity[]): string {
  switch (scheme) {
    case 'EI':
      return 'Demande d’agrément en tant qu’entreprise d’insertion';
    case 'IES':
      return 'Demande d’agrément comme initiative d’économie sociale';
    case 'IDESS':
      return `Demande d’agrément IDESS — ${activities.length > 1 ? 'activités' : 'activité'} ${activitiesFr(activities)}`;
    case 'AC':
      return 'Demande d’agrément en qualité d’agence-conseil en économie sociale';
  }
}

export function renewalSubject(scheme: Scheme, term: Term, activities: readonly IdessActivity[]): string {
  if (scheme === 'IDESS') {
    return `Renouvellement de l’agrément IDESS — ${activities.length > 1 ? 'activités' : 'activité'} ${activitiesFr(activities)}`;
  }
  const label = scheme === 'AC' ? 'd’agence-conseil' : scheme;
  return `Renouvellement de l’agrément ${label} ${TERM_FR[term]}`;
}

export function extensionSubject(activity: IdessActivity): string {
  return `Extension de l’agrément IDESS — nouvelle activité : ${IDESS_ACTIVITY_INFO[activity].label}`;
}

export function derogationSubject(scheme: Scheme): string {
  return scheme === 'EI'
    ? 'Demande de dérogation temporaire au seuil de 50 % de travailleurs du public cible'
    : 'Demande de dérogation — occupation temporaire de travailleurs hors public cible';
}

export function reportSubject(scheme: Scheme, year: number): string {
  switch (scheme) {
    case 'EI':
      return `Rapport d’activités ${year} — entreprise d’insertion`;
    case 'IDESS':
      return `Rapport d’activités ${year} — IDESS`;
    case 'IES':
      return `Rapport annuel ${year} — initiative d’économie sociale`;
    case 'AC':
      return `Rapport annuel ${year} — agence-conseil : subvention complémentaire`;
  }
}

export function inspectionSubject(scheme: Scheme, inspectedOn: string): string {
  return `Rapport d’inspection du ${dateFr(inspectedOn)} — contrôle des conditions d’agrément ${scheme}`;
}

export function suspensionSubject(kind: 'partial' | 'total' | 'lift', scheme: Scheme): string {
  if (kind === 'lift') return 'Demande de levée de la suspension des subventions';
  if (kind === 'partial') return scheme === 'EI' ? 'Procédure de suspension partielle des subventions TD/TGD' : 'Procédure de suspension partielle des subventions';
  return `Procédure de suspension de l’agrément ${scheme}`;
}

export function withdrawalSubject(scheme: Scheme): string {
  return `Procédure de retrait de l’agrément ${scheme} — cessation d’activité`;
}

export function renunciationSubject(scheme: Scheme): string {
  return `Renonciation à l’agrément ${scheme}`;
}

// ---------------------------------------------------------------------------------------------
// Figures in words

export function targetFte(f: ReportFigures): number {
  return (f.targetFteTd ?? 0) + (f.targetFteTgd ?? 0);
}

export function targetShare(f: ReportFigures): number | null {
  if (f.fteTotal === null || f.fteTotal === 0 || f.targetFteTd === null || f.targetFteTgd === null) return null;
  return targetFte(f) / f.fteTotal;
}

export function payRatio(f: ReportFigures): number | null {
  if (!f.lowestFtePayCents || !f.highestFtePayCents) return null;
  return f.highestFtePayCents / f.lowestFtePayCents;
}

function eiAnalysis(report: ActivityReport): string[] {
  const f = report.figures;
  const parts: string[] = [];
  const share = targetShare(f);
  parts.push(
    `L’entreprise déclare ${f.headcount ?? '—'} travailleurs pour ${numberFr(f.fteTotal ?? 0)} ETP, dont ${numberFr(targetFte(f))} ETP ` +
      `issus du public cible (${numberFr(f.targetFteTd ?? 0)} ETP TD et ${numberFr(f.targetFteTgd ?? 0)} ETP TGD)` +
      (share === null ? '.' : `, soit ${percentFr(share)} des ETP.`),
  );
  if (share !== null) {
    if (report.agrementYear >= 4) {
      parts.push(
        share < 0.5
          ? `Ce taux est inférieur au seuil de 50 % applicable à partir de la quatrième année d’agrément (${ordinalFr(report.agrementYear)} année).`
          : 'Le seuil de 50 % applicable depuis la quatrième année d’agrément est respecté.',
      );
    } else {
      parts.push(
        `L’entreprise est dans sa ${ordinalFr(report.agrementYear)} année d’agrément ; le seuil de 50 % devra être atteint au terme de la quatrième année.`,
      );
    }
  }
  if (f.targetHires !== null && f.cdiWithin6Months !== null) {
    const hires = f.targetHires;
    const cdi = f.cdiWithin6Months;
    let sentence: string;
    if (cdi >= hires) {
      sentence =
        hires === 1
          ? `Le travailleur du public cible engagé en ${report.year} a obtenu un contrat à durée indéterminée dans les six mois.`
          : `Les ${hires} travailleurs du public cible engagés en ${report.year} ont tous obtenu un contrat à durée indéterminée dans les six mois.`;
    } else if (cdi === 1) {
      sentence = `Un seul des ${hires} travailleurs du public cible engagés en ${report.year} a obtenu un contrat à durée indéterminée dans les six mois de son engagement.`;
    } else if (cdi === 0) {
      sentence = `Aucun des ${hires} travailleurs du public cible engagés en ${report.year} n’a obtenu de contrat à durée indéterminée dans les six mois de son engagement.`;
    } else {
      sentence = `Seuls ${cdi} des ${hires} travailleurs du public cible engagés en ${report.year} ont obtenu un contrat à durée indéterminée dans les six mois de leur engagement.`;
    }
    parts.push(sentence);
  }
  const ratio = payRatio(f);
  if (ratio !== null) {
    parts.push(
      `La tension salariale (rémunération ETP la plus élevée rapportée à la plus basse) s’établit à 1:${numberFr(ratio, 2)}` +
        (ratio > 4 ? ', au-delà du maximum de 1:4.' : ', dans la limite de 1:4.'),
    );
  }
  if (f.accompanimentFte !== null) {
    const needed = targetFte(f) / 15;
    parts.push(
      f.accompanimentFte < Math.max(0.5, needed) && targetFte(f) >= 6
        ? `L’accompagnement social ne représente que ${numberFr(f.accompanimentFte)} ETP pour ${numberFr(targetFte(f))} ETP du public cible, ce qui paraît insuffisant.`
        : `L’accompagnement social est assuré à raison de ${numberFr(f.accompanimentFte)} ETP.`,
    );
  }
  if (f.partTimeBelowHalf !== null && f.partTimeBelowHalf > 0) {
    parts.push(`${f.partTimeBelowHalf} travailleur${f.partTimeBelowHalf > 1 ? 's sont occupés' : ' est occupé'} à moins d’un mi-temps, ce que le décret ne permet pas.`);
  }
  if (f.subsidyTdCents !== null && f.subsidyTgdCents !== null) {
    parts.push(`Subventions TD/TGD perçues : ${euro(f.subsidyTdCents)} (TD) et ${euro(f.subsidyTgdCents)} (TGD), pour une masse salariale de ${euro(f.wageCostCents ?? 0)}.`);
  }
  return parts;
}

function idessAnalysis(report: ActivityReport, activities: readonly IdessActivity[]): string[] {
  const f = report.figures;
  return [
    `L’IDESS déclare ${f.headcount ?? '—'} travailleurs pour ${numberFr(f.fteTotal ?? 0)} ETP, dont ${numberFr(f.targetFteSine ?? 0)} ETP SINE, ` +
      `${numberFr(f.targetFteArt60 ?? 0)} ETP sous article 60 §7 et ${numberFr(f.targetFteArt61 ?? 0)} ETP sous article 61.`,
    `Les activités exercées (${activitiesFr(activities)}) correspondent à celles couvertes par l’agrément.`,
    `Chiffre d’affaires : ${euro(f.turnoverCents ?? 0)} ; résultat d’exploitation : ${euro(f.operatingResultCents ?? 0)}.`,
  ];
}

function iesAnalysis(report: ActivityReport): string[] {
  const f = report.figures;
  return [
    `L’initiative occupe ${f.headcount ?? '—'} travailleurs (${numberFr(f.fteTotal ?? 0)} ETP).`,
    `Chiffre d’affaires : ${euro(f.turnoverCents ?? 0)} ; résultat d’exploitation : ${f.operatingResultCents === null ? 'non communiqué' : euro(f.operatingResultCents)}.`,
    f.workerParticipation === 1
      ? 'La participation des travailleurs est organisée (représentation au conseil d’administration ou assemblée des travailleurs).'
      : 'Aucun dispositif de participation des travailleurs n’est décrit.',
  ];
}

function acAnalysis(report: ActivityReport, projects: number): string[] {
  const f = report.figures;
  return [
    `L’agence-conseil a accompagné ${projects} porteurs de projets en ${report.year}, avec une équipe de ${numberFr(f.fteTotal ?? 0)} ETP.`,
    `Subventions perçues : ${euro(f.otherSubsidiesCents ?? 0)} ; chiffre d’affaires propre : ${euro(f.turnoverCents ?? 0)}.`,
    `Heures de formation suivies par l’équipe : ${f.trainingHours === null ? 'non communiqué' : numberFr(f.trainingHours, 0)}.`,
  ];
}

/** Number of projects an agence-conseil reports, derived from its size (stable for a report). */
export function acProjects(report: ActivityReport): number {
  return Math.round((report.figures.fteTotal ?? 4) * 6 + (report.year % 7));
}

export function reportAnalysis(report: ActivityReport): string[] {
  const activities = report.agrement.activities.map((a) => a.activity);
  switch (report.scheme) {
    case 'EI':
      return eiAnalysis(report);
    case 'IDESS':
      return idessAnalysis(report, activities);
    case 'IES':
      return iesAnalysis(report);
    case 'AC':
      return acAnalysis(report, acProjects(report));
  }
}

// ---------------------------------------------------------------------------------------------
// Proposals

function conclusion(outcome: OpinionOutcome): string {
  return `Proposition de l’administration : ${OUTCOME_FR[outcome]}.`;
}

export interface ProposalContext {
  dossier: Dossier;
  outcome: OpinionOutcome;
  /** The operator's latest report under this agrément before the dossier, if any. */
  lastReport: ActivityReport | null;
  rng: Rng;
}

export function proposalText({ dossier: d, outcome, lastReport, rng }: ProposalContext): string {
  const op = d.operator;
  const parts: string[] = [];
  const received = `Dossier reçu le ${dateFr(d.receivedOn)}${d.completeOn && d.completeOn !== d.receivedOn ? `, complet le ${dateFr(d.completeOn)}` : ''}.`;
  parts.push(received);
  const sector = SECTORS[op.sector];
  switch (d.kind) {
    case 'agrement': {
      parts.push(
        `${op.name} (${op.legalForm}${op.socialEnterprise ? ' agréée comme entreprise sociale' : ''}, ${op.commune.name}) sollicite l’agrément comme ${SCHEME_FR[d.scheme]}. ` +
          `Le projet porte sur ${sector.activity}.`,
      );
      if (d.reasons.includes('legal_form')) {
        parts.push(`La forme juridique (${op.legalForm}) ne figure pas parmi celles que le décret admet pour cet agrément (SC agréée comme entreprise sociale, ASBL ou CPAS).`);
      } else if (d.reasons.includes('eta')) {
        parts.push('L’opérateur est agréé comme entreprise de travail adapté (ETA) ; le décret du 20 octobre 2016 exclut le cumul avec l’agrément d’entreprise d’insertion.');
      } else {
        parts.push(
          rng.pick([
            'Le plan financier est équilibré dès la deuxième année et repose sur un chiffre d’affaires diversifié.',
            'Le plan financier prévoit une croissance prudente de l’emploi, soutenue par des marchés publics locaux.',
            'Les statuts, le plan financier à trois ans et la description de la fonction d’accompagnement social sont joints.',
            'Le partenariat avec le CPAS et le Forem garantit le recrutement de travailleurs du public cible.',
          ]),
        );
        if (d.reasons.includes('finances')) parts.push('Les fonds propres sont faibles au regard des investissements annoncés.');
      }
      break;
    }
    case 'renewal': {
      parts.push(`${op.name} demande le renouvellement de son agrément ${d.scheme} ${TERM_FR[d.requestedTerm ?? '4y']}.`);
      if (d.reasons.includes('late_renewal')) parts.push('La demande a été introduite après la clôture de la période de renouvellement (180 jours avant l’échéance).');
      if (lastReport) parts.push(`Dernier rapport d’activités (${lastReport.year}) : ${reportAnalysis(lastReport).slice(0, 2).join(' ')}`);
      if (d.reasons.includes('renewal_followup')) parts.push('Le résultat d’exploitation est négatif sur les deux derniers exercices et la trésorerie reste tendue.');
      else if (d.reasons.includes('activity_scope')) parts.push('Les activités exercées ne correspondent plus à celles couvertes par l’agrément et le public bénéficiaire n’est pas limité aux personnes précarisées.');
      else parts.push(
        rng.pick([
          'Les rapports d’activités ont été déposés et les conditions d’agrément sont respectées sur la période écoulée.',
          'L’opérateur a donné suite aux remarques formulées lors du précédent renouvellement.',
          'La situation financière est saine et l’emploi est stable sur la période.',
        ]),
      );
      break;
    }
    case 'extension': {
      const activity = d.extensionActivity;
      parts.push(`${op.name} demande l’extension de son agrément IDESS à l’activité « ${activity ? IDESS_ACTIVITY_INFO[activity].label : ''} ».`);
      parts.push(
        d.reasons.includes('activity_scope')
          ? 'Le public visé n’est pas limité aux personnes précarisées, comme l’exige le décret pour cette activité.'
          : 'Le besoin local est attesté par le CPAS et la commune ; l’encadrement prévu est suffisant.',
      );
      break;
    }
    case 'derogation':
      parts.push(
        d.scheme === 'EI'
          ? `${op.name} sollicite une dérogation temporaire au seuil de 50 % de travailleurs du public cible, en raison de départs à la pension et d’une reprise d’activité qui a nécessité l’engagement de profils qualifiés.`
          : `${op.name} sollicite l’autorisation d’occuper temporairement deux travailleurs hors public cible pour remplacer des travailleurs en incapacité de longue durée.`,
      );
      break;
    case 'activity_report': {
      if (d.report) {
        parts.push(...reportAnalysis(d.report));
        if (d.report.receivedOn && d.report.receivedOn > d.report.dueOn) {
          parts.push(`Le rapport a été reçu le ${dateFr(d.report.receivedOn)}, après l’échéance du ${dateFr(d.report.dueOn)}.`);
        }
        if (d.reasons.includes('missing_figures')) parts.push('Certaines données (heures de formation, résultat d’exploitation) ne sont pas communiquées.');
      }
      break;
    }
    case 'inspection':
      if (d.inspection) {
        const counts = severityCounts(d.inspection);
        parts.push(`Inspection réalisée le ${dateFr(d.inspection.inspectedOn)} par ${d.inspection.inspector} : ${counts}.`);
        parts.push(d.inspection.conclusion);
      }
      break;
    case 'suspension':
      parts.push(
        d.reasons.includes('suspension_lifted')
          ? `${op.name} a régularisé la situation constatée lors de l’inspection et demande la levée de la suspension des subventions.`
          : `Les manquements constatés lors de l’inspection n’ont pas été régularisés dans le délai imparti. L’administration propose de suspendre les subventions ${deName(op.name)}.`,
      );
      break;
    case 'withdrawal':
      parts.push(`${op.name} a cessé ses activités ; la mise en liquidation a été publiée au Moniteur belge. L’administration propose le retrait de l’agrément.`);
      break;
    case 'renunciation':
      parts.push(`${op.name} informe l’administration qu’elle renonce à son agrément ${d.scheme}, l’activité étant reprise par une autre structure de la commune.`);
      break;
  }
  parts.push(conclusion(outcome));
  return parts.join(' ');
}

function severityCounts(inspection: Inspection): string {
  const labels: Record<string, [string, string]> = {
    critical: ['constat critique', 'constats critiques'],
    major: ['constat majeur', 'constats majeurs'],
    minor: ['constat mineur', 'constats mineurs'],
    info: ['observation', 'observations'],
  };
  const parts: string[] = [];
  for (const severity of ['critical', 'major', 'minor', 'info'] as const) {
    const n = inspection.findings.filter((f) => f.severity === severity).length;
    const label = labels[severity];
    if (n > 0 && label) parts.push(`${n} ${n > 1 ? label[1] : label[0]}`);
  }
  return parts.length > 0 ? listFr(parts) : 'aucun constat';
}

// ---------------------------------------------------------------------------------------------
// Opinions

const MOTIVATIONS: Record<Reason, readonly string[]> = {
  compliant: ['Le dossier est complet et les conditions d’agrément sont remplies.'],
  new_project: [
    'Le projet répond aux conditions du décret ; la Commission souhaite toutefois suivre de près la montée en charge de l’emploi du public cible.',
    'Le projet est solide, mais le plan financier repose sur des hypothèses de chiffre d’affaires que la Commission juge optimistes.',
  ],
  target_share: [
    'La proportion de travailleurs du public cible est inférieure au seuil de 50 % alors que l’entreprise a dépassé sa quatrième année d’agrément.',
    'Le taux de travailleurs défavorisés et gravement défavorisés reste sous le seuil légal de 50 % des ETP depuis deux exercices.',
  ],
  pay_spread: ['La tension salariale dépasse le rapport maximal de 1:4 entre la rémunération ETP la plus élevée et la plus basse.'],
  cdi_late: ['Plusieurs travailleurs du public cible n’ont pas obtenu de contrat à durée indéterminée dans les six mois de leur engagement.'],
  accompaniment: ['L’accompagnement social des travailleurs du public cible n’est pas assuré de manière suffisante au regard de leur nombre.'],
  part_time: ['Des travailleurs sont occupés à moins d’un mi-temps, ce que le décret ne permet pas.'],
  late_report: ['Le rapport d’activités a été transmis après l’échéance du 15 juillet, sans justification.'],
  missing_figures: ['Le rapport ne contient pas toutes les données requises pour vérifier le respect des conditions d’agrément.'],
  legal_form: ['La forme juridique de la société (SRL) ne fait pas partie des formes admises pour l’agrément : société coopérative agréée comme entreprise sociale, ASBL ou CPAS.'],
  eta: ['L’opérateur est agréé comme entreprise de travail adapté ; le décret du 20 octobre 2016 exclut le cumul de cet agrément avec celui d’entreprise d’insertion.'],
  findings_major: ['L’inspection a relevé des manquements importants aux conditions d’agrément, qui doivent être corrigés dans un délai déterminé.'],
  findings_critical: [
    'L’inspection a établi que des subventions ont été perçues pour des travailleurs ne répondant pas aux conditions ; la gravité des faits justifie l’ouverture d’une procédure de suspension.',
  ],
  finances: ['La viabilité financière du projet n’est pas démontrée : fonds propres insuffisants et plan de trésorerie déficitaire sur trois ans.'],
  activity_scope: ['L’activité demandée doit être réservée aux personnes précarisées ; le dossier ne démontre pas que l’accès en sera limité à ce public.'],
  cessation: ['L’opérateur a cessé toute activité ; les conditions de l’agrément ne sont plus remplies.'],
  derogation_share: [
    'La baisse temporaire du taux de public cible s’explique par des circonstances exceptionnelles documentées ; un plan de recrutement crédible est présenté.',
  ],
  derogation_idess: ['Le remplacement de travailleurs en incapacité peut être assuré par des travailleurs du public cible disponibles via le CPAS et le Forem.'],
  suspension: ['Les manquements constatés n’ont pas été régularisés malgré la mise en demeure adressée par l’administration.'],
  suspension_lifted: ['L’opérateur a régularisé sa situation ; une inspection de suivi l’a confirmé.'],
  late_renewal: ['La demande de renouvellement a été introduite tardivement, ce qui a compromis la continuité de l’agrément.'],
  renewal_followup: [
    'Les conditions d’agrément sont remplies ; la Commission attire toutefois l’attention de l’opérateur sur la fragilité de sa situation financière.',
    'Les conditions d’agrément sont remplies, mais le résultat négatif des deux derniers exercices appelle un suivi rapproché.',
  ],
  subsidy_ac: ['Les conditions d’octroi de la subvention complémentaire sont remplies, sous réserve du dépôt des pièces justificatives manquantes.'],
};

const CONDITIONS: Partial<Record<Reason, readonly string[]>> = {
  new_project: [
    'Transmettre à l’administration, au terme de la première année, un état de l’emploi par catégorie de travailleurs (TD, TGD, autres).',
    'Présenter à la Commission, avec le premier rapport d’activités, l’évolution du plan financier et du chiffre d’affaires.',
  ],
  target_share: ['Atteindre au moins 50 % d’ETP du public cible au 31 décembre suivant et transmettre un plan de recrutement trimestriel à l’administration.'],
  pay_spread: ['Ramener la tension salariale sous le rapport de 1:4 et transmettre la grille barémique adaptée dans les six mois.'],
  cdi_late: ['Convertir en contrats à durée indéterminée les contrats des travailleurs du public cible engagés depuis plus de six mois et en justifier auprès de l’administration.'],
  accompaniment: ['Engager ou désigner un accompagnateur social à mi-temps au moins et transmettre son contrat à l’administration dans les trois mois.'],
  part_time: ['Porter à un mi-temps au moins la durée de travail de tous les travailleurs concernés.'],
  late_report: ['Déposer les prochains rapports d’activités au plus tard le 15 juillet.'],
  missing_figures: ['Compléter le rapport par les données manquantes dans un délai de deux mois.'],
  findings_major: ['Corriger les manquements relevés par l’inspection et transmettre les pièces justificatives avant la date de suivi fixée.'],
  derogation_share: ['Dérogation accordée jusqu’au 31 décembre de l’année suivante ; le plan de recrutement est suivi trimestriellement par l’administration.'],
  subsidy_ac: ['Transmettre les conventions d’accompagnement signées et le relevé des heures prestées par projet.'],
  late_renewal: ['Introduire les prochaines demandes de renouvellement dans la période prévue (entre 240 et 180 jours avant l’échéance).'],
  renewal_followup: ['Transmettre à l’administration, dans les six mois, un plan d’assainissement financier approuvé par l’organe d’administration.'],
};

/** The motivation of an opinion; required for unfavourable and conditional opinions. */
export function motivationFor(outcome: OpinionOutcome, reasons: readonly Reason[], rng: Rng): string {
  const specific = reasons.filter((r) => r !== 'compliant');
  if (outcome === 'noted') {
    return specific.length > 0 ? rng.pick(MOTIVATIONS[specific[0] ?? 'compliant']) : '';
  }
  if (outcome === 'favourable') {
    if (specific.length > 0) return specific.map((r) => rng.pick(MOTIVATIONS[r])).join(' ');
    return rng.chance(0.5) ? rng.pick(MOTIVATIONS.compliant) : '';
  }
  if (outcome === 'adjourned_information') {
    return 'La Commission souhaite disposer de pièces complémentaires avant de se prononcer : comptes annuels du dernier exercice et état détaillé de l’emploi par catégorie.';
  }
  if (outcome === 'adjourned_hearing') {
    return 'La Commission souhaite entendre les représentants de l’opérateur avant de se prononcer.';
  }
  const texts = (specific.length > 0 ? specific : (['new_project'] as Reason[])).map((r) => rng.pick(MOTIVATIONS[r]));
  return texts.join(' ');
}

export function conditionsFor(reasons: readonly Reason[], rng: Rng): string {
  const texts = reasons.map((r) => CONDITIONS[r]).filter((t): t is readonly string[] => t !== undefined).map((t) => rng.pick(t));
  return texts.length > 0 ? texts.join(' ') : rng.pick(CONDITIONS.new_project ?? ['Transmettre un état de l’emploi à l’administration.']);
}

// ---------------------------------------------------------------------------------------------
// Decisions

export const DECISION_FR: Record<DecisionKind, string> = {
  grant: 'Octroi de l’agrément',
  refuse: 'Refus',
  renew: 'Renouvellement de l’agrément',
  extend: 'Extension de l’agrément',
  derogation_granted: 'Dérogation accordée',
  derogation_refused: 'Dérogation refusée',
  suspension_total: 'Suspension totale des subventions',
  suspension_partial: 'Suspension partielle des subventions',
  suspension_lifted: 'Levée de la suspension',
  withdrawal: 'Retrait de l’agrément',
};

export function decisionNote(kind: DecisionKind, term: Term | null, followsOpinion: boolean): string {
  const base = `${DECISION_FR[kind]}${term ? ` ${TERM_FR[term]}` : ''}`;
  return followsOpinion ? `${base}, conformément à l’avis de la Commission.` : `${base} ; la décision s’écarte de l’avis de la Commission.`;
}

// ---------------------------------------------------------------------------------------------
// Inspections

export const INSPECTORS: readonly string[] = [
  'Sophie Delvaux',
  'Marc Lhoest',
  'Nadia Benali',
  'Olivier Gilson',
  'Caroline Piérard',
  'Jean-Luc Remacle',
];

export function inspectionScope(scheme: Scheme): string {
  switch (scheme) {
    case 'EI':
      return 'Contrôle des conditions d’agrément EI : public cible, contrats de travail, accompagnement social, tension salariale et subventions TD/TGD';
    case 'IDESS':
      return 'Contrôle des activités IDESS, du public cible (SINE, article 60 §7, article 61) et du respect des limites des activités autorisées';
    case 'IES':
      return 'Contrôle des conditions d’agrément IES : finalité sociale, gestion démocratique, affectation des bénéfices';
    case 'AC':
      return 'Contrôle de l’utilisation de la subvention complémentaire et des conventions d’accompagnement';
  }
}

const FINDINGS: Record<'info' | 'minor' | 'major' | 'critical', Partial<Record<Scheme | 'any', readonly string[]>>> = {
  info: {
    any: [
      'Le registre du personnel est tenu à jour et les documents sociaux sont disponibles sur place.',
      'Les fiches de paie examinées correspondent aux barèmes de la commission paritaire applicable.',
      'Les procès-verbaux de l’assemblée générale des trois derniers exercices ont été présentés.',
    ],
  },
  minor: {
    any: [
      'Le plan de formation de l’année n’a pas été formellement approuvé par l’organe d’administration.',
      'Deux contrats de travail ne mentionnent pas l’horaire hebdomadaire de travail.',
      'Le règlement de travail affiché n’intègre pas la dernière modification des horaires.',
    ],
    EI: ['Les évaluations annuelles des travailleurs du public cible ne sont pas toutes consignées par écrit.'],
    IDESS: ['Les fiches de prestation ne mentionnent pas systématiquement la surface des pelouses entretenues.'],
  },
  major: {
    EI: [
      'Trois travailleurs comptabilisés comme TD ne disposent pas d’une attestation prouvant leur inscription comme demandeur d’emploi au moment de l’engagement.',
      'Deux contrats à durée déterminée de travailleurs du public cible ont été prolongés au-delà de six mois sans conversion en CDI.',
      'L’accompagnatrice sociale est absente depuis plusieurs mois et n’a pas été remplacée.',
    ],
    IDESS: [
      'Des chantiers d’entretien de haies de plus de 40 mètres de long ont été facturés dans le cadre de l’agrément IDESS.',
      'Des tontes de pelouses de plus de 300 m² ont été réalisées sous couvert de l’agrément IDESS.',
    ],
    IES: ['L’affectation du résultat de l’exercice ne respecte pas la finalité sociale prévue par les statuts.'],
    AC: ['Les conventions d’accompagnement de quatre projets n’ont pas pu être présentées.'],
  },
  critical: {
    EI: ['Des subventions TD ont été perçues pour des travailleurs ne répondant pas aux conditions du public cible, pour un montant estimé à € 27 000,00.'],
    IDESS: ['Le service de taxi social est ouvert à une clientèle ne relevant pas du public précarisé, en violation des conditions de l’agrément.'],
    IES: ['L’entreprise n’a plus déposé ses comptes annuels depuis deux exercices et ne dispose plus d’un organe d’administration régulièrement composé.'],
    AC: ['Des prestations facturées à des entreprises classiques ont été financées par la subvention complémentaire.'],
  },
};

export function findingText(severity: 'info' | 'minor' | 'major' | 'critical', scheme: Scheme, rng: Rng, exclude: readonly string[]): string {
  const pool = [...(FINDINGS[severity][scheme] ?? []), ...(FINDINGS[severity].any ?? [])];
  const fresh = pool.filter((t) => !exclude.includes(t));
  if (fresh.length > 0) return rng.pick(fresh);
  if (pool.length > 0) return rng.pick(pool);
  return rng.pick(FINDINGS.minor.any ?? ['Constat sans gravité.']);
}

export function inspectionConclusion(worst: 'none' | 'info' | 'minor' | 'major' | 'critical'): string {
  switch (worst) {
    case 'critical':
      return 'Manquements graves : l’administration propose l’ouverture d’une procédure de suspension des subventions.';
    case 'major':
      return 'Manquements à régulariser dans le délai de suivi fixé ; une visite de contrôle sera programmée.';
    case 'minor':
      return 'Situation globalement conforme ; quelques points d’amélioration à régulariser.';
    default:
      return 'Situation conforme aux conditions d’agrément.';
  }
}

// ---------------------------------------------------------------------------------------------
// Notes, conflicts, events

const PRIVATE_NOTES: Record<'report_ei' | 'report' | 'request' | 'renewal' | 'control', readonly string[]> = {
  report_ei: [
    'Vérifier si le taux de public cible tient compte des travailleurs sortis en cours d’année.',
    'À comparer avec le rapport précédent : hausse de la masse salariale sans hausse équivalente des ETP.',
    'Demander en séance comment l’accompagnement social est organisé depuis le départ de l’accompagnatrice.',
    'Demander pourquoi les heures de formation ont diminué par rapport à l’exercice précédent.',
    'La réinsertion des travailleurs sortis vers l’emploi classique est bien documentée : bon point.',
    'Les subventions TD/TGD pèsent lourd dans la masse salariale : à suivre si le taux de public cible baisse.',
  ],
  report: [
    'Résultat d’exploitation en baisse : demander les causes et les mesures prévues.',
    'Rapport clair et complet ; prise d’acte sans remarque.',
    'Vérifier que les activités restent dans les limites de l’agrément.',
    'Peu d’heures de formation au regard de l’effectif : à signaler.',
  ],
  request: [
    'Le plan financier paraît optimiste : chiffre d’affaires en hausse de 35 % dès la deuxième année.',
    'Voir si la commune soutient toujours le projet (convention de mise à disposition des locaux).',
    'Demander qui assurera l’accompagnement social et à quel temps de travail.',
    'Je proposerai un avis favorable, avec un suivi de l’emploi du public cible après un an.',
    'Le besoin local est bien documenté par le CPAS et la commune.',
  ],
  renewal: [
    'Rien de particulier depuis le dernier renouvellement ; avis favorable.',
    'Vérifier que les conditions du précédent avis ont été rencontrées.',
    'Point à discuter avec la fédération avant la séance.',
    'Emploi stable sur la période ; les rapports ont été déposés à temps.',
  ],
  control: [
    'Les constats portent sur les attestations du Forem : demander si elles ont été obtenues depuis.',
    'Première irrégularité relevée chez cet opérateur : gravité à apprécier.',
    'Demander le calendrier de régularisation avant de se prononcer.',
    'Point à discuter avec la fédération avant la séance.',
  ],
};

const SHARED_NOTES: readonly string[] = [
  'L’opérateur a transmis les attestations du Forem manquantes (voir courrier joint).',
  'Pour information : la commune soutient le projet via une convention de mise à disposition de locaux.',
  'La fédération a accompagné l’opérateur dans la révision de son plan de formation.',
  'Le réviseur a émis une opinion sans réserve sur les comptes du dernier exercice.',
];

const SHARED_NOTES_INSERTION: readonly string[] = [
  'Le CPAS confirme la mise à disposition de deux travailleurs sous article 60 §7 à partir de septembre.',
  'Trois travailleurs du public cible ont rejoint un employeur classique au cours de l’année.',
];

const SECRETARIAT_NOTES: readonly string[] = [
  'Dossier complété : les comptes annuels du dernier exercice ont été reçus.',
  'L’opérateur a été informé de l’inscription du dossier à l’ordre du jour.',
  'Rappel envoyé à l’opérateur pour le dépôt des pièces manquantes.',
  'Le dossier a été présenté en réunion préparatoire avec l’administration.',
];

const HEARING_NOTES: readonly string[] = [
  'Les représentants de l’opérateur seront accompagnés de leur comptable lors de l’audition.',
  'L’opérateur a confirmé sa présence à l’audition par courriel.',
];

export interface NoteContext {
  kind: DossierKind;
  scheme: Scheme;
  hearing: boolean;
}

/** A note's text, suited to the dossier and different from the notes it already has. */
export function noteBody(author: 'private' | 'shared' | 'secretariat', context: NoteContext, rng: Rng, exclude: readonly string[]): string {
  let pool: readonly string[];
  if (author === 'private') {
    const key =
      context.kind === 'activity_report'
        ? context.scheme === 'EI'
          ? 'report_ei'
          : 'report'
        : context.kind === 'agrement' || context.kind === 'extension'
          ? 'request'
          : context.kind === 'renewal'
            ? 'renewal'
            : 'control';
    pool = PRIVATE_NOTES[key];
  } else if (author === 'shared') {
    pool = [...SHARED_NOTES, ...(context.scheme === 'EI' || context.scheme === 'IDESS' ? SHARED_NOTES_INSERTION : []), ...(context.hearing ? HEARING_NOTES : [])];
  } else {
    pool = [...SECRETARIAT_NOTES, ...(context.hearing ? HEARING_NOTES : [])];
  }
  const fresh = pool.filter((text) => !exclude.includes(text));
  return rng.pick(fresh.length > 0 ? fresh : pool);
}

export function conflictNote(kind: Conflict['kind'], operatorName: string, gender: 'f' | 'm'): string {
  const f = gender === 'f';
  switch (kind) {
    case 'board':
      return `${f ? 'Administratrice' : 'Administrateur'} bénévole ${deName(operatorName)}.`;
    case 'employment':
      return `${f ? 'Ancienne salariée' : 'Ancien salarié'} ${deName(operatorName)} (départ il y a moins de trois ans).`;
    case 'family':
      return `Un membre de sa famille proche travaille chez ${operatorName}.`;
    case 'financial':
      return `${f ? 'Coopératrice' : 'Coopérateur'} détenant des parts ${deName(operatorName)}.`;
    case 'federation':
      return `Accompagne ${operatorName} pour le compte de sa fédération.`;
    case 'other':
      return `Lien personnel avec la direction ${deName(operatorName)}.`;
  }
}

export function yearsFr(term: Term): string {
  return term === '2y' ? 'deux ans' : term === '4y' ? 'quatre ans' : 'durée indéterminée';
}

export const SECTION_FOR_KIND = {
  agrement: 'agrements',
  renewal: 'renewals',
  extension: 'extensions',
  derogation: 'derogations',
  activity_report: 'reports',
  inspection: 'inspections',
  suspension: 'sanctions',
  withdrawal: 'sanctions',
  renunciation: 'misc',
} as const;
