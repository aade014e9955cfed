import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../open';
import {
  activeSessionOn,
  cancelSession,
  getSession,
  highestSessionNumber,
  insertPlannedSession,
  listPastSessions,
  listSessionsBetween,
  listUpcomingSessions,
  moveSession,
  SELECT_SESSION,
} from './sessions';

const NOW = '2026-11-01T09:00:00.000Z';
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-sessions-q-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  db.exec(`
    INSERT INTO operators (id, bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at) VALUES
      (1, '0464281392', 'Ressourcerie A', 'ASBL', 0, '5000', 'Namur', 'NA', 'x', '${NOW}', '${NOW}');
    INSERT INTO dossiers (id, reference, operator_id, scheme, kind, status, subject, received_on, created_at, updated_at) VALUES
      (1, 'IES-2026-0001', 1, 'IES', 'agrement', 'opinion_given', 'Objet', '2026-09-01', '${NOW}', '${NOW}'),
      (2, 'IES-2026-0002', 1, 'IES', 'renewal', 'scheduled', 'Objet', '2026-09-01', '${NOW}', '${NOW}'),
      (3, 'IES-2026-0003', 1, 'IES', 'extension', 'scheduled', 'Objet', '2026-09-01', '${NOW}', '${NOW}');
    INSERT INTO sessions (id, number, held_on, starts_at, place, status) VALUES
      (1, 180, '2026-11-19', '14:00', 'Liège', 'closed'),
      (2, 181, '2026-12-03', '09:30', 'Liège', 'planned'),
      (3, 182, '2026-12-17', '09:30', 'Jambes', 'planned'),
      (4, 179, '2026-11-05', '09:30', 'Jambes', 'cancelled');
    INSERT INTO agenda_items (id, session_id, dossier_id, section, position) VALUES (1, 1, 1, 'agrements', 1), (2, 2, 2, 'renewals', 1), (3, 2, 3, 'extensions', 1);
    INSERT INTO opinions (agenda_item_id, dossier_id, outcome, given_on) VALUES (1, 1, 'favourable', '2026-11-19');
  `);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('session queries', () => {
  it('lists upcoming sessions nearest first and past ones latest first, with their agenda items and opinions', () => {
    expect(listUpcomingSessions(db, '2026-11-22').map((s) => [s.number, s.agendaItems, s.opinions])).toEqual([
      [181, 2, 0],
      [182, 0, 0],
    ]);
    expect(listPastSessions(db, '2026-11-22').map((s) => [s.number, s.status, s.agendaItems, s.opinions])).toEqual([
      [180, 'closed', 1, 1],
      [179, 'cancelled', 0, 0],
    ]);
    expect(listSessionsBetween(db, '2026-11-05', '2026-12-03').map((s) => s.number)).toEqual([179, 180, 181]);
  });

  it('finds the session of a day, cancelled ones aside, and the highest number', () => {
    expect(activeSessionOn(db, '2026-12-03')).toEqual({ id: 2, number: 181 });
    expect(activeSessionOn(db, '2026-12-03', 2)).toBeUndefined();
    expect(activeSessionOn(db, '2026-11-05')).toBeUndefined();
    expect(highestSessionNumber(db)).toBe(182);
  });

  it('moves and cancels only the version it was given', () => {
    expect(moveSession(db, 2, 2, { heldOn: '2026-12-10', startsAt: '10:00', place: 'Namur' })).toBe(false);
    expect(moveSession(db, 2, 1, { heldOn: '2026-12-10', startsAt: '10:00', place: 'Namur' })).toBe(true);
    expect(getSession(db, 2)).toMatchObject({ heldOn: '2026-12-10', startsAt: '10:00', place: 'Namur', version: 2 });
    expect(cancelSession(db, 3, 5, 'x')).toBe(false);
    expect(cancelSession(db, 3, 1, 'Quorum impossible')).toBe(true);
    expect(getSession(db, 3)).toMatchObject({ status: 'cancelled', cancelReason: 'Quorum impossible', version: 2 });
  });

  it('refuses a second session on a day that already has one (the schema’s last word)', () => {
    expect(() => insertPlannedSession(db, { number: 183, heldOn: '2026-12-03', startsAt: '09:30', place: '' })).toThrow(/UNIQUE/);
    expect(insertPlannedSession(db, { number: 183, heldOn: '2026-11-05', startsAt: '09:30', place: '' })).toBeGreaterThan(0);
  });

  it('counts agenda items and opinions through their indexes, never scanning them', () => {
    const sql = `EXPLAIN QUERY PLAN ${SELECT_SESSION} WHERE s.held_on >= ? ORDER BY s.held_on, s.number`;
    const detail = (db.prepare(sql).all('2026-11-22') as { detail: string }[]).map((r) => r.detail);
    expect(detail.filter((line) => /^SCAN (ai|o)\b/.test(line))).toEqual([]);
    expect(detail.some((line) => /SEARCH s USING INDEX sessions_held_on/.test(line))).toBe(true);
  });
});
