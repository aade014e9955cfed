/**
 * Reviewing a dossier: everything its page shows, in one call (`dossiers.review`), and the record
 * of the user's visit (`dossiers.markVisited`) on which « Ce qui a changé » is based.
 */
import { z } from 'zod';
import {
  AgrementScheme,
  DeadlineKind,
  DecisionKind,
  DossierKind,
  DossierStatus,
  FindingSeverity,
  IsoDate,
  OpinionOutcome,
  Profile,
  Scheme,
  SessionStatus,
  Term,
} from '../domain';
import { Id } from './common';
import { AgrementSummary, OperatorSummary } from './dossiers';

/** An ISO-8601 timestamp (UTC), as stored in the database. */
const Timestamp = z.string().min(10).max(40);

const AgrementStatusText = z.string();

export const ReviewDeadline = z.object({
  /** Stable within the list (see DeadlineRow.key): deadlines are derived from the facts. */
  key: z.string(),
  kind: DeadlineKind,
  dueOn: IsoDate,
  description: z.string(),
  /** null: a deadline of the operator (not tied to a dossier). */
  dossierId: Id.nullable(),
});

export const ReviewAmendment = z.object({
  id: Id,
  amendedOn: IsoDate,
  reason: z.string(),
  outcome: OpinionOutcome,
  conditions: z.string(),
  motivation: z.string(),
});

export const ReviewOpinion = z.object({
  id: Id,
  outcome: OpinionOutcome,
  conditions: z.string(),
  motivation: z.string(),
  consensus: z.boolean(),
  votesFor: z.number().int().nullable(),
  votesAgainst: z.number().int().nullable(),
  votesAbstain: z.number().int().nullable(),
  givenOn: IsoDate,
  session: z.object({ id: Id, number: z.number().int(), heldOn: IsoDate }),
  amendments: z.array(ReviewAmendment),
});

export const ReviewDecision = z.object({
  id: Id,
  kind: DecisionKind,
  term: Term.nullable(),
  decidedOn: IsoDate,
  notifiedOn: IsoDate.nullable(),
  reference: z.string(),
  note: z.string(),
});

/** One entry of the operator's timeline. `on` is the date it is filed under. */
export const HistoryItem = z.discriminatedUnion('type', [
  z.object({ type: z.literal('agrement'), on: IsoDate, agrementId: Id, scheme: AgrementScheme, number: z.string(), status: AgrementStatusText }),
  z.object({
    type: z.literal('period'),
    on: IsoDate,
    endOn: IsoDate.nullable(),
    term: Term,
    agrementId: Id,
    scheme: AgrementScheme,
    number: z.string(),
  }),
  z.object({
    type: z.literal('dossier'),
    on: IsoDate,
    dossierId: Id,
    reference: z.string(),
    scheme: Scheme,
    kind: DossierKind,
    status: DossierStatus,
    subject: z.string(),
  }),
  z.object({
    type: z.literal('opinion'),
    on: IsoDate,
    dossierId: Id,
    reference: z.string(),
    outcome: OpinionOutcome,
    sessionNumber: z.number().int(),
  }),
  z.object({ type: z.literal('amendment'), on: IsoDate, dossierId: Id, reference: z.string(), outcome: OpinionOutcome, reason: z.string() }),
  z.object({ type: z.literal('decision'), on: IsoDate, dossierId: Id, reference: z.string(), kind: DecisionKind, term: Term.nullable() }),
  z.object({
    type: z.literal('inspection'),
    on: IsoDate,
    inspectionId: Id,
    dossierId: Id.nullable(),
    reference: z.string().nullable(),
    inspector: z.string(),
    findings: z.number().int().min(0),
    unresolved: z.number().int().min(0),
  }),
  /** An event of this dossier (reception, hearing, scheduling…). */
  z.object({ type: z.literal('event'), on: IsoDate, dossierId: Id, title: z.string(), detail: z.string() }),
  /** An audit-log entry about this dossier or one of its figures, findings, notes or documents. */
  z.object({
    type: z.literal('audit'),
    on: IsoDate,
    at: Timestamp,
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: Id.nullable(),
    changes: z.record(z.string(), z.unknown()),
  }),
]);
export type HistoryItem = z.infer<typeof HistoryItem>;

const Fte = z.number().min(0).nullable();
const Count = z.number().int().min(0).nullable();
const Cents = z.number().int().nullable();
const Flag = z.boolean().nullable();

