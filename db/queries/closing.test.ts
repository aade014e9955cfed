import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../open';
import { closeSession, insertAmendment, listClosingItems, listSessionAmendments } from './closing';
import { getDecision, insertDecision, latestOpinionOf, listDossierDecisions, setDossierDecided, updateDecision } from './decisions';

const NOW = '2026-11-01T09:00:00.000Z';
let dir: string;
let db: Db;

/**
 * Session 1 (in progress, 19/11) with three items: a reports item with an opinion, an agrément
 * item without, and a dossier carried to session 2 (03/12).
 */
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-closing-q-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  db.exec(`
    INSERT INTO operators (id, bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at) VALUES
      (1, '0464281392', 'Ressourcerie A', 'ASBL', 0, '5000', 'Namur', 'NA', 'x', '${NOW}', '${NOW}');
    INSERT INTO dossiers (id, reference, operator_id, scheme, kind, status, subject, received_on, created_at, updated_at) VALUES
      (1, 'IES-2026-0001', 1, 'IES', 'activity_report', 'opinion_given', 'Rapport', '2026-09-01', '${NOW}', '${NOW}'),
      (2, 'IES-2026-0002', 1, 'IES', 'agrement', 'scheduled', 'Demande', '2026-09-01', '${NOW}', '${NOW}'),
      (3, 'IES-2026-0003', 1, 'IES', 'agrement', 'scheduled', 'Demande', '2026-09-01', '${NOW}', '${NOW}');
    INSERT INTO sessions (id, number, held_on, status) VALUES (1, 1, '2026-11-19', 'in_progress'), (2, 2, '2026-12-03', 'planned');
    INSERT INTO agenda_items (id, session_id, dossier_id, section, position) VALUES
      (1, 1, 1, 'reports', 3), (2, 1, 2, 'agrements', 1), (3, 1, 3, 'agrements', 2), (4, 2, 3, 'agrements', 1);
    INSERT INTO opinions (id, agenda_item_id, dossier_id, outcome, given_on) VALUES (1, 1, 1, 'favourable', '2026-11-19');
  `);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('closing queries', () => {
  it('lists the items in agenda order, with their opinion, and marks the dossier carried to a later session', () => {
    const items = listClosingItems(db, 1);
    expect(items.map((i) => [i.number, i.reference, i.opinionId, i.carried])).toEqual([
      [1, 'IES-2026-0002', null, 0],
      [2, 'IES-2026-0003', null, 1],
      [3, 'IES-2026-0001', 1, 0],
    ]);
  });

  it('closes only an open session at its version, then keeps amendments beside the opinion', () => {
    expect(closeSession(db, 1, 2, '2026-11-19T12:00:00Z')).toBe(false);
    expect(closeSession(db, 1, 1, '2026-11-19T12:00:00Z')).toBe(true);
    expect(closeSession(db, 1, 2, '2026-11-19T12:00:00Z')).toBe(false);
    insertAmendment(db, { opinionId: 1, amendedOn: '2026-11-20', reason: 'Erreur', outcome: 'noted', conditions: '', motivation: '' });
    expect(listSessionAmendments(db, 1)).toMatchObject([{ opinionId: 1, amendedOn: '2026-11-20', outcome: 'noted' }]);
    expect(latestOpinionOf(db, 1)).toEqual({ outcome: 'noted', givenOn: '2026-11-19', sessionNumber: 1 });
  });
});

describe('decision queries', () => {
  it('records a decision, marks the dossier decided at its version, and updates the notification at the decision’s version', () => {
    const id = insertDecision(db, { dossierId: 1, kind: 'refuse', term: null, decidedOn: '2026-11-20', notifiedOn: null, reference: '', note: '' });
    expect(setDossierDecided(db, 1, 9, NOW)).toBe(false);
    expect(setDossierDecided(db, 1, 1, NOW)).toBe(true);
    expect(updateDecision(db, id, 2, { notifiedOn: '2026-11-21', reference: 'AM', note: '' })).toBe(false);
    expect(updateDecision(db, id, 1, { notifiedOn: '2026-11-21', reference: 'AM', note: '' })).toBe(true);
    expect(getDecision(db, id)).toMatchObject({ version: 2, notifiedOn: '2026-11-21', reference: 'AM' });
    expect(listDossierDecisions(db, 1)).toHaveLength(1);
    expect(() => updateDecision(db, id, 2, { notifiedOn: '2026-11-01', reference: '', note: '' })).toThrow(/CHECK/);
  });
});
