/**
 * A session's agenda (ordre du jour): its items by section, each with the dossier, the
 * administration's proposal, the rapporteur, the hearing time, the compliance marker and the
 * recused members; the secretariat adds ready dossiers, reorders, edits and freezes it.
 *
 * In a member's workspace an item about an operator with which that member declared a conflict
 * of interest carries no content at all: only its number, its section and why it is hidden.
 */
import { z } from 'zod';
import { ComplianceSummary } from '../compliance/model';
import { AgendaSection, DossierKind, DossierStatus, IsoDate, OpinionOutcome, Scheme, SessionStatus } from '../domain';
import { Id } from './common';
import type { ConflictKind } from './members';

/** The section an agenda item of each dossier kind goes to. */
export const SECTION_OF_KIND: Record<DossierKind, AgendaSection> = {
  agrement: 'agrements',
  renewal: 'renewals',
  extension: 'extensions',
  derogation: 'derogations',
  activity_report: 'reports',
  inspection: 'inspections',
  suspension: 'sanctions',
  withdrawal: 'sanctions',
  renunciation: 'misc',
};

/** The sections' titles on the official agenda. */
export const AGENDA_SECTION_LABELS: Record<AgendaSection, string> = {
  agrements: 'Demandes d’agrément',
  renewals: 'Renouvellements',
  extensions: 'Extensions',
  derogations: 'Dérogations',
  reports: 'Rapports d’activités',
  inspections: 'Rapports d’inspection',
  sanctions: 'Suspensions et retraits',
  misc: 'Divers',
};

/** How a conflict of interest is named in a recusal (« Récusé : … (mandat d’administrateur) »). */
export const CONFLICT_KIND_REASONS: Record<ConflictKind, string> = {
  employment: 'lien d’emploi',
  board: 'mandat d’administrateur',
  family: 'lien familial',
  financial: 'intérêt financier',
  federation: 'fédération de l’opérateur',
  other: 'autre lien déclaré',
};

/** « 09:30 »: a time of day, 00:00 to 23:59. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Indiquez l’heure au format HH:MM (par exemple 10:15).');

const Version = z.number().int().positive();

export const RecusedMember = z.object({
  memberId: Id,
  name: z.string(),
  /** 'conflict': a declared conflict with the item's operator; 'recusal': recorded on the item. */
  source: z.enum(['conflict', 'recusal']),
  /** French: the conflict's kind (« mandat d’administrateur ») or the recusal's reason. */
  reason: z.string(),
});
export type RecusedMember = z.infer<typeof RecusedMember>;

export const AgendaItem = z.object({
  hidden: z.literal(false),
  id: Id,
  version: Version,
  section: AgendaSection,
  /** The item's number on the agenda, continuous across sections (1, 2, 3…). */
  position: z.number().int().positive(),
  dossier: z.object({
    id: Id,
    version: Version,
    reference: z.string(),
    operatorId: Id,
    operatorName: z.string(),
    scheme: Scheme,
    kind: DossierKind,
    subject: z.string(),
    status: DossierStatus,
  }),
  proposal: z.object({ outcome: OpinionOutcome.nullable(), text: z.string() }),
  rapporteur: z.object({ id: Id, name: z.string() }).nullable(),
  hearingAt: z.string().nullable(),
  compliance: ComplianceSummary.nullable(),
  recused: z.array(RecusedMember),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

/** An item a member's workspace may not see: its number, its section and why, nothing else. */
export const HiddenAgendaItem = z.object({
  hidden: z.literal(true),
  section: AgendaSection,
  position: z.number().int().positive(),
  reason: z.string(),
});
export type HiddenAgendaItem = z.infer<typeof HiddenAgendaItem>;

export const AgendaSessionHeader = z.object({
  id: Id,
  version: Version,
  number: z.number().int().positive(),
  heldOn: IsoDate,
  startsAt: z.string(),
  place: z.string(),
  status: SessionStatus,
  agendaFrozenAt: z.string().nullable(),
  /** The agenda can no longer change (frozen, running, closed or cancelled). */
  frozen: z.boolean(),
});
export type AgendaSessionHeader = z.infer<typeof AgendaSessionHeader>;

export const AgendaGetOutput = z.object({
  session: AgendaSessionHeader,
  /** The 8 sections in their official order, empty ones included. */
  sections: z.array(
    z.object({
      section: AgendaSection,
      label: z.string(),
      items: z.array(z.discriminatedUnion('hidden', [AgendaItem, HiddenAgendaItem])),
    }),
  ),
  /** The voting members active on the session's date (the rapporteur choice). */
  members: z.array(z.object({ id: Id, name: z.string() })),
  /** True in a member's workspace (read-only view, conflicted items hidden). */
  memberView: z.boolean(),
});
export type AgendaGetOutput = z.infer<typeof AgendaGetOutput>;

export const AgendaCandidate = z.object({
  id: Id,
  version: Version,
  reference: z.string(),
  operatorName: z.string(),
  scheme: Scheme,
  kind: DossierKind,
  status: DossierStatus,
  subject: z.string(),
  receivedOn: IsoDate,
  /** The section the dossier goes to, by its kind. */
  section: AgendaSection,
  compliance: ComplianceSummary.nullable(),
});
export type AgendaCandidate = z.infer<typeof AgendaCandidate>;

const ItemRef = { itemId: Id, version: Version };

export const agendaContract = {
  'agenda.get': { input: z.object({ sessionId: Id }), output: AgendaGetOutput },
  /** Dossiers ready for a session (ready or adjourned) and on no open agenda. */
  'agenda.candidates': {
    input: z.object({ sessionId: Id, text: z.string().trim().max(200).optional() }),
    output: z.array(AgendaCandidate),
  },
  'agenda.add': {
    input: z.object({
      sessionId: Id,
      dossierIds: z.array(Id).min(1, 'Choisissez au moins un dossier.').max(200),
      /** Overrides the section given by each dossier's kind. */
      section: AgendaSection.optional(),
    }),
    output: z.object({ added: z.number().int().min(0) }),
  },
  'agenda.remove': { input: z.object(ItemRef), output: z.object({ removed: Id }) },
  'agenda.move': {
    input: z.object({
      ...ItemRef,
      section: AgendaSection,
      /** 1-based place within the target section. */
      index: z.number().int().positive(),
    }),
    output: z.object({ version: Version }),
  },
  'agenda.update': {
    input: z.object({
      ...ItemRef,
      rapporteurMemberId: Id.nullable(),
      hearingAt: TimeOfDay.nullable(),
      proposalOutcome: OpinionOutcome.nullable(),
      proposalText: z.string().trim().max(20_000),
      /** The dossier's version the proposal was based on. */
      dossierVersion: Version,
    }),
    output: z.object({ version: Version, dossierVersion: Version }),
  },
  'agenda.freeze': { input: z.object({ sessionId: Id, version: Version }), output: z.object({ version: Version }) },
  'agenda.unfreeze': { input: z.object({ sessionId: Id, version: Version }), output: z.object({ version: Version }) },
};
