import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import { addDays } from '../../shared/calendar';
import { parseRuleBook } from '../../shared/compliance';
import { openDatabase, type Db } from '../open';
import { deadlineParameters, deadlineRulesOf, deadlinesSql, listDeadlines, pageOfDeadlines, type DeadlineQuery, type DeadlineRules } from './deadlines';

const TODAY = '2026-11-22';
const NOW = '2026-11-01T09:00:00.000Z';

/** The rule book shipped with the app (resources/rules/thresholds.json). */
const BOOK = parseRuleBook(JSON.parse(readFileSync(join(__dirname, '../../resources/rules/thresholds.json'), 'utf8')));
const RULES: DeadlineRules = deadlineRulesOf(BOOK, TODAY);

let dir: string;
let db: Db;
let seq = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-deadlines-'));
  db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  seq = 0;
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function operator(name: string): number {
  seq += 1;
  return Number(
    db
      .prepare(
        `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
         VALUES (?, ?, 'SC', 1, '5000', 'Namur', 'NA', 'ressourcerie', ?, ?)`,
      )
      .run(bceFromBase(String(4_000_000 + seq).padStart(8, '0')), name, NOW, NOW).lastInsertRowid,
  );
}

/** An agrément with its periods (the last one is current); reports are added separately. */
function agrement(operatorId: number, scheme: string, number: string, firstGrantedOn: string, periods: [string, string | null][], status = 'active'): number {
  const id = Number(
    db
      .prepare(`INSERT INTO agrements (operator_id, scheme, number, status, first_granted_on) VALUES (?, ?, ?, ?, ?)`)
      .run(operatorId, scheme, number, status, firstGrantedOn).lastInsertRowid,
  );
  for (const [startOn, endOn] of periods) {
    db.prepare(`INSERT INTO agrement_periods (agrement_id, start_on, end_on, term) VALUES (?, ?, ?, ?)`).run(id, startOn, endOn, endOn === null ? 'indefinite' : '4y');
  }
  return id;
}

/** Every report year 2024–2026 received, so that only what a test adds is due. */
function allReportsReceived(operatorId: number, scheme: string, except: number[] = []): void {
  for (const year of [2024, 2025, 2026].filter((y) => !except.includes(y))) {
    db.prepare(`INSERT INTO activity_reports (operator_id, scheme, year, due_on, received_on) VALUES (?, ?, ?, ?, ?)`).run(
      operatorId,
      scheme,
      year,
      `${year + 1}-07-15`,
      `${year + 1}-06-30` > TODAY ? TODAY : `${year + 1}-06-30`,
    );
  }
}

function dossier(operatorId: number, fields: { reference: string; scheme: string; kind: string; status: string; receivedOn: string; agrementId?: number; opinionDueOn?: string }): number {
  return Number(
    db
      .prepare(
        `INSERT INTO dossiers (reference, operator_id, agrement_id, scheme, kind, status, subject, received_on, opinion_due_on, created_at, updated_at)
         VALUES (@reference, @operatorId, @agrementId, @scheme, @kind, @status, 'Objet', @receivedOn, @opinionDueOn, @now, @now)`,
      )
      .run({ operatorId, agrementId: null, opinionDueOn: null, now: NOW, ...fields }).lastInsertRowid,
  );
}

const query = (overrides: Partial<DeadlineQuery> = {}): DeadlineQuery => ({ today: TODAY, horizonDays: 180, state: 'all', ...overrides });
const list = (overrides: Partial<DeadlineQuery> = {}) => listDeadlines(db, query(overrides), RULES);
const counts = (q: DeadlineQuery) => {
  const { total, overdue } = pageOfDeadlines(db, q, RULES, { limit: 1 });
  return { total, overdue };
};
const summary = (overrides: Partial<DeadlineQuery> = {}) => list(overrides).map((d) => `${d.kind} ${d.dueOn}${d.overdue ? ' (en retard)' : ''}`);

