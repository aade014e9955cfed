/**
 * The register of members and of declared conflicts of interest. Every workspace reads it; the
 * secretariat alone writes (FORBIDDEN in a member's workspace). Each write is based on the version
 * the user saw (CONFLICT when stale) and runs in one transaction with its audit entry: entity
 * 'member' and the member's id, so that a member's changes and conflicts form one history.
 */
import { appendAudit } from '../../db/audit';
import type { Db } from '../../db/open';
import { diffFields } from '../../db/queries/entry';
import {
  deleteConflict,
  findConflictPair,
  getConflict,
  getMember,
  insertConflict,
  insertMember,
  listConflicts,
  listMembers,
  operatorName,
  overlappingPresident,
  updateConflict,
  updateMember,
  type MemberRecord,
  type MemberWrite,
} from '../../db/queries/members';
import { formatBce } from '../../shared/bce';
import type { ConflictKind, ConflictRow, MemberRow, OrganisationKind } from '../../shared/contract';
import type { MemberRole } from '../../shared/domain';
import type { BackendContext } from '../context';
import { AppError, notFound } from '../errors';
import type { DomainHandlers } from '../rpc/registry';
import { conflict, requireSecretariat, writeTransaction } from './entry';

/** `2026-03-05` → `05/03/2026`. */
const shown = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function memberOrFail(db: Db, id: number): MemberRecord {
  const member = getMember(db, id);
  if (!member) throw notFound('Membre');
  return member;
}

const asWrite = (m: MemberRecord): MemberWrite => ({
  fullName: m.fullName,
  organisation: m.organisation,
  organisationKind: m.organisationKind,
  role: m.role,
  voting: m.voting === 1,
  email: m.email,
  activeFrom: m.activeFrom,
  activeTo: m.activeTo,
});

/** A second president whose mandate overlaps this one's is refused, naming the president in office. */
function checkSinglePresident(db: Db, id: number | null, write: MemberWrite): void {
  if (write.role !== 'president') return;
  const other = overlappingPresident(db, id, write.activeFrom, write.activeTo);
  if (!other) return;
  const period = other.activeTo ? `du ${shown(other.activeFrom)} au ${shown(other.activeTo)}` : `depuis le ${shown(other.activeFrom)}`;
  const message = `${other.fullName} préside déjà la Commission ${period} : il ne peut y avoir qu’une présidence à la fois. Indiquez d’abord la fin de son mandat, ou choisissez un autre rôle.`;
  throw new AppError('CONFLICT', message, [{ path: 'fields.role', message }]);
}

export const memberHandlers: DomainHandlers<BackendContext> = {
  'members.list': (ctx) => {
    const today = ctx.today();
    const rows = listMembers(ctx.workspace.requireDb(), today).map(
      (m): MemberRow => ({
        ...m,
        organisationKind: m.organisationKind as OrganisationKind,
        role: m.role as MemberRole,
        voting: m.voting === 1,
        active: m.active === 1,
      }),
    );
    return { today, rows };
  },

  'members.save': (ctx, { id, version, fields }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const write: MemberWrite = { ...fields };
    return writeTransaction(db, () => {
      if (id === undefined) {
        checkSinglePresident(db, null, write);
        const newId = insertMember(db, write);
        appendAudit(db, { actor, action: 'member.create', entity: 'member', entityId: newId, changes: diffFields({}, write) });
        return { id: newId, version: 1 };
      }
      const before = memberOrFail(db, id);
      checkSinglePresident(db, id, write);
      if (version === undefined || !updateMember(db, id, version, write)) throw conflict('Ce membre');
      appendAudit(db, { actor, action: 'member.update', entity: 'member', entityId: id, changes: diffFields(asWrite(before), write) });
      return { id, version: version + 1 };
    });
  },

  'members.conflicts': (ctx, { memberId, operatorId }) => {
    const db = ctx.workspace.requireDb();
    if (memberId !== undefined) memberOrFail(db, memberId);
    if (operatorId !== undefined && operatorName(db, operatorId) === undefined) throw notFound('Opérateur');
    return listConflicts(db, ctx.today(), { memberId, operatorId }).map(
      (c): ConflictRow => ({
        ...c,
        memberRole: c.memberRole as MemberRole,
        memberActive: c.memberActive === 1,
        operatorBce: formatBce(c.operatorBce),
        kind: c.kind as ConflictKind,
      }),
    );
  },

  'members.saveConflict': (ctx, { id, version, fields }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const member = memberOrFail(db, fields.memberId);
    const operator = operatorName(db, fields.operatorId);
    if (operator === undefined) throw notFound('Opérateur');
    return writeTransaction(db, () => {
      const before = id === undefined ? undefined : getConflict(db, id);
      if (id !== undefined && !before) throw notFound('Conflit d’intérêts');
      const pair = findConflictPair(db, fields.memberId, fields.operatorId);
      if (pair && pair.id !== id) {
        const message = `Un conflit d’intérêts entre ${member.fullName} et « ${operator} » est déjà déclaré. Modifiez-le plutôt que d’en déclarer un second.`;
        throw new AppError('CONFLICT', message, [{ path: 'fields.operatorId', message }]);
      }
      if (id === undefined || !before) {
        const newId = insertConflict(db, fields);
        appendAudit(db, {
          actor,
          action: 'conflict.create',
          entity: 'member',
          entityId: fields.memberId,
          changes: { conflictId: newId, operatorName: operator, ...diffFields({}, fields) },
        });
        return { id: newId, version: 1 };
      }
      if (version === undefined || !updateConflict(db, id, version, fields)) throw conflict('Ce conflit d’intérêts');
      appendAudit(db, {
        actor,
        action: 'conflict.update',
        entity: 'member',
        entityId: fields.memberId,
        changes: { conflictId: id, operatorName: operator, ...diffFields(before, fields) },
      });
      return { id, version: version + 1 };
    });
  },

  'members.deleteConflict': (ctx, { id, version }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    return writeTransaction(db, () => {
      const before = getConflict(db, id);
      if (!before) throw notFound('Conflit d’intérêts');
      if (!deleteConflict(db, id, version)) throw conflict('Ce conflit d’intérêts');
      appendAudit(db, {
        actor,
        action: 'conflict.delete',
        entity: 'member',
        entityId: before.memberId,
        changes: { conflictId: id, operatorName: operatorName(db, before.operatorId) ?? null, ...diffFields(before, { operatorId: null, kind: null, declaredOn: null, note: null }) },
      });
      return { id };
    });
  },
};
