/**
 * The benchmark behind `npm run bench`: builds a demo workspace at a given scale, then times the
 * hot operations through the dispatcher (validation included) beside the same query run directly
 * on SQLite (raw SQL prepared once), in the same run, interleaved so both see the same caches.
 * Timings are reported, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { addDays } from '../../shared/calendar';
import { contract } from '../../shared/contract';
import { belgianToday } from '../context';
import { createBackend } from '../handlers';
import { textTokens } from '../../db/queries/dossiers';
import { FACTS_SQL, OPERATOR_BATCH } from '../../db/queries/compliance';
import { deadlineParameters, deadlineRulesOf, deadlinesSql } from '../../db/queries/deadlines';
import { defaultRuleBook } from '../rules';
import { Workspace, DB_FILENAME } from '../workspace';
import type { Dispatcher } from '../rpc/registry';

export interface BenchOptions {
  scale: number;
  runs: number;
  /** Keep the workspace in this folder (built there when it holds none); otherwise a temp folder, removed at the end. */
  keep?: string | undefined;
  log?: (line: string) => void;
}

export interface Timing {
  median: number;
  p95: number;
}

export interface OperationResult {
  /** What was measured through the dispatcher (contract method and input). */
  method: string;
  input: unknown;
  /** What the direct measure runs. */
  direct: string;
  dispatcher: Timing;
  directSql: Timing;
  /** Median through the dispatcher / median directly on SQLite. */
  ratio: number;
  note?: string;
}

export interface BenchResult {
  machine: { node: string; platform: string; arch: string; cpus: number; cpuModel: string; sqlite: string };
  workspace: { scale: number; operators: number; dossiers: number; documents: number; notes: number; buildSeconds: number; kept: string | null };
  runs: number;
  unit: 'ms';
  operations: Record<string, OperationResult>;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const median = sorted.length % 2 === 1 ? at(0.5) : ((sorted[sorted.length / 2 - 1] ?? 0) + (sorted[sorted.length / 2] ?? 0)) / 2;
  return { median: round(median), p95: round(at(0.95)) };
}