describe('the thresholds, from the rule book', () => {
  it('takes the report due date (15 July N+1), the renewal windows (240 / 180 days) and the appeal delay (60 days) from the thresholds file', () => {
    expect(RULES.appealDays).toBe(60);
    expect(RULES.reports.filter((r) => r.scheme === 'EI')).toEqual([
      { scheme: 'EI', year: 2024, dueOn: '2025-07-15' },
      { scheme: 'EI', year: 2025, dueOn: '2026-07-15' },
      { scheme: 'EI', year: 2026, dueOn: '2027-07-15' },
    ]);
    expect(RULES.windows).toEqual(
      expect.arrayContaining([
        { scheme: 'IES', openDaysBeforeExpiry: 240, closeDaysBeforeExpiry: 180 },
        { scheme: 'EI', openDaysBeforeExpiry: 240, closeDaysBeforeExpiry: 180 },
      ]),
    );
  });

  it('follows another thresholds file: other windows, another report day, another appeal delay', () => {
    const other = structuredClone(BOOK);
    other.appeal.days = 30;
    for (const regime of other.regimes) {
      regime.report.dueMonthDay = '06-30';
      if (regime.renewalWindow) Object.assign(regime.renewalWindow, { openDaysBeforeExpiry: 120, closeDaysBeforeExpiry: 90 });
    }
    const rules = deadlineRulesOf(other, TODAY);
    const op = operator('Autres seuils SC');
    agrement(op, 'EI', 'EI-500', '2019-01-01', [['2023-01-01', addDays(TODAY, 120)]]);
    allReportsReceived(op, 'EI', [2025]);
    const refused = dossier(op, { reference: 'EI-2026-0500', scheme: 'EI', kind: 'agrement', status: 'decided', receivedOn: '2026-03-01' });
    db.prepare(`INSERT INTO decisions (dossier_id, kind, decided_on, notified_on) VALUES (?, 'refuse', '2026-11-01', '2026-11-02')`).run(refused);
    expect(listDeadlines(db, query(), rules).map((d) => `${d.kind} ${d.dueOn}`)).toEqual([
      'report_due 2026-06-30', // the 2025 report, missing: due on the file's day of 2026
      `renewal_window_opens ${TODAY}`,
      'appeal_window 2026-12-02',
      `renewal_window_closes ${addDays(TODAY, 30)}`,
      `agrement_expires ${addDays(TODAY, 120)}`,
    ]);
    // A report recorded (not received) is due on the file's day too, whatever date was stored with it.
    db.prepare(`INSERT INTO activity_reports (operator_id, scheme, year, due_on) VALUES (?, 'EI', 2025, '2026-07-15')`).run(op);
    expect(listDeadlines(db, query({ kinds: ['report_due'] }), rules).map((d) => `${d.reportYear} ${d.dueOn}`)).toEqual(['2025 2026-06-30']);
    expect(listDeadlines(db, query({ kinds: ['report_due'] }), RULES).map((d) => `${d.reportYear} ${d.dueOn}`)).toEqual(['2025 2026-07-15']);
  });

  it('keeps the stored due date of a recorded report of a year the file has no regime for', () => {
    const op = operator('Ancien régime SC');
    agrement(op, 'IES', 'IES-001', '2001-01-01', [['2001-01-01', null]]);
    db.prepare(`INSERT INTO activity_reports (operator_id, scheme, year, due_on) VALUES (?, 'IES', 2005, '2006-09-30')`).run(op);
    expect(listDeadlines(db, query({ kinds: ['report_due'], horizonDays: null }), RULES).filter((d) => d.reportYear === 2005).map((d) => d.dueOn)).toEqual([
      '2006-09-30',
    ]);
  });
});

