/**
 * Deterministic demo workspace generator (seeded). Being written: see the demo helper's brief.
 */
import type { Db } from '../open';

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

export function generateDemo(_db: Db, _options: DemoOptions): DemoSummary {
  throw new Error('generateDemo: not implemented yet');
}
