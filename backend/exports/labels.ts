/** The French wording of the exports' enumerations (the UI keeps its own, with an English locale). */
import type { DecisionKind, DossierKind, FindingSeverity, LegalForm, MemberRole, OpinionOutcome, Scheme, SessionStatus } from '../../shared/domain';

export const SCHEME_LABELS: Record<Scheme, string> = {
  IES: 'Initiative d’économie sociale (IES)',
  EI: 'Entreprise d’insertion (EI)',
  IDESS: 'Initiative de développement de l’emploi dans le secteur des services de proximité à finalité sociale (IDESS)',
  AC: 'Agence-conseil en économie sociale (AC)',
};

/** In a sentence: « l’agrément comme entreprise d’insertion (EI) ». */
export const SCHEME_IN_SENTENCE: Record<Scheme, string> = {
  IES: 'initiative d’économie sociale (IES)',
  EI: 'entreprise d’insertion (EI)',
  IDESS: 'initiative de développement de l’emploi dans le secteur des services de proximité à finalité sociale (IDESS)',
  AC: 'agence-conseil en économie sociale (AC)',
};

export const KIND_LABELS: Record<DossierKind, string> = {
  agrement: 'Demande d’agrément',
  renewal: 'Renouvellement',
  extension: 'Extension',
  derogation: 'Dérogation',
  activity_report: 'Rapport d’activités',
  inspection: 'Rapport d’inspection',
  suspension: 'Suspension',
  withdrawal: 'Retrait',
  renunciation: 'Renonciation',
};

export const OUTCOME_LABELS: Record<OpinionOutcome, string> = {
  favourable: 'Favorable',
  favourable_conditions: 'Favorable sous conditions',
  unfavourable: 'Défavorable',
  adjourned_information: 'Ajourné (informations demandées)',
  adjourned_hearing: 'Ajourné (audition demandée)',
  noted: 'Prise d’acte',
};

/** After « un avis … »: « un avis favorable sous conditions », « un avis de prise d’acte ». */
export const OUTCOME_IN_SENTENCE: Record<OpinionOutcome, string> = {
  favourable: 'favorable',
  favourable_conditions: 'favorable sous conditions',
  unfavourable: 'défavorable',
  adjourned_information: 'd’ajournement dans l’attente d’informations complémentaires',
  adjourned_hearing: 'd’ajournement dans l’attente d’une audition',
  noted: 'de prise d’acte',
};

/** Opinions that close the examination (the statistics' time to opinion ignores adjournments). */
export const FINAL_OUTCOMES: readonly OpinionOutcome[] = ['favourable', 'favourable_conditions', 'unfavourable', 'noted'];

export const ROLE_LABELS: Record<MemberRole, string> = {
  president: 'Président·e',
  member: 'Membre effectif',
  substitute: 'Suppléant·e',
  secretariat: 'Secrétariat',
  observer: 'Observateur·rice',
};

export const LEGAL_FORM_LABELS: Record<LegalForm, string> = {
  SC: 'Société coopérative (SC)',
  ASBL: 'Association sans but lucratif (ASBL)',
  CPAS: 'Centre public d’action sociale (CPAS)',
  SRL: 'Société à responsabilité limitée (SRL)',
  SA: 'Société anonyme (SA)',
  FONDATION: 'Fondation',
};

export const SEVERITY_LABELS: Record<FindingSeverity, string> = {
  info: 'observation',
  minor: 'mineur',
  major: 'majeur',
  critical: 'critique',
};

export const DECISION_LABELS: Record<DecisionKind, string> = {
  grant: 'octroi de l’agrément',
  refuse: 'refus',
  renew: 'renouvellement',
  extend: 'extension',
  derogation_granted: 'dérogation accordée',
  derogation_refused: 'dérogation refusée',
  suspension_total: 'suspension totale des subventions',
  suspension_partial: 'suspension partielle des subventions',
  suspension_lifted: 'levée de la suspension',
  withdrawal: 'retrait de l’agrément',
};

/** An agrément's status (agrements.status). */
export const AGREMENT_STATUS_LABELS: Record<string, string> = {
  requested: 'demandé',
  active: 'en vigueur',
  suspended: 'suspendu',
  expired: 'expiré',
  withdrawn: 'retiré',
  renounced: 'renoncé',
  refused: 'refusé',
};

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  planned: 'planifiée',
  agenda_frozen: 'ordre du jour arrêté',
  in_progress: 'en cours',
  closed: 'clôturée',
  cancelled: 'annulée',
};

/** « 22/11/2026 à 20:31 », Belgian time. */
export function belgianDateTime(at: Date): string {
  const parts = new Intl.DateTimeFormat('fr-BE', {
    timeZone: 'Europe/Brussels',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} à ${part('hour')}:${part('minute')}`;
}

/** The Belgian calendar day of a timestamp: « 2026-11-19T23:30:00Z » → « 20/11/2026 ». */
export function belgianDate(at: Date): string {
  return belgianDateTime(at).slice(0, 10);
}

/** A file-name-safe slug: « Jérôme Bæcke » → « jerome-baecke ». */
export function slug(text: string): string {
  return text
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
