/**
 * Builds the demo world in memory: the commission and its sessions, the operators and the story of
 * each of their agréments over three years (requests, renewals, yearly reports, inspections,
 * sanctions), every dossier taken through the sessions to an opinion and a decision, then the
 * conflicts, notes, preparations and deadlines around them. Pure and deterministic: everything
 * comes from the seed and `today`.
 */
import {
  addDays,
  addYears,
  daysBetween,
  isoDate,
  parseSchoolCalendar,
  planBiweeklySessions,
  schoolHolidaysBetween,
  yearOf,
} from '../../shared/calendar';
import { bceFromBase } from '../../shared/bce';
import type { AgendaSection, AgrementScheme, DecisionKind, DossierKind, LegalForm, OpinionOutcome, Scheme, Term } from '../../shared/domain';
import { AGENDA_SECTIONS } from '../../shared/domain';
import calendarData from '../../resources/calendar/fwb-school-holidays.json';
import { COMMUNES, type Commune } from '../../resources/demo/communes';
import { IDESS_ACTIVITIES, IDESS_ACTIVITY_INFO, REGION_DE, REGION_SHORT, SECTORS, STREETS, type IdessActivity, type SectorCode } from '../../resources/demo/operators';
import { FIRST_NAMES, LAST_NAMES, SEATS, SESSION_PLACES, SIGNATORY_TITLES, SUBSTITUTE_SEATS, type Seat } from '../../resources/demo/people';
import { dateFr, deCommune, percentFr } from './format';
import type {
  ActivityReport,
  AgendaItem,
  Agrement,
  Breach,
  Conflict,
  Deadline,
  Decision,
  Dossier,
  DossierEvent,
  Finding,
  Inspection,
  Member,
  Note,
  Opinion,
  Operator,
  Profile,
  Reason,
  ReportFigures,
  Session,
} from './model';
import { Rng } from './random';
import {
  acProjects,
  DECISION_FR,
  OUTCOME_FR,
  SECTION_FOR_KIND,
  agrementSubject,
  conditionsFor,
  conflictNote,
  decisionNote,
  derogationSubject,
  extensionSubject,
  findingText,
  inspectionConclusion,
  inspectionScope,
  inspectionSubject,
  INSPECTORS,
  motivationFor,
  noteBody,
  payRatio,
  proposalText,
  renewalSubject,
  renunciationSubject,
  reportSubject,
  suspensionSubject,
  targetFte,
  targetShare,
  withdrawalSubject,
} from './texts';

export interface WorldOptions {
  seed: number;
  scale: number;
  today: string;
}

export interface World {
  today: string;
  windowStart: string;
  members: Member[];
  operators: Operator[];
  agrements: Agrement[];
  sessions: Session[];
  dossiers: Dossier[];
  reports: ActivityReport[];
  inspections: Inspection[];
  conflicts: Conflict[];
  deadlines: Deadline[];
  notes: Note[];
}

/** The session weekday: Thursday. */
const SESSION_WEEKDAY = 4;
const FIRST_SESSION_NUMBER = 121;

const DECIDED_KINDS: ReadonlySet<DossierKind> = new Set(['agrement', 'renewal', 'extension', 'derogation', 'suspension', 'withdrawal']);
const REQUEST_KINDS: ReadonlySet<DossierKind> = new Set(['agrement', 'renewal', 'extension', 'derogation']);

interface Intent {
  operator: Operator;
  agrement: Agrement | null;
  scheme: Scheme;
  kind: DossierKind;
  subject: string;
  receivedOn: string;
  receivedDetail: string;
  infoRequestedOn?: string | null;
  completeOn: string | null;
  /** First date the dossier may be discussed (default: complete + 14 days). */
  earliest?: string;
  outcome: OpinionOutcome;
  proposal?: OpinionOutcome;
  reasons: Reason[];
  decision: { kind: DecisionKind; term: Term | null } | null;
  detour?: 'adjourned_information' | 'adjourned_hearing' | null;
  hearing?: boolean;
  report?: ActivityReport;
  inspection?: Inspection;
  extensionActivity?: IdessActivity;
  requestedTerm?: Term;
  /** Reports and inspection reports wait for a session with room on its agenda. */
  flexible?: boolean;
  /** A dossier received in the last days may still be unchecked (default true). */
  fresh?: boolean;
  /** Adjourned for information that the operator has not sent yet, whatever the dates. */
  awaitingAnswer?: boolean;
  onDecided?: (decision: Decision) => void;
}

