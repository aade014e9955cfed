/**
 * Meeting mode (mode séance): the president and the secretariat run a session from the
 * secretariat's workspace. Attendance and quorum, the items in agenda order with their essential
 * facts, and recording each item's opinion (or adjourning it to the next planned session).
 * Every write is secretariat-only.
 */
import { z } from 'zod';
import { ComplianceSummary } from '../compliance/model';
import { AgendaSection, DossierKind, DossierStatus, IsoDate, MemberRole, OpinionOutcome, Scheme, SessionStatus } from '../domain';
import { RecusedMember } from './agenda';
import { Id } from './common';

const Version = z.number().int().positive();
const Count = z.number().int().min(0, 'Un nombre de voix ne peut être négatif.').max(200);

export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent'] as const;
export const AttendanceStatus = z.enum(ATTENDANCE_STATUSES);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

/** The outcomes that adjourn an item to the next planned session. */
export const ADJOURNED_OUTCOMES = ['adjourned_information', 'adjourned_hearing'] as const;
export const AdjournedOutcome = z.enum(ADJOURNED_OUTCOMES);
export type AdjournedOutcome = z.infer<typeof AdjournedOutcome>;

export const MeetingAttendee = z.object({
  memberId: Id,
  name: z.string(),
  organisation: z.string(),
  role: MemberRole,
  /** Deliberative vote (counts for the quorum) or advisory. */
  voting: z.boolean(),
  /** null: not recorded yet. */
  status: AttendanceStatus.nullable(),
});
export type MeetingAttendee = z.infer<typeof MeetingAttendee>;

export const Quorum = z.object({
  /** Voting members in office on the session's date. */
  votingInOffice: z.number().int().min(0),
  votingPresent: z.number().int().min(0),
  /** A majority of the voting members in office. */
  majority: z.number().int().min(0),
  reached: z.boolean(),
  /** « Quorum atteint : 7 membres votants présents sur 11 (majorité : 6) ». */
  text: z.string(),
});
export type Quorum = z.infer<typeof Quorum>;

export const Votes = z.object({ for: Count, against: Count, abstain: Count });
export type Votes = z.infer<typeof Votes>;

export const RecordedOpinion = z.object({
  id: Id,
  outcome: OpinionOutcome,
  conditions: z.string(),
  motivation: z.string(),
  consensus: z.boolean(),
  votes: Votes.nullable(),
  givenOn: IsoDate,
});
export type RecordedOpinion = z.infer<typeof RecordedOpinion>;

export const MeetingItem = z.object({
  id: Id,
  version: Version,
  section: AgendaSection,
  sectionLabel: z.string(),
  position: z.number().int().positive(),
  dossier: z.object({
    id: Id,
    reference: z.string(),
    operatorId: Id,
    operatorName: z.string(),
    commune: z.string(),
    scheme: Scheme,
    kind: DossierKind,
    subject: z.string(),
    status: DossierStatus,
    receivedOn: IsoDate,
    opinionDueOn: IsoDate.nullable(),
  }),
  rapporteur: z.string().nullable(),
  hearingAt: z.string().nullable(),
  compliance: ComplianceSummary.nullable(),
  proposal: z.object({ outcome: OpinionOutcome.nullable(), text: z.string() }),
  recused: z.array(RecusedMember),
  opinion: RecordedOpinion.nullable(),
});
export type MeetingItem = z.infer<typeof MeetingItem>;

export const MeetingGetOutput = z.object({
  session: z.object({
    id: Id,
    version: Version,
    number: z.number().int().positive(),
    heldOn: IsoDate,
    startsAt: z.string(),
    place: z.string(),
    status: SessionStatus,
  }),
  attendance: z.array(MeetingAttendee),
  quorum: Quorum,
  items: z.array(MeetingItem),
  /** Where an adjourned item goes: the next planned session, if any. */
  nextSession: z.object({ id: Id, number: z.number().int().positive(), heldOn: IsoDate }).nullable(),
});
export type MeetingGetOutput = z.infer<typeof MeetingGetOutput>;

const Text = z.string().trim().max(20_000);

export const meetingContract = {
  'meeting.get': { input: z.object({ sessionId: Id }), output: MeetingGetOutput },
  'meeting.setAttendance': {
    input: z.object({ sessionId: Id, memberId: Id, status: AttendanceStatus }),
    output: z.object({ quorum: Quorum }),
  },
  'meeting.start': { input: z.object({ sessionId: Id, version: Version }), output: z.object({ version: Version }) },
  'meeting.recordOpinion': {
    input: z.object({
      itemId: Id,
      version: Version,
      outcome: OpinionOutcome,
      conditions: Text.default(''),
      motivation: Text.default(''),
      consensus: z.boolean(),
      votes: Votes.nullable(),
      recusedMemberIds: z.array(Id).max(100).default([]),
    }),
    output: z.object({ opinionId: Id, version: Version, replaced: z.boolean() }),
  },
  'meeting.adjourn': {
    input: z.object({
      itemId: Id,
      version: Version,
      outcome: AdjournedOutcome,
      reason: Text,
      recusedMemberIds: z.array(Id).max(100).default([]),
    }),
    output: z.object({ opinionId: Id, version: Version, nextSession: z.object({ id: Id, number: z.number().int().positive(), heldOn: IsoDate }) }),
  },
};
