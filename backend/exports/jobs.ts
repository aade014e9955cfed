/**
 * Export jobs: a document is laid out in the background while the UI polls its progress. The
 * request was checked and its data gathered before the job starts (prepareExport), so a job only
 * lays out and packs; it yields to the event loop between units, so the desktop shell's main
 * process keeps answering while a long export runs.
 *
 * A finished file is handed over once, then forgotten; an uncollected one is dropped after
 * `keepMs`. Job ids are random UUIDs, and each job belongs to the workspace that started it: once
 * another workspace is open, its UI cannot collect the previous one's files.
 */
import { randomUUID } from 'node:crypto';
import type { ExportStatus } from '../../shared/contract';
import { AppError } from '../errors';
import type { RenderedFile } from './model';

export interface Progress {
  /** Reports `done` units out of the job's total, and what is being done. */
  (done: number, step: string): void;
}

/** Cancellation, checked by a job between units. */
export interface CancelToken {
  readonly cancelled: boolean;
}

export class ExportCancelled extends Error {
  constructor() {
    super('Export annulé.');
  }
}

/** Throws when the job was cancelled; else lets other work run. Call between units. */
export async function checkpoint(token: CancelToken): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (token.cancelled) throw new ExportCancelled();
}

export interface PreparedExport {
  /** « Relevé des avis — séance n° 412 (PDF) » */
  title: string;
  filename: string;
  /** Units of work, for the progress bar (≥ 1). */
  total: number;
  run(progress: Progress, token: CancelToken): Promise<RenderedFile>;
}

type Job = { owner: string } & (
  | { state: 'running'; done: number; total: number; step: string; token: { cancelled: boolean } }
  | { state: 'done'; file: RenderedFile }
  | { state: 'failed'; message: string }
  | { state: 'cancelled' }
);

const FAILED = 'L’export a échoué de façon inattendue : aucun fichier n’a été produit. Réessayez ; si cela se reproduit, signalez-le au support.';

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly options: { maxRunning?: number; keepMs?: number; log?: (error: unknown) => void } = {},
  ) {}

  /** Starts the job for `owner` (the workspace's folder). */
  start(prepared: PreparedExport, owner = ''): string {
    const running = [...this.jobs.values()].filter((j) => j.state === 'running').length;
    if (running >= (this.options.maxRunning ?? 3)) {
      throw new AppError('BAD_INPUT', 'Trop d’exports sont déjà en cours : attendez qu’ils se terminent avant d’en lancer un autre.');
    }
    const id = randomUUID();
    const token = { cancelled: false };
    const job: Job = { owner, state: 'running', done: 0, total: Math.max(1, prepared.total), step: 'Préparation…', token };
    this.jobs.set(id, job);
    const progress: Progress = (done, step) => {
      const current = this.jobs.get(id);
      if (current?.state === 'running') {
        current.done = Math.min(done, current.total);
        current.step = step;
      }
    };
    void prepared.run(progress, token).then(
      (file) => this.settle(id, token.cancelled ? { owner, state: 'cancelled' } : { owner, state: 'done', file }),
      (error: unknown) => {
        if (error instanceof ExportCancelled || token.cancelled) return this.settle(id, { owner, state: 'cancelled' });
        if (error instanceof AppError) return this.settle(id, { owner, state: 'failed', message: error.message });
        (this.options.log ?? console.error)(error);
        this.settle(id, { owner, state: 'failed', message: FAILED });
      },
    );
    return id;
  }

  private settle(id: string, job: Job): void {
    if (!this.jobs.has(id)) return;
    this.jobs.set(id, job);
    // An outcome nobody collects is dropped: the file does not stay in memory.
    setTimeout(() => this.jobs.delete(id), this.options.keepMs ?? 10 * 60_000).unref();
  }

  /** The job's state; a finished file is handed over once and the job forgotten. */
  status(id: string, owner = ''): ExportStatus {
    const job = this.jobs.get(id);
    if (!job || job.owner !== owner) throw new AppError('NOT_FOUND', 'Cet export est introuvable : il est terminé depuis longtemps ou a déjà été enregistré.');
    switch (job.state) {
      case 'running':
        return { state: 'running', done: job.done, total: job.total, step: job.step };
      case 'done':
        this.jobs.delete(id);
        return {
          state: 'done',
          filename: job.file.filename,
          mediaType: job.file.mediaType,
          size: job.file.bytes.byteLength,
          base64: Buffer.from(job.file.bytes.buffer, job.file.bytes.byteOffset, job.file.bytes.byteLength).toString('base64'),
        };
      case 'failed':
        this.jobs.delete(id);
        return { state: 'failed', message: job.message };
      case 'cancelled':
        this.jobs.delete(id);
        return { state: 'cancelled' };
    }
  }

  /** Asks a running job to stop at its next unit; false when it is not running. */
  cancel(id: string, owner = ''): boolean {
    const job = this.jobs.get(id);
    if (!job || job.owner !== owner) return false;
    if (job.state === 'running') {
      job.token.cancelled = true;
      return true;
    }
    this.jobs.delete(id);
    return false;
  }
}

/** The process's jobs (one workspace is open at a time). */
export const exportJobs = new ExportJobs();

/** Runs a prepared export to its end in the foreground (CLI). */
export async function runToEnd(prepared: PreparedExport, progress: Progress = () => {}): Promise<RenderedFile> {
  return prepared.run(progress, { cancelled: false });
}
