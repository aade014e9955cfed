/**
 * The ministerial decision on a dossier (issue 5): recorded by the secretariat after the
 * commission's opinion, with its kind, its term (grant and renewal), its date and its
 * notification date. An adverse decision once notified opens the 60-day appeal window, which the
 * Échéances derive from `notified_on`.
 */
import { z } from 'zod';
import { DecisionKind, DossierStatus, IsoDate, OpinionOutcome, Term } from '../domain';
import { Id } from './common';

const Version = z.number().int().positive();

/** The decisions that set an agrément's term. */
export const KINDS_WITH_TERM: readonly DecisionKind[] = ['grant', 'renew'];
/** The adverse decisions, against which an appeal lies (60 days after notification). */
export const ADVERSE_DECISION_KINDS: readonly DecisionKind[] = ['refuse', 'derogation_refused', 'suspension_total', 'suspension_partial', 'withdrawal'];

export const DECISION_KIND_LABELS: Record<DecisionKind, string> = {
  grant: 'Octroi de l’agrément',
  refuse: 'Refus',
  renew: 'Renouvellement',
  extend: 'Extension',
  derogation_granted: 'Dérogation accordée',
  derogation_refused: 'Dérogation refusée',
  suspension_total: 'Suspension totale des subventions',
  suspension_partial: 'Suspension partielle des subventions',
  suspension_lifted: 'Levée de la suspension',
  withdrawal: 'Retrait de l’agrément',
};

export const TERM_LABELS: Record<Term, string> = { '2y': '2 ans', '4y': '4 ans', indefinite: 'Durée indéterminée' };

const Reference = z.string().trim().max(100, 'La référence ne peut dépasser 100 caractères.');
const Note = z.string().trim().max(2000, 'La note ne peut dépasser 2000 caractères.');

export const DecisionRecordInput = z
  .object({
    dossierId: Id,
    dossierVersion: Version,
    kind: DecisionKind,
    term: Term.nullable().default(null),
    decidedOn: IsoDate,
    notifiedOn: IsoDate.nullable().default(null),
    reference: Reference.default(''),
    note: Note.default(''),
  })
  .superRefine((v, ctx) => {
    if (KINDS_WITH_TERM.includes(v.kind) && v.term === null) {
      ctx.addIssue({ code: 'custom', path: ['term'], message: 'Indiquez la durée de l’agrément (2 ans, 4 ans ou durée indéterminée).' });
    }
    if (!KINDS_WITH_TERM.includes(v.kind) && v.term !== null) {
      ctx.addIssue({ code: 'custom', path: ['term'], message: 'Seuls un octroi ou un renouvellement portent une durée.' });
    }
    if (v.notifiedOn !== null && v.notifiedOn < v.decidedOn) {
      ctx.addIssue({ code: 'custom', path: ['notifiedOn'], message: 'La notification ne peut précéder la décision.' });
    }
  });
export type DecisionRecordInput = z.input<typeof DecisionRecordInput>;

export const DecisionUpdateInput = z.object({
  id: Id,
  version: Version,
  notifiedOn: IsoDate.nullable(),
  reference: Reference,
  note: Note,
});
export type DecisionUpdateInput = z.input<typeof DecisionUpdateInput>;

export const DecisionRow = z.object({
  id: Id,
  version: Version,
  kind: DecisionKind,
  term: Term.nullable(),
  decidedOn: IsoDate,
  notifiedOn: IsoDate.nullable(),
  reference: z.string(),
  note: z.string(),
  /** Adverse and notified: the last day to lodge an appeal. */
  appealUntil: IsoDate.nullable(),
});
export type DecisionRow = z.infer<typeof DecisionRow>;

export const DecisionsOfDossierOutput = z.object({
  dossier: z.object({ id: Id, version: Version, reference: z.string(), status: DossierStatus, operatorName: z.string() }),
  /** The latest opinion given on the dossier (amended outcome when rectified), or null. */
  opinion: z.object({ outcome: OpinionOutcome, givenOn: IsoDate, sessionNumber: z.number().int().positive() }).nullable(),
  decisions: z.array(DecisionRow),
  /** Secretariat and an opinion exists: recording is offered. */
  canRecord: z.boolean(),
  today: IsoDate,
});
export type DecisionsOfDossierOutput = z.infer<typeof DecisionsOfDossierOutput>;

export const decisionsContract = {
  'decisions.ofDossier': { input: z.object({ dossierId: Id }), output: DecisionsOfDossierOutput },
  'decisions.record': { input: DecisionRecordInput, output: z.object({ id: Id, version: Version, dossierVersion: Version }) },
  'decisions.update': { input: DecisionUpdateInput, output: z.object({ id: Id, version: Version }) },
} as const;