describe('report_due', () => {
  it('lists a recorded report not received by its due date, overdue after 15 July N+1, and drops it once received', () => {
    const op = operator('Ressourcerie du Val SC');
    const agr = agrement(op, 'EI', 'EI-017', '2019-03-01', [['2023-03-01', null]]);
    allReportsReceived(op, 'EI', [2025]);
    const reportDossier = dossier(op, { reference: 'EI-2026-0001', scheme: 'EI', kind: 'activity_report', status: 'received', receivedOn: '2026-05-01', agrementId: agr });
    db.prepare(`INSERT INTO activity_reports (operator_id, dossier_id, scheme, year, due_on) VALUES (?, ?, 'EI', 2025, '2026-07-15')`).run(op, reportDossier);

    expect(list()).toEqual([
      {
        key: `report:${op}:EI:2025`,
        kind: 'report_due',
        dueOn: '2026-07-15',
        daysLeft: -130,
        overdue: true,
        operatorId: op,
        operatorName: 'Ressourcerie du Val SC',
        scheme: 'EI',
        agrementNumber: 'EI-017',
        dossierId: reportDossier,
        dossierReference: 'EI-2026-0001',
        reportYear: 2025,
        detail: '',
      },
    ]);
    db.prepare(`UPDATE activity_reports SET received_on = '2026-11-20' WHERE year = 2025`).run();
    expect(list()).toEqual([]);
  });

  it('lists a missing report for each year the agrément was in force by 31 December, due 15 July of the next year', () => {
    const old = operator('Ancien SC');
    agrement(old, 'IES', 'IES-001', '2015-01-01', [['2019-01-01', null]]);
    const lastDay = operator('Accordé le 31 décembre ASBL');
    agrement(lastDay, 'IES', 'IES-002', '2025-12-31', [['2025-12-31', '2027-12-30']]);
    const recent = operator('Accordé en 2026 ASBL');
    agrement(recent, 'IDESS', 'IDESS-003', '2026-01-01', [['2026-01-01', '2028-01-01']]);
    const gone = operator('Agrément retiré SC');
    agrement(gone, 'IES', 'IES-004', '2015-01-01', [['2019-01-01', null]], 'withdrawn');

    const reports = listDeadlines(db, query({ horizonDays: 365, kinds: ['report_due'] }), RULES).map((d) => [d.operatorName, d.reportYear, d.dueOn, d.overdue, d.agrementNumber]);
    expect(reports).toEqual([
      ['Ancien SC', 2024, '2025-07-15', true, 'IES-001'],
      ['Accordé le 31 décembre ASBL', 2025, '2026-07-15', true, 'IES-002'],
      ['Ancien SC', 2025, '2026-07-15', true, 'IES-001'],
      ['Accordé en 2026 ASBL', 2026, '2027-07-15', false, 'IDESS-003'],
      ['Accordé le 31 décembre ASBL', 2026, '2027-07-15', false, 'IES-002'],
      ['Ancien SC', 2026, '2027-07-15', false, 'IES-001'],
    ]);
    // A report recorded (even not received) replaces the missing one: never both.
    db.prepare(`INSERT INTO activity_reports (operator_id, scheme, year, due_on, received_on) VALUES (?, 'IES', 2024, '2025-07-15', '2025-07-16')`).run(old);
    expect(list({ kinds: ['report_due'] }).map((d) => d.key)).toEqual([`report:${lastDay}:IES:2025`, `report:${old}:IES:2025`]);
  });

  it('is overdue from 16 July, not on 15 July itself', () => {
    const op = operator('Opérateur SC');
    agrement(op, 'EI', 'EI-001', '2019-01-01', [['2023-01-01', null]]);
    allReportsReceived(op, 'EI', [2025]);
    expect(listDeadlines(db, query({ today: '2026-07-15' }), RULES).map((d) => [d.dueOn, d.daysLeft, d.overdue])).toEqual([['2026-07-15', 0, false]]);
    expect(listDeadlines(db, query({ today: '2026-07-16' }), RULES).map((d) => [d.dueOn, d.daysLeft, d.overdue])).toEqual([['2026-07-15', -1, true]]);
  });
});