interface AgrementStory {
  noRenewalAt?: number;
  refuseRenewalAt?: number;
  lateRenewalAt?: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** IDESS activities reserved to précarisés (décret du 14 décembre 2006): taxi social, buanderie sociale, magasin social. */
const PRECARIOUS_ONLY: ReadonlySet<IdessActivity> = new Set(['social_transport', 'social_laundry', 'social_shop']);
const roundCents = (euros: number) => Math.round(euros) * 100;

function termFor(scheme: AgrementScheme, index: number): Term {
  if (index === 0) return '2y';
  if (scheme === 'IDESS') return '4y';
  return index === 1 ? '4y' : 'indefinite';
}

function periodEnd(start: string, term: Term): string | null {
  if (term === 'indefinite') return null;
  return addDays(addYears(start, term === '2y' ? 2 : 4), -1);
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const EVENT_RANK: Record<DossierEvent['kind'], number> = {
  received: 0,
  information_requested: 1,
  completed: 2,
  scheduled: 3,
  hearing: 4,
  opinion: 5,
  decision: 6,
  notification: 7,
  status: 8,
};

function byOccurrence(a: DossierEvent, b: DossierEvent): number {
  return a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : EVENT_RANK[a.kind] - EVENT_RANK[b.kind];
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function buildWorld(options: WorldOptions): World {
  return new Builder(options).build();
}

class Builder {
  private readonly today: string;
  private readonly windowStart: string;
  private readonly scale: number;
  private readonly root: Rng;
  private readonly rng: Rng;
  private readonly textRng: Rng;

  private readonly members: Member[] = [];
  private readonly operators: Operator[] = [];
  private readonly agrements: Agrement[] = [];
  private sessions: Session[] = [];
  private readonly dossiers: Dossier[] = [];
  private readonly reports: ActivityReport[] = [];
  private readonly inspections: Inspection[] = [];
  private readonly conflicts: Conflict[] = [];
  private readonly deadlines: Deadline[] = [];
  private readonly notes: Note[] = [];

  private readonly usedBce = new Set<string>();
  private readonly usedNames = new Set<string>();
  private readonly usedCpas = new Set<string>();
  private readonly agrementSeq = new Map<string, number>();
  private readonly communeWeights: (readonly [Commune, number])[];

  constructor(options: WorldOptions) {
    this.today = options.today;
    this.windowStart = addYears(options.today, -3);
    this.scale = options.scale;
    this.root = new Rng(options.seed);
    this.rng = this.root.fork('story');
    this.textRng = this.root.fork('texts');
    this.communeWeights = COMMUNES.map((c) => [c, c.weight] as const);
  }

  build(): World {
    this.planSessions();
    this.createMembers();
    this.createOperators();
    this.fillUpcomingAgendas();
    this.ensureFreshWork();
    this.finaliseAgrementStatuses();
    this.writeProposals();
    this.orderDossiers();
    this.orderAgendas();
    for (const session of this.pastSessions) this.attendanceOf(session);
    this.createConflictsAndRecusals();
    this.recordVotes();
    this.createNotesAndPreparations();
    this.amendSomeOpinions();
    this.recordActivityScopes();
    this.recordAcFigures();
    this.createDeadlines();
    return {
      today: this.today,
      windowStart: this.windowStart,
      members: this.members,
      operators: this.operators,
      agrements: this.agrements,
      sessions: this.sessions,
      dossiers: this.dossiers,
      reports: this.reports,
      inspections: this.inspections,
      conflicts: this.conflicts,
      deadlines: this.deadlines,
      notes: this.notes,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Sessions and members

  private planSessions(): void {
    const rng = this.root.fork('sessions');
    const calendar = parseSchoolCalendar(calendarData);
    const until = addDays(this.today, 240);
    const periods = schoolHolidaysBetween(this.windowStart, until, calendar);
    const dates = planBiweeklySessions({ from: this.windowStart, weekday: SESSION_WEEKDAY, until, periods });
    const past = dates.filter((d) => d < this.today);
    const upcoming = dates.filter((d) => d >= this.today).slice(0, 2);
    if (upcoming.length < 2) throw new Error('Impossible de planifier deux séances à venir.');
    this.sessions = [...past, ...upcoming].map((heldOn, index) => {
      const isUpcoming = heldOn >= this.today;
      const place = isUpcoming ? (SESSION_PLACES[0] ?? '') : rng.weighted(SESSION_PLACES.map((p, i) => [p, i === 0 ? 6 : i === 1 ? 3 : 1] as const));
      return {
        id: index + 1,
        number: FIRST_SESSION_NUMBER + index,
        heldOn,
        startsAt: rng.chance(0.85) ? '09:30' : '14:00',
        place,
        upcoming: isUpcoming,
        items: [],
        attendance: new Map(),
      };
    });
  }

  private get pastSessions(): Session[] {
    return this.sessions.filter((s) => !s.upcoming);
  }

  private get upcomingSessions(): [Session, Session] {
    const upcoming = this.sessions.filter((s) => s.upcoming);
    return [upcoming[0] as Session, upcoming[1] as Session];
  }

  /** First session held on or after `date` (past or upcoming), undefined beyond the two upcoming. */
  private sessionOnOrAfter(date: string): Session | undefined {
    let lo = 0;
    let hi = this.sessions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sessions[mid] as Session).heldOn < date) lo = mid + 1;
      else hi = mid;
    }
    return this.sessions[lo];
  }

  private personName(rng: Rng, used: Set<string>): { first: string; last: string; gender: 'f' | 'm' } {
    for (;;) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const key = `${first.name} ${last}`;
      if (!used.has(key) || used.size > FIRST_NAMES.length * LAST_NAMES.length * 0.5) {
        used.add(key);
        return { first: first.name, last, gender: first.gender };
      }
    }
  }

  private createMembers(): void {
    const rng = this.root.fork('members');
    const used = new Set<string>();
    const extra = Math.min(SUBSTITUTE_SEATS.length, Math.max(0, Math.round(12 * Math.pow(this.scale, 0.1)) - 12));
    const seats: Seat[] = [...SEATS, ...SUBSTITUTE_SEATS.slice(0, extra)];
    const firstSession = this.sessions[0]?.heldOn ?? this.windowStart;
    const mandateStart = isoDate(yearOf(this.windowStart) - 1, 6, 1);
    const add = (seat: Seat, activeFrom: string, activeTo: string | null) => {
      const name = this.personName(rng, used);
      this.members.push({
        id: this.members.length + 1,
        firstName: name.first,
        lastName: name.last,
        gender: name.gender,
        organisation: seat.organisation,
        organisationKind: seat.kind,
        role: seat.role,
        voting: seat.voting,
        email: `${slug(name.first)}.${slug(name.last)}@${seat.domain}`,
        activeFrom,
        activeTo,
      });
    };
    for (const seat of seats) {
      if (seat.organisation === 'CSC wallonne' && seat.role === 'member') {
        // A mid-term replacement: the former member's mandate ended eighteen months ago.
        const handover = addDays(this.today, -rng.int(500, 600));
        add(seat, mandateStart, handover);
        add(seat, addDays(handover, 1), null);
        continue;
      }
      const from = seat.role === 'substitute' || seat.role === 'observer' ? addDays(firstSession, -rng.int(30, 400)) : mandateStart;
      add(seat, from, null);
    }
  }

  private activeMembers(on: string): Member[] {
    return this.members.filter((m) => m.activeFrom <= on && (m.activeTo === null || m.activeTo >= on));
  }

  private attendanceOf(session: Session): Map<Member, 'present' | 'excused' | 'absent'> {
    if (session.attendance.size > 0 || session.upcoming || session.items.length === 0) return session.attendance;
    const rng = this.root.fork(`attendance-${session.number}`);
    const active = this.activeMembers(session.heldOn);
    for (const member of active) {
      let status: 'present' | 'excused' | 'absent';
      if (member.role === 'secretariat') status = 'present';
      else if (member.role === 'president') status = rng.chance(0.95) ? 'present' : 'excused';
      else if (member.role === 'substitute') status = rng.weighted([['present', 4], ['excused', 5], ['absent', 1]] as const);
      else status = rng.weighted([['present', 82], ['excused', 13], ['absent', 5]] as const);
      session.attendance.set(member, status);
    }
    const voting = active.filter((m) => m.voting);
    const quorum = Math.floor(voting.length / 2) + 1;
    for (const member of voting) {
      if (voting.filter((m) => session.attendance.get(m) === 'present').length >= quorum) break;
      session.attendance.set(member, 'present');
    }
    return session.attendance;
  }

  // -------------------------------------------------------------------------------------------
  // Operators

  private newBce(rng: Rng, legalForm: LegalForm, recent: boolean): string {
    for (;;) {
      let prefix: string;
      if (legalForm === 'CPAS') prefix = `02${rng.int(10, 17)}`;
      else if (recent) prefix = `10${rng.int(0, 2)}${rng.int(0, 9)}`;
      else if (legalForm === 'ASBL') prefix = rng.pick(['0410', '0420', '0436', '0444', '0455', '0461', '0473', '0809', '0820', '0836', '0851', '0866', '0881']);
      else prefix = rng.pick(['0430', '0448', '0459', '0467', '0478', '0535', '0627', '0650', '0692', '0718', '0740', '0760', '0790']);
      const base = prefix + String(rng.int(0, 9999)).padStart(4, '0');
      const bce = bceFromBase(base);
      if (!this.usedBce.has(bce)) {
        this.usedBce.add(bce);
        return bce;
      }
    }
  }

  private operatorName(rng: Rng, sector: SectorCode, commune: Commune, legalForm: LegalForm): string {
    if (legalForm === 'CPAS') return `CPAS ${deCommune(commune.name)}`;
    const suffix = (name: string) => {
      if (legalForm === 'SC' && rng.chance(0.6)) return `${name} SC`;
      if (legalForm === 'ASBL' && rng.chance(0.6)) return `${name} ASBL`;
      if (legalForm === 'SRL') return `${name} SRL`;
      return name;
    };
    for (let attempt = 0; attempt < 12; attempt++) {
      const pattern = rng.pick(SECTORS[sector].patterns);
      const name = pattern
        .replace('{de_commune}', deCommune(commune.name))
        .replace('{commune}', commune.name)
        .replace('{de_region}', REGION_DE[commune.region] ?? `de ${commune.region}`)
        .replace('{region}', REGION_SHORT[commune.region] ?? commune.region);
      const full = suffix(name);
      if (!this.usedNames.has(full)) {
        this.usedNames.add(full);
        return full;
      }
    }
    let n = 2;
    const base = rng
      .pick(SECTORS[sector].patterns)
      .replace('{de_commune}', deCommune(commune.name))
      .replace('{commune}', commune.name)
      .replace('{de_region}', deCommune(commune.name))
      .replace('{region}', commune.name);
    while (this.usedNames.has(`${base} ${n}`)) n++;
    const full = suffix(`${base} ${n}`);
    this.usedNames.add(full);
    return full;
  }

  private createOperator(rng: Rng, profile: Profile, options: { scheme?: Scheme; legalForm?: LegalForm; activities?: IdessActivity[]; recent?: boolean } = {}): Operator {
    const scheme = options.scheme ?? (profile === 'IDESS_IES' ? 'IDESS' : profile === 'applicant' ? 'IES' : profile);
    let commune = rng.weighted(this.communeWeights);
    let legalForm: LegalForm = options.legalForm ?? 'ASBL';
    if (!options.legalForm) {
      if (scheme === 'EI') legalForm = 'SC';
      else if (scheme === 'IDESS') legalForm = rng.weighted([['ASBL', 55], ['CPAS', 30], ['SC', 15]] as const);
      else if (scheme === 'IES') legalForm = rng.weighted([['ASBL', 60], ['SC', 32], ['CPAS', 8]] as const);
      else legalForm = rng.chance(0.5) ? 'ASBL' : 'SC';
    }
    if (legalForm === 'CPAS') {
      let tries = 0;
      while (this.usedCpas.has(commune.name) && tries++ < 30) commune = rng.weighted(this.communeWeights);
      if (this.usedCpas.has(commune.name)) legalForm = 'ASBL';
      else this.usedCpas.add(commune.name);
    }
    let sector: SectorCode;
    if (scheme === 'AC') sector = 'conseil';
    else if (scheme === 'IDESS') sector = IDESS_ACTIVITY_INFO[options.activities?.[0] ?? 'green_spaces'].sector;
    else if (scheme === 'EI')
      sector = rng.weighted([
        ['titres_services', 28],
        ['ressourcerie', 12],
        ['construction', 20],
        ['horeca', 12],
        ['espaces_verts', 11],
        ['nettoyage', 12],
        ['blanchisserie', 5],
      ] as const);
    else
      sector = rng.weighted([
        ['ressourcerie', 25],
        ['horeca', 18],
        ['titres_services', 14],
        ['construction', 11],
        ['espaces_verts', 10],
        ['epicerie', 10],
        ['nettoyage', 8],
        ['transport', 4],
      ] as const);
    const size =
      scheme === 'EI'
        ? rng.weighted([[rng.int(8, 16), 4], [rng.int(16, 32), 4], [rng.int(32, 70), 2]] as const)
        : scheme === 'IDESS'
          ? rng.int(3, 16)
          : scheme === 'AC'
            ? rng.int(3, 11)
            : rng.int(3, 30);
    const signer = this.personName(rng, new Set());
    const titles = SIGNATORY_TITLES[legalForm === 'SC' || legalForm === 'ASBL' || legalForm === 'CPAS' ? legalForm : 'other'];
    const title = rng.pick(titles)[signer.gender === 'f' ? 1 : 0];
    const streetName = rng.pick(STREETS);
    const operator: Operator = {
      id: this.operators.length + 1,
      bce: this.newBce(rng, legalForm, options.recent ?? false),
      name: this.operatorName(rng, sector, commune, legalForm),
      legalForm,
      socialEnterprise: legalForm === 'SC',
      street:
        streetName.startsWith('Zoning') || streetName.startsWith('Parc')
          ? `${streetName} ${rng.int(1, 40)}`
          : `${streetName} ${rng.int(1, 180)}${rng.chance(0.1) ? ` bte ${rng.int(1, 4)}` : ''}`,
      commune,
      sector,
      profile,
      size,
      breaches: new Set(),
      signatory: { name: `${signer.first} ${signer.last}`, title },
      agrements: [],
      dossiers: [],
      lateReportYear: null,
      missingReportYear: null,
    };
    this.operators.push(operator);
    return operator;
  }

  /** A new operator asking for its first agrément (an EI candidate already holds the IES one). */
  private newApplicant(rng: Rng, year: number, recent: boolean): Agrement {
    const scheme = rng.weighted([['EI', 35], ['IDESS', 35], ['IES', 20], ['AC', 10]] as const);
    const activities = scheme === 'IDESS' ? this.idessActivities(rng) : [];
    const op = this.createOperator(rng, 'applicant', { scheme, activities, recent });
    if (scheme === 'EI') {
      const iesGrant = addDays(this.windowStart, -rng.int(60, 900));
      this.runAgrement(this.createAgrement(op, 'IES', yearOf(iesGrant)), iesGrant, {});
    }
    return this.createAgrement(op, scheme, year, activities);
  }

  private createAgrement(operator: Operator, scheme: AgrementScheme, year: number, activities: IdessActivity[] = []): Agrement {
    const key = `${scheme}/${year}`;
    const seq = (this.agrementSeq.get(key) ?? 0) + 1;
    this.agrementSeq.set(key, seq);
    const agrement: Agrement = {
      id: this.agrements.length + 1,
      operator,
      scheme,
      number: `${scheme}/${year}/${String(seq).padStart(3, '0')}`,
      status: 'requested',
      firstGrantedOn: null,
      periods: [],
      activities: activities.map((activity) => ({ activity, sinceOn: '' })),
      endedOn: null,
    };
    this.agrements.push(agrement);
    operator.agrements.push(agrement);
    return agrement;
  }

  /** A first-grant date: most agréments predate the demo's window, some were granted inside it. */
  private firstGrantDate(rng: Rng, inWindowShare: number): string {
    if (rng.chance(inWindowShare)) return addDays(this.today, -rng.int(150, 980));
    return addDays(this.today, -rng.int(1200, 4300));
  }

  private idessActivities(rng: Rng): IdessActivity[] {
    const primary = rng.weighted([
      ['green_spaces', 30],
      ['home_repairs', 28],
      ['social_transport', 12],
      ['social_laundry', 10],
      ['social_shop', 10],
      ['cleaning_small_asbl', 10],
    ] as const);
    if (!rng.chance(0.35)) return [primary];
    const second = rng.pick(IDESS_ACTIVITIES.filter((a) => a !== primary));
    return [primary, second];
  }

  private createOperators(): void {
    const rng = this.root.fork('operators');
    const n = Math.max(12, Math.round(60 * this.scale));
    const applicants = Math.max(4, Math.round(n * 0.09));
    const ac = Math.max(2, Math.round(n * 0.06));
    const ei = Math.round(n * 0.27);
    const idess = Math.round(n * 0.22);
    const idessIes = Math.round(n * 0.08);
    const ies = Math.max(2, n - applicants - ac - ei - idess - idessIes);

    const eiOps: Operator[] = [];
    for (let i = 0; i < ei; i++) eiOps.push(this.createOperator(rng, 'EI'));
    const idessOps: Operator[] = [];
    const idessActivities = new Map<Operator, IdessActivity[]>();
    for (let i = 0; i < idess + idessIes; i++) {
      const activities = this.idessActivities(rng);
      const op = this.createOperator(rng, i < idess ? 'IDESS' : 'IDESS_IES', { activities });
      idessOps.push(op);
      idessActivities.set(op, activities);
    }
    const iesOps: Operator[] = [];
    for (let i = 0; i < ies; i++) iesOps.push(this.createOperator(rng, 'IES'));
    const acOps: Operator[] = [];
    for (let i = 0; i < ac; i++) acOps.push(this.createOperator(rng, 'AC'));

    // Special stories, spread over the groups: a handful each, more when scaled up.
    const few = (k: number) => Math.max(1, Math.round(k * this.scale));
    const eiShuffled = rng.shuffle(eiOps);
    const idessShuffled = rng.shuffle(idessOps.filter((o) => o.profile === 'IDESS'));
    const iesShuffled = rng.shuffle(iesOps);
    const take = <T>(list: T[], count: number) => list.splice(0, Math.min(count, Math.max(0, list.length - 1)));

    const withdrawn = take(eiShuffled, few(1));
    const suspendedPartial = take(eiShuffled, few(1));
    const suspendedTotal = take(idessShuffled, few(1));
    const renounced = take(idessShuffled, few(1));
    const renewalRefused = take(idessShuffled, few(1));
    const expired = take(iesShuffled, few(1));
    const lateRenewal = take(iesShuffled, few(2));
    const eiSpecial = new Set([...withdrawn, ...suspendedPartial]);

    // Breaches of the EI rules, visible in the figures (DESIGN §2).
    const eiPool = rng.shuffle(eiOps.filter((o) => !eiSpecial.has(o)));
    const breachCount = Math.max(2, Math.round(eiOps.length * 0.13));
    let cursor = 0;
    const assign = (breach: Breach, count: number, fit: (o: Operator) => boolean) => {
      let given = 0;
      for (let i = 0; i < eiPool.length && given < count; i++) {
        const op = eiPool[(cursor + i) % eiPool.length] as Operator;
        if (op.breaches.size >= 2 || op.breaches.has(breach) || !fit(op)) continue;
        op.breaches.add(breach);
        given++;
      }
      cursor += count;
    };
    assign('target_share', breachCount, () => true);
    assign('pay_spread', breachCount, () => true);
    assign('cdi_late', breachCount, () => true);
    assign('accompaniment', breachCount, (o) => o.size >= 14);
    assign('part_time', Math.max(1, Math.round(breachCount / 2)), () => true);
    for (const op of eiOps) if (op.breaches.has('target_share') || op.breaches.has('accompaniment')) op.size = Math.max(op.size, 14);

    // Reports received late or never, across all schemes.
    const reporting = rng.shuffle([...eiOps, ...idessOps, ...iesOps, ...acOps].filter((o) => !eiSpecial.has(o)));
    const lateCount = Math.max(3, Math.round(n * 0.07));
    const missingCount = Math.max(2, Math.round(n * 0.035));
    const lastYear = yearOf(this.today) - 1;
    const lastDueYear = addDays(isoDate(lastYear + 1, 7, 15), 20) < this.today ? lastYear : lastYear - 1;
    reporting.slice(0, lateCount).forEach((op, i) => {
      op.breaches.add('late_report');
      op.lateReportYear = lastDueYear - (i % 2);
    });
    reporting.slice(lateCount, lateCount + missingCount).forEach((op) => {
      op.breaches.add('missing_report');
      op.missingReportYear = lastDueYear;
    });
    reporting.slice(lateCount + missingCount, lateCount + missingCount + Math.max(1, Math.round(n * 0.03))).forEach((op) => op.breaches.add('missing_figures'));
    for (const op of lateRenewal) op.breaches.add('late_renewal');

    // EI: the cooperative holds the IES agrément, then the EI one.
    for (const op of eiOps) {
      const special = withdrawn.includes(op) || suspendedPartial.includes(op);
      const oldEnough = op.breaches.has('target_share') || special;
      const eiGrant = oldEnough ? addDays(this.today, -rng.int(1900, 4300)) : this.firstGrantDate(rng, 0.28);
      const eiInWindow = eiGrant > addDays(this.windowStart, 150);
      const iesGrant = eiInWindow ? addDays(this.windowStart, -rng.int(60, 1500)) : addDays(eiGrant, -rng.int(0, 700));
      const iesAgr = this.createAgrement(op, 'IES', yearOf(iesGrant));
      this.runAgrement(iesAgr, iesGrant, {});
      const eiAgr = this.createAgrement(op, 'EI', yearOf(eiGrant));
      if (withdrawn.includes(op)) {
        const ceaseOn = addDays(this.windowStart, rng.int(200, 700));
        eiAgr.endedOn = ceaseOn;
        iesAgr.endedOn = ceaseOn;
      }
      if (eiInWindow) this.requestFirst(eiAgr, addDays(eiGrant, -rng.int(110, 170)), rng);
      else this.runAgrement(eiAgr, eiGrant, {});
    }
    for (const op of idessOps) {
      const activities = idessActivities.get(op) ?? ['green_spaces'];
      let grant = this.firstGrantDate(rng, 0.25);
      if (renewalRefused.includes(op)) grant = addDays(this.today, -rng.int(1100, 1300));
      if (suspendedTotal.includes(op) || renounced.includes(op)) grant = addDays(this.today, -rng.int(1500, 3000));
      const agr = this.createAgrement(op, 'IDESS', yearOf(grant), activities);
      if (renounced.includes(op)) agr.endedOn = addDays(this.today, -rng.int(120, 500));
      const story: AgrementStory = renewalRefused.includes(op) ? { refuseRenewalAt: 0 } : {};
      if (grant > addDays(this.windowStart, 150)) this.requestFirst(agr, addDays(grant, -rng.int(110, 170)), rng);
      else this.runAgrement(agr, grant, story);
      if (op.profile === 'IDESS_IES') {
        const iesGrant = addDays(grant, -rng.int(-200, 900));
        const ies = this.createAgrement(op, 'IES', yearOf(iesGrant));
        if (iesGrant > addDays(this.windowStart, 150)) this.requestFirst(ies, addDays(iesGrant, -rng.int(110, 170)), rng);
        else this.runAgrement(ies, iesGrant, {});
      }
    }
    for (const op of iesOps) {
      let grant = this.firstGrantDate(rng, 0.25);
      const story: AgrementStory = {};
      if (expired.includes(op)) {
        grant = addDays(this.today, -rng.int(2190 + 100, 2190 + 500));
        story.noRenewalAt = 1;
      }
      if (lateRenewal.includes(op)) {
        grant = addDays(this.today, -rng.int(730 + 200, 730 + 600));
        story.lateRenewalAt = 0;
      }
      const agr = this.createAgrement(op, 'IES', yearOf(grant));
      if (grant > addDays(this.windowStart, 150)) this.requestFirst(agr, addDays(grant, -rng.int(110, 170)), rng);
      else this.runAgrement(agr, grant, story);
    }
    // Agences-conseil: agreed under the decree of 13 December 2023, so most requests fall in the window.
    for (const op of acOps) {
      const received = addDays(this.windowStart, rng.int(60, 600));
      const agr = this.createAgrement(op, 'AC', yearOf(received));
      if (received < addDays(this.today, -60)) this.requestFirst(agr, received, rng);
      else this.runAgrement(agr, addDays(this.windowStart, -rng.int(100, 900)), {});
    }

    // Applicants: requests received lately, plus two refusals on record (legal form, ETA).
    for (let i = 0; i < applicants; i++) {
      const received = addDays(this.today, -rng.int(5, 90));
      this.requestFirst(this.newApplicant(rng, yearOf(received), rng.chance(0.6)), received, rng);
    }
    const srl = this.createOperator(rng, 'applicant', { scheme: 'IES', legalForm: 'SRL', recent: true });
    this.requestFirst(this.createAgrement(srl, 'IES', yearOf(this.windowStart) + 1), addDays(this.windowStart, rng.int(120, 500)), rng, ['legal_form']);
    const eta = this.createOperator(rng, 'applicant', { scheme: 'EI', legalForm: 'SC' });
    const etaAgr = this.createAgrement(eta, 'ETA', yearOf(this.today) - 12);
    this.runAgrement(etaAgr, addDays(this.today, -rng.int(4000, 4500)), {});
    const etaIes = this.createAgrement(eta, 'IES', yearOf(this.today) - 8);
    this.runAgrement(etaIes, addDays(this.today, -rng.int(2900, 3100)), {});
    this.requestFirst(this.createAgrement(eta, 'EI', yearOf(this.windowStart) + 1), addDays(this.windowStart, rng.int(200, 600)), rng, ['eta']);

    // Life events inside the window.
    for (const op of withdrawn) this.withdrawalStory(op);
    for (const op of renounced) this.renunciationStory(op);
    for (const op of this.operators) this.reportsOf(op);
    for (const op of suspendedPartial) this.suspensionStory(op, 'partial');
    for (const op of suspendedTotal) this.suspensionStory(op, 'total');
    this.inspectionsOfAll(new Set([...suspendedPartial, ...suspendedTotal, ...withdrawn]));
    this.extensionsAndDerogations(idessOps, eiOps);
  }

  // -------------------------------------------------------------------------------------------
  // Agrément stories

  /** Grants the agrément on `grantOn` and follows it: silent renewals before the window, renewal dossiers inside. */
  private runAgrement(agr: Agrement, grantOn: string, story: AgrementStory): void {
    agr.firstGrantedOn = grantOn;
    agr.status = 'active';
    for (const activity of agr.activities) if (!activity.sinceOn) activity.sinceOn = grantOn;
    let index = 0;
    let start = grantOn;
    for (;;) {
      const term = termFor(agr.scheme, index);
      const end = periodEnd(start, term);
      agr.periods.push({ startOn: start, endOn: end, term });
      if (end === null) return;
      if (agr.endedOn && agr.endedOn <= end) return;
      if (agr.scheme === 'ETA') {
        index++;
        start = addDays(end, 1);
        if (start > this.today) return;
        continue;
      }
      const opens = addDays(end, -240);
      if (opens > this.today) return;
      const late = story.lateRenewalAt === index;
      const received = late ? addDays(end, -this.rng.int(70, 160)) : addDays(end, -this.rng.int(182, 238));
      if (received < addDays(this.windowStart, -45)) {
        index++;
        start = addDays(end, 1);
        continue;
      }
      if (story.noRenewalAt === index) return;
      if (received > this.today) return;
      const nextTerm = termFor(agr.scheme, index + 1);
      const refuse = story.refuseRenewalAt === index;
      const conditional = !refuse && (late || this.rng.chance(0.12));
      const reasons: Reason[] = refuse ? ['activity_scope'] : late ? ['late_renewal'] : conditional ? ['renewal_followup'] : ['compliant'];
      const info = !late && !refuse && end > addDays(this.today, 60) && this.rng.chance(0.15);
      const infoOn = info ? addDays(received, this.rng.int(8, 20)) : null;
      const completeOn = infoOn ? addDays(infoOn, this.rng.int(10, 35)) : addDays(received, this.rng.int(0, 12));
      const dossier = this.resolve({
        operator: agr.operator,
        agrement: agr,
        scheme: agr.scheme as Scheme,
        kind: 'renewal',
        subject: renewalSubject(agr.scheme as Scheme, nextTerm, agr.activities.map((a) => a.activity)),
        receivedOn: received,
        receivedDetail: 'Demande de renouvellement introduite par courrier recommandé.',
        infoRequestedOn: infoOn,
        completeOn,
        earliest: addDays(completeOn, this.rng.int(20, 45)),
        outcome: refuse ? 'unfavourable' : conditional ? 'favourable_conditions' : 'favourable',
        proposal: refuse ? 'unfavourable' : conditional && this.rng.chance(0.5) ? 'favourable' : undefined,
        reasons,
        decision: refuse ? { kind: 'refuse', term: null } : { kind: 'renew', term: nextTerm },
        detour: refuse && this.rng.chance(0.6) ? 'adjourned_hearing' : null,
        requestedTerm: nextTerm,
      });
      if (dossier.decision?.kind !== 'renew') return;
      index++;
      start = addDays(end, 1);
    }
  }

  /** A first request inside the window: resolved, then granted (or refused, or still pending). */
  private requestFirst(agr: Agrement, receivedOn: string, rng: Rng, forcedReasons: Reason[] = []): Dossier {
    const refused = forcedReasons.length > 0 || rng.chance(0.04);
    const reasons: Reason[] = forcedReasons.length > 0 ? forcedReasons : refused ? ['finances'] : rng.chance(0.3) ? ['new_project'] : ['compliant'];
    const info = rng.chance(0.35);
    const infoOn = info ? addDays(receivedOn, rng.int(8, 20)) : null;
    const completeCandidate = infoOn ? addDays(infoOn, rng.int(12, 45)) : addDays(receivedOn, rng.int(2, 25));
    const stillWaiting = infoOn !== null && infoOn > addDays(this.today, -50) && rng.chance(0.6);
    const completeOn = completeCandidate <= this.today && !stillWaiting ? completeCandidate : null;
    const outcome: OpinionOutcome = refused ? 'unfavourable' : reasons.includes('new_project') ? 'favourable_conditions' : 'favourable';
    const activities = agr.activities.map((a) => a.activity);
    const dossier = this.resolve({
      operator: agr.operator,
      agrement: agr,
      scheme: agr.scheme as Scheme,
      kind: 'agrement',
      subject: agrementSubject(agr.scheme as Scheme, activities),
      receivedOn,
      receivedDetail: 'Demande d’agrément introduite par courrier, avec statuts, plan financier et note de présentation du projet.',
      infoRequestedOn: infoOn && infoOn <= this.today ? infoOn : null,
      completeOn,
      earliest: completeOn ? addDays(completeOn, rng.int(20, 50)) : undefined,
      outcome,
      reasons,
      decision: refused ? { kind: 'refuse', term: null } : { kind: 'grant', term: '2y' },
      detour: rng.chance(0.18) ? (rng.chance(0.5) ? 'adjourned_hearing' : 'adjourned_information') : null,
      hearing: rng.chance(0.2),
    });
    if (dossier.decision?.kind === 'grant') {
      this.runAgrement(agr, dossier.decision.decidedOn, {});
    } else if (dossier.decision?.kind === 'refuse') {
      agr.status = 'refused';
    }
    return dossier;
  }

  private withdrawalStory(op: Operator): void {
    const agr = op.agrements.find((a) => a.scheme === 'EI');
    if (!agr?.endedOn) return;
    const received = agr.endedOn;
    this.resolve({
      operator: op,
      agrement: agr,
      scheme: 'EI',
      kind: 'withdrawal',
      subject: withdrawalSubject('EI'),
      receivedOn: received,
      receivedDetail: 'Procédure ouverte par l’administration après publication de la mise en liquidation au Moniteur belge.',
      completeOn: addDays(received, this.rng.int(5, 20)),
      outcome: 'favourable',
      reasons: ['cessation'],
      decision: { kind: 'withdrawal', term: null },
      onDecided: () => {
        agr.status = 'withdrawn';
        const ies = op.agrements.find((a) => a.scheme === 'IES');
        if (ies) ies.status = 'withdrawn';
      },
    });
  }

  private renunciationStory(op: Operator): void {
    const agr = op.agrements.find((a) => a.scheme === 'IDESS');
    if (!agr?.endedOn) return;
    const dossier = this.resolve({
      operator: op,
      agrement: agr,
      scheme: 'IDESS',
      kind: 'renunciation',
      subject: renunciationSubject('IDESS'),
      receivedOn: agr.endedOn,
      receivedDetail: 'Courrier de l’opérateur annonçant la renonciation à l’agrément.',
      completeOn: agr.endedOn,
      outcome: 'noted',
      reasons: ['compliant'],
      decision: null,
    });
    if (dossier.finalOpinionOn) agr.status = 'renounced';
  }

  private suspensionStory(op: Operator, kind: 'partial' | 'total'): void {
    const scheme: Scheme = kind === 'partial' ? 'EI' : 'IDESS';
    const agr = op.agrements.find((a) => a.scheme === scheme);
    if (!agr || agr.status !== 'active') return;
    const inspectedOn = kind === 'partial' ? addDays(this.windowStart, this.rng.int(90, 300)) : addDays(this.today, -this.rng.int(230, 330));
    const inspection = this.createInspection(op, scheme, inspectedOn, 'critical');
    const inspectionDossier = inspection.dossier;
    if (!inspectionDossier?.finalOpinionOn) return;
    const received = addDays(inspectionDossier.finalOpinionOn, this.rng.int(40, 70));
    if (received > addDays(this.today, -20)) return;
    const dossier = this.resolve({
      operator: op,
      agrement: agr,
      scheme,
      kind: 'suspension',
      subject: suspensionSubject(kind, scheme),
      receivedOn: received,
      receivedDetail: 'Procédure ouverte par l’administration après la mise en demeure restée sans suite.',
      completeOn: received,
      outcome: 'favourable',
      reasons: ['suspension'],
      decision: { kind: kind === 'partial' ? 'suspension_partial' : 'suspension_total', term: null },
      hearing: true,
      onDecided: () => {
        if (kind === 'total') agr.status = 'suspended';
      },
    });
    if (kind !== 'partial' || !dossier.decision?.notifiedOn) return;
    const liftReceived = addDays(dossier.decision.notifiedOn, this.rng.int(110, 200));
    if (liftReceived > addDays(this.today, -30)) return;
    for (const finding of inspection.findings) if (!finding.resolvedOn && finding.followUpDueOn) finding.resolvedOn = addDays(liftReceived, -this.rng.int(3, 15));
    this.resolve({
      operator: op,
      agrement: agr,
      scheme,
      kind: 'suspension',
      subject: suspensionSubject('lift', scheme),
      receivedOn: liftReceived,
      receivedDetail: 'Demande de l’opérateur, avec les preuves de régularisation.',
      completeOn: addDays(liftReceived, this.rng.int(5, 25)),
      outcome: 'favourable',
      reasons: ['suspension_lifted'],
      decision: { kind: 'suspension_lifted', term: null },
    });
  }

  private extensionsAndDerogations(idessOps: Operator[], eiOps: Operator[]): void {
    const rng = this.rng;
    for (const op of idessOps) {
      const agr = op.agrements.find((a) => a.scheme === 'IDESS');
      if (!agr || agr.status !== 'active' || !agr.firstGrantedOn || agr.activities.length >= 3 || !rng.chance(0.18)) continue;
      const from = maxDate(addDays(agr.firstGrantedOn, 180), addDays(this.windowStart, 30));
      const span = daysBetween(from, addDays(this.today, -5));
      if (span <= 0) continue;
      const received = addDays(from, rng.int(0, span));
      this.requestExtension(op, agr, received, rng);
    }
    const derogations = Math.max(1, Math.round(this.scale));
    const shareBreakers = eiOps.filter((o) => o.breaches.has('target_share'));
    for (let i = 0; i < derogations && i < shareBreakers.length; i++) {
      const op = shareBreakers[i] as Operator;
      const agr = op.agrements.find((a) => a.scheme === 'EI' && a.status === 'active');
      if (!agr) continue;
      const received = addDays(this.today, -rng.int(60, 500));
      this.resolve({
        operator: op,
        agrement: agr,
        scheme: 'EI',
        kind: 'derogation',
        subject: derogationSubject('EI'),
        receivedOn: received,
        receivedDetail: 'Demande motivée de l’entreprise, avec un plan de recrutement sur dix-huit mois.',
        completeOn: addDays(received, rng.int(3, 20)),
        outcome: 'favourable_conditions',
        reasons: ['derogation_share'],
        decision: { kind: 'derogation_granted', term: null },
        detour: rng.chance(0.5) ? 'adjourned_hearing' : null,
      });
    }
    const idessDerogation = idessOps.find((o) => o.agrements.some((a) => a.scheme === 'IDESS' && a.status === 'active'));
    const idessAgr = idessDerogation?.agrements.find((a) => a.scheme === 'IDESS');
    if (idessDerogation && idessAgr) {
      const received = addDays(this.today, -rng.int(120, 700));
      this.resolve({
        operator: idessDerogation,
        agrement: idessAgr,
        scheme: 'IDESS',
        kind: 'derogation',
        subject: derogationSubject('IDESS'),
        receivedOn: received,
        receivedDetail: 'Demande de l’opérateur.',
        completeOn: addDays(received, rng.int(3, 20)),
        outcome: 'unfavourable',
        reasons: ['derogation_idess'],
        decision: { kind: 'derogation_refused', term: null },
      });
    }
  }

  private requestExtension(op: Operator, agr: Agrement, received: string, rng: Rng, earliest?: string, fresh = true): Dossier | null {
    const candidates = IDESS_ACTIVITIES.filter((a) => !agr.activities.some((x) => x.activity === a));
    if (candidates.length === 0) return null;
    const activity = rng.pick(candidates);
    const refuse = rng.chance(0.15);
    const limited = activity === 'social_transport' || activity === 'social_laundry' || activity === 'social_shop';
    const completeOn = minDate(addDays(received, rng.int(2, 20)), this.today);
    return this.resolve({
      operator: op,
      agrement: agr,
      scheme: 'IDESS',
      kind: 'extension',
      subject: extensionSubject(activity),
      receivedOn: received,
      receivedDetail: 'Demande d’extension à une nouvelle activité, avec l’attestation du CPAS sur le besoin local.',
      completeOn: completeOn <= this.today ? completeOn : null,
      earliest,
      fresh,
      outcome: refuse ? 'unfavourable' : limited && rng.chance(0.5) ? 'favourable_conditions' : 'favourable',
      reasons: refuse ? ['activity_scope'] : limited ? ['new_project'] : ['compliant'],
      decision: refuse ? { kind: 'refuse', term: null } : { kind: 'extend', term: null },
      extensionActivity: activity,
      onDecided: (decision) => {
        if (decision.kind === 'extend') agr.activities.push({ activity, sinceOn: decision.decidedOn });
      },
    });
  }

  // -------------------------------------------------------------------------------------------
  // Yearly reports

  private reportsOf(op: Operator): void {
    const rng = this.root.fork(`reports-${op.id}`);
    for (const agr of op.agrements) {
      if (agr.scheme === 'ETA' || !agr.firstGrantedOn) continue;
      const scheme = agr.scheme as Scheme;
      const firstYear = yearOf(agr.firstGrantedOn);
      for (let year = yearOf(this.windowStart) - 2; year <= yearOf(this.today) - 1; year++) {
        const yearEnd = isoDate(year, 12, 31);
        if (agr.firstGrantedOn > isoDate(year, 10, 31)) continue;
        const active = agr.periods.some((p) => p.startOn <= yearEnd && (p.endOn === null || p.endOn >= isoDate(year, 1, 1)));
        if (!active) continue;
        if (agr.endedOn && agr.endedOn < isoDate(year + 1, 3, 1)) continue;
        const dueOn = isoDate(year + 1, 7, 15);
        let receivedOn: string | null;
        if (op.missingReportYear === year) receivedOn = null;
        else if (op.lateReportYear === year) receivedOn = addDays(dueOn, rng.int(25, 110));
        else receivedOn = addDays(dueOn, -rng.int(0, 75));
        if (receivedOn !== null && receivedOn > this.today) receivedOn = null;
        if (receivedOn === null && dueOn >= this.today) continue;
        const agrementYear = year - firstYear + 1;
        const report: ActivityReport = {
          id: 0,
          operator: op,
          agrement: agr,
          dossier: null,
          scheme,
          year,
          dueOn,
          receivedOn,
          agrementYear,
          figures: this.figures(rng, op, scheme, year, agrementYear, receivedOn !== null, year >= yearOf(this.today) - 2),
        };
        this.reports.push(report);
        if (receivedOn === null || receivedOn < addDays(this.windowStart, -150)) continue;
        this.reportDossier(report, rng);
      }
    }
  }

  private figures(rng: Rng, op: Operator, scheme: Scheme, year: number, agrementYear: number, received: boolean, breachYear: boolean): ReportFigures {
    const none: ReportFigures = {
      headcount: null,
      fteTotal: null,
      targetFteTd: null,
      targetFteTgd: null,
      targetFteSine: null,
      targetFteArt60: null,
      targetFteArt61: null,
      targetHeadcount: null,
      targetHires: null,
      cdiWithin6Months: null,
      partTimeBelowHalf: null,
      lowestFtePayCents: null,
      highestFtePayCents: null,
      accompanimentFte: null,
      trainingPlan: null,
      trainingHours: null,
      yearlyEvaluations: null,
      workerParticipation: null,
      wageCostCents: null,
      subsidyTdCents: null,
      subsidyTgdCents: null,
      otherSubsidiesCents: null,
      turnoverCents: null,
      operatingResultCents: null,
      acProjectsSupported: null,
      acEnterprisesCreated: null,
      acJobsCreatedFte: null,
    };
    if (!received) return none;
    const growth = 1 + 0.035 * (year - yearOf(this.today) + 2);
    const fte = Math.max(1.5, round1(op.size * growth * rng.float(0.94, 1.06)));
    const headcount = Math.max(2, Math.round(fte * rng.float(1.12, 1.35)));
    const missing = op.breaches.has('missing_figures') && breachYear;
    const lowest = roundCents(rng.int(24_800, 27_600));
    // Employer's cost: average pay closer to the lowest than to the highest, plus social charges.
    const wage = (ratio: number) => roundCents((fte * lowest * (1 + 0.25 * (ratio - 1)) * 1.32) / 100);
    const turnoverPerFte = op.sector === 'titres_services' ? rng.int(30_000, 40_000) : rng.int(38_000, 62_000);
    if (scheme === 'EI') {
      let share: number;
      if (agrementYear <= 3) share = rng.float(0.3 + 0.06 * agrementYear, 0.62);
      else if (op.breaches.has('target_share') && breachYear) share = rng.float(0.33, 0.46);
      else share = rng.float(0.53, 0.74);
      const target = round1(fte * share);
      const tgd = round1(target * rng.float(0.2, 0.45));
      const td = round1(target - tgd);
      const hires = Math.max(1, Math.round(target * rng.float(0.15, 0.35)));
      const cdiLate = op.breaches.has('cdi_late') && breachYear;
      const ratio = op.breaches.has('pay_spread') && breachYear ? rng.float(4.2, 5.3) : rng.float(1.6, 3.3);
      const accompaniment =
        op.breaches.has('accompaniment') && breachYear
          ? rng.pick([0, 0.2, 0.3])
          : Math.max(0.5, round1(Math.max(target / rng.float(9, 13), target / 15 + 0.1)));
      const wageCost = wage(ratio);
      return {
        ...none,
        headcount,
        fteTotal: fte,
        targetFteTd: td,
        targetFteTgd: tgd,
        targetHeadcount: Math.max(1, Math.round(target * rng.float(1.1, 1.3))),
        targetHires: hires,
        cdiWithin6Months: cdiLate ? Math.max(0, hires - rng.int(2, 4)) : hires,
        partTimeBelowHalf: op.breaches.has('part_time') && breachYear ? rng.int(1, 3) : 0,
        lowestFtePayCents: lowest,
        highestFtePayCents: Math.round((lowest * ratio) / 100) * 100,
        accompanimentFte: accompaniment,
        trainingPlan: 1,
        trainingHours: missing ? null : Math.round(fte * rng.float(12, 30)),
        yearlyEvaluations: rng.chance(0.93) ? 1 : 0,
        workerParticipation: 1,
        wageCostCents: wageCost,
        subsidyTdCents: Math.min(roundCents(td * 18_000 * rng.float(0.3, 0.55)), Math.round(wageCost * 0.25)),
        subsidyTgdCents: Math.min(roundCents(tgd * 18_000 * rng.float(0.4, 0.8)), Math.round(wageCost * 0.2)),
        otherSubsidiesCents: roundCents(fte * rng.float(2_500, 7_000)),
        turnoverCents: roundCents(fte * turnoverPerFte),
        operatingResultCents: missing ? null : roundCents(fte * turnoverPerFte * rng.float(-0.04, 0.05)),
      };
    }
    if (scheme === 'IDESS') {
      const sine = round1(fte * rng.float(0.2, 0.45));
      const art60 = round1(fte * rng.float(0.1, 0.3));
      const art61 = round1(fte * rng.float(0, 0.12));
      return {
        ...none,
        headcount,
        fteTotal: fte,
        targetFteSine: sine,
        targetFteArt60: art60,
        targetFteArt61: art61,
        targetHeadcount: Math.max(1, Math.round((sine + art60 + art61) * 1.25)),
        trainingPlan: rng.chance(0.8) ? 1 : 0,
        trainingHours: missing ? null : Math.round(fte * rng.float(6, 20)),
        wageCostCents: wage(rng.float(1.4, 2.2)),
        otherSubsidiesCents: roundCents(fte * rng.float(9_000, 16_000)),
        turnoverCents: roundCents(fte * rng.float(6_000, 15_000)),
        operatingResultCents: missing ? null : roundCents(fte * rng.float(-1_500, 2_000)),
      };
    }
    if (scheme === 'IES') {
      return {
        ...none,
        headcount,
        fteTotal: fte,
        trainingPlan: rng.chance(0.7) ? 1 : 0,
        trainingHours: missing ? null : Math.round(fte * rng.float(8, 24)),
        workerParticipation: rng.chance(0.9) ? 1 : 0,
        wageCostCents: wage(rng.float(1.5, 2.6)),
        otherSubsidiesCents: roundCents(fte * rng.float(1_500, 6_000)),
        turnoverCents: roundCents(fte * turnoverPerFte),
        operatingResultCents: missing ? null : roundCents(fte * turnoverPerFte * rng.float(-0.05, 0.06)),
      };
    }
    return {
      ...none,
      headcount,
      fteTotal: fte,
      trainingPlan: 1,
      trainingHours: missing ? null : Math.round(fte * rng.float(20, 45)),
      workerParticipation: 1,
      wageCostCents: roundCents(fte * rng.float(52_000, 64_000)),
      otherSubsidiesCents: roundCents(fte * rng.float(38_000, 50_000)),
      turnoverCents: roundCents(fte * rng.float(9_000, 22_000)),
      operatingResultCents: missing ? null : roundCents(fte * rng.float(-2_000, 3_000)),
    };
  }

  /** What the figures say against DESIGN §2, as reasons for the opinion. */
  private reportReasons(report: ActivityReport): Reason[] {
    const f = report.figures;
    const reasons: Reason[] = [];
    if (report.scheme === 'EI') {
      const share = targetShare(f);
      if (share !== null && share < 0.5 && report.agrementYear >= 4) reasons.push('target_share');
      const ratio = payRatio(f);
      if (ratio !== null && ratio > 4) reasons.push('pay_spread');
      if (f.cdiWithin6Months !== null && f.targetHires !== null && f.cdiWithin6Months < f.targetHires) reasons.push('cdi_late');
      if (f.accompanimentFte !== null && targetFte(f) >= 6 && f.accompanimentFte < Math.max(0.5, targetFte(f) / 15)) reasons.push('accompaniment');
      if (f.partTimeBelowHalf !== null && f.partTimeBelowHalf > 0) reasons.push('part_time');
    }
    if (f.trainingHours === null || f.operatingResultCents === null) reasons.push('missing_figures');
    if (report.receivedOn && report.receivedOn > report.dueOn) reasons.push('late_report');
    return reasons;
  }

  private reportDossier(report: ActivityReport, rng: Rng): void {
    const receivedOn = report.receivedOn as string;
    const reasons = this.reportReasons(report);
    const serious = reasons.filter((r) => r !== 'late_report' && r !== 'missing_figures');
    let outcome: OpinionOutcome;
    let detour: Intent['detour'] = null;
    if (report.scheme === 'AC') {
      outcome = serious.length > 0 || reasons.includes('missing_figures') || rng.chance(0.2) ? 'favourable_conditions' : 'favourable';
      if (outcome === 'favourable_conditions' && !reasons.includes('missing_figures')) reasons.push('subsidy_ac');
    } else if (serious.length > 0) {
      outcome = 'favourable_conditions';
      detour = serious.length >= 2 && rng.chance(0.4) ? 'adjourned_hearing' : null;
    } else if (reasons.includes('missing_figures')) {
      outcome = 'noted';
      detour = 'adjourned_information';
    } else {
      outcome = 'noted';
    }
    const completeOn = addDays(receivedOn, rng.chance(0.8) ? 0 : rng.int(5, 30));
    const dossier = this.resolve({
      operator: report.operator,
      agrement: report.agrement,
      scheme: report.scheme,
      kind: 'activity_report',
      subject: reportSubject(report.scheme, report.year),
      receivedOn,
      receivedDetail: 'Rapport déposé via le guichet électronique de l’administration.',
      completeOn: completeOn <= this.today ? completeOn : null,
      earliest: addDays(completeOn, rng.int(30, 240)),
      flexible: true,
      outcome,
      reasons: reasons.length > 0 ? reasons : ['compliant'],
      decision: null,
      detour,
      report,
    });
    dossier.reportYear = report.year;
    report.dossier = dossier;
  }

  // -------------------------------------------------------------------------------------------
  // Inspections

  private inspectionsOfAll(exclude: Set<Operator>): void {
    const rng = this.root.fork('inspections');
    for (const op of this.operators) {
      if (exclude.has(op)) continue;
      const agr = op.agrements.find((a) => a.scheme === 'EI' && a.status === 'active') ?? op.agrements.find((a) => a.scheme !== 'ETA' && a.status === 'active');
      if (!agr?.firstGrantedOn) continue;
      const eiBreach = ['target_share', 'pay_spread', 'cdi_late', 'accompaniment', 'part_time'].some((b) => op.breaches.has(b as Breach));
      if (!rng.chance(eiBreach ? 0.65 : 0.22)) continue;
      const from = maxDate(addDays(agr.firstGrantedOn, 200), addDays(this.windowStart, 20));
      const span = daysBetween(from, addDays(this.today, -12));
      if (span <= 0) continue;
      const inspectedOn = addDays(from, rng.int(0, span));
      const worst = eiBreach ? rng.weighted([['major', 7], ['minor', 3]] as const) : rng.weighted([['none', 2], ['info', 3], ['minor', 4], ['major', 1]] as const);
      this.createInspection(op, agr.scheme as Scheme, inspectedOn, worst, rng);
    }
  }

  private createInspection(op: Operator, scheme: Scheme, inspectedOn: string, worst: 'none' | 'info' | 'minor' | 'major' | 'critical', rng: Rng = this.rng): Inspection {
    const order = ['info', 'minor', 'major', 'critical'] as const;
    const findings: Finding[] = [];
    const texts: string[] = [];
    const add = (severity: (typeof order)[number], description?: string) => {
      const text = description ?? findingText(severity, scheme, rng, texts);
      texts.push(text);
      const followUp = severity === 'info' ? null : addDays(inspectedOn, severity === 'critical' ? 30 : severity === 'major' ? 90 : 60);
      let resolvedOn: string | null = null;
      if (followUp && followUp < addDays(this.today, -15) && worst !== 'critical' && rng.chance(0.75)) {
        resolvedOn = addDays(followUp, -rng.int(0, Math.min(25, daysBetween(inspectedOn, followUp) - 1)));
      }
      findings.push({ id: 0, severity, description: text, followUpDueOn: followUp, resolvedOn });
    };
    if (worst !== 'none') {
      const worstIndex = order.indexOf(worst);
      const lastReport = scheme === 'EI' ? this.reports.filter((r) => r.operator === op && r.scheme === 'EI').at(-1) : undefined;
      const share = lastReport ? targetShare(lastReport.figures) : null;
      if (worst === 'major' && scheme === 'EI' && op.breaches.has('target_share') && share !== null) {
        add('major', `Le taux de travailleurs du public cible constaté sur place s’établit à ${percentFr(share)} des ETP, sous le seuil de 50 %.`);
      } else if (worst === 'major' && scheme === 'EI' && op.breaches.has('pay_spread')) {
        add('major', 'La rémunération du directeur dépasse quatre fois la rémunération ETP la plus basse, en méconnaissance de la tension salariale maximale de 1:4.');
      } else {
        add(worst as (typeof order)[number]);
      }
      const more = rng.int(0, 3);
      for (let i = 0; i < more; i++) add(order[rng.int(0, Math.max(0, worstIndex - 1))] as (typeof order)[number]);
    }
    const inspection: Inspection = {
      id: 0,
      operator: op,
      scheme,
      dossier: null,
      inspectedOn,
      inspector: rng.pick(INSPECTORS),
      scope: inspectionScope(scheme),
      conclusion: inspectionConclusion(worst),
      findings,
    };
    this.inspections.push(inspection);
    const withDossier = worst === 'major' || worst === 'critical' || rng.chance(0.35);
    const received = addDays(inspectedOn, rng.int(20, 45));
    if (withDossier && received <= this.today) {
      const agr = op.agrements.find((a) => a.scheme === scheme) ?? null;
      const reasons: Reason[] = worst === 'critical' ? ['findings_critical'] : worst === 'major' ? ['findings_major'] : ['compliant'];
      inspection.dossier = this.resolve({
        operator: op,
        agrement: agr,
        scheme,
        kind: 'inspection',
        subject: inspectionSubject(scheme, inspectedOn),
        receivedOn: received,
        receivedDetail: 'Rapport transmis par le Département de l’Inspection.',
        completeOn: received,
        earliest: addDays(received, rng.int(14, 40)),
        flexible: worst !== 'critical',
        outcome: worst === 'critical' ? 'unfavourable' : worst === 'major' ? 'favourable_conditions' : 'noted',
        reasons,
        decision: null,
        inspection,
      });
    }
    return inspection;
  }

  // -------------------------------------------------------------------------------------------
  // Dossiers through the sessions

  private event(dossier: Dossier, occurredOn: string, kind: DossierEvent['kind'], title: string, detail = ''): void {
    dossier.events.push({ occurredOn, kind, title, detail });
  }

  private appear(dossier: Dossier, session: Session, wantsHearing: boolean): AgendaItem {
    const item: AgendaItem = {
      id: 0,
      session,
      dossier,
      section: SECTION_FOR_KIND[dossier.kind] as AgendaSection,
      position: 0,
      rapporteur: null,
      hearingAt: null,
      wantsHearing,
      opinion: null,
      recusals: [],
      preparations: [],
    };
    session.items.push(item);
    dossier.items.push(item);
    const scheduledOn = maxDate(addDays(session.heldOn, -12), dossier.completeOn ?? dossier.receivedOn);
    if (scheduledOn <= this.today) {
      this.event(dossier, scheduledOn, 'scheduled', `Inscrit à l’ordre du jour de la séance n° ${session.number} du ${dateFr(session.heldOn)}`);
    }
    return item;
  }

  private giveOpinion(item: AgendaItem, outcome: OpinionOutcome, reasons: Reason[]): Opinion {
    const rng = this.textRng;
    const needsConditions = outcome === 'favourable_conditions';
    const opinion: Opinion = {
      id: 0,
      outcome,
      conditions: needsConditions ? conditionsFor(reasons, rng) : '',
      motivation: motivationFor(outcome, reasons, rng),
      consensus: true,
      votesFor: null,
      votesAgainst: null,
      votesAbstain: null,
      givenOn: item.session.heldOn,
      amendment: null,
    };
    item.opinion = opinion;
    this.event(item.dossier, item.session.heldOn, 'opinion', `Avis de la Commission : ${OUTCOME_FR[outcome]}`, `Séance n° ${item.session.number} du ${dateFr(item.session.heldOn)}`);
    return opinion;
  }

  /** Takes a dossier from reception through the sessions to its opinion and decision, as far as `today`. */
  private resolve(intent: Intent): Dossier {
    const rng = this.rng;
    const today = this.today;
    const dossier: Dossier = {
      id: 0,
      reference: '',
      operator: intent.operator,
      agrement: intent.agrement,
      scheme: intent.scheme,
      kind: intent.kind,
      status: 'received',
      subject: intent.subject,
      receivedOn: intent.receivedOn,
      completeOn:
        intent.completeOn && intent.completeOn <= today && !(intent.fresh !== false && intent.receivedOn > addDays(today, -12) && rng.chance(0.6))
          ? intent.completeOn
          : null,
      opinionDueOn: null,
      reportYear: intent.report?.year ?? null,
      proposalOutcome: null,
      proposalText: null,
      reasons: intent.reasons,
      events: [],
      items: [],
      decision: null,
      report: intent.report ?? null,
      inspection: intent.inspection ?? null,
      extensionActivity: intent.extensionActivity ?? null,
      requestedTerm: intent.requestedTerm ?? null,
      documents: [],
      notes: [],
      updatedOn: intent.receivedOn,
      finalOpinionOn: null,
    };
    this.dossiers.push(dossier);
    intent.operator.dossiers.push(dossier);
    this.event(dossier, intent.receivedOn, 'received', 'Dossier reçu', intent.receivedDetail);
    if (intent.infoRequestedOn && intent.infoRequestedOn <= today) {
      this.event(
        dossier,
        intent.infoRequestedOn,
        'information_requested',
        'Demande de pièces complémentaires',
        'Comptes annuels du dernier exercice et attestation de l’organe d’administration.',
      );
    }
    if (dossier.completeOn) {
      this.event(dossier, dossier.completeOn, 'completed', 'Dossier complet');
      if (REQUEST_KINDS.has(intent.kind)) dossier.opinionDueOn = addDays(dossier.completeOn, 60);
    }
    const proposal = intent.proposal ?? intent.outcome;
    // The text is written once every report exists (see writeProposals).
    const writeProposal = () => {
      dossier.proposalOutcome = proposal;
    };
    const finish = () => {
      dossier.updatedOn = dossier.events.reduce((latest, e) => maxDate(latest, e.occurredOn), dossier.receivedOn);
      return dossier;
    };

    if (!dossier.completeOn) {
      dossier.status = intent.infoRequestedOn && intent.infoRequestedOn <= today ? 'incomplete' : 'received';
      return finish();
    }
    const earliest = maxDate(intent.earliest ?? addDays(dossier.completeOn, 14), addDays(dossier.completeOn, 14));
    let session = this.sessionOnOrAfter(earliest);
    if (intent.flexible) {
      const capacity = Math.ceil(8 * this.scale);
      while (session && session.items.length >= capacity) session = this.sessions[session.id];
    }
    if (!session) {
      dossier.status = 'ready';
      if (rng.chance(0.5)) writeProposal();
      return finish();
    }
    writeProposal();
    let wantsHearing = intent.hearing ?? false;
    if (intent.detour && !session.upcoming) {
      const first = this.appear(dossier, session, false);
      this.giveOpinion(first, intent.detour, intent.reasons);
      let next: string;
      if (intent.detour === 'adjourned_information') {
        const asked = addDays(session.heldOn, rng.int(2, 6));
        const answered = addDays(asked, rng.int(15, 40));
        this.event(dossier, asked, 'information_requested', 'Informations complémentaires demandées à l’opérateur', 'À la suite de la décision de report de la Commission.');
        if (answered > today || intent.awaitingAnswer) {
          dossier.status = 'adjourned';
          return finish();
        }
        this.event(dossier, answered, 'completed', 'Informations complémentaires reçues');
        next = addDays(answered, 14);
      } else {
        next = addDays(session.heldOn, 14);
        wantsHearing = true;
      }
      session = this.sessionOnOrAfter(next);
      if (!session) {
        dossier.status = 'adjourned';
        return finish();
      }
    }
    const item = this.appear(dossier, session, wantsHearing);
    if (session.upcoming) {
      dossier.status = 'scheduled';
      return finish();
    }
    this.giveOpinion(item, intent.outcome, intent.reasons);
    dossier.finalOpinionOn = session.heldOn;
    if (intent.decision && DECIDED_KINDS.has(intent.kind)) {
      const decidedOn = addDays(session.heldOn, rng.int(14, 42));
      if (decidedOn < today) {
        const notifiedCandidate = addDays(decidedOn, rng.int(3, 12));
        const decision: Decision = {
          id: 0,
          kind: intent.decision.kind,
          term: intent.decision.term,
          decidedOn,
          notifiedOn: notifiedCandidate <= today ? notifiedCandidate : null,
          reference: '',
          note: decisionNote(intent.decision.kind, intent.decision.term, true),
        };
        dossier.decision = decision;
        this.event(dossier, decidedOn, 'decision', `Décision ministérielle : ${DECISION_FR[decision.kind]}`);
        if (decision.notifiedOn) {
          this.event(dossier, decision.notifiedOn, 'notification', 'Décision notifiée à l’opérateur', 'Recours possible devant le Conseil d’État dans les 60 jours de la notification.');
        }
        dossier.status = 'decided';
        intent.onDecided?.(decision);
      } else {
        dossier.status = 'opinion_given';
      }
    } else {
      const closed = addDays(session.heldOn, 365) < today;
      dossier.status = closed ? 'closed' : 'opinion_given';
      if (closed) this.event(dossier, addDays(session.heldOn, 30), 'status', 'Dossier clôturé');
    }
    return finish();
  }

  // -------------------------------------------------------------------------------------------
  // The two upcoming agendas

  private fillUpcomingAgendas(): void {
    const rng = this.root.fork('upcoming');
    const [first, second] = this.upcomingSessions;
    const previous = this.pastSessions.at(-1);
    const targets: [Session, number, string][] = [
      [first, Math.max(4, Math.ceil(6 * this.scale)), addDays(maxDate(previous?.heldOn ?? this.today, addDays(first.heldOn, -13)), 1)],
      [second, Math.max(3, Math.ceil(4 * this.scale)), addDays(first.heldOn, 1)],
    ];
    let turn = 0;
    for (const [session, minimum, earliest] of targets) {
      let guard = 0;
      while (session.items.length < minimum && guard++ < minimum * 4) {
        const receivedOn = minDate(addDays(session.heldOn, -rng.int(45, 95)), addDays(this.today, -rng.int(2, 20)));
        const byExtension = turn++ % 3 === 2;
        if (byExtension) {
          const candidates = this.operators.filter((o) =>
            o.agrements.some((a) => a.scheme === 'IDESS' && a.status === 'active' && a.activities.length < 3) &&
            !o.dossiers.some((d) => d.kind === 'extension' && d.status !== 'decided'),
          );
          if (candidates.length > 0) {
            const op = rng.pick(candidates);
            const agr = op.agrements.find((a) => a.scheme === 'IDESS') as Agrement;
            this.requestExtension(op, agr, receivedOn, rng, earliest, false);
            continue;
          }
        }
        this.applicantRequest(rng, receivedOn, 'Demande d’agrément introduite par courrier, avec statuts, plan financier et note de présentation du projet.', () => ({
          completeOn: minDate(addDays(receivedOn, rng.int(3, 20)), this.today),
          earliest,
          reasons: rng.chance(0.4) ? ['new_project'] : ['compliant'],
          hearing: rng.chance(0.3),
        }));
      }
    }
  }

  /**
   * A new applicant's request for its first agrément, heading for a grant; `rest` (completion,
   * reasons, detours…) is drawn after the applicant, so that the random draws keep their order.
   */
  private applicantRequest(rng: Rng, receivedOn: string, receivedDetail: string, rest: () => Pick<Intent, 'completeOn'> & Partial<Intent>): Dossier {
    const agr = this.newApplicant(rng, yearOf(receivedOn), true);
    const scheme = agr.scheme as Scheme;
    return this.resolve({
      operator: agr.operator,
      agrement: agr,
      scheme,
      kind: 'agrement',
      subject: agrementSubject(scheme, agr.activities.map((a) => a.activity)),
      receivedOn,
      receivedDetail,
      fresh: false,
      outcome: 'favourable',
      reasons: ['compliant'],
      decision: { kind: 'grant', term: '2y' },
      ...rest(),
    });
  }

  private writeProposals(): void {
    const rng = this.root.fork('proposals');
    const byAgrement = new Map<Agrement, ActivityReport[]>();
    for (const report of this.reports) byAgrement.set(report.agrement, [...(byAgrement.get(report.agrement) ?? []), report]);
    for (const dossier of this.dossiers) {
      if (!dossier.proposalOutcome) continue;
      const lastReport =
        (dossier.agrement ? byAgrement.get(dossier.agrement) : undefined)
          ?.filter((r) => r.receivedOn !== null && r.receivedOn < dossier.receivedOn)
          .sort((a, b) => a.year - b.year)
          .at(-1) ?? null;
      dossier.proposalText = proposalText({ dossier, outcome: dossier.proposalOutcome, lastReport, rng });
    }
  }

  /** Work that has just come in: requests not yet checked, and requests waiting for missing pieces. */
  private ensureFreshWork(): void {
    const rng = this.root.fork('fresh');
    const request = (receivedOn: string, rest: () => Pick<Intent, 'completeOn'> & Partial<Intent>) =>
      this.applicantRequest(rng, receivedOn, 'Demande d’agrément introduite par courrier.', rest);
    const wanted = Math.max(1, Math.round(this.scale));
    for (const incomplete of [false, true]) {
      const status = incomplete ? 'incomplete' : 'received';
      let missing = wanted - this.dossiers.filter((d) => d.status === status).length;
      while (missing-- > 0) {
        const receivedOn = addDays(this.today, incomplete ? -rng.int(15, 40) : -rng.int(0, 6));
        request(receivedOn, () => ({ infoRequestedOn: incomplete ? addDays(receivedOn, rng.int(6, 12)) : null, completeOn: null }));
      }
    }
    // A request the commission adjourned at a recent session, still waiting for the operator's answer.
    if (this.dossiers.some((d) => d.status === 'adjourned')) return;
    const session = this.pastSessions.filter((s) => s.items.length > 0 && s.heldOn <= addDays(this.today, -7)).at(-1);
    if (!session) return;
    const receivedOn = addDays(session.heldOn, -rng.int(35, 60));
    request(receivedOn, () => ({
      completeOn: addDays(receivedOn, rng.int(3, 10)),
      earliest: session.heldOn,
      reasons: ['new_project'],
      detour: 'adjourned_information',
      awaitingAnswer: true,
    }));
  }

  private finaliseAgrementStatuses(): void {
    for (const agr of this.agrements) {
      if (agr.status !== 'active') continue;
      const last = agr.periods.at(-1);
      if (last && last.endOn !== null && last.endOn < this.today) agr.status = 'expired';
    }
  }

  // -------------------------------------------------------------------------------------------
  // Ids, references, agendas

  private orderDossiers(): void {
    const order = new Map(this.dossiers.map((d, i) => [d, i]));
    this.dossiers.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : (order.get(a) ?? 0) - (order.get(b) ?? 0)));
    const seq = new Map<string, number>();
    this.dossiers.forEach((d, index) => {
      d.id = index + 1;
      const key = `${d.scheme}-${yearOf(d.receivedOn)}`;
      const n = (seq.get(key) ?? 0) + 1;
      seq.set(key, n);
      d.reference = `${key}-${String(n).padStart(4, '0')}`;
    });
    const decisions = this.dossiers.filter((d) => d.decision).map((d) => d.decision as Decision);
    decisions.sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : a.decidedOn > b.decidedOn ? 1 : 0));
    const decisionSeq = new Map<number, number>();
    const byDecision = new Map(this.dossiers.filter((d) => d.decision).map((d) => [d.decision as Decision, d]));
    decisions.forEach((decision, index) => {
      decision.id = index + 1;
      const year = yearOf(decision.decidedOn);
      const n = (decisionSeq.get(year) ?? 0) + 1;
      decisionSeq.set(year, n);
      decision.reference = `AM/${byDecision.get(decision)?.scheme ?? 'ES'}/${year}/${String(n).padStart(3, '0')}`;
      const event = byDecision.get(decision)?.events.find((e) => e.kind === 'decision');
      if (event) event.detail = `Arrêté ministériel ${decision.reference} du ${dateFr(decision.decidedOn)} — ${decision.note}`;
    });
    this.reports.sort((a, b) => a.year - b.year || a.operator.id - b.operator.id || (a.scheme < b.scheme ? -1 : a.scheme > b.scheme ? 1 : 0));
    this.reports.forEach((r, i) => (r.id = i + 1));
    this.inspections.sort((a, b) => (a.inspectedOn < b.inspectedOn ? -1 : a.inspectedOn > b.inspectedOn ? 1 : a.operator.id - b.operator.id));
    let findingId = 0;
    this.inspections.forEach((inspection, i) => {
      inspection.id = i + 1;
      for (const finding of inspection.findings) finding.id = ++findingId;
    });
  }

  private orderAgendas(): void {
    const rng = this.root.fork('agendas');
    const sectionRank = new Map(AGENDA_SECTIONS.map((s, i) => [s, i]));
    let itemId = 0;
    let opinionId = 0;
    for (const session of this.sessions) {
      session.items.sort((a, b) => (sectionRank.get(a.section) ?? 0) - (sectionRank.get(b.section) ?? 0) || a.dossier.id - b.dossier.id);
      const rapporteurs = this.activeMembers(session.heldOn).filter((m) => m.voting && m.role !== 'president');
      const [startHour = 9, startMinute = 30] = session.startsAt.split(':').map(Number);
      let hearingMinutes = startHour * 60 + startMinute + 30;
      session.items.forEach((item, index) => {
        item.id = ++itemId;
        item.position = index + 1;
        if (item.opinion) item.opinion.id = ++opinionId;
        item.rapporteur = rapporteurs.length > 0 && rng.chance(0.9) ? rng.pick(rapporteurs) : null;
        if (item.wantsHearing) {
          item.hearingAt = `${String(Math.floor(hearingMinutes / 60)).padStart(2, '0')}:${String(hearingMinutes % 60).padStart(2, '0')}`;
          hearingMinutes = Math.min(hearingMinutes + 30, 23 * 60);
          if (!session.upcoming) {
            const { name, title } = item.dossier.operator.signatory;
            this.event(item.dossier, session.heldOn, 'hearing', 'Audition de l’opérateur', `Séance n° ${session.number}, ${item.hearingAt} : ${name} (${title}).`);
          }
        }
      });
    }
    for (const dossier of this.dossiers) dossier.events.sort(byOccurrence);
  }

  // -------------------------------------------------------------------------------------------
  // Conflicts, votes, notes, preparations, amendments

  private createConflictsAndRecusals(): void {
    const rng = this.root.fork('conflicts');
    const count = Math.max(5, Math.round(5 * Math.sqrt(this.scale)));
    const kindsBySeatKind: Record<string, readonly Conflict['kind'][]> = {
      federation: ['federation', 'board'],
      union: ['family', 'employment'],
      employers: ['financial', 'board'],
      other: ['other'],
    };
    const candidates = rng.shuffle(this.members.filter((m) => m.activeTo === null && (m.voting || m.role === 'substitute') && m.role !== 'president'));
    const upcomingOps = new Set(this.upcomingSessions.flatMap((s) => s.items.map((i) => i.dossier.operator)));
    const busy = this.operators.filter((o) => o.legalForm !== 'CPAS' && o.dossiers.some((d) => d.items.length > 0));
    const ranked = rng.shuffle(busy).sort((a, b) => Number(upcomingOps.has(b)) - Number(upcomingOps.has(a)));
    const pairs = new Set<string>();
    for (let i = 0; i < count && i < ranked.length; i++) {
      const operator = i < 2 ? (ranked[i] as Operator) : rng.pick(ranked);
      const member = candidates[i % candidates.length] as Member;
      const key = `${member.id}-${operator.id}`;
      if (pairs.has(key)) continue;
      pairs.add(key);
      const kind: Conflict['kind'] = rng.pick(kindsBySeatKind[member.organisationKind] ?? (['other'] as const));
      this.conflicts.push({
        id: this.conflicts.length + 1,
        member,
        operator,
        kind,
        declaredOn: maxDate(member.activeFrom, this.sessions[0]?.heldOn ?? this.windowStart),
        note: conflictNote(kind, operator.name, member.gender),
      });
    }
    const byOperator = new Map<Operator, Conflict[]>();
    for (const c of this.conflicts) byOperator.set(c.operator, [...(byOperator.get(c.operator) ?? []), c]);
    for (const session of this.sessions) {
      const attendance = this.attendanceOf(session);
      const available = this.activeMembers(session.heldOn).filter(
        (m) => m.voting && m.role !== 'president' && (session.upcoming || attendance.get(m) === 'present'),
      );
      for (const item of session.items) {
        const declared = (byOperator.get(item.dossier.operator) ?? []).filter((c) => c.declaredOn <= session.heldOn);
        const conflicted = new Set(declared.map((c) => c.member));
        if (!session.upcoming) {
          for (const conflict of declared) {
            if (attendance.get(conflict.member) !== 'present') continue;
            item.recusals.push({ member: conflict.member, reason: `Conflit d’intérêts déclaré : ${conflict.note}` });
          }
        }
        // The rapporteur attends the session and has no conflict on the operator.
        if (item.rapporteur && (conflicted.has(item.rapporteur) || !available.includes(item.rapporteur))) {
          const candidates = available.filter((m) => !conflicted.has(m));
          item.rapporteur = candidates.length > 0 ? rng.pick(candidates) : null;
        }
      }
    }
  }

  private recordVotes(): void {
    const rng = this.root.fork('votes');
    for (const session of this.pastSessions) {
      const attendance = this.attendanceOf(session);
      const voters = [...attendance.entries()].filter(([m, status]) => m.voting && status === 'present').map(([m]) => m);
      for (const item of session.items) {
        const opinion = item.opinion;
        if (!opinion) continue;
        const eligible = voters.filter((m) => !item.recusals.some((r) => r.member === m)).length;
        const contested = opinion.outcome === 'unfavourable' || opinion.outcome === 'favourable_conditions' ? 0.3 : 0.08;
        if (!rng.chance(contested) || eligible < 3) continue;
        const against = rng.int(1, Math.max(1, Math.floor(eligible / 3)));
        const abstain = rng.int(0, Math.max(0, Math.floor((eligible - against) / 4)));
        opinion.consensus = false;
        opinion.votesAgainst = against;
        opinion.votesAbstain = abstain;
        opinion.votesFor = eligible - against - abstain;
      }
    }
  }

  private createNotesAndPreparations(): void {
    const rng = this.root.fork('notes');
    const conflicted = new Set(this.conflicts.map((c) => `${c.member.id}-${c.operator.id}`));
    const secretariat = this.members.find((m) => m.role === 'secretariat' && m.activeTo === null) ?? null;
    const stamp = (date: string, hour: number) => `${date}T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`;
    const recent = this.pastSessions.filter((s) => s.items.length > 0).slice(-2);
    for (const session of [...recent, ...this.upcomingSessions]) {
      const readers = this.activeMembers(minDate(session.heldOn, this.today)).filter((m) => m.voting || m.role === 'substitute');
      for (const item of session.items) {
        const visible = readers.filter((m) => !conflicted.has(`${m.id}-${item.dossier.operator.id}`));
        const latest = minDate(addDays(session.heldOn, -1), this.today);
        const earliest = minDate(maxDate(addDays(session.heldOn, -12), item.dossier.completeOn ?? item.dossier.receivedOn), latest);
        const context = { kind: item.dossier.kind, scheme: item.dossier.scheme, hearing: item.wantsHearing };
        const written = () => item.dossier.notes.map((n) => n.body);
        const span = Math.max(0, daysBetween(earliest, latest));
        const on = () => addDays(earliest, rng.int(0, span));
        for (const member of visible) {
          const draw = rng.next();
          if (session.upcoming ? draw < 0.3 : draw < 0.15) {
            const prepared = rng.chance(session.upcoming ? 0.45 : 0.8);
            const draft = prepared ? (rng.chance(0.8) ? item.dossier.proposalOutcome : rng.pick(['favourable', 'favourable_conditions', 'adjourned_information'] as const)) : null;
            item.preparations.push({ member, status: prepared ? 'prepared' : 'read', draftOutcome: draft, updatedAt: stamp(on(), rng.int(7, 20)) });
          }
          if (rng.chance(session.upcoming ? 0.2 : 0.1)) {
            const visibility = rng.chance(0.7) ? 'private' : 'shared';
            this.addNote(item.dossier, member, visibility, noteBody(visibility, context, rng, written()), stamp(on(), rng.int(7, 21)));
          }
        }
        if (secretariat && rng.chance(0.4)) {
          this.addNote(item.dossier, secretariat, 'shared', noteBody('secretariat', context, rng, written()), stamp(earliest, rng.int(8, 16)));
        }
      }
    }
    for (const dossier of this.dossiers) {
      if (secretariat && (dossier.status === 'incomplete' || dossier.status === 'adjourned') && rng.chance(0.6)) {
        const date = dossier.events.at(-1)?.occurredOn ?? dossier.receivedOn;
        const context = { kind: dossier.kind, scheme: dossier.scheme, hearing: false };
        const body = noteBody('secretariat', context, rng, dossier.notes.map((n) => n.body));
        this.addNote(dossier, secretariat, 'shared', body, stamp(minDate(addDays(date, rng.int(1, 10)), this.today), rng.int(8, 16)));
      }
    }
  }

  private addNote(dossier: Dossier, author: Member | null, visibility: 'private' | 'shared', body: string, createdAt: string): void {
    const note: Note = { id: 0, dossier, author, visibility, body, createdAt };
    dossier.notes.push(note);
    this.notes.push(note);
  }

  private amendSomeOpinions(): void {
    const rng = this.root.fork('amendments');
    const candidates = this.pastSessions
      .flatMap((s) => s.items)
      .filter((i) => i.opinion?.outcome === 'favourable_conditions' && addDays(i.session.heldOn, 30) < this.today);
    for (const item of rng.sample(candidates, Math.max(2, Math.round(2 * Math.sqrt(this.scale))))) {
      const opinion = item.opinion as Opinion;
      opinion.amendment = {
        amendedOn: addDays(item.session.heldOn, rng.int(14, 28)),
        reason: 'Erreur matérielle relevée lors de l’approbation du procès-verbal : le délai de mise en conformité n’avait pas été repris dans les conditions.',
        outcome: opinion.outcome,
        conditions: `${opinion.conditions} Délai de mise en conformité : six mois à compter de la notification de la décision.`,
        motivation: opinion.motivation,
      };
    }
  }

  // -------------------------------------------------------------------------------------------
  // Facts read by the compliance rules only (own random streams: the rest of the world is unchanged)

  /**
   * IDESS activities reserved to précarisés (taxi social, buanderie, magasin social): most
   * agréments record them as such, a few do not (a breach of the decree, on purpose) and a few
   * leave it unrecorded (missing data). Other activities are recorded as open to all.
   */
  private recordActivityScopes(): void {
    const rng = this.root.fork('precarious');
    const idess = this.agrements.filter((a) => a.scheme === 'IDESS');
    for (const a of idess) for (const x of a.activities) x.precariousOnly = PRECARIOUS_ONLY.has(x.activity);
    // Breaches and gaps among active agréments, so that they show on current dossiers.
    const active = rng.shuffle(idess.filter((a) => a.status === 'active').flatMap((a) => a.activities.filter((x) => PRECARIOUS_ONLY.has(x.activity))));
    const breaches = Math.max(1, Math.round(active.length * 0.12));
    const unrecorded = Math.max(1, Math.round(active.length * 0.12));
    active.slice(0, breaches).forEach((x) => (x.precariousOnly = false));
    active.slice(breaches, breaches + unrecorded).forEach((x) => (x.precariousOnly = null));
  }

  /**
   * What an agence-conseil's report says of its work (projects supported, enterprises created,
   * jobs created), which the commission needs for the complementary subsidy. Left out where the
   * operator did not provide all its figures, and in the latest report still before the
   * commission, so that a current dossier lacks them.
   */
  private recordAcFigures(): void {
    const rng = this.root.fork('ac-figures');
    const received = this.reports.filter((r) => r.scheme === 'AC' && r.receivedOn !== null);
    const open = received.filter((r) => r.dossier && !r.dossier.finalOpinionOn).sort((a, b) => b.year - a.year || a.operator.id - b.operator.id);
    const gap = open[0] ?? received.at(-1);
    for (const report of received) {
      const projects = acProjects(report);
      const enterprises = rng.int(0, Math.max(1, Math.round(projects * 0.15)));
      const f = report.figures;
      f.acProjectsSupported = projects;
      f.acEnterprisesCreated = enterprises;
      f.acJobsCreatedFte = round1(enterprises * rng.float(1.2, 3.5));
      const missing = report === gap || (report.operator.breaches.has('missing_figures') && report.year >= yearOf(this.today) - 2);
      if (missing) {
        f.acEnterprisesCreated = null;
        f.acJobsCreatedFte = null;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Deadlines

  /**
   * The follow-ups the secretariat records: the conditions of favourable-with-conditions opinions.
   * Every other deadline (reports, renewal windows, expiries, appeals, opinions due) is derived
   * from the facts when listed (db/queries/deadlines.ts), so the table holds only these.
   */
  private createDeadlines(): void {
    const rng = this.root.fork('deadlines');
    const list: Omit<Deadline, 'id'>[] = [];
    for (const dossier of this.dossiers) {
      const conditional = dossier.items.map((i) => i.opinion).find((o) => o?.outcome === 'favourable_conditions');
      if (conditional) {
        const dueOn = addDays(conditional.givenOn, rng.int(90, 180));
        const doneOn = dueOn < addDays(this.today, -10) && rng.chance(0.7) ? addDays(dueOn, -rng.int(0, 20)) : null;
        const first = conditional.conditions.split('. ')[0] ?? conditional.conditions;
        list.push({ operator: dossier.operator, dossier, kind: 'condition_follow_up', dueOn, description: `Suivi des conditions de l’avis : ${first.replace(/\.$/, '')}.`, doneOn });
      }
    }
    list.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
    list.forEach((d, i) => this.deadlines.push({ ...d, id: i + 1 }));
  }
}
