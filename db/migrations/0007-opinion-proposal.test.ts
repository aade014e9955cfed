import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../open';
import { listItemFacts } from '../queries/exports';
import { writeOpinion } from '../queries/meeting';
import { MIGRATIONS } from './index';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-m7-'));
  file = join(dir, 'comes.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A session in progress with one dossier proposed « favorable ». */
function seed(db: Db): void {
  db.exec(`
    INSERT INTO operators (id, bce, name, legal_form, postcode, commune, province, sector, created_at, updated_at)
      VALUES (1, '0123456789', 'Le Trusquin', 'ASBL', '4000', 'Liège', 'LG', 'Insertion', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    INSERT INTO dossiers (id, reference, operator_id, scheme, kind, status, subject, received_on, proposal_outcome, proposal_text, created_at, updated_at)
      VALUES (1, 'IES-2026-001', 1, 'IES', 'agrement', 'scheduled', 'Demande', '2026-01-05', 'favourable', 'Dossier complet.', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z');
    INSERT INTO sessions (id, number, held_on, status) VALUES (1, 1, '2026-02-10', 'in_progress');
    INSERT INTO agenda_items (id, session_id, dossier_id, section, position) VALUES (1, 1, 1, 'agrements', 1);
  `);
}

const opinion = { itemId: 1, dossierId: 1, conditions: '', motivation: '', consensus: true, votesFor: null, votesAgainst: null, votesAbstain: null, givenOn: '2026-02-10' };

describe('migration 7 (opinions keep their proposal)', () => {
  it('upgrades a version-6 workspace: an earlier opinion has no recorded proposal and reads the dossier’s', () => {
    const before = openDatabase(file, { create: true, migrations: MIGRATIONS.slice(0, 6) });
    seed(before);
    before.prepare(`INSERT INTO opinions (agenda_item_id, dossier_id, outcome, given_on) VALUES (1, 1, 'favourable', '2026-02-10')`).run();
    before.close();
    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, 7) });
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.prepare('SELECT proposal_outcome, proposal_text FROM opinions').get()).toEqual({ proposal_outcome: null, proposal_text: null });
    expect(listItemFacts(db, 1)[0]).toMatchObject({ proposalOutcome: 'favourable', proposalText: 'Dossier complet.' });
    expect(() => db.prepare(`UPDATE opinions SET proposal_outcome = 'maybe'`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('records with an opinion the proposal it answered, which a later proposal on the dossier does not change', () => {
    const db = openDatabase(file, { create: true });
    seed(db);
    writeOpinion(db, { ...opinion, outcome: 'adjourned_information' });
    db.prepare(`UPDATE dossiers SET proposal_outcome = 'unfavourable', proposal_text = 'Les informations reçues ne suffisent pas.' WHERE id = 1`).run();
    expect(listItemFacts(db, 1)[0]).toMatchObject({ proposalOutcome: 'favourable', proposalText: 'Dossier complet.' });
    // Replacing the opinion during the meeting takes the proposal as it then stands.
    writeOpinion(db, { ...opinion, outcome: 'unfavourable', motivation: 'Insuffisant.' });
    expect(listItemFacts(db, 1)[0]).toMatchObject({ proposalOutcome: 'unfavourable', proposalText: 'Les informations reçues ne suffisent pas.' });
    db.close();
  });
});