/** One year of an operator's activity-report figures (null: not provided). */
export const ReviewReportFigures = z.object({
  id: Id,
  year: z.number().int(),
  dossierId: Id.nullable(),
  dueOn: IsoDate,
  receivedOn: IsoDate.nullable(),
  updatedAt: Timestamp.nullable(),
  headcount: Count,
  fteTotal: Fte,
  targetFteTd: Fte,
  targetFteTgd: Fte,
  targetFteSine: Fte,
  targetFteArt60: Fte,
  targetFteArt61: Fte,
  targetHeadcount: Count,
  targetHires: Count,
  cdiWithin6Months: Count,
  partTimeBelowHalf: Count,
  lowestFtePayCents: Cents,
  highestFtePayCents: Cents,
  accompanimentFte: Fte,
  trainingPlan: Flag,
  trainingHours: Fte,
  yearlyEvaluations: Flag,
  workerParticipation: Flag,
  wageCostCents: Cents,
  subsidyTdCents: Cents,
  subsidyTgdCents: Cents,
  otherSubsidiesCents: Cents,
  turnoverCents: Cents,
  operatingResultCents: Cents,
  acProjectsSupported: Count,
  acEnterprisesCreated: Count,
  acJobsCreatedFte: Fte,
});
export type ReviewReportFigures = z.infer<typeof ReviewReportFigures>;

export const ReviewFinding = z.object({
  id: Id,
  severity: FindingSeverity,
  description: z.string(),
  followUpDueOn: IsoDate.nullable(),
  resolvedOn: IsoDate.nullable(),
});

export const ReviewInspection = z.object({
  id: Id,
  inspectedOn: IsoDate,
  inspector: z.string(),
  scope: z.string(),
  conclusion: z.string(),
  dossierId: Id.nullable(),
  dossierReference: z.string().nullable(),
  findings: z.array(ReviewFinding),
});

/** What is new since the previous visit. */
export const ChangeItem = z.discriminatedUnion('type', [
  z.object({ type: z.literal('document'), at: Timestamp, documentId: Id, title: z.string() }),
  z.object({ type: z.literal('note'), at: Timestamp, noteId: Id, edited: z.boolean(), visibility: z.enum(['private', 'shared']), excerpt: z.string() }),
  z.object({ type: z.literal('event'), at: IsoDate, title: z.string() }),
  z.object({ type: z.literal('figures'), at: Timestamp, reportId: Id, year: z.number().int() }),
  z.object({ type: z.literal('finding'), at: Timestamp, findingId: Id, severity: FindingSeverity, description: z.string() }),
  z.object({
    type: z.literal('audit'),
    at: Timestamp,
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    changes: z.record(z.string(), z.unknown()),
  }),
]);
export type ChangeItem = z.infer<typeof ChangeItem>;

export const DossierReview = z.object({
  /** The workspace's profile: the secretariat sees the editing links. */
  profile: Profile,
  /** The backend's today (Belgian time), for "overdue". */
  today: IsoDate,
  dossier: z.object({
    id: Id,
    reference: z.string(),
    scheme: Scheme,
    kind: DossierKind,
    status: DossierStatus,
    subject: z.string(),
    receivedOn: IsoDate,
    completeOn: IsoDate.nullable(),
    opinionDueOn: IsoDate.nullable(),
    reportYear: z.number().int().nullable(),
    proposalOutcome: OpinionOutcome.nullable(),
    proposalText: z.string().nullable(),
  }),
  operator: OperatorSummary,
  agrement: AgrementSummary.nullable(),
  sessions: z.array(z.object({ id: Id, number: z.number().int(), heldOn: IsoDate, status: SessionStatus })),
  /** Open deadlines of the dossier, then of its operator, by due date. */
  deadlines: z.array(ReviewDeadline),
  opinions: z.array(ReviewOpinion),
  decisions: z.array(ReviewDecision),
  /** Newest first. */
  history: z.array(HistoryItem),
  figures: z
    .object({
      scheme: Scheme,
      /** The year the page compares: the dossier's report, else the operator's latest. */
      focusYear: z.number().int(),
      /** Every year of the operator's reports for this scheme, oldest first. */
      reports: z.array(ReviewReportFigures),
    })
    .nullable(),
  inspections: z.array(ReviewInspection),
  changes: z.object({
    /** The previous visit; null on the first visit. */
    since: Timestamp.nullable(),
    /** When this review was read: pass it to `dossiers.markVisited`. */
    readAt: Timestamp,
    items: z.array(ChangeItem),
  }),
});
export type DossierReview = z.infer<typeof DossierReview>;

export const reviewContract = {
  'dossiers.review': { input: z.object({ id: Id }), output: DossierReview },
  'dossiers.markVisited': {
    input: z.object({ id: Id, readAt: Timestamp.optional() }),
    output: z.object({ visitedAt: Timestamp }),
  },
} as const;
