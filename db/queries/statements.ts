/**
 * Prepared statements kept per database and key, so that a query is compiled once per workspace.
 * Each module makes its own cache (`const cached = statementCache()`); the SQL is built only the
 * first time a key is asked for.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open';

export function statementCache(): (db: Db, key: string, sql: () => string) => Statement {
  const statements = new WeakMap<Db, Map<string, Statement>>();
  return (db, key, sql) => {
    let byKey = statements.get(db);
    if (!byKey) statements.set(db, (byKey = new Map()));
    let statement = byKey.get(key);
    if (!statement) byKey.set(key, (statement = db.prepare(sql())));
    return statement;
  };
}
