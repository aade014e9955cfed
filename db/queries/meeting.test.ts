import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../open';
import {
  getItemOpinion,
  listAttendance,
  listSessionOpinions,
  membersInOffice,
  nextPlannedSession,
  replaceRecusals,
  setSessionInProgress,
  upsertAttendance,
  writeOpinion,
} from './meeting';

const NOW = '2026-11-01T09:00:00.000Z';
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-meeting-q-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  db.exec(`
    INSERT INTO operators (id, bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at) VALUES
      (1, '0464281392', 'Ressourcerie A', 'ASBL', 0, '5000', 'Namur', 'NA', 'x', '${NOW}', '${NOW}');
    INSERT INTO members (id, full_name, organisation, organisation_kind, role, voting, active_from, active_to) VALUES
      (1, 'Présidente', 'Cabinet', 'cabinet', 'president', 1, '2022-01-01', NULL),
      (2, 'Marie Dupont', 'SAW-B', 'federation', 'member', 1, '2022-01-01', NULL),
      (3, 'Ancien Membre', 'FGTB', 'union', 'member', 1, '2020-01-01', '2021-12-31'),
      (4, 'Observateur', 'SPW', 'administration', 'observer', 0, '2022-01-01', NULL),
      (5, 'Secrétaire', 'SPW', 'administration', 'secretariat', 0, '2022-01-01', NULL);
    INSERT INTO sessions (id, number, held_on, status) VALUES
      (1, 181, '2026-12-03', 'planned'), (2, 182, '2026-12-17', 'cancelled'), (3, 183, '2027-01-14', 'planned'), (4, 180, '2026-11-19', 'closed');
    INSERT INTO dossiers (id, reference, operator_id, scheme, kind, status, subject, received_on, created_at, updated_at)
      VALUES (1, 'IES-2026-001', 1, 'IES', 'agrement', 'scheduled', 'Objet', '2026-09-01', '${NOW}', '${NOW}');
    INSERT INTO agenda_items (id, session_id, dossier_id, section, position) VALUES (1, 1, 1, 'agrements', 1);
  `);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('attendance', () => {
  it('lists the members in office on the date (secretariat aside), voting first, and upserts a status', () => {
    expect(listAttendance(db, 1, '2026-12-03').map((a) => [a.memberId, a.voting, a.status])).toEqual([
      [1, true, null],
      [2, true, null],
      [4, false, null],
    ]);
    expect(upsertAttendance(db, 1, 2, 'present')).toBeNull();
    expect(upsertAttendance(db, 1, 2, 'excused')).toBe('present');
    expect(listAttendance(db, 1, '2026-12-03').find((a) => a.memberId === 2)?.status).toBe('excused');
    expect([...membersInOffice(db, [1, 3, 5, 99], '2026-12-03').keys()]).toEqual([1]);
  });
});

describe('opinions and recusals', () => {
  it('inserts then replaces the one opinion of an item', () => {
    const write = { itemId: 1, dossierId: 1, outcome: 'favourable', conditions: '', motivation: '', consensus: true, votesFor: null, votesAgainst: null, votesAbstain: null, givenOn: '2026-12-03' };
    const id = writeOpinion(db, write);
    expect(writeOpinion(db, { ...write, outcome: 'unfavourable', motivation: 'Motif.', consensus: false, votesFor: 1, votesAgainst: 2, votesAbstain: 0 })).toBe(id);
    expect(getItemOpinion(db, 1)).toMatchObject({ id, outcome: 'unfavourable', consensus: false, votesAgainst: 2 });
    expect([...listSessionOpinions(db, 1).keys()]).toEqual([1]);
    expect(() => writeOpinion(db, { ...write, outcome: 'unfavourable' })).toThrow(/CHECK/);
  });

  it('replaces the recusals of an item', () => {
    replaceRecusals(db, 1, [{ memberId: 1, reason: 'a' }, { memberId: 2, reason: 'b' }]);
    replaceRecusals(db, 1, [{ memberId: 2, reason: 'c' }]);
    expect(db.prepare('SELECT member_id, reason FROM recusals').all()).toEqual([{ member_id: 2, reason: 'c' }]);
  });
});

describe('sessions', () => {
  it('finds the next planned session after a date, skipping cancelled ones', () => {
    expect(nextPlannedSession(db, '2026-12-03')).toEqual({ id: 3, number: 183, heldOn: '2027-01-14' });
    expect(nextPlannedSession(db, '2027-01-14')).toBeUndefined();
  });

  it('starts a planned session once, with its version', () => {
    expect(setSessionInProgress(db, 1, 2)).toBe(false);
    expect(setSessionInProgress(db, 1, 1)).toBe(true);
    expect(setSessionInProgress(db, 1, 2)).toBe(false);
    expect(setSessionInProgress(db, 4, 1)).toBe(false);
  });
});
