/**
 * Domain vocabulary shared by the backend and the UI (DESIGN §2).
 * Each list is the single source of the values stored in the database
 * (the first migration's CHECK constraints repeat them; a test keeps both in step).
 */
import { z } from 'zod';

export const SCHEMES = ['IES', 'EI', 'IDESS', 'AC'] as const;
export const Scheme = z.enum(SCHEMES);
export type Scheme = z.infer<typeof Scheme>;

/** Agréments an operator may hold: the four schemes, plus ETA (held elsewhere, incompatible with EI). */
export const AGREMENT_SCHEMES = [...SCHEMES, 'ETA'] as const;
export const AgrementScheme = z.enum(AGREMENT_SCHEMES);
export type AgrementScheme = z.infer<typeof AgrementScheme>;

export const DOSSIER_KINDS = [
  'agrement',
  'renewal',
  'extension',
  'derogation',
  'activity_report',
  'inspection',
  'suspension',
  'withdrawal',
  'renunciation',
] as const;
export const DossierKind = z.enum(DOSSIER_KINDS);
export type DossierKind = z.infer<typeof DossierKind>;

export const DOSSIER_STATUSES = [
  'received',
  'incomplete',
  'ready',
  'scheduled',
  'adjourned',
  'opinion_given',
  'decided',
  'closed',
] as const;
export const DossierStatus = z.enum(DOSSIER_STATUSES);
export type DossierStatus = z.infer<typeof DossierStatus>;

export const LEGAL_FORMS = ['SC', 'ASBL', 'CPAS', 'SRL', 'SA', 'FONDATION'] as const;
export const LegalForm = z.enum(LEGAL_FORMS);
export type LegalForm = z.infer<typeof LegalForm>;

export const PROVINCES = ['BW', 'HT', 'LG', 'LX', 'NA'] as const;
export const Province = z.enum(PROVINCES);
export type Province = z.infer<typeof Province>;

export const OPINION_OUTCOMES = [
  'favourable',
  'favourable_conditions',
  'unfavourable',
  'adjourned_information',
  'adjourned_hearing',
  'noted',
] as const;
export const OpinionOutcome = z.enum(OPINION_OUTCOMES);
export type OpinionOutcome = z.infer<typeof OpinionOutcome>;

/** Opinions that must carry a written motivation (DESIGN §2). */
export const OUTCOMES_REQUIRING_MOTIVATION: readonly OpinionOutcome[] = ['favourable_conditions', 'unfavourable'];

export const DECISION_KINDS = [
  'grant',
  'refuse',
  'renew',
  'extend',
  'derogation_granted',
  'derogation_refused',
  'suspension_total',
  'suspension_partial',
  'suspension_lifted',
  'withdrawal',
] as const;
export const DecisionKind = z.enum(DECISION_KINDS);
export type DecisionKind = z.infer<typeof DecisionKind>;

export const TERMS = ['2y', '4y', 'indefinite'] as const;
export const Term = z.enum(TERMS);
export type Term = z.infer<typeof Term>;

export const MEMBER_ROLES = ['president', 'member', 'substitute', 'secretariat', 'observer'] as const;
export const MemberRole = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof MemberRole>;

export const PROFILES = ['secretariat', 'member'] as const;
export const Profile = z.enum(PROFILES);
export type Profile = z.infer<typeof Profile>;

export const SESSION_STATUSES = ['planned', 'agenda_frozen', 'in_progress', 'closed', 'cancelled'] as const;
export const SessionStatus = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const AGENDA_SECTIONS = [
  'agrements',
  'renewals',
  'extensions',
  'derogations',
  'reports',
  'inspections',
  'sanctions',
  'misc',
] as const;
export const AgendaSection = z.enum(AGENDA_SECTIONS);
export type AgendaSection = z.infer<typeof AgendaSection>;

export const DOCUMENT_KINDS = [
  'request',
  'activity_report',
  'inspection_report',
  'proposal',
  'correspondence',
  'annex',
] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const FINDING_SEVERITIES = ['info', 'minor', 'major', 'critical'] as const;
export const FindingSeverity = z.enum(FINDING_SEVERITIES);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

export const DEADLINE_KINDS = [
  'report_due',
  'renewal_window_opens',
  'renewal_window_closes',
  'agrement_expires',
  'condition_follow_up',
  'appeal_window',
  'opinion_due',
] as const;
export const DeadlineKind = z.enum(DEADLINE_KINDS);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

/** ISO calendar date `YYYY-MM-DD` (payloads carry dates as strings, never `Date`). */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;
