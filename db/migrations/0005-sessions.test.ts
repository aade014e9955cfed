import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../open';
import { MIGRATIONS } from './index';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-m5-'));
  file = join(dir, 'comes.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 5 (sessions planning)', () => {
  it('upgrades a version-4 workspace: existing sessions get version 1, no cancel reason, no frozen date', () => {
    const before = openDatabase(file, { create: true, migrations: MIGRATIONS.slice(0, 4) });
    before.prepare(`INSERT INTO sessions (number, held_on, status) VALUES (181, '2026-12-03', 'planned')`).run();
    before.close();
    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, 5) });
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare('SELECT version, cancel_reason, agenda_frozen_at FROM sessions').get()).toEqual({
      version: 1,
      cancel_reason: '',
      agenda_frozen_at: null,
    });
    db.close();
  });

  it('refuses a second session on a day, unless one of them is cancelled', () => {
    const db = openDatabase(file, { create: true, migrations: MIGRATIONS.slice(0, 5) });
    const insert = db.prepare(`INSERT INTO sessions (number, held_on, status) VALUES (?, ?, ?)`);
    insert.run(1, '2026-12-03', 'planned');
    expect(() => insert.run(2, '2026-12-03', 'planned')).toThrow(/UNIQUE/);
    insert.run(3, '2026-12-03', 'cancelled');
    expect(db.prepare(`SELECT count(*) FROM sessions WHERE held_on = '2026-12-03'`).pluck().get()).toBe(2);
    db.close();
  });

  it('refuses a version below 1 on the new versioned tables', () => {
    const db = openDatabase(file, { create: true, migrations: MIGRATIONS.slice(0, 5) });
    db.prepare(`INSERT INTO sessions (number, held_on, status) VALUES (1, '2026-12-03', 'planned')`).run();
    expect(() => db.prepare('UPDATE sessions SET version = 0').run()).toThrow(/CHECK/);
    db.close();
  });
});
