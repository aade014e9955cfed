import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import { openDatabase, type Db } from '../open';
import { LIST_MEMBERS_SQL, MEMBER_CONFLICTS_SQL, OPERATOR_CONFLICTS_SQL, listConflicts, overlappingPresident } from './members';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-members-q-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const plan = (sql: string, params: Record<string, unknown>) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');

describe('query plans of the conflicts register', () => {
  it('reaches one member’s conflicts through conflicts_member and one operator’s through conflicts_operator', () => {
    const byMember = plan(MEMBER_CONFLICTS_SQL, { today: '2026-11-22', memberId: 1 });
    expect(byMember).toMatch(/SEARCH c USING INDEX conflicts_member/);
    expect(byMember).not.toMatch(/SCAN (c|o)\b/);
    const byOperator = plan(OPERATOR_CONFLICTS_SQL, { today: '2026-11-22', operatorId: 1 });
    expect(byOperator).toMatch(/SEARCH c USING INDEX conflicts_operator/);
    expect(byOperator).not.toMatch(/SCAN (c|m)\b/);
  });

  it('counts each member’s conflicts through conflicts_member', () => {
    expect(plan(LIST_MEMBERS_SQL, { today: '2026-11-22' })).toMatch(/SEARCH c USING COVERING INDEX conflicts_member/);
  });
});

describe('members queries', () => {
  const member = (name: string, role: string, from: string, to: string | null) =>
    Number(
      db
        .prepare(`INSERT INTO members (full_name, organisation, organisation_kind, role, voting, active_from, active_to) VALUES (?, 'Org', 'other', ?, 1, ?, ?)`)
        .run(name, role, from, to).lastInsertRowid,
    );

  it('finds a president whose mandate overlaps a period, open-ended mandates included', () => {
    const first = member('Claire Martin', 'president', '2020-01-01', '2023-12-31');
    member('Paul Simon', 'member', '2020-01-01', null);
    expect(overlappingPresident(db, null, '2024-01-01', null)).toBeUndefined();
    expect(overlappingPresident(db, null, '2023-12-31', null)?.id).toBe(first);
    expect(overlappingPresident(db, null, '2019-01-01', '2019-12-31')).toBeUndefined();
    expect(overlappingPresident(db, null, '2019-01-01', '2020-01-01')?.id).toBe(first);
    expect(overlappingPresident(db, first, '2020-06-01', null)).toBeUndefined();
    const second = member('Luc Thiry', 'president', '2024-01-01', null);
    expect(overlappingPresident(db, null, '2030-01-01', null)?.id).toBe(second);
  });

  it('filters conflicts by member, by operator, or by both', () => {
    const anne = member('Anne Lambert', 'member', '2020-01-01', null);
    const ops = ['04642813', '08000001'].map((base, i) =>
      Number(
        db
          .prepare(
            `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
             VALUES (?, ?, 'SC', 1, '5000', 'Namur', 'NA', 'x', 'now', 'now')`,
          )
          .run(bceFromBase(base), `Opérateur ${i}`).lastInsertRowid,
      ),
    );
    for (const op of ops) db.prepare(`INSERT INTO conflicts (member_id, operator_id, kind, declared_on) VALUES (?, ?, 'other', '2024-01-01')`).run(anne, op);
    expect(listConflicts(db, '2026-11-22', {})).toHaveLength(2);
    expect(listConflicts(db, '2026-11-22', { memberId: anne })).toHaveLength(2);
    expect(listConflicts(db, '2026-11-22', { operatorId: ops[1] }).map((c) => c.operatorName)).toEqual(['Opérateur 1']);
    expect(listConflicts(db, '2026-11-22', { memberId: anne, operatorId: ops[0] }).map((c) => c.operatorName)).toEqual(['Opérateur 0']);
  });
});