describe('renewal windows and expiry', () => {
  it('opens the window 240 days and closes it 180 days before the end of the current period', () => {
    const op = operator('Fenêtre SC');
    const end = addDays(TODAY, 240);
    agrement(op, 'EI', 'EI-240', '2019-01-01', [['2019-01-01', '2021-01-01'], ['2021-01-01', end]]);
    allReportsReceived(op, 'EI');
    expect(summary({ horizonDays: 365 })).toEqual([
      `renewal_window_opens ${TODAY}`,
      `renewal_window_closes ${addDays(TODAY, 60)}`,
      `agrement_expires ${end}`,
    ]);
    expect(list({ horizonDays: 365 })[0]).toMatchObject({ key: expect.stringMatching(/^period:\d+:opens$/), daysLeft: 0, agrementNumber: 'EI-240', dossierId: null });
  });

  it('stops listing the opening once passed, keeps the closing until the expiry, overdue from the day after 180 days', () => {
    const op = operator('Fenêtre SC');
    agrement(op, 'IES', 'IES-180', '2019-01-01', [['2023-01-01', addDays(TODAY, 180)]]);
    allReportsReceived(op, 'IES');
    expect(summary()).toEqual([`renewal_window_closes ${TODAY}`, `agrement_expires ${addDays(TODAY, 180)}`]);

    db.prepare(`UPDATE agrement_periods SET end_on = ?`).run(addDays(TODAY, 179));
    expect(summary()).toEqual([`renewal_window_closes ${addDays(TODAY, -1)} (en retard)`, `agrement_expires ${addDays(TODAY, 179)}`]);
  });

  it('drops both windows once a renewal is received after the period started, keeping the expiry', () => {
    const op = operator('Renouvelé SC');
    const agr = agrement(op, 'EI', 'EI-300', '2019-01-01', [['2023-01-01', addDays(TODAY, 200)]]);
    allReportsReceived(op, 'EI');
    // A renewal of the previous period does not count.
    dossier(op, { reference: 'EI-2022-0001', scheme: 'EI', kind: 'renewal', status: 'decided', receivedOn: '2022-06-01', agrementId: agr });
    expect(list({ horizonDays: 365 }).map((d) => d.kind)).toEqual(['renewal_window_closes', 'agrement_expires']);
    dossier(op, { reference: 'EI-2026-0009', scheme: 'EI', kind: 'renewal', status: 'received', receivedOn: '2026-11-02', agrementId: agr });
    expect(list({ horizonDays: 365 }).map((d) => d.kind)).toEqual(['agrement_expires']);
  });

  it('counts a renewal received on the period’s first day, and not one dated after today', () => {
    const op = operator('Renouvelé tôt SC');
    const agr = agrement(op, 'EI', 'EI-301', '2019-01-01', [['2023-01-01', addDays(TODAY, 200)]]);
    allReportsReceived(op, 'EI');
    // Dated ahead (a typing slip or a request announced): not a request yet.
    const ahead = dossier(op, { reference: 'EI-2026-0010', scheme: 'EI', kind: 'renewal', status: 'received', receivedOn: addDays(TODAY, 1), agrementId: agr });
    expect(list({ horizonDays: 365 }).map((d) => d.kind)).toEqual(['renewal_window_closes', 'agrement_expires']);
    db.prepare('UPDATE dossiers SET received_on = ? WHERE id = ?').run('2023-01-01', ahead);
    expect(list({ horizonDays: 365 }).map((d) => d.kind)).toEqual(['agrement_expires']);
    db.prepare('UPDATE dossiers SET received_on = ? WHERE id = ?').run('2022-12-31', ahead); // the day before: the previous period's
    expect(list({ horizonDays: 365 }).map((d) => d.kind)).toEqual(['renewal_window_closes', 'agrement_expires']);
  });

  it('has no window for a scheme whose regime has none, and says an agrément in force past its end is overdue', () => {
    const idess = operator('IDESS ASBL');
    agrement(idess, 'IDESS', 'IDESS-010', '2024-01-01', [['2024-01-01', addDays(TODAY, 100)]]);
    allReportsReceived(idess, 'IDESS');
    const expired = operator('Expiré SC');
    agrement(expired, 'EI', 'EI-020', '2019-01-01', [['2019-01-01', '2022-10-31'], ['2022-11-01', '2026-10-31']], 'suspended');
    allReportsReceived(expired, 'EI');
    const indefinite = operator('Indéterminé SC');
    agrement(indefinite, 'EI', 'EI-030', '2015-01-01', [['2015-01-01', '2017-01-01'], ['2017-01-01', null]]);
    allReportsReceived(indefinite, 'EI');
    const ended = operator('Échu SC');
    agrement(ended, 'EI', 'EI-040', '2015-01-01', [['2015-01-01', addDays(TODAY, 100)]], 'expired');
    allReportsReceived(ended, 'EI');

    expect(list().map((d) => `${d.operatorName}: ${d.kind} ${d.dueOn}${d.overdue ? ' (en retard)' : ''}`)).toEqual([
      'Expiré SC: agrement_expires 2026-10-31 (en retard)',
      `IDESS ASBL: agrement_expires ${addDays(TODAY, 100)}`,
    ]);
  });
});

