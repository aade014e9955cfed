/**
 * Test data for the dossier page's queries and handler: one EI operator with an agrément over
 * two periods, three yearly reports (each with its dossier), an inspection dossier with findings,
 * an opinion (amended later) and a decision, open and closed deadlines; plus another operator
 * whose facts must never leak into the first one's page.
 */
import { bceFromBase } from '../../shared/bce';
import type { Db } from '../open';

export const FIXTURE_NOW = '2026-11-01T09:00:00.000Z';

export interface ReviewFixture {
  operatorId: number;
  otherOperatorId: number;
  agrementId: number;
  reportDossiers: Record<2023 | 2024 | 2025, number>;
  inspectionDossierId: number;
  renewalDossierId: number;
  otherDossierId: number;
  inspectionId: number;
  findingIds: { critical: number; minor: number; resolved: number };
}

export function seedReviewFixture(db: Db): ReviewFixture {
  const now = FIXTURE_NOW;
  const insertOperator = db.prepare(
    `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
     VALUES (?, ?, 'SC', 1, '5000', 'Namur', 'NA', 'ressourcerie', ?, ?)`,
  );
  const operatorId = Number(insertOperator.run(bceFromBase('04642813'), 'Ressourcerie du Val SC', now, now).lastInsertRowid);
  const otherOperatorId = Number(insertOperator.run(bceFromBase('04000002'), 'Autre opérateur SC', now, now).lastInsertRowid);

  const agrementId = Number(
    db
      .prepare(`INSERT INTO agrements (operator_id, scheme, number, status, first_granted_on) VALUES (?, 'EI', 'EI-017', 'active', '2021-03-01')`)
      .run(operatorId).lastInsertRowid,
  );
  const period = db.prepare(`INSERT INTO agrement_periods (agrement_id, start_on, end_on, term) VALUES (?, ?, ?, ?)`);
  period.run(agrementId, '2021-03-01', '2023-02-28', '2y');
  period.run(agrementId, '2023-03-01', '2027-02-28', '4y');

  const insertDossier = db.prepare(
    `INSERT INTO dossiers (reference, operator_id, agrement_id, scheme, kind, status, subject, received_on, report_year,
                           proposal_outcome, proposal_text, created_at, updated_at)
     VALUES (@reference, @operatorId, @agrementId, 'EI', @kind, @status, @subject, @receivedOn, @reportYear, @proposalOutcome, @proposalText, @now, @now)`,
  );
  const dossier = (fields: {
    reference: string;
    kind: string;
    status: string;
    receivedOn: string;
    reportYear?: number;
    operatorId?: number;
    proposalOutcome?: string;
    proposalText?: string;
  }) =>
    Number(
      insertDossier.run({
        operatorId,
        agrementId,
        subject: `Objet ${fields.reference}`,
        reportYear: null,
        proposalOutcome: null,
        proposalText: null,
        now,
        ...fields,
      }).lastInsertRowid,
    );
  const reportDossiers = {
    2023: dossier({ reference: 'EI-2024-0001', kind: 'activity_report', status: 'closed', receivedOn: '2024-06-20', reportYear: 2023 }),
    2024: dossier({ reference: 'EI-2025-0001', kind: 'activity_report', status: 'decided', receivedOn: '2025-06-18', reportYear: 2024 }),
    2025: dossier({
      reference: 'EI-2026-0001',
      kind: 'activity_report',
      status: 'scheduled',
      receivedOn: '2026-06-15',
      reportYear: 2025,
      proposalOutcome: 'noted',
      proposalText: 'Prise d’acte proposée.',
    }),
  };
  const inspectionDossierId = dossier({ reference: 'EI-2026-0002', kind: 'inspection', status: 'received', receivedOn: '2026-09-01' });
  const renewalDossierId = dossier({ reference: 'EI-2022-0003', kind: 'renewal', status: 'decided', receivedOn: '2022-09-01' });
  const otherDossierId = dossier({ reference: 'EI-2026-0099', kind: 'agrement', status: 'received', receivedOn: '2026-10-01', operatorId: otherOperatorId });

  const insertReport = db.prepare(
    `INSERT INTO activity_reports (operator_id, dossier_id, scheme, year, due_on, received_on, headcount, fte_total, target_fte_td,
                                   target_fte_tgd, lowest_fte_pay_cents, highest_fte_pay_cents, training_plan)
     VALUES (?, ?, 'EI', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  insertReport.run(operatorId, reportDossiers[2023], 2023, '2024-07-15', '2024-06-20', 12, 10, 3, 1, 2_400_000, 6_000_000);
  insertReport.run(operatorId, reportDossiers[2024], 2024, '2025-07-15', '2025-06-18', 14, 12, 4, 2, 2_500_000, 7_000_000);
  insertReport.run(operatorId, reportDossiers[2025], 2025, '2026-07-15', '2026-06-15', 15, 12.5, 5, 2, 2_600_000, 11_000_000);
  insertReport.run(otherOperatorId, null, 2025, '2026-07-15', '2026-06-01', 99, 99, 1, 1, 1, 2);

  // The session of the renewal and its opinion, amended after the session was closed; the decision.
  const sessionId = Number(db.prepare(`INSERT INTO sessions (number, held_on, status) VALUES (140, '2022-11-10', 'closed')`).run().lastInsertRowid);
  const itemId = Number(
    db.prepare(`INSERT INTO agenda_items (session_id, dossier_id, section, position) VALUES (?, ?, 'renewals', 1)`).run(sessionId, renewalDossierId)
      .lastInsertRowid,
  );
  const opinionId = Number(
    db
      .prepare(
        `INSERT INTO opinions (agenda_item_id, dossier_id, outcome, conditions, motivation, consensus, votes_for, votes_against, votes_abstain, given_on)
         VALUES (?, ?, 'favourable_conditions', 'Engager un accompagnateur social.', 'Accompagnement insuffisant.', 0, 6, 1, 1, '2022-11-10')`,
      )
      .run(itemId, renewalDossierId).lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO opinion_amendments (opinion_id, amended_on, reason, outcome, conditions, motivation)
     VALUES (?, '2022-12-01', 'Erreur matérielle.', 'favourable_conditions', 'Engager un accompagnateur social dans les six mois.', 'Accompagnement insuffisant.')`,
  ).run(opinionId);
  db.prepare(
    `INSERT INTO decisions (dossier_id, kind, term, decided_on, notified_on, reference) VALUES (?, 'renew', '4y', '2022-12-15', '2022-12-20', 'AM/EI/2022/007')`,
  ).run(renewalDossierId);

  const inspectionId = Number(
    db
      .prepare(
        `INSERT INTO inspections (operator_id, dossier_id, inspected_on, inspector, scope, conclusion) VALUES (?, ?, '2026-08-20', 'Marc Lhoest', 'Public cible', 'Manquements')`,
      )
      .run(operatorId, inspectionDossierId).lastInsertRowid,
  );
  const finding = db.prepare(`INSERT INTO findings (inspection_id, severity, description, follow_up_due_on, resolved_on) VALUES (?, ?, ?, ?, ?)`);
  const findingIds = {
    minor: Number(finding.run(inspectionId, 'minor', 'Registre du personnel incomplet.', '2026-12-31', null).lastInsertRowid),
    critical: Number(finding.run(inspectionId, 'critical', 'Subventions TD indûment perçues.', '2026-10-01', null).lastInsertRowid),
    resolved: Number(finding.run(inspectionId, 'major', 'Contrats non CDI.', '2026-09-30', '2026-09-15').lastInsertRowid),
  };

  const deadline = db.prepare(`INSERT INTO deadlines (operator_id, dossier_id, kind, due_on, description, done_on) VALUES (?, ?, ?, ?, ?, ?)`);
  deadline.run(operatorId, inspectionDossierId, 'opinion_due', '2026-12-10', 'Avis attendu', null);
  deadline.run(operatorId, inspectionDossierId, 'condition_follow_up', '2026-01-10', 'Déjà fait', '2026-01-05');
  deadline.run(operatorId, null, 'agrement_expires', '2027-02-28', 'Agrément EI expire', null);
  deadline.run(operatorId, reportDossiers[2024], 'opinion_due', '2025-09-01', 'Autre dossier', null);
  deadline.run(otherOperatorId, null, 'report_due', '2026-07-15', 'Pas cet opérateur', null);

  db.prepare(`INSERT INTO dossier_events (dossier_id, occurred_on, kind, title) VALUES (?, '2026-09-01', 'received', 'Dossier reçu')`).run(inspectionDossierId);

  return {
    operatorId,
    otherOperatorId,
    agrementId,
    reportDossiers,
    inspectionDossierId,
    renewalDossierId,
    otherDossierId,
    inspectionId,
    findingIds,
  };
}
