/**
 * A member's preparation of a session (member profile): for each agenda item the member may see,
 * whether it is unread, read or prepared, and the outcome the member leans to (a draft position,
 * never an opinion); the session's progress (« 12 / 31 préparés ») counts only those items.
 * An item about an operator with which the member declared a conflict of interest carries no
 * content at all: only its number, its section and why it is hidden, and it is counted apart.
 * Private notes are the dossier's notes (`notes.*`, visibility 'private').
 */
import { z } from 'zod';
import { ComplianceSummary } from '../compliance/model';
import { AgendaSection, DossierKind, OpinionOutcome, Scheme } from '../domain';
import { AgendaSessionHeader, HiddenAgendaItem } from './agenda';
import { Id } from './common';

export const PREPARATION_STATUSES = ['unread', 'read', 'prepared'] as const;
export const PreparationStatus = z.enum(PREPARATION_STATUSES);
export type PreparationStatus = z.infer<typeof PreparationStatus>;

export const PreparedItem = z.object({
  hidden: z.literal(false),
  itemId: Id,
  section: AgendaSection,
  /** The item's number on the agenda, continuous across sections. */
  position: z.number().int().positive(),
  dossier: z.object({
    id: Id,
    reference: z.string(),
    operatorName: z.string(),
    scheme: Scheme,
    kind: DossierKind,
    subject: z.string(),
  }),
  proposal: z.object({ outcome: OpinionOutcome.nullable(), text: z.string() }),
  compliance: ComplianceSummary.nullable(),
  preparation: z.object({
    status: PreparationStatus,
    draftOutcome: OpinionOutcome.nullable(),
    /** Null while the member has not touched the item. */
    updatedAt: z.string().nullable(),
  }),
});
export type PreparedItem = z.infer<typeof PreparedItem>;

export const PreparationGetOutput = z.object({
  session: AgendaSessionHeader,
  /** Every item in agenda order; hidden ones only say they exist and why. */
  items: z.array(z.discriminatedUnion('hidden', [PreparedItem, HiddenAgendaItem])),
  progress: z.object({
    prepared: z.number().int().min(0),
    read: z.number().int().min(0),
    /** The items the member may see (hidden ones are not counted). */
    total: z.number().int().min(0),
    hidden: z.number().int().min(0),
  }),
  /** The member whose preparation this is; null in the secretariat's workspace. */
  memberId: Id.nullable(),
  /** False for the secretariat and for a closed or cancelled session: nothing can be changed. */
  editable: z.boolean(),
});
export type PreparationGetOutput = z.infer<typeof PreparationGetOutput>;

const PreparationState = z.object({ itemId: Id, status: PreparationStatus, draftOutcome: OpinionOutcome.nullable(), updatedAt: z.string() });

export const preparationContract = {
  'preparation.get': { input: z.object({ sessionId: Id }), output: PreparationGetOutput },
  /** Changes the status and/or the draft position of one item (undefined: unchanged). */
  'preparation.set': {
    input: z
      .object({ itemId: Id, status: PreparationStatus.optional(), draftOutcome: OpinionOutcome.nullable().optional() })
      .refine((v) => v.status !== undefined || v.draftOutcome !== undefined, 'Indiquez un état de préparation ou une position.'),
    output: PreparationState,
  },
  /** Opening an item's dossier: marks it read when it was unread (never lowers « préparé »). */
  'preparation.markRead': { input: z.object({ itemId: Id }), output: PreparationState },
};
