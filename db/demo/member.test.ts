import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../open';
import { getMeta, setMeta } from '../queries/meta';
import { makeMemberDemo } from './member';

let db: Db;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-member-demo-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  setMeta(db, 'profile', 'secretariat');
  db.prepare(
    `INSERT INTO members (id, full_name, organisation, organisation_kind, role, voting, active_from) VALUES
     (9, 'Françoise Fontaine', 'SAW-B', 'federation', 'member', 1, '2022-06-01'),
     (12, 'Céline François', 'SPW', 'administration', 'secretariat', 0, '2022-06-01')`,
  ).run();
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo as a member’s workspace', () => {
  it('marks the workspace as the member’s own', () => {
    expect(makeMemberDemo(db, 9)).toBe('Françoise Fontaine');
    expect(getMeta(db, 'profile')).toBe('member');
    expect(getMeta(db, 'member_id')).toBe('9');
    expect(getMeta(db, 'name')).toBe('Françoise Fontaine — démonstration');
  });

  it('refuses an unknown member or one of the secretariat, changing nothing', () => {
    expect(() => makeMemberDemo(db, 99)).toThrow('Aucun membre n° 99');
    expect(() => makeMemberDemo(db, 12)).toThrow('secrétariat');
    expect(getMeta(db, 'profile')).toBe('secretariat');
    expect(getMeta(db, 'member_id')).toBeUndefined();
  });
});