async function must(backend: Dispatcher, method: string, input: unknown): Promise<unknown> {
  const result = await backend.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const hasMethod = (name: string) => Object.prototype.hasOwnProperty.call(contract, name);

/** `"word"*` prefix terms for a direct FTS query, the way the list filter builds them. */
const ftsQuery = (text: string) => textTokens(text).join(' ');

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const dir = options.keep ?? mkdtempSync(join(tmpdir(), 'comes-bench-'));
  const today = () => belgianToday();
  try {
    // 1. The workspace.
    const started = performance.now();
    const builder = new Workspace(dir).open();
    if (!builder.db) {
      log(`Construction d’un espace de démonstration à l’échelle ${options.scale} dans ${dir}…`);
      await must(createBackend({ workspace: builder, today }), 'workspace.loadDemo', { scale: options.scale });
    } else {
      log(`Espace existant réutilisé : ${dir}`);
    }
    builder.close();
    const buildSeconds = (performance.now() - started) / 1000;

    const workspace = new Workspace(dir).open();
    const backend = createBackend({ workspace, today }, { log: () => {} });
    const db = workspace.requireDb();
    const direct = new Database(join(dir, DB_FILENAME), { readonly: true });
    direct.pragma('journal_mode = WAL');
    const scalar = (sql: string) => direct.prepare(sql).pluck().get() as number;
    const counts = {
      operators: scalar('SELECT count(*) FROM operators'),
      dossiers: scalar('SELECT count(*) FROM dossiers'),
      documents: scalar('SELECT count(*) FROM documents'),
      notes: scalar('SELECT count(*) FROM notes'),
    };

    // Dossiers to open: those with the most documents and notes, rotated over the runs.
    const dossierIds = direct
      .prepare(
        `SELECT d.id FROM dossiers d
         ORDER BY (SELECT count(*) FROM documents x WHERE x.dossier_id = d.id) + (SELECT count(*) FROM notes n WHERE n.dossier_id = d.id) DESC, d.id
         LIMIT 10`,
      )
      .pluck()
      .all() as number[];
    const commune = direct.prepare(`SELECT commune FROM operators GROUP BY commune ORDER BY count(*) DESC LIMIT 1`).pluck().get() as string;
    const searchWord = 'reinsertion';

    const operations: Record<string, OperationResult> = {};
    const measure = async (
      name: string,
      spec: {
        method: string;
        input: (run: number) => unknown;
        direct: string;
        viaDispatcher: (run: number) => Promise<unknown>;
        viaSql: (run: number) => unknown;
        note?: string;
        /** At most this many runs (slow operations). */
        maxRuns?: number;
      },
    ) => {
      log(`Mesure : ${name}`);
      // One warm-up of each, not counted (statement preparation, first page cache).
      await spec.viaDispatcher(0);
      await spec.viaSql(0);
      const a: number[] = [];
      const b: number[] = [];
      const runs = Math.min(options.runs, spec.maxRuns ?? options.runs);
      for (let run = 0; run < runs; run += 1) {
        // Alternate which goes first, so neither always benefits from the other's cache.
        if (run % 2 === 0) {
          a.push(await time(() => spec.viaDispatcher(run)));
          b.push(await time(() => spec.viaSql(run)));
        } else {
          b.push(await time(() => spec.viaSql(run)));
          a.push(await time(() => spec.viaDispatcher(run)));
        }
      }
      const dispatcher = summarize(a);
      const directSql = summarize(b);
      operations[name] = {
        method: spec.method,
        input: spec.input(0),
        direct: spec.direct,
        dispatcher,
        directSql,
        ratio: directSql.median > 0 ? round(dispatcher.median / directSql.median) : 0,
        ...(spec.note ? { note: spec.note } : {}),
      };
    };

    // Opening the workspace: open the file (migrations checked) and answer a first query.
    await measure('openWorkspace', {
      method: 'new Workspace(dir).open() + workspace.status',
      input: () => ({}),
      direct: 'new Database(file) + SELECT value FROM meta WHERE key = profile',
      viaDispatcher: async () => {
        const other = new Workspace(dir).open();
        await must(createBackend({ workspace: other, today }), 'workspace.status', {});
        other.close();
      },
      viaSql: () => {
        const other = new Database(join(dir, DB_FILENAME), { readonly: true });
        other.prepare(`SELECT value FROM meta WHERE key = 'profile'`).get();
        other.close();
      },
    });

    // The first page of the Dossiers list, most recently received first.
    const listSqlText = `SELECT d.id, d.reference, d.operator_id, o.name, d.scheme, d.kind, d.status, d.received_on, s.number, s.held_on
      FROM dossiers d JOIN operators o ON o.id = d.operator_id LEFT JOIN sessions s ON s.id = d.last_session_id
      ORDER BY d.received_on DESC, d.id DESC LIMIT 200`;
    const listDirect = direct.prepare(listSqlText);
    const countDirect = direct.prepare('SELECT count(*) FROM dossiers');
    const listInput = { sort: { column: 'receivedOn', direction: 'desc' }, offset: 0, limit: 200 };
    await measure('dossiersList', {
      method: 'dossiers.list',
      input: () => listInput,
      direct: 'first 200 rows by received date + count(*)',
      viaDispatcher: () => must(backend, 'dossiers.list', listInput),
      viaSql: () => [listDirect.all(), countDirect.get()],
    });

    // The same list filtered by text and scheme.
    const filteredInput = { ...listInput, filters: { text: commune, schemes: ['EI'] } };
    const filteredSql = `SELECT d.id, d.reference, d.operator_id, o.name, d.scheme, d.kind, d.status, d.received_on, s.number, s.held_on
      FROM dossiers d JOIN operators o ON o.id = d.operator_id LEFT JOIN sessions s ON s.id = d.last_session_id
      WHERE d.scheme = 'EI' AND (d.id IN (SELECT rowid / 8 FROM search_index WHERE search_index MATCH @q AND rowid % 8 = 1)
        OR d.operator_id IN (SELECT rowid / 8 FROM search_index WHERE search_index MATCH @q AND rowid % 8 = 5))
      ORDER BY d.received_on DESC, d.id DESC LIMIT 200`;
    const filteredDirect = direct.prepare(filteredSql);
    const filteredCount = direct.prepare(
      `SELECT count(*) FROM dossiers d WHERE d.scheme = 'EI' AND (d.id IN (SELECT rowid / 8 FROM search_index WHERE search_index MATCH @q AND rowid % 8 = 1)
        OR d.operator_id IN (SELECT rowid / 8 FROM search_index WHERE search_index MATCH @q AND rowid % 8 = 5))`,
    );
    const q = ftsQuery(commune);
    await measure('dossiersListFiltered', {
      method: 'dossiers.list',
      input: () => filteredInput,
      direct: `first 200 rows, scheme EI and FTS MATCH ${q} + count(*)`,
      viaDispatcher: () => must(backend, 'dossiers.list', filteredInput),
      viaSql: () => [filteredDirect.all({ q }), filteredCount.get({ q })],
    });

    // A dossier page's data.
    const reviewMethod = hasMethod('dossiers.review') ? 'dossiers.review' : 'dossiers.get';
    const pageStatements = [
      `SELECT * FROM dossiers WHERE id = @id`,
      `SELECT o.* FROM operators o JOIN dossiers d ON d.operator_id = o.id WHERE d.id = @id`,
      `SELECT a.*, p.* FROM dossiers d JOIN agrements a ON a.operator_id = d.operator_id LEFT JOIN agrement_periods p ON p.agrement_id = a.id WHERE d.id = @id`,
      `SELECT x.* FROM dossiers d JOIN dossiers x ON x.operator_id = d.operator_id WHERE d.id = @id ORDER BY x.received_on`,
      `SELECT s.* FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id WHERE ai.dossier_id = @id ORDER BY s.held_on`,
      `SELECT r.* FROM dossiers d JOIN activity_reports r ON r.operator_id = d.operator_id WHERE d.id = @id ORDER BY r.year`,
      `SELECT i.*, f.* FROM dossiers d JOIN inspections i ON i.operator_id = d.operator_id LEFT JOIN findings f ON f.inspection_id = i.id WHERE d.id = @id`,
      `SELECT id, title, kind, document_date, size_bytes FROM documents WHERE dossier_id = @id ORDER BY document_date`,
      `SELECT * FROM notes WHERE dossier_id = @id ORDER BY created_at`,
      `SELECT * FROM opinions WHERE dossier_id = @id`,
      `SELECT * FROM decisions WHERE dossier_id = @id`,
      `SELECT * FROM deadlines WHERE dossier_id = @id AND done_on IS NULL`,
      `SELECT * FROM dossier_events WHERE dossier_id = @id ORDER BY occurred_on`,
    ].map((sql) => direct.prepare(sql));
    await measure('dossierPage', {
      method: reviewMethod,
      input: (run) => ({ id: dossierIds[run % dossierIds.length] }),
      direct: `${pageStatements.length} SELECTs: dossier, operator, agréments and periods, the operator's dossiers, sessions, reports, inspections and findings, documents, notes, opinions, decisions, deadlines, events`,
      viaDispatcher: (run) => must(backend, reviewMethod, { id: dossierIds[run % dossierIds.length] }),
      viaSql: (run) => pageStatements.map((statement) => statement.all({ id: dossierIds[run % dossierIds.length] })),
      ...(reviewMethod === 'dossiers.get' ? { note: 'dossiers.review absent du contrat : en-tête seul (dossiers.get) mesuré.' } : {}),
    });

    // A full-text search.
    const searchQ = ftsQuery(searchWord);
    const searchDirect = direct.prepare(
      `SELECT source, source_id, dossier_id, snippet(search_index, 4, '[', ']', '…', 12) AS snippet, bm25(search_index) AS rank
       FROM search_index WHERE search_index MATCH @q ORDER BY rank LIMIT 20`,
    );
    if (hasMethod('search.query')) {
      await measure('search', {
        method: 'search.query',
        input: () => ({ q: searchWord }),
        direct: `FTS5 MATCH ${searchQ} ORDER BY bm25 LIMIT 20 with snippet()`,
        viaDispatcher: () => must(backend, 'search.query', { q: searchWord }),
        viaSql: () => searchDirect.all({ q: searchQ }),
      });
    } else {
      await measure('search', {
        method: 'direct FTS query (search.query absent du contrat)',
        input: () => ({ q: searchWord }),
        direct: `FTS5 MATCH ${searchQ} ORDER BY bm25 LIMIT 20 with snippet()`,
        viaDispatcher: async () => searchDirect.all({ q: searchQ }),
        viaSql: () => searchDirect.all({ q: searchQ }),
        note: 'search.query absent du contrat : les deux colonnes mesurent la requête FTS directe.',
      });
    }

    // Compliance: every dossier's stored result recomputed (the first Dossiers list of a day, or
    // after the thresholds file changed), against the facts loader's queries alone; then one
    // dossier's live checklist, against its operator's facts queries.
    const operatorIds = direct.prepare('SELECT DISTINCT operator_id FROM dossiers ORDER BY operator_id').pluck().all() as number[];
    const factsStatements = Object.values(FACTS_SQL).map((sql) => direct.prepare(sql));
    const loadFacts = (ids: number[]) => {
      for (let i = 0; i < ids.length; i += OPERATOR_BATCH) {
        const batch = JSON.stringify(ids.slice(i, i + OPERATOR_BATCH));
        for (const statement of factsStatements) statement.all({ ids: batch });
      }
    };
    const forgetRules = db.prepare(`UPDATE meta SET value = 'another version' WHERE key = 'compliance_rules_version'`);
    const firstPage = { sort: { column: 'receivedOn', direction: 'desc' }, offset: 0, limit: 200 };
    await measure('complianceRefreshAll', {
      method: 'dossiers.list (after the thresholds file changed: every stored compliance result recomputed, in one transaction)',
      input: () => firstPage,
      direct: `the facts loader's ${factsStatements.length} queries for all ${operatorIds.length} operators with dossiers, by batches of ${OPERATOR_BATCH}`,
      viaDispatcher: async () => {
        forgetRules.run();
        await must(backend, 'dossiers.list', firstPage);
      },
      viaSql: () => loadFacts(operatorIds),
      maxRuns: 5,
      note: 'dispatcher: chargement des faits, évaluation de toutes les règles et écriture de dossier_compliance ; direct : chargement des faits seul.',
    });
    // The first list of each new day: only the dossiers judged « today » (open, or judged without opinion nor decision) are recomputed.
    let day = today();
    const nextDay = createBackend({ workspace, today: () => day }, { log: () => {} });
    const openOperators = direct
      .prepare(`SELECT DISTINCT operator_id FROM dossiers WHERE status NOT IN ('opinion_given', 'decided', 'closed') ORDER BY operator_id`)
      .pluck()
      .all() as number[];
    await measure('complianceRefreshDay', {
      method: 'dossiers.list (first of a new day: the compliance results of the dossiers judged « today » recomputed, in one transaction)',
      input: () => firstPage,
      direct: `the facts loader's ${factsStatements.length} queries for the ${openOperators.length} operators with an open dossier`,
      viaDispatcher: async () => {
        day = addDays(day, 1);
        await must(nextDay, 'dossiers.list', firstPage);
      },
      viaSql: () => loadFacts(openOperators),
      maxRuns: 5,
    });
    const checklistIds = direct
      .prepare(`SELECT id FROM dossiers WHERE scheme = 'EI' AND kind = 'activity_report' ORDER BY received_on DESC LIMIT 10`)
      .pluck()
      .all() as number[];
    const operatorOf = direct.prepare('SELECT operator_id FROM dossiers WHERE id = ?').pluck();
    await measure('complianceDossier', {
      method: 'compliance.dossier',
      input: (run) => ({ id: checklistIds[run % checklistIds.length] }),
      direct: `the facts loader's ${factsStatements.length} queries for the dossier's operator`,
      viaDispatcher: (run) => must(backend, 'compliance.dossier', { id: checklistIds[run % checklistIds.length] }),
      viaSql: (run) => loadFacts([operatorOf.get(checklistIds[run % checklistIds.length]) as number]),
    });

    const deadlineRules = deadlineRulesOf(defaultRuleBook(), today());
    const deadlineSql = direct.prepare(deadlinesSql(false));
    await measure('deadlinesFirstPage', {
      method: 'deadlines.list',
      input: () => ({ filters: {} }),
      direct: 'the deadlines UNION ALL (one statement, counts by window functions)',
      viaDispatcher: () => must(backend, 'deadlines.list', { filters: {} }),
      viaSql: () => deadlineSql.all(deadlineParameters({ today: today(), horizonDays: 180 }, deadlineRules, { limit: 200 })),
    });

    direct.close();
    workspace.close();
    void db;
    const cpuList = cpus();
    return {
      machine: {
        node: process.version,
        platform: process.platform,
        arch: process.arch,
        cpus: typeof availableParallelism === 'function' ? availableParallelism() : cpuList.length,
        cpuModel: cpuList[0]?.model ?? 'inconnu',
        sqlite: (new Database(':memory:').prepare('SELECT sqlite_version()').pluck().get() as string) ?? '',
      },
      workspace: { scale: options.scale, ...counts, buildSeconds: round(buildSeconds), kept: options.keep ?? null },
      runs: options.runs,
      unit: 'ms',
      operations,
    };
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}
