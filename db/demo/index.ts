/**
 * Deterministic demo workspace generator (seeded): about sixty Walloon operators with three years
 * of history — agréments, dossiers through biweekly sessions, yearly figures (some breaking the
 * rules of DESIGN §2 on purpose), inspections, opinions, decisions, deadlines — and real PDF
 * documents. Same seed, same `today`, same scale: byte-identical database content and files.
 *
 * Runs inside the transaction opened by Workspace.create; never opens one of its own.
 */
import { toDayNumber } from '../../shared/calendar';
import { appendAudit } from '../audit';
import type { Db } from '../open';
import { getMeta } from '../queries/meta';
import { writeDocuments } from './documents';
import { insertWorld } from './insert';
import { buildWorld } from './world';

export const DEMO_DEFAULT_SEED = 20261122;

export interface DemoOptions {
  seed: number;
  /** Multiplies the volume (operators, dossiers, sessions' agendas) for benchmarks. */
  scale: number;
  /** ISO date the demo is built around: past sessions before it, two upcoming after it. */
  today: string;
  /** Where attached PDFs are written (by SHA-256). */
  documentsDir: string;
}

export interface DemoSummary {
  operators: number;
  dossiers: number;
  sessions: number;
  members: number;
  documents: number;
}

function validate(options: DemoOptions): void {
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 2 ** 32) {
    throw new Error(`Graine de démonstration invalide : ${options.seed} (entier positif attendu).`);
  }
  if (!Number.isFinite(options.scale) || options.scale < 0.1 || options.scale > 1000) {
    throw new Error(`Échelle de démonstration invalide : ${options.scale} (entre 0,1 et 1000).`);
  }
  toDayNumber(options.today);
  if (!options.documentsDir) throw new Error('Dossier des documents manquant pour la démonstration.');
}

export function generateDemo(db: Db, options: DemoOptions): DemoSummary {
  validate(options);
  const world = buildWorld({ seed: options.seed, scale: options.scale, today: options.today });
  const documents = writeDocuments(world, options.documentsDir, options.scale);
  insertWorld(db, world, documents);
  const summary: DemoSummary = {
    operators: world.operators.length,
    dossiers: world.dossiers.length,
    sessions: world.sessions.length,
    members: world.members.length,
    documents: documents.length,
  };
  appendAudit(db, {
    actor: getMeta(db, 'name') ?? 'Démonstration',
    action: 'demo.generate',
    entity: 'workspace',
    changes: { seed: options.seed, scale: options.scale, today: options.today, ...summary },
    // The workspace's creation time when there is one, so that the log stays in order.
    at: getMeta(db, 'created_at') ?? `${options.today}T00:00:00.000Z`,
  });
  return summary;
}
