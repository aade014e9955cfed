import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../open';
import { insertAgendaItem, listAgendaItems, listCandidates, listRecusals, renumberAgenda, setSessionFrozen, writePositions } from './agenda';

const NOW = '2026-11-01T09:00:00.000Z';
let dir: string;
let db: Db;

function dossier(reference: string, operatorId: number, kind: string, status: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO dossiers (reference, operator_id, scheme, kind, status, subject, received_on, created_at, updated_at)
         VALUES (?, ?, 'IES', ?, ?, 'Objet', '2026-09-01', ?, ?)`,
      )
      .run(reference, operatorId, kind, status, NOW, NOW).lastInsertRowid,
  );
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-agenda-q-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  db.exec(`
    INSERT INTO operators (id, bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at) VALUES
      (1, '0464281392', 'Ressourcerie A', 'ASBL', 0, '5000', 'Namur', 'NA', 'x', '${NOW}', '${NOW}'),
      (2, '0800000196', 'Jardins B', 'ASBL', 0, '4000', 'Liège', 'LG', 'x', '${NOW}', '${NOW}');
    INSERT INTO members (id, full_name, organisation, organisation_kind, role, voting, active_from, active_to) VALUES
      (1, 'Marie Dupont', 'SAW-B', 'federation', 'member', 1, '2022-01-01', NULL),
      (2, 'Ancien Membre', 'FGTB', 'union', 'member', 1, '2020-01-01', '2021-12-31');
    INSERT INTO conflicts (member_id, operator_id, kind, declared_on) VALUES (1, 1, 'board', '2024-01-01'), (2, 1, 'family', '2020-06-01');
    INSERT INTO sessions (id, number, held_on, status) VALUES (1, 181, '2026-12-03', 'planned'), (2, 180, '2026-11-19', 'closed');
  `);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('agenda queries', () => {
  it('lists items in section order then position, and renumbers them 1..n across sections', () => {
    const report = insertAgendaItem(db, 1, dossier('IES-2026-0001', 1, 'activity_report', 'scheduled'), 'reports');
    const agrement = insertAgendaItem(db, 1, dossier('IES-2026-0002', 2, 'agrement', 'scheduled'), 'agrements');
    renumberAgenda(db, 1);
    expect(listAgendaItems(db, 1).map((i) => [i.id, i.position])).toEqual([
      [agrement, 1],
      [report, 2],
    ]);
    writePositions(db, [report, agrement]);
    expect(listAgendaItems(db, 1).map((i) => i.id)).toEqual([agrement, report]); // sections still first
  });

  it('names as recused the members in office with a conflict with the operator, not former ones', () => {
    const item = insertAgendaItem(db, 1, dossier('IES-2026-0001', 1, 'activity_report', 'scheduled'), 'reports');
    expect(listRecusals(db, 1)).toEqual([{ itemId: item, memberId: 1, name: 'Marie Dupont', source: 'conflict', detail: 'board' }]);
  });

  it('keeps the recusals recorded with an item’s opinion, ignoring conflicts declared since; counts a conflict only once declared', () => {
    const decided = insertAgendaItem(db, 2, dossier('IES-2026-0001', 1, 'activity_report', 'opinion_given'), 'reports');
    db.prepare(`INSERT INTO opinions (agenda_item_id, dossier_id, outcome, consensus, given_on) SELECT id, dossier_id, 'favourable', 1, '2026-11-19' FROM agenda_items WHERE id = ?`).run(decided);
    // Member 1's conflict with operator 1 was not recorded with the opinion: the opinion's recusals stand.
    expect(listRecusals(db, 2)).toEqual([]);
    db.prepare(`INSERT INTO recusals (agenda_item_id, member_id, reason) VALUES (?, 1, 'Récusé en séance')`).run(decided);
    expect(listRecusals(db, 2)).toEqual([{ itemId: decided, memberId: 1, name: 'Marie Dupont', source: 'recusal', detail: 'Récusé en séance' }]);
    const pending = insertAgendaItem(db, 1, dossier('IES-2026-0002', 2, 'agrement', 'scheduled'), 'agrements');
    db.prepare(`INSERT INTO conflicts (member_id, operator_id, kind, declared_on) VALUES (1, 2, 'board', '2027-01-10')`).run();
    expect(listRecusals(db, 1).filter((r) => r.itemId === pending)).toEqual([]);
  });

  it('offers ready and adjourned dossiers on no open agenda, searched case-insensitively', () => {
    const ready = dossier('IES-2026-0001', 1, 'activity_report', 'ready');
    const adjourned = dossier('IES-2026-0002', 2, 'agrement', 'adjourned');
    dossier('IES-2026-0003', 2, 'agrement', 'received');
    const onAgenda = dossier('IES-2026-0004', 2, 'renewal', 'ready');
    insertAgendaItem(db, 1, onAgenda, 'renewals');
    const onPast = dossier('IES-2026-0005', 2, 'renewal', 'adjourned');
    insertAgendaItem(db, 2, onPast, 'renewals');
    expect(listCandidates(db, '').map((c) => c.id)).toEqual([ready, adjourned, onPast]);
    expect(listCandidates(db, 'jardins').map((c) => c.id)).toEqual([adjourned, onPast]);
  });

  it('freezes only a planned session of the expected version, and reopens only a frozen one', () => {
    expect(setSessionFrozen(db, 1, 2, true, NOW)).toBe(false);
    expect(setSessionFrozen(db, 1, 1, false, NOW)).toBe(false);
    expect(setSessionFrozen(db, 1, 1, true, NOW)).toBe(true);
    expect(db.prepare('SELECT status, agenda_frozen_at AS at, version FROM sessions WHERE id = 1').get()).toEqual({ status: 'agenda_frozen', at: NOW, version: 2 });
    expect(setSessionFrozen(db, 1, 2, false, NOW)).toBe(true);
    expect(db.prepare('SELECT status, agenda_frozen_at AS at FROM sessions WHERE id = 1').get()).toEqual({ status: 'planned', at: null });
  });

  it('reads a session’s items through the agenda index', () => {
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM agenda_items ai WHERE ai.session_id = ?`)
      .all(1)
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/agenda_items_session|sqlite_autoindex_agenda_items/);
  });
});
