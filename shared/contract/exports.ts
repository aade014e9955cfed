/**
 * Exports (issue 6): the session's decision summary (*relevé des avis*) in PDF, DOCX, XLSX and
 * CSV; the opinion letters (one dossier, or all of a session as one ZIP); a member's preparation
 * pack (PDF, conflicted items left out); the yearly statistics (XLSX, PDF with a chart).
 *
 * An export is a job: `exports.start` checks the request and gathers the data at once (a bad
 * request is refused there, with nothing produced), then the document is laid out in the
 * background; `exports.status` reports its progress and, once done, hands over the file
 * (base64, JSON-safe on both transports) exactly once; `exports.cancel` stops it.
 */
import { z } from 'zod';
import { IsoDate, SessionStatus } from '../domain';
import { Id } from './common';

export const DECISION_FORMATS = ['pdf', 'docx', 'xlsx', 'csv'] as const;
export const DecisionFormat = z.enum(DECISION_FORMATS, { message: 'Format inconnu : choisissez pdf, docx, xlsx ou csv.' });
export type DecisionFormat = z.infer<typeof DecisionFormat>;

export const LETTER_FORMATS = ['pdf', 'docx'] as const;
export const LetterFormat = z.enum(LETTER_FORMATS, { message: 'Format inconnu : choisissez pdf ou docx.' });
export type LetterFormat = z.infer<typeof LetterFormat>;

export const STATS_FORMATS = ['pdf', 'xlsx'] as const;
export const StatsFormat = z.enum(STATS_FORMATS, { message: 'Format inconnu : choisissez pdf ou xlsx.' });
export type StatsFormat = z.infer<typeof StatsFormat>;

export const StatsYear = z
  .number({ message: 'Indiquez une année.' })
  .int('Indiquez une année.')
  .min(2000, 'Année hors de la période couverte (2000 à 2100).')
  .max(2100, 'Année hors de la période couverte (2000 à 2100).');

export const ExportRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('decisions'), sessionId: Id, format: DecisionFormat }),
  /** Every letter of the session, one ZIP. */
  z.object({ kind: z.literal('letters'), sessionId: Id, format: LetterFormat }),
  /** The letter of one dossier examined in the session. */
  z.object({ kind: z.literal('letter'), sessionId: Id, dossierId: Id, format: LetterFormat }),
  /** A member's pack; in a member's workspace, always that member's (memberId may be left out). */
  z.object({ kind: z.literal('memberPack'), sessionId: Id, memberId: Id.optional() }),
  z.object({ kind: z.literal('stats'), year: StatsYear, format: StatsFormat }),
]);
export type ExportRequest = z.infer<typeof ExportRequest>;
export type ExportKind = ExportRequest['kind'];

export const JobId = z.string().regex(/^[a-z0-9-]{8,64}$/, 'Identifiant d’export invalide.');

export const ExportStarted = z.object({
  jobId: JobId,
  /** « Relevé des avis — séance n° 412 (PDF) » */
  title: z.string(),
  /** The file name the export will have. */
  filename: z.string(),
});
export type ExportStarted = z.infer<typeof ExportStarted>;

export const ExportStatus = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('running'),
    /** Units done and to do (letters, pack items…); total ≥ 1. */
    done: z.number().int().min(0),
    total: z.number().int().positive(),
    /** What is being done: « Lettre 3 sur 12 — EI-2026-0142 ». */
    step: z.string(),
  }),
  z.object({
    state: z.literal('done'),
    filename: z.string(),
    mediaType: z.string(),
    size: z.number().int().min(0),
    /** The file, base64. Handed over once: the job is forgotten afterwards. */
    base64: z.string(),
  }),
  z.object({ state: z.literal('failed'), message: z.string() }),
  z.object({ state: z.literal('cancelled') }),
]);
export type ExportStatus = z.infer<typeof ExportStatus>;

/** What the session's export dialog offers. */
export const SessionExportOptions = z.object({
  session: z.object({ id: Id, number: z.number().int().positive(), heldOn: IsoDate, status: SessionStatus }),
  /** The secretariat's workspace: decision summary, letters and any member's pack. */
  secretariat: z.boolean(),
  /** Null when the summary can be exported; else why not (« aucun avis encore »). */
  decisionsBlocked: z.string().nullable(),
  /** Null when the letters can be produced; else why not. */
  lettersBlocked: z.string().nullable(),
  /** Dossiers with an opinion: one letter each. */
  letters: z.array(z.object({ dossierId: Id, number: z.number().int().positive(), reference: z.string(), operatorName: z.string() })),
  /** Members whose pack can be produced (in a member's workspace: only that member). */
  members: z.array(z.object({ id: Id, name: z.string() })),
  /** Null when the pack can be produced; else why not (empty agenda, cancelled session). */
  packBlocked: z.string().nullable(),
});
export type SessionExportOptions = z.infer<typeof SessionExportOptions>;

export const exportsContract = {
  'exports.start': { input: ExportRequest, output: ExportStarted },
  'exports.status': { input: z.object({ jobId: JobId }), output: ExportStatus },
  'exports.cancel': { input: z.object({ jobId: JobId }), output: z.object({ cancelled: z.boolean() }) },
  'exports.sessionOptions': { input: z.object({ sessionId: Id }), output: SessionExportOptions },
  /** Years with at least one session held, newest first; the current year always included. */
  'exports.statsYears': { input: z.object({}).default({}), output: z.object({ years: z.array(z.number().int()) }) },
} as const;
