import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase, formatBce } from '../../shared/bce';
import type { ConflictRow, MemberListOutput } from '../../shared/contract';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { Workspace } from '../workspace';
import { memberHandlers } from './members';
import { accepted, refusal } from '../rpc/testing';

const TODAY = '2026-11-22';
const NOW = '2026-11-01T09:00:00.000Z';

let dir: string;
let workspace: Workspace;
let backend: Dispatcher;
let president: number;
let member: number;
let former: number;
let opA: number;
let opB: number;

function open(profile: 'secretariat' | 'member') {
  workspace = new Workspace(dir);
  const db = workspace.create(profile, profile === 'secretariat' ? 'Secrétariat de la COMES' : 'Anne Lambert');
  const insert = db.prepare(
    `INSERT INTO members (full_name, organisation, organisation_kind, role, voting, email, active_from, active_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  president = Number(insert.run('Claire Martin', 'SPW Économie', 'administration', 'president', 1, null, '2023-06-01', null).lastInsertRowid);
  member = Number(insert.run('Anne Lambert', 'ConcertES', 'federation', 'member', 1, 'anne.lambert@concertes.be', '2023-06-01', null).lastInsertRowid);
  former = Number(insert.run('Bruno Dubois', 'CSC wallonne', 'union', 'member', 1, null, '2023-06-01', '2025-06-30').lastInsertRowid);
  insert.run('Denis Leroy', 'Cabinet du ministre', 'cabinet', 'observer', 0, null, '2024-01-01', null);
  const operator = db.prepare(
    `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
     VALUES (?, ?, 'SC', 1, '5000', 'Namur', 'NA', 'ressourcerie', ?, ?)`,
  );
  opA = Number(operator.run(bceFromBase('04642813'), 'Ressourcerie namuroise', NOW, NOW).lastInsertRowid);
  opB = Number(operator.run(bceFromBase('08000001'), 'Éco-Jardins de Hesbaye', NOW, NOW).lastInsertRowid);
  db.prepare(`INSERT INTO conflicts (member_id, operator_id, kind, declared_on, note) VALUES (?, ?, 'board', '2024-02-01', 'Administratrice')`).run(member, opA);
  backend = createDispatcher({ workspace, today: () => TODAY }, { members: memberHandlers }, { requireAll: false, log: () => undefined });
}

const ok = <T>(method: string, input: unknown) => accepted<T>(backend, method, input);

const refused = (method: string, input: unknown) => refusal(backend, method, input);

const count = (sql: string, ...params: unknown[]) => (workspace.requireDb().prepare(sql).get(...params) as { n: number }).n;
const audits = () => count('SELECT count(*) AS n FROM audit_log');
const snapshot = () => ({
  members: workspace.requireDb().prepare('SELECT * FROM members ORDER BY id').all(),
  conflicts: workspace.requireDb().prepare('SELECT * FROM conflicts ORDER BY id').all(),
  audits: audits(),
});

const FIELDS = {
  fullName: 'Émilie Renard',
  organisation: 'SAW-B',
  organisationKind: 'federation',
  role: 'substitute',
  voting: false,
  email: 'Emilie.Renard@saw-b.be',
  activeFrom: '2026-01-01',
  activeTo: null,
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-members-'));
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('members.list', () => {
  it('lists active members by role first, then former ones, with today’s activity and their number of conflicts', async () => {
    open('secretariat');
    const list = await ok<MemberListOutput>('members.list', {});
    expect(list.today).toBe(TODAY);
    expect(list.rows.map((r) => [r.fullName, r.role, r.active, r.voting, r.conflictCount])).toEqual([
      ['Claire Martin', 'president', true, true, 0],
      ['Anne Lambert', 'member', true, true, 1],
      ['Denis Leroy', 'observer', true, false, 0],
      ['Bruno Dubois', 'member', false, true, 0],
    ]);
    expect(list.rows[1]).toMatchObject({ email: 'anne.lambert@concertes.be', organisationKind: 'federation', activeTo: null, version: 1 });
  });

  it('is readable in a member’s workspace', async () => {
    open('member');
    expect((await ok<MemberListOutput>('members.list', {})).rows).toHaveLength(4);
  });
});

describe('members.save', () => {
  it('creates a member (e-mail kept in lower case) and audits every field', async () => {
    open('secretariat');
    const created = await ok<{ id: number; version: number }>('members.save', { fields: FIELDS });
    expect(created.version).toBe(1);
    const row = (await ok<MemberListOutput>('members.list', {})).rows.find((r) => r.id === created.id);
    expect(row).toMatchObject({ fullName: 'Émilie Renard', role: 'substitute', voting: false, email: 'emilie.renard@saw-b.be', active: true });
    const audit = workspace.requireDb().prepare('SELECT action, entity, entity_id AS entityId, changes FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
      action: string;
      entity: string;
      entityId: number;
      changes: string;
    };
    expect(audit).toMatchObject({ action: 'member.create', entity: 'member', entityId: created.id });
    expect(JSON.parse(audit.changes)).toMatchObject({ fullName: { from: null, to: 'Émilie Renard' }, voting: { from: null, to: false } });
  });

  it('updates with the version seen, audits only what changed, and refuses a stale version (nothing written)', async () => {
    open('secretariat');
    const saved = await ok<{ id: number; version: number }>('members.save', {
      id: former,
      version: 1,
      fields: { ...FIELDS, fullName: 'Bruno Dubois', organisation: 'CSC wallonne', organisationKind: 'union', role: 'member', voting: true, email: '', activeFrom: '2023-06-01', activeTo: '2025-09-30' },
    });
    expect(saved).toEqual({ id: former, version: 2 });
    const changes = JSON.parse((workspace.requireDb().prepare('SELECT changes FROM audit_log ORDER BY id DESC LIMIT 1').get() as { changes: string }).changes);
    expect(changes).toEqual({ activeTo: { from: '2025-06-30', to: '2025-09-30' } });
    const before = snapshot();
    const stale = await refused('members.save', { id: former, version: 1, fields: { ...FIELDS, role: 'member' } });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/modifié entre-temps/);
    expect(snapshot()).toEqual(before);
  });

  it('refuses an unknown member as not found', async () => {
    open('secretariat');
    const before = snapshot();
    expect(await refused('members.save', { id: 999, version: 1, fields: FIELDS })).toMatchObject({ code: 'NOT_FOUND', message: 'Membre introuvable.' });
    expect(snapshot()).toEqual(before);
  });

  it('refuses a missing name, an end before the start and a malformed e-mail in French, naming the fields (nothing written)', async () => {
    open('secretariat');
    const before = snapshot();
    const error = await refused('members.save', { fields: { ...FIELDS, fullName: '  ', email: 'emilie.renard', activeFrom: '2026-01-01', activeTo: '2025-12-31' } });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'fields.fullName', message: 'Indiquez le nom du membre.' },
        { path: 'fields.email', message: 'L’adresse e-mail n’est pas valide (exemple : prenom.nom@organisation.be).' },
      ]),
    );
    // The period is checked once the fields themselves are valid.
    const period = await refused('members.save', { fields: { ...FIELDS, activeTo: '2025-12-31' } });
    expect(period.issues).toEqual([{ path: 'fields.activeTo', message: 'La fin du mandat ne peut précéder son début.' }]);
    expect(snapshot()).toEqual(before);
  });

  it('refuses a second president whose mandate overlaps the one in office, and accepts one after it ends', async () => {
    open('secretariat');
    const before = snapshot();
    const error = await refused('members.save', { fields: { ...FIELDS, role: 'president', voting: true } });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'Claire Martin préside déjà la Commission depuis le 01/06/2023 : il ne peut y avoir qu’une présidence à la fois. Indiquez d’abord la fin de son mandat, ou choisissez un autre rôle.',
    );
    expect(error.issues?.[0]?.path).toBe('fields.role');
    // Promoting an existing member is refused the same way.
    expect((await refused('members.save', { id: member, version: 1, fields: { ...FIELDS, role: 'president' } })).code).toBe('CONFLICT');
    expect(snapshot()).toEqual(before);

    await ok('members.save', {
      id: president,
      version: 1,
      fields: { fullName: 'Claire Martin', organisation: 'SPW Économie', organisationKind: 'administration', role: 'president', voting: true, email: '', activeFrom: '2023-06-01', activeTo: '2025-12-31' },
    });
    const successor = await ok<{ id: number }>('members.save', { fields: { ...FIELDS, role: 'president', voting: true, activeFrom: '2026-01-01' } });
    expect(successor.id).toBeGreaterThan(0);
    // The president may still edit their own record.
    await ok('members.save', { id: successor.id, version: 1, fields: { ...FIELDS, role: 'president', voting: true, activeFrom: '2026-01-01', organisation: 'SAW-B asbl' } });
  });

  it('is refused in a member’s workspace (nothing written)', async () => {
    open('member');
    const before = snapshot();
    expect((await refused('members.save', { fields: FIELDS })).code).toBe('FORBIDDEN');
    expect(snapshot()).toEqual(before);
  });
});

describe('conflicts of interest', () => {
  it('lists every conflict, one member’s or one operator’s, with the operator’s name and BCE number', async () => {
    open('secretariat');
    await ok('members.saveConflict', { fields: { memberId: president, operatorId: opB, kind: 'family', declaredOn: '2026-03-02', note: '' } });
    const all = await ok<ConflictRow[]>('members.conflicts', {});
    expect(all.map((c) => [c.memberName, c.operatorName, c.kind])).toEqual([
      ['Anne Lambert', 'Ressourcerie namuroise', 'board'],
      ['Claire Martin', 'Éco-Jardins de Hesbaye', 'family'],
    ]);
    const ofMember = await ok<ConflictRow[]>('members.conflicts', { memberId: member });
    expect(ofMember).toEqual([
      expect.objectContaining({ memberId: member, operatorId: opA, operatorBce: formatBce(bceFromBase('04642813')), declaredOn: '2024-02-01', note: 'Administratrice', memberActive: true }),
    ]);
    expect((await ok<ConflictRow[]>('members.conflicts', { operatorId: opB })).map((c) => c.memberName)).toEqual(['Claire Martin']);
    expect(await ok<ConflictRow[]>('members.conflicts', { memberId: member, operatorId: opB })).toEqual([]);
    expect((await refused('members.conflicts', { memberId: 999 })).code).toBe('NOT_FOUND');
    expect((await refused('members.conflicts', { operatorId: 999 })).message).toBe('Opérateur introuvable.');
  });

  it('declares a conflict and audits it on the member', async () => {
    open('secretariat');
    const auditsBefore = audits();
    const created = await ok<{ id: number; version: number }>('members.saveConflict', {
      fields: { memberId: member, operatorId: opB, kind: 'financial', declaredOn: '2026-11-20', note: ' Parts sociales ' },
    });
    expect(created.version).toBe(1);
    expect(workspace.requireDb().prepare('SELECT kind, note FROM conflicts WHERE id = ?').get(created.id)).toEqual({ kind: 'financial', note: 'Parts sociales' });
    expect(audits()).toBe(auditsBefore + 1);
    const audit = workspace.requireDb().prepare('SELECT action, entity, entity_id AS entityId, changes FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
      action: string;
      entity: string;
      entityId: number;
      changes: string;
    };
    expect(audit).toMatchObject({ action: 'conflict.create', entity: 'member', entityId: member });
    expect(JSON.parse(audit.changes)).toMatchObject({ conflictId: created.id, operatorName: 'Éco-Jardins de Hesbaye', kind: { from: null, to: 'financial' } });
  });

  it('refuses declaring the same member × operator pair twice, naming both (nothing written)', async () => {
    open('secretariat');
    const before = snapshot();
    const error = await refused('members.saveConflict', { fields: { memberId: member, operatorId: opA, kind: 'employment', declaredOn: '2026-11-20', note: '' } });
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: 'Un conflit d’intérêts entre Anne Lambert et « Ressourcerie namuroise » est déjà déclaré. Modifiez-le plutôt que d’en déclarer un second.',
    });
    expect(error.issues?.[0]?.path).toBe('fields.operatorId');
    // Moving another conflict onto that pair is refused the same way.
    const other = await ok<{ id: number }>('members.saveConflict', { fields: { memberId: member, operatorId: opB, kind: 'other', declaredOn: '2026-11-20', note: '' } });
    const afterCreate = snapshot();
    expect((await refused('members.saveConflict', { id: other.id, version: 1, fields: { memberId: member, operatorId: opA, kind: 'other', declaredOn: '2026-11-20', note: '' } })).code).toBe('CONFLICT');
    expect(snapshot()).toEqual(afterCreate);
    expect(before.conflicts).toHaveLength(1);
  });

  it('edits a conflict with its version and refuses a stale one; unknown member, operator or conflict are not found', async () => {
    open('secretariat');
    const id = (workspace.requireDb().prepare('SELECT id FROM conflicts').get() as { id: number }).id;
    const fields = { memberId: member, operatorId: opA, kind: 'employment', declaredOn: '2024-02-01', note: 'Salariée à mi-temps' };
    expect(await ok('members.saveConflict', { id, version: 1, fields })).toEqual({ id, version: 2 });
    const before = snapshot();
    expect((await refused('members.saveConflict', { id, version: 1, fields: { ...fields, note: 'Écrasement' } })).code).toBe('CONFLICT');
    expect((await refused('members.saveConflict', { id: 999, version: 1, fields })).code).toBe('NOT_FOUND');
    expect((await refused('members.saveConflict', { fields: { ...fields, memberId: 999 } })).message).toBe('Membre introuvable.');
    expect((await refused('members.saveConflict', { fields: { ...fields, operatorId: 999 } })).message).toBe('Opérateur introuvable.');
    const badKind = await refused('members.saveConflict', { fields: { ...fields, operatorId: opB, kind: 'friendship', declaredOn: '20/11/2026' } });
    expect(badKind.code).toBe('BAD_INPUT');
    expect(badKind.issues).toEqual(expect.arrayContaining([{ path: 'fields.declaredOn', message: 'Indiquez la date de la déclaration (jj/mm/aaaa).' }]));
    expect(snapshot()).toEqual(before);
  });

  it('withdraws a conflict with its version, audited; a stale version or an unknown conflict is refused (nothing written)', async () => {
    open('secretariat');
    const id = (workspace.requireDb().prepare('SELECT id FROM conflicts').get() as { id: number }).id;
    await ok('members.saveConflict', { id, version: 1, fields: { memberId: member, operatorId: opA, kind: 'board', declaredOn: '2024-02-01', note: 'Mandat renouvelé' } });
    const before = snapshot();
    expect((await refused('members.deleteConflict', { id, version: 1 })).code).toBe('CONFLICT');
    expect((await refused('members.deleteConflict', { id: 999, version: 1 })).code).toBe('NOT_FOUND');
    expect(snapshot()).toEqual(before);
    expect(await ok('members.deleteConflict', { id, version: 2 })).toEqual({ id });
    expect(count('SELECT count(*) AS n FROM conflicts')).toBe(0);
    const audit = workspace.requireDb().prepare('SELECT action, entity_id AS entityId, changes FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
      action: string;
      entityId: number;
      changes: string;
    };
    expect(audit).toMatchObject({ action: 'conflict.delete', entityId: member });
    expect(JSON.parse(audit.changes)).toMatchObject({ operatorName: 'Ressourcerie namuroise', kind: { from: 'board', to: null } });
  });

  it('refuses declaring, editing or withdrawing a conflict in a member’s workspace (nothing written)', async () => {
    open('member');
    const id = (workspace.requireDb().prepare('SELECT id FROM conflicts').get() as { id: number }).id;
    const before = snapshot();
    const fields = { memberId: member, operatorId: opB, kind: 'board', declaredOn: '2026-11-20', note: '' };
    expect((await refused('members.saveConflict', { fields })).code).toBe('FORBIDDEN');
    expect((await refused('members.saveConflict', { id, version: 1, fields })).code).toBe('FORBIDDEN');
    expect((await refused('members.deleteConflict', { id, version: 1 })).code).toBe('FORBIDDEN');
    expect(snapshot()).toEqual(before);
    expect(await ok<ConflictRow[]>('members.conflicts', { memberId: member })).toHaveLength(1);
  });
});
