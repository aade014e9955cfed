/**
 * The demo world in memory, before it is written: plain objects that point at each other
 * (a dossier at its operator, an agenda item at its session). Ids are given just before writing,
 * in chronological order, so that the rows read like a real history.
 */
import type {
  AgendaSection,
  AgrementScheme,
  DecisionKind,
  DeadlineKind,
  DocumentKind,
  DossierKind,
  DossierStatus,
  FindingSeverity,
  LegalForm,
  OpinionOutcome,
  Scheme,
  Term,
} from '../../shared/domain';
import type { Commune } from '../../resources/demo/communes';
import type { IdessActivity, SectorCode } from '../../resources/demo/operators';
import type { MemberRole, OrganisationKind } from '../../resources/demo/people';

export interface Member {
  id: number;
  firstName: string;
  lastName: string;
  gender: 'f' | 'm';
  organisation: string;
  organisationKind: OrganisationKind;
  role: MemberRole;
  voting: boolean;
  email: string;
  activeFrom: string;
  activeTo: string | null;
}

/** Rules of DESIGN §2 that some operators break on purpose, visible in their figures. */
export type Breach =
  | 'target_share'
  | 'pay_spread'
  | 'cdi_late'
  | 'accompaniment'
  | 'part_time'
  | 'late_report'
  | 'missing_report'
  | 'missing_figures'
  | 'late_renewal';

export type Profile = 'EI' | 'IDESS' | 'IDESS_IES' | 'IES' | 'AC' | 'applicant';

export interface Operator {
  id: number;
  bce: string;
  name: string;
  legalForm: LegalForm;
  socialEnterprise: boolean;
  street: string;
  commune: Commune;
  sector: SectorCode;
  profile: Profile;
  /** Full-time equivalents in a typical year. */
  size: number;
  breaches: Set<Breach>;
  signatory: { name: string; title: string };
  agrements: Agrement[];
  dossiers: Dossier[];
  /** The years of a report received late, or missing. */
  lateReportYear: number | null;
  missingReportYear: number | null;
}

export interface Period {
  startOn: string;
  endOn: string | null;
  term: Term;
}

export interface Agrement {
  id: number;
  operator: Operator;
  scheme: AgrementScheme;
  number: string;
  status: 'requested' | 'active' | 'suspended' | 'expired' | 'withdrawn' | 'renounced' | 'refused';
  firstGrantedOn: string | null;
  periods: Period[];
  /**
   * IDESS activities; `precariousOnly`: whether the agrément records the activity as reserved to
   * précarisés (null: not recorded). Set once the world is built (see Builder.recordActivityScopes).
   */
  activities: { activity: IdessActivity; sinceOn: string; precariousOnly?: boolean | null }[];
  /** Withdrawn, renounced: no reports or renewals after this date. */
  endedOn: string | null;
}

export interface Session {
  id: number;
  number: number;
  heldOn: string;
  startsAt: string;
  place: string;
  upcoming: boolean;
  items: AgendaItem[];
  attendance: Map<Member, 'present' | 'excused' | 'absent'>;
}

export interface Opinion {
  id: number;
  outcome: OpinionOutcome;
  conditions: string;
  motivation: string;
  consensus: boolean;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstain: number | null;
  givenOn: string;
  amendment: { amendedOn: string; reason: string; outcome: OpinionOutcome; conditions: string; motivation: string } | null;
}

export interface AgendaItem {
  id: number;
  session: Session;
  dossier: Dossier;
  section: AgendaSection;
  position: number;
  rapporteur: Member | null;
  hearingAt: string | null;
  /** The operator is heard on this item (the time is given when the agenda is ordered). */
  wantsHearing: boolean;
  opinion: Opinion | null;
  recusals: { member: Member; reason: string }[];
  preparations: { member: Member; status: 'unread' | 'read' | 'prepared'; draftOutcome: OpinionOutcome | null; updatedAt: string }[];
}

export interface DossierEvent {
  occurredOn: string;
  kind: 'received' | 'completed' | 'information_requested' | 'scheduled' | 'hearing' | 'opinion' | 'decision' | 'notification' | 'status';
  title: string;
  detail: string;
}

export interface Decision {
  id: number;
  kind: DecisionKind;
  term: Term | null;
  decidedOn: string;
  notifiedOn: string | null;
  reference: string;
  note: string;
}

