import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { checkpoint, ExportJobs, type PreparedExport } from './jobs';

const file = (text: string) => ({ filename: 'x.csv', mediaType: 'text/csv', bytes: new TextEncoder().encode(text) });

/** A job of `units` steps that waits for `release` before each one. */
function steps(units: number, gate: { open: () => Promise<void> }): PreparedExport {
  return {
    title: 'Test',
    filename: 'x.csv',
    total: units,
    async run(progress, token) {
      for (let i = 0; i < units; i++) {
        progress(i, `Étape ${i + 1} sur ${units}`);
        await gate.open();
        await checkpoint(token);
      }
      progress(units, 'Terminé');
      return file('fini');
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function settle(jobs: ExportJobs, id: string) {
  for (;;) {
    const status = jobs.status(id);
    if (status.state !== 'running') return status;
    await tick();
  }
}

describe('export jobs', () => {
  it('reports progress unit by unit, then hands the file over once', async () => {
    const jobs = new ExportJobs();
    let release: () => void = () => {};
    const gate = { open: () => new Promise<void>((resolve) => (release = resolve)) };
    const id = jobs.start(steps(3, gate));
    await tick();
    expect(jobs.status(id)).toEqual({ state: 'running', done: 0, total: 3, step: 'Étape 1 sur 3' });
    release();
    await tick();
    expect(jobs.status(id)).toMatchObject({ state: 'running', done: 1, step: 'Étape 2 sur 3' });
    release();
    await tick();
    release();
    const done = await settle(jobs, id);
    expect(done).toMatchObject({ state: 'done', filename: 'x.csv', size: 4, base64: Buffer.from('fini').toString('base64') });
    expect(() => jobs.status(id)).toThrow(/introuvable/);
  });

  it('stops a cancelled job at its next unit', async () => {
    const jobs = new ExportJobs();
    const id = jobs.start(steps(1000, { open: async () => {} }));
    expect(jobs.cancel(id)).toBe(true);
    expect(await settle(jobs, id)).toEqual({ state: 'cancelled' });
  });

  it('passes a French refusal on, and hides an unexpected error behind a French message', async () => {
    const jobs = new ExportJobs({ log: () => {} });
    const refusing: PreparedExport = { title: 'T', filename: 'x', total: 1, run: () => Promise.reject(new AppError('BAD_INPUT', 'Modèle illisible.')) };
    const crashing: PreparedExport = { title: 'T', filename: 'x', total: 1, run: () => Promise.reject(new TypeError('undefined is not a function')) };
    expect(await settle(jobs, jobs.start(refusing))).toEqual({ state: 'failed', message: 'Modèle illisible.' });
    const failed = await settle(jobs, jobs.start(crashing));
    expect(failed).toMatchObject({ state: 'failed' });
    expect(JSON.stringify(failed)).toMatch(/L’export a échoué de façon inattendue/);
    expect(JSON.stringify(failed)).not.toContain('undefined is not a function');
  });

  it('refuses a new job while too many are running', () => {
    const jobs = new ExportJobs({ maxRunning: 1 });
    const never = { open: () => new Promise<void>(() => {}) };
    jobs.start(steps(1, never));
    expect(() => jobs.start(steps(1, never))).toThrow(/Trop d’exports/);
  });

  it('keeps a job to the workspace that started it', async () => {
    const jobs = new ExportJobs();
    const id = jobs.start(steps(1, { open: async () => {} }), '/espaces/secretariat');
    await tick();
    expect(() => jobs.status(id, '/espaces/membre')).toThrow(/introuvable/);
    expect(jobs.cancel(id, '/espaces/membre')).toBe(false);
    expect(jobs.status(id, '/espaces/secretariat')).toMatchObject({ state: 'done' });
  });

  it('does not know a made-up job', () => {
    expect(() => new ExportJobs().status('00000000-0000-0000-0000-000000000000')).toThrow(/introuvable/);
  });
});
