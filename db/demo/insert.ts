/**
 * Writes the demo world into the workspace database: one prepared statement per table, rows in
 * id order, inside the caller's transaction (Workspace.create opens it).
 */
import { SECTORS } from '../../resources/demo/operators';
import type { Db } from '../open';
import type { DocumentRef } from './model';
import type { World } from './world';

const bit = (value: boolean) => (value ? 1 : 0);
const stamp = (date: string, time: string) => `${date}T${time}.000Z`;

export function insertWorld(db: Db, world: World, documents: readonly DocumentRef[]): void {
  const statement = (sql: string) => db.prepare(sql);

  const member = statement(
    `INSERT INTO members (id, full_name, organisation, organisation_kind, role, voting, email, active_from, active_to)
     VALUES (@id, @fullName, @organisation, @organisationKind, @role, @voting, @email, @activeFrom, @activeTo)`,
  );
  for (const m of world.members) {
    member.run({
      id: m.id,
      fullName: `${m.firstName} ${m.lastName}`,
      organisation: m.organisation,
      organisationKind: m.organisationKind,
      role: m.role,
      voting: bit(m.voting),
      email: m.email,
      activeFrom: m.activeFrom,
      activeTo: m.activeTo,
    });
  }

  const operator = statement(
    `INSERT INTO operators (id, bce, name, legal_form, social_enterprise, street, postcode, commune, province, sector, created_at, updated_at)
     VALUES (@id, @bce, @name, @legalForm, @socialEnterprise, @street, @postcode, @commune, @province, @sector, @createdAt, @updatedAt)`,
  );
  for (const o of world.operators) {
    // Operators known before the demo's window were recorded at its start; newcomers with their first dossier.
    const established = o.agrements.some((a) => a.firstGrantedOn !== null && a.firstGrantedOn < world.windowStart);
    const firstDossier = o.dossiers.map((d) => d.receivedOn).sort()[0];
    const first = established || !firstDossier ? (firstDossier && firstDossier < world.windowStart ? firstDossier : world.windowStart) : firstDossier;
    const last = o.dossiers.map((d) => d.updatedOn).sort().at(-1) ?? first;
    operator.run({
      id: o.id,
      bce: o.bce,
      name: o.name,
      legalForm: o.legalForm,
      socialEnterprise: bit(o.socialEnterprise),
      street: o.street,
      postcode: o.commune.postcode,
      commune: o.commune.name,
      province: o.commune.province,
      sector: SECTORS[o.sector].label,
      createdAt: stamp(first, '08:00:00'),
      updatedAt: stamp(last > first ? last : first, '16:00:00'),
    });
  }

  const agrement = statement(
    `INSERT INTO agrements (id, operator_id, scheme, number, status, first_granted_on)
     VALUES (@id, @operatorId, @scheme, @number, @status, @firstGrantedOn)`,
  );
  const period = statement(
    `INSERT INTO agrement_periods (agrement_id, start_on, end_on, term) VALUES (@agrementId, @startOn, @endOn, @term)`,
  );
  const activity = statement(
    `INSERT INTO agrement_activities (agrement_id, activity, since_on, precarious_only) VALUES (@agrementId, @activity, @sinceOn, @precariousOnly)`,
  );
  for (const a of world.agrements) {
    agrement.run({ id: a.id, operatorId: a.operator.id, scheme: a.scheme, number: a.number, status: a.status, firstGrantedOn: a.firstGrantedOn });
    for (const p of a.periods) period.run({ agrementId: a.id, startOn: p.startOn, endOn: p.endOn, term: p.term });
    if (a.scheme === 'IDESS') {
      for (const x of a.activities) {
        const sinceOn = x.sinceOn || a.firstGrantedOn || a.operator.dossiers[0]?.receivedOn || world.windowStart;
        const precariousOnly = x.precariousOnly === undefined || x.precariousOnly === null ? null : bit(x.precariousOnly);
        activity.run({ agrementId: a.id, activity: x.activity, sinceOn, precariousOnly });
      }
    }
  }

  const session = statement(
    `INSERT INTO sessions (id, number, held_on, starts_at, place, status, closed_at)
     VALUES (@id, @number, @heldOn, @startsAt, @place, @status, @closedAt)`,
  );
  for (const s of world.sessions) {
    session.run({
      id: s.id,
      number: s.number,
      heldOn: s.heldOn,
      startsAt: s.startsAt,
      place: s.place,
      // A past session with nothing on its agenda was cancelled.
      status: s.upcoming ? 'planned' : s.items.length === 0 ? 'cancelled' : 'closed',
      closedAt: s.upcoming || s.items.length === 0 ? null : stamp(s.heldOn, s.startsAt === '09:30' ? '11:45:00' : '15:10:00'),
    });
  }

  const dossier = statement(
    `INSERT INTO dossiers (id, reference, operator_id, agrement_id, scheme, kind, status, subject, received_on, complete_on,
       opinion_due_on, report_year, proposal_outcome, proposal_text, created_at, updated_at)
     VALUES (@id, @reference, @operatorId, @agrementId, @scheme, @kind, @status, @subject, @receivedOn, @completeOn,
       @opinionDueOn, @reportYear, @proposalOutcome, @proposalText, @createdAt, @updatedAt)`,
  );
  const event = statement(
    `INSERT INTO dossier_events (dossier_id, occurred_on, kind, title, detail) VALUES (@dossierId, @occurredOn, @kind, @title, @detail)`,
  );
  for (const d of world.dossiers) {
    dossier.run({
      id: d.id,
      reference: d.reference,
      operatorId: d.operator.id,
      agrementId: d.agrement?.id ?? null,
      scheme: d.scheme,
      kind: d.kind,
      status: d.status,
      subject: d.subject,
      receivedOn: d.receivedOn,
      completeOn: d.completeOn,
      opinionDueOn: d.opinionDueOn,
      reportYear: d.reportYear,
      proposalOutcome: d.proposalOutcome,
      proposalText: d.proposalText,
      createdAt: stamp(d.receivedOn, '08:30:00'),
      updatedAt: stamp(d.events.reduce((latest, e) => (e.occurredOn > latest ? e.occurredOn : latest), d.updatedOn), '16:00:00'),
    });
    for (const e of d.events) event.run({ dossierId: d.id, occurredOn: e.occurredOn, kind: e.kind, title: e.title, detail: e.detail });
  }

  const report = statement(
    `INSERT INTO activity_reports (id, operator_id, dossier_id, scheme, year, due_on, received_on, headcount, fte_total,
       target_fte_td, target_fte_tgd, target_fte_sine, target_fte_art60, target_fte_art61, target_headcount, target_hires,
       cdi_within_6_months, part_time_below_half, lowest_fte_pay_cents, highest_fte_pay_cents, accompaniment_fte,
       training_plan, training_hours, yearly_evaluations, worker_participation, wage_cost_cents, subsidy_td_cents,
       subsidy_tgd_cents, other_subsidies_cents, turnover_cents, operating_result_cents, ac_projects_supported,
       ac_enterprises_created, ac_jobs_created_fte)
     VALUES (@id, @operatorId, @dossierId, @scheme, @year, @dueOn, @receivedOn, @headcount, @fteTotal,
       @targetFteTd, @targetFteTgd, @targetFteSine, @targetFteArt60, @targetFteArt61, @targetHeadcount, @targetHires,
       @cdiWithin6Months, @partTimeBelowHalf, @lowestFtePayCents, @highestFtePayCents, @accompanimentFte,
       @trainingPlan, @trainingHours, @yearlyEvaluations, @workerParticipation, @wageCostCents, @subsidyTdCents,
       @subsidyTgdCents, @otherSubsidiesCents, @turnoverCents, @operatingResultCents, @acProjectsSupported,
       @acEnterprisesCreated, @acJobsCreatedFte)`,
  );
  for (const r of world.reports) {
    report.run({
      id: r.id,
      operatorId: r.operator.id,
      dossierId: r.dossier?.id ?? null,
      scheme: r.scheme,
      year: r.year,
      dueOn: r.dueOn,
      receivedOn: r.receivedOn,
      ...r.figures,
    });
  }

  const inspection = statement(
    `INSERT INTO inspections (id, operator_id, dossier_id, inspected_on, inspector, scope, conclusion)
     VALUES (@id, @operatorId, @dossierId, @inspectedOn, @inspector, @scope, @conclusion)`,
  );
  const finding = statement(
    `INSERT INTO findings (id, inspection_id, severity, description, follow_up_due_on, resolved_on)
     VALUES (@id, @inspectionId, @severity, @description, @followUpDueOn, @resolvedOn)`,
  );
  for (const i of world.inspections) {
    inspection.run({
      id: i.id,
      operatorId: i.operator.id,
      dossierId: i.dossier?.id ?? null,
      inspectedOn: i.inspectedOn,
      inspector: i.inspector,
      scope: i.scope,
      conclusion: i.conclusion,
    });
    for (const f of i.findings) {
      finding.run({ id: f.id, inspectionId: i.id, severity: f.severity, description: f.description, followUpDueOn: f.followUpDueOn, resolvedOn: f.resolvedOn });
    }
  }

  const document = statement(
    `INSERT INTO documents (id, dossier_id, sha256, title, kind, document_date, filename, media_type, size_bytes, text_content, added_at)
     VALUES (@id, @dossierId, @sha256, @title, @kind, @documentDate, @filename, 'application/pdf', @sizeBytes, @textContent, @addedAt)`,
  );
  for (const doc of documents) {
    document.run({
      id: doc.id,
      dossierId: doc.dossier.id,
      sha256: doc.sha256,
      title: doc.title,
      kind: doc.kind,
      documentDate: doc.documentDate,
      filename: doc.filename,
      sizeBytes: doc.sizeBytes,
      textContent: doc.textContent,
      addedAt: doc.addedAt,
    });
  }

  const item = statement(
    `INSERT INTO agenda_items (id, session_id, dossier_id, section, position, rapporteur_member_id, hearing_at)
     VALUES (@id, @sessionId, @dossierId, @section, @position, @rapporteurId, @hearingAt)`,
  );
  const attendance = statement(`INSERT INTO attendance (session_id, member_id, status) VALUES (@sessionId, @memberId, @status)`);
  const recusal = statement(`INSERT INTO recusals (agenda_item_id, member_id, reason) VALUES (@itemId, @memberId, @reason)`);
  const preparation = statement(
    `INSERT INTO preparations (member_id, agenda_item_id, status, draft_outcome, updated_at)
     VALUES (@memberId, @itemId, @status, @draftOutcome, @updatedAt)`,
  );
  const opinion = statement(
    `INSERT INTO opinions (id, agenda_item_id, dossier_id, outcome, conditions, motivation, consensus, votes_for, votes_against,
       votes_abstain, given_on)
     VALUES (@id, @itemId, @dossierId, @outcome, @conditions, @motivation, @consensus, @votesFor, @votesAgainst,
       @votesAbstain, @givenOn)`,
  );
  const amendment = statement(
    `INSERT INTO opinion_amendments (opinion_id, amended_on, reason, outcome, conditions, motivation)
     VALUES (@opinionId, @amendedOn, @reason, @outcome, @conditions, @motivation)`,
  );
  for (const s of world.sessions) {
    for (const [m, status] of [...s.attendance.entries()].sort((a, b) => a[0].id - b[0].id)) {
      attendance.run({ sessionId: s.id, memberId: m.id, status });
    }
    for (const i of s.items) {
      item.run({
        id: i.id,
        sessionId: s.id,
        dossierId: i.dossier.id,
        section: i.section,
        position: i.position,
        rapporteurId: i.rapporteur?.id ?? null,
        hearingAt: i.hearingAt,
      });
      for (const r of i.recusals) recusal.run({ itemId: i.id, memberId: r.member.id, reason: r.reason });
      for (const p of i.preparations) {
        preparation.run({ memberId: p.member.id, itemId: i.id, status: p.status, draftOutcome: p.draftOutcome, updatedAt: p.updatedAt });
      }
      const o = i.opinion;
      if (!o) continue;
      opinion.run({
        id: o.id,
        itemId: i.id,
        dossierId: i.dossier.id,
        outcome: o.outcome,
        conditions: o.conditions,
        motivation: o.motivation,
        consensus: bit(o.consensus),
        votesFor: o.votesFor,
        votesAgainst: o.votesAgainst,
        votesAbstain: o.votesAbstain,
        givenOn: o.givenOn,
      });
      if (o.amendment) amendment.run({ opinionId: o.id, ...o.amendment });
    }
  }

  const conflict = statement(
    `INSERT INTO conflicts (id, member_id, operator_id, kind, declared_on, note) VALUES (@id, @memberId, @operatorId, @kind, @declaredOn, @note)`,
  );
  for (const c of world.conflicts) {
    conflict.run({ id: c.id, memberId: c.member.id, operatorId: c.operator.id, kind: c.kind, declaredOn: c.declaredOn, note: c.note });
  }

  const note = statement(
    `INSERT INTO notes (id, dossier_id, author_member_id, visibility, body, created_at, updated_at)
     VALUES (@id, @dossierId, @authorId, @visibility, @body, @createdAt, @createdAt)`,
  );
  const notes = [...world.notes].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.dossier.id - b.dossier.id));
  notes.forEach((n, index) => {
    n.id = index + 1;
    note.run({ id: n.id, dossierId: n.dossier.id, authorId: n.author?.id ?? null, visibility: n.visibility, body: n.body, createdAt: n.createdAt });
  });

  const decision = statement(
    `INSERT INTO decisions (id, dossier_id, kind, term, decided_on, notified_on, reference, note)
     VALUES (@id, @dossierId, @kind, @term, @decidedOn, @notifiedOn, @reference, @note)`,
  );
  const decisions = world.dossiers.flatMap((d) => (d.decision ? [{ d, decision: d.decision }] : [])).sort((a, b) => a.decision.id - b.decision.id);
  for (const { d, decision: x } of decisions) {
    decision.run({ id: x.id, dossierId: d.id, kind: x.kind, term: x.term, decidedOn: x.decidedOn, notifiedOn: x.notifiedOn, reference: x.reference, note: x.note });
  }

  const deadline = statement(
    `INSERT INTO deadlines (id, operator_id, dossier_id, kind, due_on, description, done_on)
     VALUES (@id, @operatorId, @dossierId, @kind, @dueOn, @description, @doneOn)`,
  );
  for (const x of world.deadlines) {
    deadline.run({ id: x.id, operatorId: x.operator.id, dossierId: x.dossier?.id ?? null, kind: x.kind, dueOn: x.dueOn, description: x.description, doneOn: x.doneOn });
  }
}
