import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../open';
import { getPreparation, listPreparations, savePreparation } from './preparation';

const NOW = '2026-11-01T09:00:00.000Z';
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-preparation-q-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  db.exec(`
    INSERT INTO operators (id, bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at) VALUES
      (1, '0464281392', 'Ressourcerie A', 'ASBL', 0, '5000', 'Namur', 'NA', 'x', '${NOW}', '${NOW}');
    INSERT INTO members (id, full_name, organisation, organisation_kind, role, voting, active_from, active_to) VALUES
      (1, 'Marie Dupont', 'SAW-B', 'federation', 'member', 1, '2022-01-01', NULL),
      (2, 'Paul Martin', 'FGTB', 'union', 'member', 1, '2022-01-01', NULL);
    INSERT INTO sessions (id, number, held_on, status) VALUES (1, 181, '2026-12-03', 'planned'), (2, 182, '2026-12-17', 'planned');
    INSERT INTO dossiers (id, reference, operator_id, scheme, kind, status, subject, received_on, created_at, updated_at) VALUES
      (1, 'IES-1', 1, 'IES', 'agrement', 'scheduled', 'Objet', '2026-09-01', '${NOW}', '${NOW}'),
      (2, 'IES-2', 1, 'IES', 'agrement', 'scheduled', 'Objet', '2026-09-01', '${NOW}', '${NOW}');
    INSERT INTO agenda_items (id, session_id, dossier_id, section, position) VALUES (1, 1, 1, 'agrements', 1), (2, 2, 2, 'agrements', 1);
  `);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('preparations', () => {
  it('creates then updates one row per member and item, and lists a session’s rows for one member only', () => {
    expect(getPreparation(db, 1, 1)).toBeUndefined();
    savePreparation(db, 1, { itemId: 1, status: 'read', draftOutcome: null, updatedAt: NOW });
    savePreparation(db, 1, { itemId: 1, status: 'prepared', draftOutcome: 'favourable', updatedAt: '2026-11-02T09:00:00.000Z' });
    savePreparation(db, 2, { itemId: 1, status: 'read', draftOutcome: 'unfavourable', updatedAt: NOW });
    savePreparation(db, 1, { itemId: 2, status: 'read', draftOutcome: null, updatedAt: NOW });
    expect(getPreparation(db, 1, 1)).toEqual({ itemId: 1, status: 'prepared', draftOutcome: 'favourable', updatedAt: '2026-11-02T09:00:00.000Z' });
    expect([...listPreparations(db, 1, 1).values()]).toEqual([{ itemId: 1, status: 'prepared', draftOutcome: 'favourable', updatedAt: '2026-11-02T09:00:00.000Z' }]);
    expect(listPreparations(db, 2, 2).size).toBe(0);
  });

  it('lets the table refuse an unknown status or outcome', () => {
    expect(() => savePreparation(db, 1, { itemId: 1, status: 'done' as 'read', draftOutcome: null, updatedAt: NOW })).toThrow(/CHECK/);
    expect(getPreparation(db, 1, 1)).toBeUndefined();
  });
});
