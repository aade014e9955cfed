import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import calendarData from '../../resources/calendar/fwb-school-holidays.json';
import { checkBce } from '../../shared/bce';
import { addDays, daysBetween, isoWeekday, parseSchoolCalendar, schoolHolidaysBetween, sessionBlock } from '../../shared/calendar';
import { openDatabase, type Db } from '../open';
import { setMeta } from '../queries/meta';
import { DEMO_DEFAULT_SEED, generateDemo, type DemoSummary } from './index';

const TODAY = '2026-11-22';
const temporary: string[] = [];

interface Demo {
  dir: string;
  db: Db;
  summary: DemoSummary;
  documentsDir: string;
}

function createDemo(options: { seed?: number; scale?: number; today?: string } = {}): Demo {
  const dir = mkdtempSync(join(tmpdir(), 'comes-demo-'));
  temporary.push(dir);
  const today = options.today ?? TODAY;
  const documentsDir = join(dir, 'documents');
  const db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
  // As Workspace.create does: the workspace's identity and the demo in one transaction.
  const summary = db.transaction(() => {
    setMeta(db, 'name', 'Secrétariat de la COMES — démonstration');
    setMeta(db, 'created_at', `${today}T08:00:00.000Z`);
    return generateDemo(db, { seed: options.seed ?? DEMO_DEFAULT_SEED, scale: options.scale ?? 1, today, documentsDir });
  })();
  return { dir, db, summary, documentsDir };
}

function tables(db: Db): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
}

function dump(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const name of tables(db)) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    // Some FTS shadow tables have no rowid: compare their rows as a sorted set.
    out[name] = (db.prepare(`SELECT * FROM ${quoted}`).raw().all() as unknown[][]).map((row) => JSON.stringify(row)).sort();
  }
  return out;
}

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const sub of readdirSync(dir).sort()) {
    for (const file of readdirSync(join(dir, sub)).sort()) {
      out[`${sub}/${file}`] = createHash('sha256').update(readFileSync(join(dir, sub, file))).digest('hex');
    }
  }
  return out;
}

const count = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

let demo: Demo;

beforeAll(() => {
  demo = createDemo();
});

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('demo generation is deterministic', () => {
  it('gives identical tables and files for the same seed, day and scale', () => {
    const again = createDemo();
    expect(dump(again.db)).toEqual(dump(demo.db));
    expect(files(again.documentsDir)).toEqual(files(demo.documentsDir));
    expect(again.summary).toEqual(demo.summary);
  });

  it('gives a different workspace for another seed', () => {
    const other = createDemo({ seed: 7 });
    const names = (db: Db) => db.prepare('SELECT name, bce FROM operators ORDER BY id').raw().all();
    expect(names(other.db)).not.toEqual(names(demo.db));
  });

  it('writes one audit entry for the whole generation', () => {
    const entries = demo.db.prepare('SELECT action, changes FROM audit_log').all() as { action: string; changes: string }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]?.action).toBe('demo.generate');
    expect(JSON.parse(entries[0]?.changes ?? '{}')).toMatchObject({ seed: DEMO_DEFAULT_SEED, scale: 1, today: TODAY, operators: demo.summary.operators });
  });
});

