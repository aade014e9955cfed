import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../open';
import { MIGRATIONS } from './index';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-m6-'));
  file = join(dir, 'comes.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Two sessions (1 in progress, 2 closed), one dossier on each, each with an opinion. */
function seed(db: Db): void {
  db.exec(`
    INSERT INTO operators (id, bce, name, legal_form, postcode, commune, province, sector, created_at, updated_at)
      VALUES (1, '0123456789', 'Le Trusquin', 'ASBL', '4000', 'Liège', 'LG', 'Insertion', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    INSERT INTO dossiers (id, reference, operator_id, scheme, kind, status, subject, received_on, created_at, updated_at)
      VALUES (1, 'IES-2026-001', 1, 'IES', 'agrement', 'opinion_given', 'Demande', '2026-01-05', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z'),
             (2, 'IES-2026-002', 1, 'IES', 'agrement', 'opinion_given', 'Demande', '2026-01-05', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z');
    INSERT INTO sessions (id, number, held_on, status) VALUES (1, 1, '2026-02-10', 'in_progress'), (2, 2, '2026-01-27', 'closed');
    INSERT INTO agenda_items (id, session_id, dossier_id, section, position) VALUES (1, 1, 1, 'agrements', 1), (2, 2, 2, 'agrements', 1);
    INSERT INTO opinions (id, agenda_item_id, dossier_id, outcome, given_on) VALUES (1, 1, 1, 'favourable', '2026-02-10'), (2, 2, 2, 'favourable', '2026-01-27');
  `);
}

describe('migration 6 (closing locks opinions)', () => {
  it('upgrades a version-5 workspace: existing decisions get version 1', () => {
    const before = openDatabase(file, { create: true, migrations: MIGRATIONS.slice(0, 5) });
    seed(before);
    before.prepare(`INSERT INTO decisions (dossier_id, kind, term, decided_on) VALUES (1, 'grant', '2y', '2026-03-01')`).run();
    before.close();
    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, 6) });
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT version FROM decisions').pluck().get()).toBe(1);
    expect(() => db.prepare('UPDATE decisions SET version = 0').run()).toThrow(/CHECK/);
    db.close();
  });

  it('refuses changing or deleting an opinion of a closed session; an open session’s opinion may still change', () => {
    const db = openDatabase(file, { create: true, migrations: MIGRATIONS.slice(0, 6) });
    seed(db);
    expect(() => db.prepare(`UPDATE opinions SET outcome = 'unfavourable', motivation = 'Non' WHERE id = 2`).run()).toThrow(/opinion locked/);
    expect(() => db.prepare('DELETE FROM opinions WHERE id = 2').run()).toThrow(/opinion locked/);
    // Moving an open opinion onto the closed session's item is refused too.
    expect(() => db.prepare('UPDATE opinions SET agenda_item_id = 2 WHERE id = 1').run()).toThrow(/opinion locked|UNIQUE/);
    expect(db.prepare('SELECT outcome FROM opinions WHERE id = 2').pluck().get()).toBe('favourable');

    db.prepare(`UPDATE opinions SET outcome = 'noted' WHERE id = 1`).run();
    expect(db.prepare('SELECT outcome FROM opinions WHERE id = 1').pluck().get()).toBe('noted');

    // Once its session is closed, the first opinion is locked as well.
    db.prepare(`UPDATE sessions SET status = 'closed', closed_at = '2026-02-10T12:00:00Z' WHERE id = 1`).run();
    expect(() => db.prepare(`UPDATE opinions SET outcome = 'favourable' WHERE id = 1`).run()).toThrow(/opinion locked/);
    expect(() => db.prepare('DELETE FROM opinions WHERE id = 1').run()).toThrow(/opinion locked/);
    // An amendment beside it is accepted.
    db.prepare(`INSERT INTO opinion_amendments (opinion_id, amended_on, reason, outcome) VALUES (1, '2026-02-20', 'Erreur matérielle', 'favourable')`).run();
    expect(db.prepare('SELECT count(*) FROM opinion_amendments').pluck().get()).toBe(1);
    db.close();
  });
});
