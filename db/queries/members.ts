/**
 * The register of members and of declared conflicts of interest. Plain reads and writes; the
 * handlers (backend/handlers/members.ts) run the writes in one transaction with their audit entry.
 */
import type { Db } from '../open';
import { statementCache } from './statements';

const cached = statementCache();

export interface MemberRecord {
  id: number;
  fullName: string;
  organisation: string;
  organisationKind: string;
  role: string;
  voting: number;
  email: string | null;
  activeFrom: string;
  activeTo: string | null;
  version: number;
}

export interface MemberWrite {
  fullName: string;
  organisation: string;
  organisationKind: string;
  role: string;
  voting: boolean;
  email: string | null;
  activeFrom: string;
  activeTo: string | null;
}

const MEMBER_COLUMNS = `m.id, m.full_name AS fullName, m.organisation, m.organisation_kind AS organisationKind, m.role, m.voting,
  m.email, m.active_from AS activeFrom, m.active_to AS activeTo, m.version`;

/** Parameter: today. Active members first, by role (president … observer), then former ones (latest first). */
export const LIST_MEMBERS_SQL =
  'SELECT ' +
  MEMBER_COLUMNS +
  `,
    (m.active_from <= @today AND (m.active_to IS NULL OR m.active_to >= @today)) AS active,
    (SELECT count(*) FROM conflicts c WHERE c.member_id = m.id) AS conflictCount
  FROM members m
  ORDER BY active DESC,
    CASE m.role WHEN 'president' THEN 0 WHEN 'member' THEN 1 WHEN 'substitute' THEN 2 WHEN 'secretariat' THEN 3 ELSE 4 END,
    CASE WHEN active THEN '' ELSE coalesce(m.active_to, '') END DESC,
    m.full_name COLLATE NOCASE, m.id`;

export function listMembers(db: Db, today: string): (MemberRecord & { active: number; conflictCount: number })[] {
  return cached(db, 'members-list', () => LIST_MEMBERS_SQL).all({ today }) as (MemberRecord & { active: number; conflictCount: number })[];
}

export function getMember(db: Db, id: number): MemberRecord | undefined {
  return cached(db, 'member-get', () => 'SELECT ' + MEMBER_COLUMNS + ' FROM members m WHERE m.id = ?').get(id) as MemberRecord | undefined;
}

/** Another president whose mandate overlaps [from, to] (to NULL: open-ended), if any. */
export function overlappingPresident(db: Db, exceptId: number | null, from: string, to: string | null): MemberRecord | undefined {
  return cached(
    db,
    'member-president-overlap',
    () =>
      'SELECT ' +
      MEMBER_COLUMNS +
      ` FROM members m
      WHERE m.role = 'president' AND m.id IS NOT @exceptId
        AND (@to IS NULL OR m.active_from <= @to) AND (m.active_to IS NULL OR m.active_to >= @from)
      ORDER BY m.active_from LIMIT 1`,
  ).get({ exceptId, from, to }) as MemberRecord | undefined;
}

const memberParams = (w: MemberWrite) => ({ ...w, voting: w.voting ? 1 : 0 });

export function insertMember(db: Db, write: MemberWrite): number {
  const info = cached(
    db,
    'member-insert',
    () => `INSERT INTO members (full_name, organisation, organisation_kind, role, voting, email, active_from, active_to)
      VALUES (@fullName, @organisation, @organisationKind, @role, @voting, @email, @activeFrom, @activeTo)`,
  ).run(memberParams(write));
  return Number(info.lastInsertRowid);
}

/** False when the version is stale (or the member gone). */
export function updateMember(db: Db, id: number, version: number, write: MemberWrite): boolean {
  return (
    cached(
      db,
      'member-update',
      () => `UPDATE members SET full_name = @fullName, organisation = @organisation, organisation_kind = @organisationKind, role = @role,
        voting = @voting, email = @email, active_from = @activeFrom, active_to = @activeTo, version = version + 1
      WHERE id = @id AND version = @version`,
    ).run({ ...memberParams(write), id, version }).changes === 1
  );
}

// ----- conflicts ------------------------------------------------------------------------------

export interface ConflictRecord {
  id: number;
  memberId: number;
  memberName: string;
  memberRole: string;
  memberActive: number;
  operatorId: number;
  operatorName: string;
  operatorBce: string;
  kind: string;
  declaredOn: string;
  note: string;
  version: number;
}