describe('appeal windows, opinions due and follow-ups', () => {
  it('lists the appeal window of an adverse decision while it is open: notification + 60 days', () => {
    const op = operator('Recours SC');
    const refused = dossier(op, { reference: 'EI-2026-0100', scheme: 'EI', kind: 'agrement', status: 'decided', receivedOn: '2026-03-01' });
    const granted = dossier(op, { reference: 'EI-2026-0101', scheme: 'EI', kind: 'agrement', status: 'decided', receivedOn: '2026-03-01' });
    const decision = db.prepare(`INSERT INTO decisions (dossier_id, kind, decided_on, notified_on) VALUES (?, ?, ?, ?)`);
    decision.run(refused, 'refuse', '2026-10-20', '2026-10-23');
    decision.run(refused, 'withdrawal', '2026-09-01', '2026-09-22'); // window closed on 21/11
    decision.run(refused, 'suspension_total', '2026-09-01', '2026-09-23'); // closes today: still open
    decision.run(granted, 'grant', '2026-11-01', '2026-11-02');
    decision.run(granted, 'refuse', '2026-11-01', null); // not notified: the window has not started

    expect(list().map((d) => [d.kind, d.dueOn, d.daysLeft, d.dossierReference])).toEqual([
      ['appeal_window', TODAY, 0, 'EI-2026-0100'],
      ['appeal_window', '2026-12-22', 30, 'EI-2026-0100'],
    ]);
    expect(list({ state: 'overdue' })).toEqual([]);
  });

  it('lists the opinions due and not given, overdue or not, and forgets them once given', () => {
    const op = operator('Avis SC');
    const late = dossier(op, { reference: 'IES-2026-0001', scheme: 'IES', kind: 'agrement', status: 'scheduled', receivedOn: '2026-08-01', opinionDueOn: '2026-11-10' });
    dossier(op, { reference: 'IES-2026-0002', scheme: 'IES', kind: 'agrement', status: 'adjourned', receivedOn: '2026-08-01', opinionDueOn: '2026-12-10' });
    dossier(op, { reference: 'IES-2026-0003', scheme: 'IES', kind: 'agrement', status: 'opinion_given', receivedOn: '2026-08-01', opinionDueOn: '2026-11-01' });
    dossier(op, { reference: 'IES-2026-0004', scheme: 'IES', kind: 'agrement', status: 'closed', receivedOn: '2026-08-01', opinionDueOn: '2026-11-01' });

    expect(list().map((d) => [d.kind, d.dossierReference, d.overdue])).toEqual([
      ['opinion_due', 'IES-2026-0001', true],
      ['opinion_due', 'IES-2026-0002', false],
    ]);
    db.prepare(`UPDATE dossiers SET status = 'opinion_given' WHERE id = ?`).run(late);
    expect(list().map((d) => d.dossierReference)).toEqual(['IES-2026-0002']);
  });

  it('lists the follow-ups recorded and the findings to follow up, with their text, until done or resolved', () => {
    const op = operator('Suivi SC');
    const inspectionDossier = dossier(op, { reference: 'EI-2026-0200', scheme: 'EI', kind: 'inspection', status: 'received', receivedOn: '2026-09-01' });
    const insert = db.prepare(`INSERT INTO deadlines (operator_id, dossier_id, kind, due_on, description, done_on) VALUES (?, ?, ?, ?, ?, ?)`);
    insert.run(op, inspectionDossier, 'condition_follow_up', '2026-12-01', 'Engager un accompagnateur social.', null);
    insert.run(op, inspectionDossier, 'condition_follow_up', '2026-10-01', 'Déjà fait.', '2026-09-30');
    // Derived kinds written by an older demo are never read from the table.
    insert.run(op, null, 'report_due', '2026-07-15', 'Rapport (ancienne démo)', null);
    const inspection = Number(
      db.prepare(`INSERT INTO inspections (operator_id, dossier_id, inspected_on, inspector, scope) VALUES (?, ?, '2026-08-20', 'M. Lhoest', 'Public cible')`).run(op, inspectionDossier)
        .lastInsertRowid,
    );
    const finding = db.prepare(`INSERT INTO findings (inspection_id, severity, description, follow_up_due_on, resolved_on) VALUES (?, ?, ?, ?, ?)`);
    const open = Number(finding.run(inspection, 'critical', 'Subventions TD indûment perçues.', '2026-11-01', null).lastInsertRowid);
    finding.run(inspection, 'major', 'Contrats non CDI.', '2026-11-15', '2026-11-10');
    finding.run(inspection, 'minor', 'Sans date de suivi.', null, null);

    expect(list().map((d) => [d.key.split(':')[0], d.dueOn, d.overdue, d.detail, d.scheme, d.dossierReference])).toEqual([
      ['finding', '2026-11-01', true, 'Subventions TD indûment perçues.', 'EI', 'EI-2026-0200'],
      ['stored', '2026-12-01', false, 'Engager un accompagnateur social.', 'EI', 'EI-2026-0200'],
    ]);
    db.prepare(`UPDATE findings SET resolved_on = '2026-11-21' WHERE id = ?`).run(open);
    expect(list().map((d) => d.detail)).toEqual(['Engager un accompagnateur social.']);
  });
});

