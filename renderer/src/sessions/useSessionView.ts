/**
 * What a session's screens (its page, the preparation view, meeting mode) fetch: one method's view
 * of the session, loaded when the screen opens, reloaded after each write, with the error in French.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import { call } from '../api/client';
import { errorMessage, useI18n } from '../i18n';

type SessionViewMethod = 'agenda.get' | 'preparation.get' | 'meeting.get';

export function useSessionView<M extends SessionViewMethod>(method: M, id: number | null, onFirstLoad?: (data: MethodOutput<M>) => void) {
  const { t } = useI18n();
  const [data, setData] = useState<MethodOutput<M> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const firstLoad = useRef(onFirstLoad);
  useEffect(() => {
    firstLoad.current = onFirstLoad;
  });

  /** Fetches the view again; the fresh data, or null (the error is then in `loadError`). */
  const reload = useCallback(async (): Promise<MethodOutput<M> | null> => {
    if (id === null) return null;
    try {
      const fresh = (await call(method, { sessionId: id } as MethodInput<M>)) as MethodOutput<M>;
      setData(fresh);
      setLoadError(null);
      return fresh;
    } catch (e) {
      setLoadError(errorMessage(e, t));
      return null;
    }
  }, [method, id, t]);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    (call(method, { sessionId: id } as MethodInput<M>) as Promise<MethodOutput<M>>).then(
      (fresh) => {
        if (!live) return;
        setData(fresh);
        firstLoad.current?.(fresh);
      },
      (e: unknown) => live && setLoadError(errorMessage(e, t)),
    );
    return () => {
      live = false;
    };
  }, [method, id, t]);

  return { data, setData, loadError, reload };
}