describe('demo volumes at scale 1', () => {
  it('has about sixty operators, a few hundred dossiers, about twelve members and three years of sessions', () => {
    const { summary } = demo;
    expect(summary.operators).toBeGreaterThanOrEqual(55);
    expect(summary.operators).toBeLessThanOrEqual(80);
    expect(summary.dossiers).toBeGreaterThanOrEqual(200);
    expect(summary.dossiers).toBeLessThanOrEqual(500);
    expect(summary.members).toBeGreaterThanOrEqual(11);
    expect(summary.members).toBeLessThanOrEqual(14);
    expect(summary.sessions).toBeGreaterThanOrEqual(55);
    expect(summary.sessions).toBeLessThanOrEqual(70);
    expect(summary.documents).toBeGreaterThanOrEqual(30);
    expect(count(demo.db, 'SELECT count(*) AS n FROM operators')).toBe(summary.operators);
    expect(count(demo.db, 'SELECT count(*) AS n FROM dossiers')).toBe(summary.dossiers);
  });

  it('fills every table of the schema but the user’s own state (saved views, visits) and the stored compliance results', () => {
    // dossier_compliance is computed by the backend from these facts, in the same transaction (workspace.loadDemo).
    const userState = ['meta', 'saved_views', 'dossier_visits', 'dossier_compliance'];
    const empty = tables(demo.db)
      .filter((t) => !userState.includes(t) && !t.startsWith('search_index') && !t.startsWith('sqlite_'))
      .filter((t) => count(demo.db, `SELECT count(*) AS n FROM "${t}"`) === 0);
    expect(empty).toEqual([]);
  });

  it('has dossiers in every status, an adjourned one among them waiting for the operator’s answer', () => {
    const statuses = demo.db.prepare('SELECT DISTINCT status FROM dossiers ORDER BY 1').pluck().all();
    expect(statuses).toEqual(['adjourned', 'closed', 'decided', 'incomplete', 'opinion_given', 'ready', 'received', 'scheduled']);
    const adjourned = demo.db
      .prepare(`SELECT o.outcome FROM dossiers d JOIN opinions o ON o.dossier_id = d.id WHERE d.status = 'adjourned'`)
      .pluck()
      .all();
    expect(adjourned.length).toBeGreaterThan(0);
    for (const outcome of adjourned) expect(outcome).toMatch(/^adjourned_/);
  });

  it('covers the five provinces, the sectors of the field and every dossier kind', () => {
    const provinces = demo.db.prepare('SELECT DISTINCT province FROM operators ORDER BY 1').pluck().all();
    expect(provinces).toEqual(['BW', 'HT', 'LG', 'LX', 'NA']);
    expect(count(demo.db, 'SELECT count(DISTINCT sector) AS n FROM operators')).toBeGreaterThanOrEqual(8);
    const kinds = demo.db.prepare('SELECT DISTINCT kind FROM dossiers ORDER BY 1').pluck().all();
    expect(kinds).toEqual(['activity_report', 'agrement', 'derogation', 'extension', 'inspection', 'renewal', 'renunciation', 'suspension', 'withdrawal']);
  });

  it('multiplies the volume with the scale', () => {
    const double = createDemo({ scale: 2 });
    expect(double.summary.operators).toBeGreaterThan(demo.summary.operators * 1.7);
    expect(double.summary.dossiers).toBeGreaterThan(demo.summary.dossiers * 1.6);
    expect(double.summary.sessions).toBe(demo.summary.sessions);
  });
});