describe('filters, order, paging and counts', () => {
  /** Two operators with one deadline of several kinds each. */
  function seedMixed() {
    const a = operator('Atelier Zèbre SC');
    const b = operator('atelier Alpha ASBL');
    agrement(a, 'EI', 'EI-100', '2019-01-01', [['2023-01-01', addDays(TODAY, 200)]]);
    allReportsReceived(a, 'EI', [2025]);
    agrement(b, 'IDESS', 'IDESS-200', '2019-01-01', [['2023-01-01', addDays(TODAY, 200)]]);
    allReportsReceived(b, 'IDESS', [2025]);
    dossier(b, { reference: 'IDESS-2026-0001', scheme: 'IDESS', kind: 'renewal', status: 'ready', receivedOn: '2026-10-01', opinionDueOn: addDays(TODAY, 20) });
    return { a, b };
  }

  it('sorts by due date, then kind, then operator name (case ignored)', () => {
    seedMixed();
    expect(list({ horizonDays: 365 }).map((d) => `${d.dueOn} ${d.kind} ${d.operatorName}`)).toEqual([
      '2026-07-15 report_due atelier Alpha ASBL',
      '2026-07-15 report_due Atelier Zèbre SC',
      `${addDays(TODAY, 20)} renewal_window_closes Atelier Zèbre SC`,
      `${addDays(TODAY, 20)} opinion_due atelier Alpha ASBL`,
      `${addDays(TODAY, 200)} agrement_expires atelier Alpha ASBL`,
      `${addDays(TODAY, 200)} agrement_expires Atelier Zèbre SC`,
    ]);
  });

  it('filters by scheme, by kind, by state (overdue / upcoming) and by horizon', () => {
    const { a } = seedMixed();
    expect(list({ horizonDays: 365, schemes: ['EI'] }).every((d) => d.operatorId === a && d.scheme === 'EI')).toBe(true);
    expect(list({ horizonDays: 365, schemes: ['EI'] })).toHaveLength(3);
    expect(list({ horizonDays: 365, kinds: ['agrement_expires', 'opinion_due'] }).map((d) => d.kind)).toEqual(['opinion_due', 'agrement_expires', 'agrement_expires']);
    expect(list({ horizonDays: 365, schemes: ['IDESS'], kinds: ['report_due'] }).map((d) => d.operatorName)).toEqual(['atelier Alpha ASBL']);
    expect(list({ horizonDays: 365, state: 'overdue' }).map((d) => d.kind)).toEqual(['report_due', 'report_due']);
    expect(list({ horizonDays: 365, state: 'upcoming' }).every((d) => !d.overdue)).toBe(true);
    expect(list({ horizonDays: 365, state: 'upcoming' })).toHaveLength(4);
    // Horizon: upcoming ones up to N days ahead (inclusive); overdue ones always.
    expect(list({ horizonDays: 20 }).map((d) => d.kind)).toEqual(['report_due', 'report_due', 'renewal_window_closes', 'opinion_due']);
    expect(list({ horizonDays: 19 }).map((d) => d.kind)).toEqual(['report_due', 'report_due']);
    expect(list({ horizonDays: 199 }).map((d) => d.kind)).not.toContain('agrement_expires');
    expect(list({ horizonDays: 200 }).map((d) => d.kind)).toContain('agrement_expires');
  });

  it('pages through the same order, and counts the total and the overdue ones', () => {
    seedMixed();
    const all = list({ horizonDays: 365 });
    const pages = [0, 2, 4].flatMap((offset) => listDeadlines(db, query({ horizonDays: 365 }), RULES, { offset, limit: 2 }));
    expect(pages.map((d) => d.key)).toEqual(all.map((d) => d.key));
    expect(new Set(all.map((d) => d.key)).size).toBe(all.length);
    expect(counts(query({ horizonDays: 365 }))).toEqual({ total: 6, overdue: 2 });
    // Every page carries the counts of the whole list; a page past the end cannot.
    expect(pageOfDeadlines(db, query({ horizonDays: 365 }), RULES, { offset: 4, limit: 2 })).toMatchObject({ total: 6, overdue: 2 });
    expect(pageOfDeadlines(db, query({ horizonDays: 365 }), RULES, { offset: 6, limit: 2 })).toEqual({ rows: [], total: null, overdue: null });
    expect(counts(query({ horizonDays: 365, state: 'upcoming' }))).toEqual({ total: 4, overdue: 0 });
    expect(counts(query({ schemes: ['AC'] }))).toEqual({ total: 0, overdue: 0 });
  });

  it('gives one operator’s deadlines only when asked for an operator', () => {
    const { a, b } = seedMixed();
    expect(new Set(list({ horizonDays: null, operatorId: b }).map((d) => d.operatorId))).toEqual(new Set([b]));
    expect(list({ horizonDays: null, operatorId: a }).map((d) => d.kind)).toEqual(['report_due', 'renewal_window_closes', 'agrement_expires']);
    expect(counts(query({ horizonDays: null, operatorId: a }))).toEqual({ total: 3, overdue: 1 });
  });
});