export interface ConflictWrite {
  memberId: number;
  operatorId: number;
  kind: string;
  declaredOn: string;
  note: string;
}

const CONFLICTS_SELECT = `SELECT c.id, c.member_id AS memberId, m.full_name AS memberName, m.role AS memberRole,
    (m.active_from <= @today AND (m.active_to IS NULL OR m.active_to >= @today)) AS memberActive,
    c.operator_id AS operatorId, o.name AS operatorName, o.bce AS operatorBce,
    c.kind, c.declared_on AS declaredOn, c.note, c.version
  FROM conflicts c JOIN members m ON m.id = c.member_id JOIN operators o ON o.id = c.operator_id`;
const CONFLICTS_ORDER = ' ORDER BY m.full_name COLLATE NOCASE, o.name COLLATE NOCASE, c.id';

/** Every declared conflict (parameter: today). */
export const ALL_CONFLICTS_SQL = CONFLICTS_SELECT + CONFLICTS_ORDER;
/** One member's conflicts (parameters: today, memberId): index conflicts_member. */
export const MEMBER_CONFLICTS_SQL = CONFLICTS_SELECT + ' WHERE c.member_id = @memberId' + CONFLICTS_ORDER;
/** The conflicts declared on one operator (parameters: today, operatorId): index conflicts_operator. */
export const OPERATOR_CONFLICTS_SQL = CONFLICTS_SELECT + ' WHERE c.operator_id = @operatorId' + CONFLICTS_ORDER;

/** All conflicts, or one member's, or one operator's (both filters: that pair, if declared). */
export function listConflicts(db: Db, today: string, filter: { memberId?: number | undefined; operatorId?: number | undefined }): ConflictRecord[] {
  const { memberId, operatorId } = filter;
  if (memberId !== undefined && operatorId !== undefined) {
    return (cached(db, 'conflicts-member', () => MEMBER_CONFLICTS_SQL).all({ today, memberId }) as ConflictRecord[]).filter(
      (c) => c.operatorId === operatorId,
    );
  }
  if (memberId !== undefined) return cached(db, 'conflicts-member', () => MEMBER_CONFLICTS_SQL).all({ today, memberId }) as ConflictRecord[];
  if (operatorId !== undefined) return cached(db, 'conflicts-operator', () => OPERATOR_CONFLICTS_SQL).all({ today, operatorId }) as ConflictRecord[];
  return cached(db, 'conflicts-all', () => ALL_CONFLICTS_SQL).all({ today }) as ConflictRecord[];
}

export function getConflict(db: Db, id: number): (ConflictWrite & { id: number; version: number }) | undefined {
  return cached(
    db,
    'conflict-get',
    () => `SELECT id, member_id AS memberId, operator_id AS operatorId, kind, declared_on AS declaredOn, note, version FROM conflicts WHERE id = ?`,
  ).get(id) as (ConflictWrite & { id: number; version: number }) | undefined;
}

export function findConflictPair(db: Db, memberId: number, operatorId: number): { id: number } | undefined {
  return cached(db, 'conflict-pair', () => `SELECT id FROM conflicts WHERE member_id = ? AND operator_id = ?`).get(memberId, operatorId) as
    | { id: number }
    | undefined;
}

export function insertConflict(db: Db, write: ConflictWrite): number {
  const info = cached(
    db,
    'conflict-insert',
    () => `INSERT INTO conflicts (member_id, operator_id, kind, declared_on, note) VALUES (@memberId, @operatorId, @kind, @declaredOn, @note)`,
  ).run(write);
  return Number(info.lastInsertRowid);
}

export function updateConflict(db: Db, id: number, version: number, write: ConflictWrite): boolean {
  return (
    cached(
      db,
      'conflict-update',
      () => `UPDATE conflicts SET member_id = @memberId, operator_id = @operatorId, kind = @kind, declared_on = @declaredOn, note = @note,
        version = version + 1 WHERE id = @id AND version = @version`,
    ).run({ ...write, id, version }).changes === 1
  );
}

export function deleteConflict(db: Db, id: number, version: number): boolean {
  return cached(db, 'conflict-delete', () => `DELETE FROM conflicts WHERE id = ? AND version = ?`).run(id, version).changes === 1;
}

export function operatorName(db: Db, id: number): string | undefined {
  return (cached(db, 'conflict-operator-name', () => `SELECT name FROM operators WHERE id = ?`).get(id) as { name: string } | undefined)?.name;
}
