/**
 * The Recherche screen: full-text search as the user types (250 ms after the last key), the
 * query and filters kept in the address, results ranked by the backend with their matched words
 * marked, each opening its dossier at the matching section (or its operator).
 *
 * Only the latest answer is shown: an answer to an older query that arrives late is dropped.
 */
import { Fragment, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { SEARCH_PAGE_SIZE, SEARCH_SOURCES, searchTerms, type SearchQueryOutput, type SearchResult, type SearchSegment } from '../../../shared/contract';
import { DOSSIER_KINDS, type DossierKind } from '../../../shared/domain';
import { call } from '../api/client';
import { dossierHash, navigate, operatorHash } from '../app/router';
import { SchemeChips } from '../components/SchemeChips';
import { errorMessage, useI18n } from '../i18n';
import { formatDate, formatNumber } from '../i18n/format';
import { useSearchMessages } from './messages';
import {
  cacheAnswer,
  cachedAnswer,
  FOCUS_SEARCH_EVENT,
  hasFilters,
  parseSearchState,
  rememberOpened,
  rememberSearch,
  searchHash,
  takeOpened,
  toInput,
  type SearchState,
} from './searchState';
import { isMac } from './useSearchShortcut';
import './search.css';

const DEBOUNCE_MS = 250;

type Answer = { key: string; data: SearchQueryOutput; loadingMore: boolean; error?: undefined } | { key: string; error: string; data?: undefined; loadingMore?: undefined };

export function SearchPage({ search }: { search: string }) {
  const { t } = useI18n();
  const m = useSearchMessages();
  const state = useMemo(() => parseSearchState(search), [search]);
  const hash = searchHash(state);
  const terms = useMemo(() => searchTerms(state.q), [state.q]);
  const input = useMemo(() => toInput(state), [state]);
  const key = JSON.stringify(input);

  useEffect(() => rememberSearch(hash), [hash]);

  const update = useCallback((next: Partial<SearchState>) => navigate(searchHash({ ...state, ...next }), { replace: true }), [state]);

  // The field: what is typed reaches the address 250 ms after the last key. The address changing
  // by itself (Back, a link) brings its text back into the field.
  const [draft, setDraft] = useState(state.q);
  const [seenQ, setSeenQ] = useState(state.q);
  if (state.q !== seenQ) {
    setSeenQ(state.q);
    setDraft(state.q);
  }
  const commit = useCallback((text: string) => navigate(searchHash({ ...state, q: text }), { replace: true }), [state]);
  useEffect(() => {
    if (draft === state.q) return;
    const timer = setTimeout(() => commit(draft), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, state.q, commit]);

  // Focus: the field on arrival and on the shortcut; the opened result on the way back.
  const fieldRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const [returnTo] = useState(() => takeOpened(hash));
  useEffect(() => {
    if (returnTo === null) fieldRef.current?.focus();
    const focusField = () => {
      fieldRef.current?.focus();
      fieldRef.current?.select();
    };
    window.addEventListener(FOCUS_SEARCH_EVENT, focusField);
    return () => window.removeEventListener(FOCUS_SEARCH_EVENT, focusField);
  }, [returnTo]);

  // The answers: the latest request wins; until it arrives the previous answer stays, dimmed.
  const [answer, setAnswer] = useState<Answer | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    const request = ++latest.current;
    if (terms.length === 0) return;
    call('search.query', { ...input, limit: SEARCH_PAGE_SIZE, offset: 0 }).then(
      (data) => {
        if (request !== latest.current) return;
        cacheAnswer(key, data);
        setAnswer({ key, data, loadingMore: false });
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setAnswer({ key, error: errorMessage(error, t) });
      },
    );
    // `input` and `t` follow `key` and the locale; the request depends on the key only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, terms.length]);
  const current = answer?.key === key ? answer : null;
  const cached = current ? undefined : cachedAnswer(key);

  const loadMore = () => {
    if (!current?.data || current.loadingMore) return;
    const { data } = current;
    const request = latest.current;
    setAnswer({ key, data, loadingMore: true });
    call('search.query', { ...input, limit: SEARCH_PAGE_SIZE, offset: data.results.length }).then(
      (more) => {
        if (request !== latest.current) return;
        const merged = { ...more, results: [...data.results, ...more.results] };
        cacheAnswer(key, merged);
        setAnswer({ key, data: merged, loadingMore: false });
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setAnswer({ key, error: errorMessage(error, t) });
      },
    );
  };

  // The year filter offers the years of the dossiers.
  const [years, setYears] = useState<number[]>([]);
  useEffect(() => {
    let live = true;
    call('search.years', {}).then(
      (result) => live && setYears(result.years),
      () => undefined, // Without the list the filter offers the year in the address only.
    );
    return () => {
      live = false;
    };
  }, []);
  const yearOptions = state.year !== null && !years.includes(state.year) ? [state.year, ...years] : years;

  const data = current?.data ?? cached ?? answer?.data ?? null;
  const done = current?.data ?? cached ?? null;
  const results = data?.results ?? [];
  const busy = terms.length > 0 && !current;
  const typedNoWord = draft.trim() !== '' && searchTerms(draft).length === 0;
  const filtered = hasFilters(state);
  const number = (n: number) => formatNumber(n, t.locale.intl);

  // Back from a result: focus it again, once its answer is shown.
  const refocused = useRef(false);
  useEffect(() => {
    if (refocused.current || returnTo === null || !done) return;
    refocused.current = true;
    const link = listRef.current?.querySelectorAll<HTMLAnchorElement>('a.search-result')[returnTo];
    if (link) {
      link.focus();
      link.scrollIntoView({ block: 'nearest' });
    } else fieldRef.current?.focus();
  }, [done, returnTo]);

  const links = () => Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>('a.search-result') ?? []);
  const onListKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const all = links();
    const index = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (index < 0) return;
    let next: number | null = null;
    if (event.key === 'ArrowDown' || event.key === 'j') next = Math.min(index + 1, all.length - 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') next = index - 1;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = all.length - 1;
    else if (event.key === 'Escape') next = -1;
    if (next === null) return;
    event.preventDefault();
    if (next < 0) fieldRef.current?.focus();
    else {
      all[next]?.focus();
      all[next]?.scrollIntoView({ block: 'nearest' });
    }
  };

  const countText = (() => {
    if (!data || terms.length === 0 || typedNoWord) return '';
    if (data.total > results.length) return m.countPartial(number(results.length), number(data.total));
    return m.count(number(data.total), data.total);
  })();

  return (
    <section className="page page-search" aria-labelledby="search-title">
      <header className="page-header">
        <h1 id="search-title">{m.title}</h1>
        <p className="result-count" aria-live="polite" data-testid="search-count">
          {busy && !data ? m.searching : countText}
        </p>
        {results.length > 0 && terms.length > 0 && !typedNoWord && (
          <p className="page-hint" aria-hidden="true">
            {m.keyboardHint}
          </p>
        )}
      </header>

      <div className="search-bar" role="search">
        <label className="search-field search-field-large">
          <span className="visually-hidden">{m.fieldLabel}</span>
          <span className="search-icon" aria-hidden="true" />
          <input
            ref={fieldRef}
            type="search"
            value={draft}
            maxLength={200}
            placeholder={isMac() ? m.placeholderMac : m.placeholder}
            aria-label={m.fieldLabel}
            aria-describedby={typedNoWord ? 'search-no-word' : undefined}
            aria-invalid={typedNoWord || undefined}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                if (draft !== state.q) commit(draft);
                else links()[0]?.focus();
              } else if (event.key === 'ArrowDown') {
                event.preventDefault();
                links()[0]?.focus();
              } else if (event.key === 'Escape' && draft !== '') {
                event.preventDefault();
                setDraft('');
              }
            }}
          />
          {busy && <span className="spinner search-spinner" aria-hidden="true" />}
        </label>
      </div>

      <div className="toolbar search-filters">
        <SchemeChips label={m.schemeFilter} selected={state.schemes} onChange={(schemes) => update({ schemes })} />

        <label className="search-select">
          <span className="search-select-label">{m.kindFilter}</span>
          <select value={state.kind ?? ''} onChange={(event) => update({ kind: (event.target.value || null) as DossierKind | null })}>
            <option value="">{m.allKinds}</option>
            {DOSSIER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t.enums.kind[kind]}
              </option>
            ))}
          </select>
        </label>

        <label className="search-select" title={m.yearHelp}>
          <span className="search-select-label">{m.yearFilter}</span>
          <select value={state.year ?? ''} onChange={(event) => update({ year: event.target.value ? Number(event.target.value) : null })}>
            <option value="">{m.allYears}</option>
            {yearOptions.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </label>

        {filtered && (
          <button type="button" className="link-button" onClick={() => update({ schemes: [], kind: null, year: null })}>
            {m.clearFilters}
          </button>
        )}
      </div>

      {terms.length > 0 && data && !typedNoWord && (data.total > 0 || state.source !== null) && (
        <div className="search-tabs" role="group" aria-label={m.sourcesLabel}>
          <button type="button" className="search-tab" aria-pressed={state.source === null} onClick={() => update({ source: null })}>
            {m.allSources} <span className="search-tab-count">{number(SEARCH_SOURCES.reduce((sum, s) => sum + data.bySource[s], 0))}</span>
          </button>
          {SEARCH_SOURCES.map((source) => (
            <button
              key={source}
              type="button"
              className="search-tab"
              aria-pressed={state.source === source}
              disabled={data.bySource[source] === 0 && state.source !== source}
              onClick={() => update({ source: state.source === source ? null : source })}
            >
              {m.sourceTab[source]} <span className="search-tab-count">{number(data.bySource[source])}</span>
            </button>
          ))}
        </div>
      )}

      {typedNoWord ? (
        <p className="search-message search-message-error" id="search-no-word" role="alert">
          {m.noWords}
        </p>
      ) : terms.length === 0 ? (
        <div className="search-empty">
          <h2>{m.emptyTitle}</h2>
          <p>{m.emptyText}</p>
          <p className="muted">{m.emptyShortcut}</p>
        </div>
      ) : current?.error ? (
        <p className="search-message search-message-error" role="alert">
          {current.error}
        </p>
      ) : done && results.length === 0 ? (
        <div className="search-message" role="status">
          <p>{m.noResult(state.q.trim())}</p>
          <p className="muted">{filtered || state.source ? m.noResultFiltered : m.noResultHint}</p>
        </div>
      ) : (
        <>
          <ol
            ref={listRef}
            className={`search-results${busy ? ' is-stale' : ''}`}
            aria-label={m.resultsLabel}
            aria-busy={busy || undefined}
            onKeyDown={onListKeyDown}
          >
            {results.map((result, index) => (
              <li key={`${result.source}:${result.sourceId}`}>
                <ResultItem result={result} onOpen={() => rememberOpened(hash, index)} />
              </li>
            ))}
          </ol>
          {current?.data && current.data.total > results.length && (
            <div className="search-more">
              <button type="button" className="button button-secondary" onClick={loadMore} disabled={current.loadingMore}>
                {current.loadingMore ? m.loadingMore : m.more(number(Math.min(SEARCH_PAGE_SIZE, current.data.total - results.length)))}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function Segments({ segments }: { segments: readonly SearchSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.hit ? <mark key={index}>{segment.text}</mark> : <Fragment key={index}>{segment.text}</Fragment>,
      )}
    </>
  );
}

function resultHref(result: SearchResult): string {
  if (result.dossierId !== null && result.section !== null) return dossierHash(result.dossierId, result.section);
  if (result.dossierId !== null) return dossierHash(result.dossierId);
  return result.operatorId !== null ? operatorHash(result.operatorId) : '#/search';
}

function ResultItem({ result, onOpen }: { result: SearchResult; onOpen: () => void }) {
  const { t } = useI18n();
  const m = useSearchMessages();
  const label =
    result.source === 'note' ? (result.visibility === 'private' ? m.privateNote : m.sharedNote) : m.source[result.source];
  return (
    <a className="search-result" href={resultHref(result)} onClick={onOpen} data-source={result.source}>
      <span className="search-result-head">
        <span className={`search-source search-source-${result.source}`}>{label}</span>
        {result.severity && <span className={`search-severity search-severity-${result.severity}`}>{m.severity[result.severity]}</span>}
        <span className="search-result-title" title={result.title.map((segment) => segment.text).join('')}>
          <Segments segments={result.title} />
        </span>
      </span>
      <span className="search-result-meta">
        {result.reference ? <span className="search-result-reference">{result.reference}</span> : result.source !== 'operator' && <span>{m.noDossier}</span>}
        {result.source !== 'operator' && <span className="search-result-operator">{result.operatorName}</span>}
        {result.scheme && (
          <span className="scheme-code" title={t.enums.scheme[result.scheme]}>
            {result.scheme}
          </span>
        )}
        {result.kind && <span>{t.enums.kind[result.kind]}</span>}
        {result.date && <span className="search-result-date">{formatDate(result.date)}</span>}
      </span>
      {result.snippet.length > 0 && (
        <span className="search-result-snippet">
          <Segments segments={result.snippet} />
        </span>
      )}
    </a>
  );
}
