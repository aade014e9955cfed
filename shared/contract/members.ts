/**
 * The register of the commission's members and of their declared conflicts of interest. Reading is
 * open to every workspace; writes belong to the secretariat. A declared conflict (member ×
 * operator) means the member is recused on every agenda item about that operator.
 */
import { z } from 'zod';
import { IsoDate, MemberRole } from '../domain';
import { Id } from './common';

export const ORGANISATION_KINDS = ['federation', 'union', 'employers', 'administration', 'cabinet', 'other'] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const CONFLICT_KINDS = ['employment', 'board', 'family', 'financial', 'federation', 'other'] as const;
export const ConflictKind = z.enum(CONFLICT_KINDS);
export type ConflictKind = z.infer<typeof ConflictKind>;

const Version = z.number().int().positive();

export const MemberRow = z.object({
  id: Id,
  fullName: z.string(),
  organisation: z.string(),
  organisationKind: OrganisationKind,
  role: MemberRole,
  /** Voting member (true) or advisory voice only (false). */
  voting: z.boolean(),
  email: z.string().nullable(),
  activeFrom: IsoDate,
  activeTo: IsoDate.nullable(),
  /** In office today (active_from ≤ today ≤ active_to). */
  active: z.boolean(),
  conflictCount: z.number().int().min(0),
  version: Version,
});
export type MemberRow = z.infer<typeof MemberRow>;

/** Active members first (by role: president, members, substitutes, secretariat, observers), then former ones. */
export const MemberListOutput = z.object({ today: IsoDate, rows: z.array(MemberRow) });
export type MemberListOutput = z.infer<typeof MemberListOutput>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const MemberFields = z
  .object({
    fullName: z
      .string({ error: 'Indiquez le nom du membre.' })
      .trim()
      .min(1, 'Indiquez le nom du membre.')
      .max(200, 'Le nom ne peut dépasser 200 caractères.'),
    organisation: z
      .string({ error: 'Indiquez l’organisation.' })
      .trim()
      .min(1, 'Indiquez l’organisation que le membre représente.')
      .max(200, 'L’organisation ne peut dépasser 200 caractères.'),
    organisationKind: OrganisationKind,
    role: MemberRole,
    voting: z.boolean(),
    /** Empty: no address. */
    email: z
      .string()
      .trim()
      .max(200, 'L’adresse e-mail ne peut dépasser 200 caractères.')
      .refine((value) => value === '' || EMAIL.test(value), 'L’adresse e-mail n’est pas valide (exemple : prenom.nom@organisation.be).')
      .transform((value) => (value === '' ? null : value.toLowerCase())),
    activeFrom: z.iso.date({ error: 'Indiquez le début du mandat (jj/mm/aaaa).' }),
    activeTo: z.iso.date({ error: 'La fin du mandat doit être une date (jj/mm/aaaa), ou rester vide.' }).nullable(),
  })
  .superRefine((fields, ctx) => {
    if (fields.activeTo !== null && fields.activeTo < fields.activeFrom) {
      ctx.addIssue({ code: 'custom', path: ['activeTo'], message: 'La fin du mandat ne peut précéder son début.' });
    }
  });
export type MemberFields = z.input<typeof MemberFields>;

export const ConflictRow = z.object({
  id: Id,
  memberId: Id,
  memberName: z.string(),
  memberRole: MemberRole,
  memberActive: z.boolean(),
  operatorId: Id,
  operatorName: z.string(),
  /** Shown `0464.281.392`. */
  operatorBce: z.string(),
  kind: ConflictKind,
  declaredOn: IsoDate,
  note: z.string(),
  version: Version,
});
export type ConflictRow = z.infer<typeof ConflictRow>;

export const ConflictFields = z.object({
  memberId: Id,
  operatorId: Id,
  kind: ConflictKind,
  declaredOn: z.iso.date({ error: 'Indiquez la date de la déclaration (jj/mm/aaaa).' }),
  note: z.string().trim().max(2000, 'La note ne peut dépasser 2 000 caractères.'),
});
export type ConflictFields = z.input<typeof ConflictFields>;

export const membersContract = {
  'members.list': { input: z.object({}), output: MemberListOutput },
  /** Creates (no id) or updates (id + version) a member. */
  'members.save': {
    input: z.object({ id: Id.optional(), version: Version.optional(), fields: MemberFields }),
    output: z.object({ id: Id, version: Version }),
  },
  /** Every conflict, or those of one member, or those on one operator (by member name, then operator). */
  'members.conflicts': {
    input: z.object({ memberId: Id.optional(), operatorId: Id.optional() }),
    output: z.array(ConflictRow),
  },
  /** Declares (no id) or edits (id + version) a conflict; a member × operator pair is declared once. */
  'members.saveConflict': {
    input: z.object({ id: Id.optional(), version: Version.optional(), fields: ConflictFields }),
    output: z.object({ id: Id, version: Version }),
  },
  'members.deleteConflict': { input: z.object({ id: Id, version: Version }), output: z.object({ id: Id }) },
} as const;
