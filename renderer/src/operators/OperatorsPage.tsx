/**
 * The operators (#/operators?q=…&province=…&scheme=…&sort=…&dir=…&page=…): server-side filtering
 * (full-text prefix search on name, BCE number and commune), sorting and paging, 50 per page, so
 * that it stays fast at tens of thousands of operators. The address keeps the state.
 */
import { useEffect, useMemo, useState } from 'react';
import { OPERATOR_SORT_COLUMNS, type OperatorListOutput, type OperatorSortColumn } from '../../../shared/contract';
import { AGREMENT_SCHEMES, PROVINCES, type AgrementScheme, type Province } from '../../../shared/domain';
import { call } from '../api/client';
import { navigate, operatorHash } from '../app/router';
import { FilterMenu } from '../components/FilterMenu';
import { useProfile } from '../entry/form';
import { errorMessage, useI18n } from '../i18n';
import { formatNumber } from '../i18n/format';
import { useOperatorMessages } from './messages';
import './operators.css';

const PAGE_SIZE = 50;
const DEBOUNCE_MS = 200;

interface ListState {
  text: string;
  provinces: Province[];
  schemes: AgrementScheme[];
  sort: OperatorSortColumn;
  dir: 'asc' | 'desc';
  page: number;
}

function parseState(search: string): ListState {
  const params = new URLSearchParams(search);
  const list = <T extends string>(key: string, allowed: readonly T[]) =>
    (params.get(key) ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  const sort = params.get('sort');
  return {
    text: params.get('q') ?? '',
    provinces: list('province', PROVINCES),
    schemes: list('scheme', AGREMENT_SCHEMES),
    sort: (OPERATOR_SORT_COLUMNS as readonly string[]).includes(sort ?? '') ? (sort as OperatorSortColumn) : 'name',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

function stateHash(s: ListState): string {
  const params = new URLSearchParams();
  if (s.text) params.set('q', s.text);
  if (s.provinces.length) params.set('province', s.provinces.join(','));
  if (s.schemes.length) params.set('scheme', s.schemes.join(','));
  if (s.sort !== 'name' || s.dir !== 'asc') {
    params.set('sort', s.sort);
    params.set('dir', s.dir);
  }
  if (s.page > 1) params.set('page', String(s.page));
  const query = params.toString();
  return `#/operators${query ? `?${query}` : ''}`;
}

type Load = { state: 'loading' } | { state: 'ready'; data: OperatorListOutput } | { state: 'error'; error: unknown };

export function OperatorsPage({ search }: { search: string }) {
  const { t } = useI18n();
  const m = useOperatorMessages();
  const profile = useProfile();
  const state = useMemo(() => parseState(search), [search]);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [draft, setDraft] = useState(state.text);

  const update = (next: Partial<ListState>) => navigate(stateHash({ ...state, page: 1, ...next }), { replace: true });

  useEffect(() => {
    if (draft === state.text) return;
    const timer = setTimeout(() => navigate(stateHash({ ...state, text: draft, page: 1 }), { replace: true }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, state]);

  useEffect(() => {
    let live = true;
    call('operators.list', {
      text: state.text || undefined,
      provinces: state.provinces,
      schemes: state.schemes,
      sort: { column: state.sort, direction: state.dir },
      offset: (state.page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    }).then(
      (data) => live && setLoad({ state: 'ready', data }),
      (error: unknown) => live && setLoad({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [state]);

  const filtered = state.text !== '' || state.provinces.length > 0 || state.schemes.length > 0;
  const total = load.state === 'ready' ? load.data.total : null;
  const pages = total === null ? 1 : Math.max(1, Math.ceil(total / PAGE_SIZE));
  const intl = t.locale.intl;

  const header = (column: OperatorSortColumn | null, label: string, className = '') => {
    if (!column) return <th scope="col" className={className}>{label}</th>;
    const active = state.sort === column;
    return (
      <th scope="col" className={className} aria-sort={active ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button
          type="button"
          className="table-sort"
          title={m.sortBy(label)}
          onClick={() => update({ sort: column, dir: active && state.dir === 'asc' ? 'desc' : 'asc' })}
        >
          {label}
          <span className={`sort-indicator${active ? (state.dir === 'asc' ? ' is-asc' : ' is-desc') : ''}`} aria-hidden="true" />
        </button>
      </th>
    );
  };

  return (
    <section className="page page-operators" aria-labelledby="operators-title">
      <header className="page-header">
        <h1 id="operators-title">{m.title}</h1>
        <span className="result-count" data-testid="operator-count" aria-live="polite">
          {total !== null ? m.count(formatNumber(total, intl), total) : ''}
        </span>
        {profile === 'secretariat' && (
          <a className="button button-primary page-action" href="#/operators/new">
            {m.newOperator}
          </a>
        )}
      </header>

      <div className="toolbar" role="search">
        <div className="search-field">
          <span className="search-icon" aria-hidden="true" />
          <input
            type="search"
            aria-label={m.searchLabel}
            placeholder={m.searchPlaceholder}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
        </div>
        <FilterMenu
          label={m.provinceFilter}
          options={PROVINCES}
          selected={state.provinces}
          labelOf={(p) => t.enums.province[p]}
          allLabel={m.allValues}
          selectedLabel={m.selectedCount}
          onChange={(provinces) => update({ provinces })}
        />
        <FilterMenu
          label={m.schemeFilter}
          options={AGREMENT_SCHEMES}
          selected={state.schemes}
          labelOf={(s) => t.enums.agrementScheme[s]}
          allLabel={m.allValues}
          selectedLabel={m.selectedCount}
          onChange={(schemes) => update({ schemes })}
        />
        {filtered && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setDraft('');
              navigate('#/operators', { replace: true });
            }}
          >
            {m.clearFilters}
          </button>
        )}
      </div>

      {load.state === 'error' ? (
        <p className="form-error" role="alert">
          {errorMessage(load.error, t)}
        </p>
      ) : (
        <div className="table-frame">
          <table className="data-table operators-table" aria-label={m.tableLabel} aria-busy={load.state === 'loading'}>
            <thead>
              <tr>
                {header('name', m.columns.name, 'col-name')}
                {header('bce', m.columns.bce, 'col-bce')}
                {header(null, m.columns.legalForm, 'col-form')}
                {header('commune', m.columns.commune)}
                {header('province', m.columns.province)}
                {header(null, m.columns.schemes)}
                {header('dossiers', m.columns.dossiers, 'col-number')}
              </tr>
            </thead>
            <tbody>
              {load.state === 'ready' &&
                load.data.rows.map((row) => (
                  <tr key={row.id} className="clickable-row" onClick={() => navigate(operatorHash(row.id))}>
                    <td className="col-name">
                      <a href={operatorHash(row.id)} onClick={(event) => event.stopPropagation()}>
                        {row.name}
                      </a>
                    </td>
                    <td className="col-bce bce">{row.bce}</td>
                    <td className="col-form">
                      <abbr title={t.enums.legalForm[row.legalForm]}>{row.legalForm}</abbr>
                    </td>
                    <td>{row.commune}</td>
                    <td>{t.enums.province[row.province]}</td>
                    <td>
                      <span className="scheme-list">
                        {row.schemes.map((scheme) => (
                          <abbr key={scheme} className="scheme-code" title={t.enums.agrementScheme[scheme]}>
                            {scheme}
                          </abbr>
                        ))}
                      </span>
                    </td>
                    <td className="col-number">{formatNumber(row.dossierCount, intl)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          {load.state === 'loading' && (
            <p className="page-status" role="status">
              <span className="spinner" aria-hidden="true" /> {m.loading}
            </p>
          )}
          {load.state === 'ready' && load.data.rows.length === 0 && (
            <p className="table-empty">{filtered ? m.emptyFiltered : m.empty}</p>
          )}
        </div>
      )}

      {total !== null && pages > 1 && (
        <nav className="pager" aria-label={m.pagination}>
          <button type="button" className="button button-secondary" disabled={state.page <= 1} onClick={() => update({ page: state.page - 1 })}>
            {m.previous}
          </button>
          <span className="pager-status">{m.pageOf(formatNumber(state.page, intl), formatNumber(pages, intl))}</span>
          <button type="button" className="button button-secondary" disabled={state.page >= pages} onClick={() => update({ page: state.page + 1 })}>
            {m.next}
          </button>
        </nav>
      )}
    </section>
  );
}