describe('demo operators and agréments', () => {
  it('gives every operator a valid, unique BCE number', () => {
    const numbers = demo.db.prepare('SELECT bce FROM operators').pluck().all() as string[];
    expect(numbers.every((n) => checkBce(n).valid)).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('gives every operator a legal form its agréments allow', () => {
    const rows = demo.db
      .prepare(
        `SELECT a.scheme, o.legal_form AS form, o.social_enterprise AS se FROM agrements a JOIN operators o ON o.id = a.operator_id
         WHERE a.status <> 'refused' AND a.scheme <> 'ETA'`,
      )
      .all() as { scheme: string; form: string; se: number }[];
    const allowed: Record<string, string[]> = { EI: ['SC'], IDESS: ['ASBL', 'SC', 'CPAS'], IES: ['ASBL', 'SC', 'CPAS'], AC: ['ASBL', 'SC'] };
    for (const row of rows) {
      expect(allowed[row.scheme]).toContain(row.form);
      if (row.form === 'SC' && row.scheme !== 'AC') expect(row.se).toBe(1);
    }
  });

  it('records a refused request from a legal form the rules exclude', () => {
    expect(count(demo.db, `SELECT count(*) AS n FROM agrements a JOIN operators o ON o.id = a.operator_id WHERE a.status = 'refused' AND o.legal_form = 'SRL'`)).toBe(1);
  });

  it('has every EI operator hold the IES agrément, and no EI operator hold ETA', () => {
    const missing = count(
      demo.db,
      `SELECT count(*) AS n FROM agrements e WHERE e.scheme = 'EI' AND e.status <> 'refused'
       AND NOT EXISTS (SELECT 1 FROM agrements i WHERE i.operator_id = e.operator_id AND i.scheme = 'IES')`,
    );
    expect(missing).toBe(0);
    const eta = count(
      demo.db,
      `SELECT count(*) AS n FROM agrements e JOIN agrements t ON t.operator_id = e.operator_id AND t.scheme = 'ETA'
       WHERE e.scheme = 'EI' AND e.status <> 'refused'`,
    );
    expect(eta).toBe(0);
  });

  it('chains agrément periods: 2 years, then 4, then indefinite (IDESS: 4 years again)', () => {
    const periods = demo.db
      .prepare(`SELECT a.id, a.scheme, p.start_on AS startOn, p.end_on AS endOn, p.term FROM agrement_periods p JOIN agrements a ON a.id = p.agrement_id ORDER BY a.id, p.start_on`)
      .all() as { id: number; scheme: string; startOn: string; endOn: string | null; term: string }[];
    const byAgrement = new Map<number, typeof periods>();
    for (const p of periods) byAgrement.set(p.id, [...(byAgrement.get(p.id) ?? []), p]);
    for (const list of byAgrement.values()) {
      list.forEach((p, i) => {
        const expected = i === 0 ? '2y' : p.scheme === 'IDESS' || i === 1 ? '4y' : 'indefinite';
        expect(p.term).toBe(expected);
        const previous = list[i - 1];
        if (previous?.endOn) expect(p.startOn).toBe(addDays(previous.endOn, 1));
      });
    }
    expect(periods.some((p) => p.term === 'indefinite')).toBe(true);
  });

  it('keeps agrément statuses consistent with their periods', () => {
    const active = demo.db
      .prepare(
        `SELECT a.id, (SELECT max(coalesce(end_on, '9999-12-31')) FROM agrement_periods WHERE agrement_id = a.id) AS lastEnd
         FROM agrements a WHERE a.status = 'active'`,
      )
      .all() as { id: number; lastEnd: string | null }[];
    for (const row of active) expect(row.lastEnd! >= TODAY).toBe(true);
    expect(count(demo.db, `SELECT count(*) AS n FROM agrements WHERE status = 'requested' AND first_granted_on IS NOT NULL`)).toBe(0);
    for (const status of ['expired', 'withdrawn', 'renounced', 'suspended', 'refused', 'requested']) {
      expect(count(demo.db, 'SELECT count(*) AS n FROM agrements WHERE status = ?', status)).toBeGreaterThan(0);
    }
  });
});

describe('demo figures break the rules of DESIGN §2 on purpose, a handful each', () => {
  const eiReports = `FROM activity_reports r JOIN agrements a ON a.operator_id = r.operator_id AND a.scheme = 'EI' WHERE r.scheme = 'EI' AND r.received_on IS NOT NULL`;

  it('has EI reports under 50 % of target-public FTE from the fourth year of agrément', () => {
    const n = count(
      demo.db,
      `SELECT count(*) AS n ${eiReports}
       AND r.year - CAST(substr(a.first_granted_on, 1, 4) AS INTEGER) + 1 >= 4
       AND (r.target_fte_td + r.target_fte_tgd) / r.fte_total < 0.5`,
    );
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('has pay spreads above 1:4', () => {
    expect(count(demo.db, `SELECT count(*) AS n ${eiReports} AND r.highest_fte_pay_cents > 4 * r.lowest_fte_pay_cents`)).toBeGreaterThanOrEqual(2);
  });

  it('has target workers who did not get an open-ended contract within six months', () => {
    expect(count(demo.db, `SELECT count(*) AS n ${eiReports} AND r.cdi_within_6_months < r.target_hires`)).toBeGreaterThanOrEqual(2);
  });

  it('has understaffed social accompaniment and part-time work below half-time', () => {
    expect(
      count(demo.db, `SELECT count(*) AS n ${eiReports} AND r.target_fte_td + r.target_fte_tgd >= 6 AND r.accompaniment_fte < max(0.5, (r.target_fte_td + r.target_fte_tgd) / 15)`),
    ).toBeGreaterThanOrEqual(1);
    expect(count(demo.db, `SELECT count(*) AS n ${eiReports} AND r.part_time_below_half > 0`)).toBeGreaterThanOrEqual(1);
  });

  it('has yearly reports received after 15 July of the next year, and reports never received', () => {
    expect(count(demo.db, `SELECT count(*) AS n FROM activity_reports WHERE received_on > due_on`)).toBeGreaterThanOrEqual(3);
    expect(count(demo.db, `SELECT count(*) AS n FROM activity_reports WHERE received_on IS NULL AND due_on < ?`, TODAY)).toBeGreaterThanOrEqual(2);
    const dueDates = demo.db.prepare(`SELECT DISTINCT due_on = printf('%04d-07-15', year + 1) FROM activity_reports`).pluck().all();
    expect(dueDates).toEqual([1]);
  });

  it('has a renewal requested after its window closed (less than 180 days before the expiry)', () => {
    const late = count(
      demo.db,
      `SELECT count(*) AS n FROM dossiers d JOIN agrement_periods p ON p.agrement_id = d.agrement_id
       WHERE d.kind = 'renewal' AND d.received_on > date(p.end_on, '-180 days') AND d.received_on <= p.end_on`,
    );
    expect(late).toBeGreaterThanOrEqual(1);
  });

  it('has an open EI activity-report dossier under 50 % of target-public FTE in its fourth year of agrément or later', () => {
    const open = count(
      demo.db,
      `SELECT count(*) AS n FROM dossiers d JOIN activity_reports r ON r.dossier_id = d.id JOIN agrements a ON a.id = d.agrement_id
       WHERE d.scheme = 'EI' AND d.kind = 'activity_report' AND d.status NOT IN ('opinion_given', 'decided', 'closed')
         AND r.year - CAST(substr(a.first_granted_on, 1, 4) AS INTEGER) + 1 >= 4
         AND (r.target_fte_td + r.target_fte_tgd) / r.fte_total < 0.5`,
    );
    expect(open).toBeGreaterThanOrEqual(1);
  });

  it('records IDESS activities reserved to précarisés as such, except a few (not so, or not recorded); other activities as open to all', () => {
    const reserved = `FROM agrement_activities x JOIN agrements a ON a.id = x.agrement_id
      WHERE a.scheme = 'IDESS' AND x.activity IN ('social_transport', 'social_laundry', 'social_shop')`;
    const recorded = count(demo.db, `SELECT count(*) AS n ${reserved} AND x.precarious_only = 1`);
    const breaches = count(demo.db, `SELECT count(*) AS n ${reserved} AND x.precarious_only = 0 AND a.status = 'active'`);
    const unrecorded = count(demo.db, `SELECT count(*) AS n ${reserved} AND x.precarious_only IS NULL AND a.status = 'active'`);
    expect(breaches).toBeGreaterThanOrEqual(1);
    expect(unrecorded).toBeGreaterThanOrEqual(1);
    expect(recorded).toBeGreaterThan(breaches + unrecorded);
    expect(
      count(demo.db, `SELECT count(*) AS n FROM agrement_activities WHERE activity NOT IN ('social_transport', 'social_laundry', 'social_shop') AND precarious_only IS NOT 0`),
    ).toBe(0);
  });

  it('gives agences-conseil’s reports the elements of the complementary subsidy, missing in a few on purpose', () => {
    const received = `FROM activity_reports WHERE scheme = 'AC' AND received_on IS NOT NULL`;
    const complete = count(demo.db, `SELECT count(*) AS n ${received} AND ac_projects_supported IS NOT NULL AND ac_enterprises_created IS NOT NULL AND ac_jobs_created_fte IS NOT NULL`);
    const gaps = count(demo.db, `SELECT count(*) AS n ${received} AND (ac_enterprises_created IS NULL OR ac_jobs_created_fte IS NULL)`);
    expect(gaps).toBeGreaterThanOrEqual(1);
    expect(complete).toBeGreaterThan(gaps);
    expect(count(demo.db, `SELECT count(*) AS n FROM activity_reports WHERE scheme <> 'AC' AND (ac_projects_supported IS NOT NULL OR ac_jobs_created_fte IS NOT NULL)`)).toBe(0);
    // A report never received has no figures at all.
    expect(count(demo.db, `SELECT count(*) AS n FROM activity_reports WHERE received_on IS NULL AND ac_projects_supported IS NOT NULL`)).toBe(0);
  });

  it('keeps most EI reports compliant', () => {
    const total = count(demo.db, `SELECT count(*) AS n ${eiReports}`);
    const breaching = count(
      demo.db,
      `SELECT count(*) AS n ${eiReports} AND (r.highest_fte_pay_cents > 4 * r.lowest_fte_pay_cents OR r.cdi_within_6_months < r.target_hires
         OR r.part_time_below_half > 0 OR ((r.target_fte_td + r.target_fte_tgd) / r.fte_total < 0.5
         AND r.year - CAST(substr(a.first_granted_on, 1, 4) AS INTEGER) + 1 >= 4))`,
    );
    expect(breaching).toBeGreaterThan(0);
    expect(breaching / total).toBeLessThan(0.35);
  });

  it('leaves a figure empty only when the report is missing or the operator did not provide it', () => {
    const missingAll = count(demo.db, `SELECT count(*) AS n FROM activity_reports WHERE received_on IS NULL AND (fte_total IS NOT NULL OR headcount IS NOT NULL)`);
    expect(missingAll).toBe(0);
    expect(count(demo.db, `SELECT count(*) AS n FROM activity_reports WHERE received_on IS NOT NULL AND (fte_total IS NULL OR headcount IS NULL OR wage_cost_cents IS NULL)`)).toBe(0);
    expect(count(demo.db, `SELECT count(*) AS n FROM activity_reports WHERE scheme = 'EI' AND received_on IS NOT NULL AND (target_fte_td IS NULL OR lowest_fte_pay_cents IS NULL)`)).toBe(0);
    expect(count(demo.db, `SELECT count(*) AS n FROM activity_reports WHERE scheme = 'IDESS' AND received_on IS NOT NULL AND target_fte_sine IS NULL`)).toBe(0);
  });

  it('has inspections with findings of every severity, some with follow-up dates', () => {
    const severities = demo.db.prepare('SELECT DISTINCT severity FROM findings ORDER BY 1').pluck().all();
    expect(severities).toEqual(['critical', 'info', 'major', 'minor']);
    expect(count(demo.db, `SELECT count(*) AS n FROM findings WHERE severity <> 'info' AND follow_up_due_on IS NULL`)).toBe(0);
  });
});

describe('demo sessions', () => {
  const periods = schoolHolidaysBetween('2023-01-01', '2027-12-31', parseSchoolCalendar(calendarData));

  it('are held on Thursdays, never in school holidays nor on public holidays', () => {
    const dates = demo.db.prepare('SELECT held_on FROM sessions ORDER BY held_on').pluck().all() as string[];
    for (const date of dates) {
      expect(isoWeekday(date)).toBe(4);
      expect(sessionBlock(date, periods)).toBeNull();
    }
  });

  it('are two weeks apart except around holidays', () => {
    const dates = demo.db.prepare('SELECT held_on FROM sessions ORDER BY held_on').pluck().all() as string[];
    for (let i = 1; i < dates.length; i++) {
      const previous = dates[i - 1] as string;
      const gap = daysBetween(previous, dates[i] as string);
      if (gap === 14) continue;
      expect(gap).toBeGreaterThan(14);
      for (let skipped = addDays(previous, 14); skipped < (dates[i] as string); skipped = addDays(skipped, 7)) {
        expect(sessionBlock(skipped, periods)).not.toBeNull();
      }
    }
  });

  it('span three years before today, closed, with attendance and an opinion on every item', () => {
    const past = demo.db.prepare(`SELECT id, held_on AS heldOn, status FROM sessions WHERE held_on < ? ORDER BY held_on`).all(TODAY) as { id: number; heldOn: string; status: string }[];
    expect(past[0]?.heldOn).toBe('2023-11-23');
    expect(past.every((s) => s.status === 'closed' || s.status === 'cancelled')).toBe(true);
    for (const session of past.filter((s) => s.status === 'closed')) {
      expect(count(demo.db, 'SELECT count(*) AS n FROM attendance WHERE session_id = ?', session.id)).toBeGreaterThan(0);
      expect(
        count(demo.db, 'SELECT count(*) AS n FROM agenda_items ai LEFT JOIN opinions o ON o.agenda_item_id = ai.id WHERE ai.session_id = ? AND o.id IS NULL', session.id),
      ).toBe(0);
    }
    for (const session of past.filter((s) => s.status === 'cancelled')) {
      expect(count(demo.db, 'SELECT count(*) AS n FROM agenda_items WHERE session_id = ?', session.id)).toBe(0);
    }
  });

  it('reach a quorum of voting members at every closed session', () => {
    const rows = demo.db
      .prepare(
        `SELECT s.id, sum(m.voting AND a.status = 'present') AS present, sum(m.voting) AS voting
         FROM sessions s JOIN attendance a ON a.session_id = s.id JOIN members m ON m.id = a.member_id
         WHERE s.status = 'closed' GROUP BY s.id`,
      )
      .all() as { present: number; voting: number }[];
    for (const row of rows) expect(row.present * 2).toBeGreaterThan(row.voting);
  });

  it('include two upcoming planned sessions with agendas to prepare', () => {
    const upcoming = demo.db.prepare(`SELECT id, number, held_on AS heldOn, status FROM sessions WHERE held_on >= ? ORDER BY held_on`).all(TODAY) as {
      id: number;
      heldOn: string;
      status: string;
    }[];
    expect(upcoming).toHaveLength(2);
    for (const session of upcoming) {
      expect(session.status).toBe('planned');
      const items = demo.db
        .prepare(`SELECT ai.position, ai.section, d.kind, d.status FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id WHERE ai.session_id = ? ORDER BY ai.position`)
        .all(session.id) as { position: number; section: string; kind: string; status: string }[];
      expect(items.length).toBeGreaterThanOrEqual(4);
      expect(items.map((i) => i.position)).toEqual(items.map((_, i) => i + 1));
      expect(items.every((i) => i.status === 'scheduled')).toBe(true);
      expect(count(demo.db, 'SELECT count(*) AS n FROM opinions o JOIN agenda_items ai ON ai.id = o.agenda_item_id WHERE ai.session_id = ?', session.id)).toBe(0);
    }
    expect(count(demo.db, `SELECT count(*) AS n FROM preparations p JOIN agenda_items ai ON ai.id = p.agenda_item_id JOIN sessions s ON s.id = ai.session_id WHERE s.status = 'planned'`)).toBeGreaterThan(0);
  });

  it('order agenda sections as dossier kinds and give hearings a time', () => {
    const mismatched = count(
      demo.db,
      `SELECT count(*) AS n FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id
       WHERE ai.section <> CASE d.kind WHEN 'agrement' THEN 'agrements' WHEN 'renewal' THEN 'renewals' WHEN 'extension' THEN 'extensions'
         WHEN 'derogation' THEN 'derogations' WHEN 'activity_report' THEN 'reports' WHEN 'inspection' THEN 'inspections'
         WHEN 'suspension' THEN 'sanctions' WHEN 'withdrawal' THEN 'sanctions' ELSE 'misc' END`,
    );
    expect(mismatched).toBe(0);
    expect(count(demo.db, 'SELECT count(*) AS n FROM agenda_items WHERE hearing_at IS NOT NULL')).toBeGreaterThan(0);
    expect(count(demo.db, `SELECT count(*) AS n FROM dossier_events WHERE kind = 'hearing'`)).toBeGreaterThan(0);
  });
});

describe('demo opinions, decisions and conflicts', () => {
  it('motivate every unfavourable or conditional opinion and list the conditions', () => {
    expect(count(demo.db, `SELECT count(*) AS n FROM opinions WHERE outcome IN ('unfavourable', 'favourable_conditions') AND length(trim(motivation)) = 0`)).toBe(0);
    expect(count(demo.db, `SELECT count(*) AS n FROM opinions WHERE outcome = 'favourable_conditions' AND length(trim(conditions)) = 0`)).toBe(0);
    const outcomes = demo.db.prepare('SELECT DISTINCT outcome FROM opinions ORDER BY 1').pluck().all();
    expect(outcomes).toEqual(['adjourned_hearing', 'adjourned_information', 'favourable', 'favourable_conditions', 'noted', 'unfavourable']);
  });

  it('count votes only where there was no consensus, within the members present', () => {
    expect(count(demo.db, 'SELECT count(*) AS n FROM opinions WHERE consensus = 1 AND votes_for IS NOT NULL')).toBe(0);
    expect(count(demo.db, 'SELECT count(*) AS n FROM opinions WHERE consensus = 0 AND votes_for IS NULL')).toBe(0);
    const over = count(
      demo.db,
      `SELECT count(*) AS n FROM opinions o JOIN agenda_items ai ON ai.id = o.agenda_item_id
       WHERE o.votes_for + o.votes_against + o.votes_abstain > (SELECT count(*) FROM attendance a JOIN members m ON m.id = a.member_id
         WHERE a.session_id = ai.session_id AND a.status = 'present' AND m.voting = 1)`,
    );
    expect(over).toBe(0);
  });

  it('take ministerial decisions after the opinion and notify them later', () => {
    const rows = demo.db
      .prepare(
        `SELECT dc.decided_on AS decidedOn, dc.notified_on AS notifiedOn, (SELECT max(given_on) FROM opinions WHERE dossier_id = dc.dossier_id) AS opinionOn
         FROM decisions dc`,
      )
      .all() as { decidedOn: string; notifiedOn: string | null; opinionOn: string | null }[];
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(row.opinionOn).not.toBeNull();
      expect(row.decidedOn > (row.opinionOn as string)).toBe(true);
      if (row.notifiedOn) expect(row.notifiedOn >= row.decidedOn).toBe(true);
    }
    expect(count(demo.db, `SELECT count(*) AS n FROM dossiers WHERE status = 'decided' AND id NOT IN (SELECT dossier_id FROM decisions)`)).toBe(0);
  });

  it('keep dossier statuses consistent with the sessions', () => {
    expect(count(demo.db, `SELECT count(*) AS n FROM dossiers d WHERE d.status = 'scheduled' AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = d.last_session_id AND s.status = 'planned')`)).toBe(0);
    expect(count(demo.db, `SELECT count(*) AS n FROM dossiers d WHERE d.status IN ('opinion_given', 'decided', 'closed') AND NOT EXISTS (SELECT 1 FROM opinions o WHERE o.dossier_id = d.id)`)).toBe(0);
    for (const status of ['received', 'incomplete', 'ready', 'scheduled', 'opinion_given', 'decided', 'closed']) {
      expect(count(demo.db, 'SELECT count(*) AS n FROM dossiers WHERE status = ?', status)).toBeGreaterThan(0);
    }
    const references = demo.db.prepare('SELECT reference FROM dossiers').pluck().all() as string[];
    expect(references.every((r) => /^(EI|IES|IDESS|AC)-\d{4}-\d{4}$/.test(r))).toBe(true);
  });

  it('record recusals only for members with a declared conflict on the operator', () => {
    const recusals = count(demo.db, 'SELECT count(*) AS n FROM recusals');
    expect(recusals).toBeGreaterThan(0);
    const unjustified = count(
      demo.db,
      `SELECT count(*) AS n FROM recusals r JOIN agenda_items ai ON ai.id = r.agenda_item_id JOIN dossiers d ON d.id = ai.dossier_id
       WHERE NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.member_id = r.member_id AND c.operator_id = d.operator_id)`,
    );
    expect(unjustified).toBe(0);
    const conflictedRapporteur = count(
      demo.db,
      `SELECT count(*) AS n FROM agenda_items ai JOIN dossiers d ON d.id = ai.dossier_id
       JOIN conflicts c ON c.member_id = ai.rapporteur_member_id AND c.operator_id = d.operator_id`,
    );
    expect(conflictedRapporteur).toBe(0);
    expect(count(demo.db, `SELECT count(*) AS n FROM agenda_items ai JOIN sessions s ON s.id = ai.session_id JOIN dossiers d ON d.id = ai.dossier_id JOIN conflicts c ON c.operator_id = d.operator_id WHERE s.status = 'planned'`)).toBeGreaterThan(0);
  });

  it('write no note or preparation by a member on a dossier they are conflicted on', () => {
    expect(
      count(demo.db, `SELECT count(*) AS n FROM notes n JOIN dossiers d ON d.id = n.dossier_id JOIN conflicts c ON c.member_id = n.author_member_id AND c.operator_id = d.operator_id`),
    ).toBe(0);
    expect(
      count(
        demo.db,
        `SELECT count(*) AS n FROM preparations p JOIN agenda_items ai ON ai.id = p.agenda_item_id JOIN dossiers d ON d.id = ai.dossier_id
         JOIN conflicts c ON c.member_id = p.member_id AND c.operator_id = d.operator_id`,
      ),
    ).toBe(0);
    expect(count(demo.db, `SELECT count(*) AS n FROM notes WHERE visibility = 'private'`)).toBeGreaterThan(0);
    expect(count(demo.db, `SELECT count(*) AS n FROM notes WHERE visibility = 'shared'`)).toBeGreaterThan(0);
  });
});

describe('demo deadlines', () => {
  it('record only the follow-ups of conditions: every other deadline is derived from the facts', () => {
    expect(demo.db.prepare('SELECT DISTINCT kind FROM deadlines').pluck().all()).toEqual(['condition_follow_up']);
    // Each follows a favourable opinion with conditions on its dossier, three to six months later.
    const orphans = count(
      demo.db,
      `SELECT count(*) AS n FROM deadlines dl WHERE NOT EXISTS (
         SELECT 1 FROM opinions o WHERE o.dossier_id = dl.dossier_id AND o.outcome = 'favourable_conditions'
           AND dl.due_on BETWEEN date(o.given_on, '+90 days') AND date(o.given_on, '+180 days'))`,
    );
    expect(orphans).toBe(0);
    expect(count(demo.db, 'SELECT count(*) AS n FROM deadlines WHERE done_on IS NULL')).toBeGreaterThan(0);
    expect(count(demo.db, 'SELECT count(*) AS n FROM deadlines WHERE done_on > ?', TODAY)).toBe(0);
  });
});

describe('demo database integrity', () => {
  it('passes the foreign-key and integrity checks', () => {
    expect(demo.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(demo.db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });

  it('dates nothing after today except what is planned', () => {
    expect(count(demo.db, 'SELECT count(*) AS n FROM dossiers WHERE received_on > ? OR complete_on > ?', TODAY, TODAY)).toBe(0);
    expect(count(demo.db, 'SELECT count(*) AS n FROM dossier_events WHERE occurred_on > ?', TODAY)).toBe(0);
    expect(count(demo.db, 'SELECT count(*) AS n FROM opinions WHERE given_on >= ?', TODAY)).toBe(0);
    expect(count(demo.db, 'SELECT count(*) AS n FROM decisions WHERE decided_on >= ? OR notified_on > ?', TODAY, TODAY)).toBe(0);
    expect(count(demo.db, 'SELECT count(*) AS n FROM documents WHERE document_date > ? OR substr(added_at, 1, 10) > ?', TODAY, TODAY)).toBe(0);
    expect(count(demo.db, 'SELECT count(*) AS n FROM notes WHERE substr(created_at, 1, 10) > ?', TODAY)).toBe(0);
    expect(count(demo.db, 'SELECT count(*) AS n FROM preparations WHERE substr(updated_at, 1, 10) > ?', TODAY)).toBe(0);
    expect(count(demo.db, 'SELECT count(*) AS n FROM findings WHERE resolved_on > ?', TODAY)).toBe(0);
    expect(count(demo.db, 'SELECT count(*) AS n FROM inspections WHERE inspected_on > ?', TODAY)).toBe(0);
  });
});

describe('demo documents', () => {
  it('are real PDFs on disk under their SHA-256', async () => {
    const rows = demo.db.prepare('SELECT sha256, size_bytes AS size, media_type AS type, text_content AS text FROM documents').all() as {
      sha256: string;
      size: number;
      type: string;
      text: string;
    }[];
    expect(rows.length).toBe(demo.summary.documents);
    for (const row of rows) {
      const file = join(demo.documentsDir, row.sha256.slice(0, 2), `${row.sha256}.pdf`);
      const bytes = readFileSync(file);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
      expect(statSync(file).size).toBe(row.size);
      expect(row.type).toBe('application/pdf');
      expect(row.text.length).toBeGreaterThan(100);
    }
    const sample = rows.slice(0, 5);
    for (const row of sample) {
      const pdf = await PDFDocument.load(readFileSync(join(demo.documentsDir, row.sha256.slice(0, 2), `${row.sha256}.pdf`)));
      expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    }
  });

  it('store identical content once, attached to several dossiers', () => {
    const distinct = count(demo.db, 'SELECT count(DISTINCT sha256) AS n FROM documents');
    expect(distinct).toBeLessThan(demo.summary.documents);
    expect(Object.keys(files(demo.documentsDir))).toHaveLength(distinct);
  });

  it('include requests, activity reports, inspection reports, proposals and letters', () => {
    const kinds = demo.db.prepare('SELECT DISTINCT kind FROM documents ORDER BY 1').pluck().all();
    expect(kinds).toEqual(['activity_report', 'annex', 'correspondence', 'inspection_report', 'proposal', 'request']);
  });

  it('are found by full-text search with or without accents', () => {
    const search = (query: string) =>
      count(demo.db, `SELECT count(*) AS n FROM search_index WHERE search_index MATCH ? AND source = 'document'`, query);
    expect(search('reinsertion')).toBeGreaterThan(0);
    expect(search('réinsertion')).toBe(search('reinsertion'));
    expect(search('"accompagnement social"')).toBeGreaterThan(0);
  });
});

describe('demo options', () => {
  it('writes nothing when the caller’s transaction is rolled back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'comes-demo-'));
    temporary.push(dir);
    const db = openDatabase(join(dir, 'comes.sqlite'), { create: true });
    expect(() =>
      db.transaction(() => {
        generateDemo(db, { seed: 1, scale: 1, today: TODAY, documentsDir: join(dir, 'documents') });
        throw new Error('abandon');
      })(),
    ).toThrow('abandon');
    expect(count(db, 'SELECT count(*) AS n FROM dossiers')).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM audit_log')).toBe(0);
    db.close();
  });

  it('refuses an invalid seed, scale or date', () => {
    const db = demo.db;
    const documentsDir = demo.documentsDir;
    expect(() => generateDemo(db, { seed: -1, scale: 1, today: TODAY, documentsDir })).toThrow(/Graine/);
    expect(() => generateDemo(db, { seed: 1, scale: 0, today: TODAY, documentsDir })).toThrow(/Échelle/);
    expect(() => generateDemo(db, { seed: 1, scale: 1, today: '2026-02-30', documentsDir })).toThrow(/Date/);
  });

  it.each(['2026-07-20', '2031-03-05'])('plans two upcoming sessions around %s too', (today) => {
    const other = createDemo({ today, seed: 3 });
    const upcoming = other.db.prepare(`SELECT held_on FROM sessions WHERE status = 'planned' ORDER BY held_on`).pluck().all() as string[];
    expect(upcoming).toHaveLength(2);
    expect(upcoming.every((d) => d >= today)).toBe(true);
    expect(other.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });
});
