/**
 * One export at a time: `start(request)` asks the backend for the job (a refusal comes back as
 * its French message), then polls `exports.status` every ~200 ms for the progress; once done the
 * file is handed to the browser's (or the desktop's) download. `cancel()` stops the job. When the
 * dialog goes away the polling stops and a running job is cancelled.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportRequest } from '../../../shared/contract';
import { call } from '../api/client';
import { base64ToBytes, downloadBytes } from '../documents/bytes';
import { errorMessage, useI18n } from '../i18n';

export const POLL_MS = 200;

export type ExportJobState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  /** `total` 0: the progress is not known yet. */
  | { phase: 'running'; jobId: string; title: string; filename: string; done: number; total: number; step: string }
  | { phase: 'done'; filename: string; size: number }
  | { phase: 'failed'; message: string }
  | { phase: 'cancelled' };

export function isBusy(state: ExportJobState): boolean {
  return state.phase === 'starting' || state.phase === 'running';
}

export function useExportJob() {
  const { t } = useI18n();
  const [state, setState] = useState<ExportJobState>({ phase: 'idle' });
  /** Bumped by every start, cancel and unmount: answers of an older run are ignored. */
  const run = useRef(0);
  const jobId = useRef<string | null>(null);
  const timer = useRef<number | null>(null);

  const stopPolling = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };

  const start = useCallback(
    async (request: ExportRequest) => {
      stopPolling();
      const mine = ++run.current;
      jobId.current = null;
      setState({ phase: 'starting' });
      let started;
      try {
        started = await call('exports.start', request);
      } catch (failure) {
        if (run.current === mine) setState({ phase: 'failed', message: errorMessage(failure, t) });
        return;
      }
      if (run.current !== mine) {
        // Cancelled or closed while the job was being set up: stop it at once.
        void call('exports.cancel', { jobId: started.jobId }).catch(() => undefined);
        return;
      }
      jobId.current = started.jobId;
      // Progress unknown (total 0) until the first status.
      setState({ phase: 'running', jobId: started.jobId, title: started.title, filename: started.filename, done: 0, total: 0, step: '' });

      const poll = async () => {
        timer.current = null;
        let status;
        try {
          status = await call('exports.status', { jobId: started.jobId });
        } catch (failure) {
          if (run.current !== mine) return;
          jobId.current = null;
          // The job may still be running: stop it rather than leave its file in memory.
          void call('exports.cancel', { jobId: started.jobId }).catch(() => undefined);
          setState({ phase: 'failed', message: errorMessage(failure, t) });
          return;
        }
        if (run.current !== mine) return;
        switch (status.state) {
          case 'running':
            setState({ phase: 'running', jobId: started.jobId, title: started.title, filename: started.filename, done: status.done, total: status.total, step: status.step });
            timer.current = window.setTimeout(() => void poll(), POLL_MS);
            return;
          case 'done':
            jobId.current = null;
            downloadBytes(base64ToBytes(status.base64), status.filename, status.mediaType);
            setState({ phase: 'done', filename: status.filename, size: status.size });
            return;
          case 'failed':
            jobId.current = null;
            setState({ phase: 'failed', message: status.message });
            return;
          case 'cancelled':
            jobId.current = null;
            setState({ phase: 'cancelled' });
            return;
        }
      };
      void poll();
    },
    [t],
  );

  const cancel = useCallback(() => {
    stopPolling();
    run.current++;
    const id = jobId.current;
    jobId.current = null;
    if (id) void call('exports.cancel', { jobId: id }).catch(() => undefined);
    setState({ phase: 'cancelled' });
  }, []);

  const reset = useCallback(() => setState((s) => (isBusy(s) ? s : { phase: 'idle' })), []);

  // Closing the dialog: no more polling, and a running job is cancelled.
  useEffect(
    () => () => {
      stopPolling();
      run.current++;
      const id = jobId.current;
      jobId.current = null;
      if (id) void call('exports.cancel', { jobId: id }).catch(() => undefined);
    },
    [],
  );

  return { state, start, cancel, reset };
}