/** Why the commission decides as it does: picks the motivation and conditions texts. */
export type Reason =
  | 'compliant'
  | 'new_project'
  | 'target_share'
  | 'pay_spread'
  | 'cdi_late'
  | 'accompaniment'
  | 'part_time'
  | 'late_report'
  | 'missing_figures'
  | 'legal_form'
  | 'eta'
  | 'findings_major'
  | 'findings_critical'
  | 'finances'
  | 'activity_scope'
  | 'cessation'
  | 'derogation_share'
  | 'derogation_idess'
  | 'suspension'
  | 'suspension_lifted'
  | 'late_renewal'
  | 'renewal_followup'
  | 'subsidy_ac';

export interface Dossier {
  id: number;
  reference: string;
  operator: Operator;
  agrement: Agrement | null;
  scheme: Scheme;
  kind: DossierKind;
  status: DossierStatus;
  subject: string;
  receivedOn: string;
  completeOn: string | null;
  opinionDueOn: string | null;
  reportYear: number | null;
  proposalOutcome: OpinionOutcome | null;
  proposalText: string | null;
  reasons: Reason[];
  events: DossierEvent[];
  items: AgendaItem[];
  decision: Decision | null;
  report: ActivityReport | null;
  inspection: Inspection | null;
  /** IDESS activity an extension asks for. */
  extensionActivity: IdessActivity | null;
  /** Term a renewal asks for. */
  requestedTerm: Term | null;
  documents: DocumentRef[];
  notes: Note[];
  updatedOn: string;
  /** Date of the opinion that closed the commission's work on the dossier. */
  finalOpinionOn: string | null;
}

export interface ActivityReport {
  id: number;
  operator: Operator;
  agrement: Agrement;
  dossier: Dossier | null;
  scheme: Scheme;
  year: number;
  dueOn: string;
  receivedOn: string | null;
  /** Year of agrément the report covers (1 = first calendar year). */
  agrementYear: number;
  figures: ReportFigures;
}

export interface ReportFigures {
  headcount: number | null;
  fteTotal: number | null;
  targetFteTd: number | null;
  targetFteTgd: number | null;
  targetFteSine: number | null;
  targetFteArt60: number | null;
  targetFteArt61: number | null;
  targetHeadcount: number | null;
  targetHires: number | null;
  cdiWithin6Months: number | null;
  partTimeBelowHalf: number | null;
  lowestFtePayCents: number | null;
  highestFtePayCents: number | null;
  accompanimentFte: number | null;
  trainingPlan: number | null;
  trainingHours: number | null;
  yearlyEvaluations: number | null;
  workerParticipation: number | null;
  wageCostCents: number | null;
  subsidyTdCents: number | null;
  subsidyTgdCents: number | null;
  otherSubsidiesCents: number | null;
  turnoverCents: number | null;
  operatingResultCents: number | null;
  /** Agences-conseil only: projects supported, social-economy enterprises created, jobs created (FTE). */
  acProjectsSupported: number | null;
  acEnterprisesCreated: number | null;
  acJobsCreatedFte: number | null;
}

export interface Finding {
  id: number;
  severity: FindingSeverity;
  description: string;
  followUpDueOn: string | null;
  resolvedOn: string | null;
}

export interface Inspection {
  id: number;
  operator: Operator;
  scheme: Scheme;
  dossier: Dossier | null;
  inspectedOn: string;
  inspector: string;
  scope: string;
  conclusion: string;
  findings: Finding[];
}

export interface Conflict {
  id: number;
  member: Member;
  operator: Operator;
  kind: 'employment' | 'board' | 'family' | 'financial' | 'federation' | 'other';
  declaredOn: string;
  note: string;
}

export interface Note {
  id: number;
  dossier: Dossier;
  author: Member | null;
  visibility: 'private' | 'shared';
  body: string;
  createdAt: string;
}

export interface DocumentRef {
  id: number;
  dossier: Dossier;
  sha256: string;
  title: string;
  kind: DocumentKind;
  documentDate: string;
  filename: string;
  sizeBytes: number;
  textContent: string;
  addedAt: string;
}

export interface Deadline {
  id: number;
  operator: Operator;
  dossier: Dossier | null;
  kind: DeadlineKind;
  dueOn: string;
  description: string;
  doneOn: string | null;
}

export interface Outcome {
  outcome: OpinionOutcome;
  decision: { kind: DecisionKind; term: Term | null } | null;
}