describe('query plans', () => {
  const plan = (sql: string, params: Record<string, unknown>) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
  /**
   * A full scan of a table: anything scanned but the JSON parameters, the materialised current
   * periods (c), the union, and the partial index of the reports not received (only open rows; their
   * due date comes from the rule book, so it cannot be a range on the index).
   */
  const tableScans = (lines: string[]) =>
    lines.filter((line) => /^SCAN /.test(line) && !/VIRTUAL TABLE|^SCAN (c$|\(subquery)|^SCAN r USING INDEX activity_reports_open_due$/.test(line));

  it('reads every branch of the list through its index, never scanning a table', () => {
    for (const what of ['all', 'upcoming', 'overdue'] as const) {
      const detail = plan(deadlinesSql(false), deadlineParameters(query({ state: what }), RULES, { limit: 200 }));
      expect(tableScans(detail), what).toEqual([]);
      expect(detail, what).toContain('SEARCH o USING INTEGER PRIMARY KEY (rowid=?)');
      const joined = detail.join('\n');
      for (const index of ['activity_reports_open_due', 'findings_open_follow_up', 'dossiers_opinion_due', 'decisions_notified', 'agrements_in_force', 'deadlines_due']) {
        expect(joined, `${what} uses ${index}`).toContain(index);
      }
      // The renewal request is looked up by agrément, and the current periods are computed once.
      expect(joined).toContain('SEARCH d USING INDEX dossiers_agrement (agrement_id=?)');
      expect(joined.match(/MATERIALIZE current_periods/g)).toHaveLength(1);
    }
  });

  it('reads one operator’s deadlines through the operator indexes', () => {
    const detail = plan(deadlinesSql(true), deadlineParameters(query({ horizonDays: null, operatorId: 1 }), RULES));
    expect(tableScans(detail)).toEqual([]);
    const joined = detail.join('\n');
    for (const index of ['sqlite_autoindex_activity_reports_2 (operator_id=?)', 'agrements_operator (operator_id=?)', 'deadlines_operator (operator_id=?', 'inspections_operator (operator_id=?', 'dossiers_operator (operator_id=?']) {
      expect(joined).toContain(index);
    }
  });
});
