/**
 * Saved views of the Dossiers table, kept in the workspace: apply one, save the current state
 * as a new view, rename a view, update it with the current state, delete it.
 */
import { useState, type FormEvent } from 'react';
import type { SavedView, ViewState } from '../../../shared/contract';
import { call, RpcCallError } from '../api/client';
import { errorMessage, useI18n } from '../i18n';
import { normalizeLayout } from './columnLayout';
import { Popover } from './Popover';
import { useTableMessages } from './tableMessages';

type Mode = { kind: 'list' } | { kind: 'create' } | { kind: 'rename'; view: SavedView } | { kind: 'delete'; view: SavedView };

/** A state with its columns made complete (a view saved before a column existed lacks it). */
const complete = (state: ViewState): ViewState => ({ ...state, columns: normalizeLayout(state.columns) });

/** Two states are the same view when their JSON is (column order, filters… all count). */
export const sameState = (a: ViewState, b: ViewState) => JSON.stringify(complete(a)) === JSON.stringify(complete(b));

export function ViewsMenu({ current, onApply }: { current: ViewState; onApply: (view: SavedView) => void }) {
  const { t } = useI18n();
  const m = useTableMessages();
  const [views, setViews] = useState<SavedView[] | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  const reload = () =>
    call('views.list', {}).then(
      (result) => setViews(result.views),
      (failure: unknown) => setError(errorMessage(failure, t)),
    );

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      setNotice(await action());
      setMode({ kind: 'list' });
      await reload();
    } catch (failure) {
      setError(failure instanceof RpcCallError && failure.code === 'BAD_INPUT' ? (failure.issueFor('name') ?? failure.message) : errorMessage(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const submitName = (event: FormEvent) => {
    event.preventDefault();
    if (mode.kind === 'create') {
      void run(async () => m.viewSaved((await call('views.create', { name, state: current })).name));
    } else if (mode.kind === 'rename') {
      void run(async () => m.viewUpdated((await call('views.update', { id: mode.view.id, name })).name));
    }
  };

  const applied = views?.find((view) => sameState(view.state, current)) ?? null;

  return (
    <Popover
      testId="views-menu"
      align="right"
      panelClassName="views-panel"
      onOpen={() => {
        setMode({ kind: 'list' });
        setError(null);
        setNotice('');
        void reload();
      }}
      buttonClassName={applied ? 'is-active' : ''}
      label={
        <>
          <span className="filter-button-label">{m.viewsButton}</span>
          {applied && <span className="filter-button-value">{applied.name}</span>}
        </>
      }
    >
      {(close) => (
        <>
          <p className="panel-title">{m.viewsTitle}</p>
          {views === null && !error && <p className="panel-note">{m.viewsLoading}</p>}
          {views !== null && views.length === 0 && <p className="panel-note">{m.noViews}</p>}
          {views !== null && views.length > 0 && (
            <ul className="views-list">
              {views.map((view) => (
                <li key={view.id} className={`views-item${applied?.id === view.id ? ' is-current' : ''}`}>
                  <button
                    type="button"
                    className="views-apply"
                    title={m.apply(view.name)}
                    aria-label={applied?.id === view.id ? `${m.apply(view.name)} (${m.current})` : m.apply(view.name)}
                    onClick={() => {
                      onApply(view);
                      close();
                    }}
                  >
                    <span className="views-name">{view.name}</span>
                    {applied?.id === view.id && <span className="views-current">{m.current}</span>}
                  </button>
                  <span className="views-actions" role="group" aria-label={m.viewActions(view.name)}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setName(view.name);
                        setError(null);
                        setMode({ kind: 'rename', view });
                      }}
                    >
                      {m.rename}
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      disabled={busy || sameState(view.state, current)}
                      onClick={() => void run(async () => m.viewUpdated((await call('views.update', { id: view.id, state: current })).name))}
                    >
                      {m.updateView}
                    </button>
                    <button type="button" className="link-button link-danger" onClick={() => setMode({ kind: 'delete', view })}>
                      {m.deleteView}
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          )}

          {mode.kind === 'delete' && (
            <div className="panel-confirm" role="alertdialog" aria-label={m.confirmDelete(mode.view.name)}>
              <p>{m.confirmDelete(mode.view.name)}</p>
              <div className="panel-buttons">
                <button type="button" className="button button-secondary" onClick={() => setMode({ kind: 'list' })}>
                  {m.cancel}
                </button>
                <button
                  type="button"
                  className="button button-danger"
                  disabled={busy}
                  onClick={() => void run(async () => (await call('views.delete', { id: mode.view.id }), m.viewDeleted(mode.view.name)))}
                >
                  {m.confirm}
                </button>
              </div>
            </div>
          )}

          {(mode.kind === 'create' || mode.kind === 'rename') && (
            <form className="panel-form" onSubmit={submitName} noValidate>
              <div className={`field${error ? ' has-error' : ''}`}>
                <label htmlFor="view-name">{mode.kind === 'create' ? m.saveAs : `${m.rename} « ${mode.view.name} »`}</label>
                <input
                  id="view-name"
                  type="text"
                  value={name}
                  maxLength={80}
                  placeholder={m.namePlaceholder}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? 'view-name-error' : undefined}
                  autoFocus
                  onChange={(event) => setName(event.target.value)}
                />
              </div>
              {error && (
                <p className="field-error" id="view-name-error" role="alert">
                  {error}
                </p>
              )}
              <div className="panel-buttons">
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => {
                    setError(null);
                    setMode({ kind: 'list' });
                  }}
                >
                  {m.cancel}
                </button>
                <button type="submit" className="button button-primary" disabled={busy}>
                  {m.save}
                </button>
              </div>
            </form>
          )}

          {mode.kind !== 'create' && mode.kind !== 'rename' && error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <p className="visually-hidden" aria-live="polite">
            {notice}
          </p>
          {mode.kind === 'list' && (
            <div className="panel-footer">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setName('');
                  setError(null);
                  setMode({ kind: 'create' });
                }}
              >
                {m.saveAs}
              </button>
            </div>
          )}
        </>
      )}
    </Popover>
  );
}
