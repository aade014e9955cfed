/**
 * Closing a session (issue 5): the secretariat closes a session whose items all have an opinion
 * (or were adjourned), which locks the opinions; a later correction of a locked opinion is an
 * amendment (*rectification*) with its reason and date, kept beside the original, never over it.
 */
import { z } from 'zod';
import { AgendaSection, IsoDate, OpinionOutcome, OUTCOMES_REQUIRING_MOTIVATION, SessionStatus } from '../domain';
import { Id } from './common';

const Version = z.number().int().positive();

export const ClosingAmendment = z.object({
  id: Id,
  amendedOn: IsoDate,
  reason: z.string(),
  outcome: OpinionOutcome,
  conditions: z.string(),
  motivation: z.string(),
});
export type ClosingAmendment = z.infer<typeof ClosingAmendment>;

export const ClosingOpinion = z.object({
  id: Id,
  outcome: OpinionOutcome,
  conditions: z.string(),
  motivation: z.string(),
  consensus: z.boolean(),
  votesFor: z.number().int().nullable(),
  votesAgainst: z.number().int().nullable(),
  votesAbstain: z.number().int().nullable(),
  givenOn: IsoDate,
});
export type ClosingOpinion = z.infer<typeof ClosingOpinion>;

export const ClosingItem = z.discriminatedUnion('hidden', [
  z.object({
    hidden: z.literal(false),
    id: Id,
    /** The item's number on the agenda. */
    number: z.number().int().positive(),
    section: AgendaSection,
    dossierId: Id,
    reference: z.string(),
    operatorName: z.string(),
    subject: z.string(),
    opinion: ClosingOpinion.nullable(),
    /** The item carries no opinion but its dossier was carried to a later session (adjourned). */
    adjourned: z.boolean(),
    recused: z.array(z.string()),
    /** Oldest first. */
    amendments: z.array(ClosingAmendment),
  }),
  z.object({ hidden: z.literal(true), number: z.number().int().positive(), section: AgendaSection, reason: z.string() }),
]);
export type ClosingItem = z.infer<typeof ClosingItem>;

export const ClosingOpinionsOutput = z.object({
  session: z.object({
    id: Id,
    version: Version,
    number: z.number().int().positive(),
    heldOn: IsoDate,
    status: SessionStatus,
    closedAt: z.string().nullable(),
  }),
  items: z.array(ClosingItem),
  /** The secretariat's workspace: closing and amending are offered. */
  canEdit: z.boolean(),
});
export type ClosingOpinionsOutput = z.infer<typeof ClosingOpinionsOutput>;

export const ClosingCloseInput = z.object({
  sessionId: Id,
  version: Version,
  /** Items without an opinion that the secretariat explicitly adjourns at closing. */
  adjournItemIds: z.array(Id).max(200).default([]),
});
export type ClosingCloseInput = z.input<typeof ClosingCloseInput>;

const Text = (max: number, what: string) => z.string().trim().max(max, `${what} ne peut dépasser ${max} caractères.`);

export const ClosingAmendInput = z
  .object({
    opinionId: Id,
    reason: z.string().trim().min(3, 'Indiquez le motif de la rectification.').max(1000, 'Le motif ne peut dépasser 1000 caractères.'),
    /** Default: today. */
    amendedOn: IsoDate.optional(),
    outcome: OpinionOutcome,
    conditions: Text(4000, 'Les conditions').default(''),
    motivation: Text(8000, 'La motivation').default(''),
  })
  .superRefine((v, ctx) => {
    if (OUTCOMES_REQUIRING_MOTIVATION.includes(v.outcome) && v.motivation.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['motivation'], message: 'Un avis défavorable ou sous conditions doit être motivé.' });
    }
    if (v.outcome === 'favourable_conditions' && v.conditions.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'Indiquez les conditions de l’avis favorable.' });
    }
  });
export type ClosingAmendInput = z.input<typeof ClosingAmendInput>;

export const closingContract = {
  'closing.opinions': { input: z.object({ sessionId: Id }), output: ClosingOpinionsOutput },
  'closing.close': {
    input: ClosingCloseInput,
    output: z.object({ id: Id, version: Version, closedAt: z.string(), adjourned: z.number().int().min(0) }),
  },
  'closing.amend': { input: ClosingAmendInput, output: z.object({ id: Id, opinionId: Id, amendedOn: IsoDate }) },
} as const;
