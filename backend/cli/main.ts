/**
 * The command-line shell (secretariat automation): `npm run comes -- <command> [options]`.
 * Every command goes through the same dispatcher as the UI, so it validates exactly as the UI
 * does. Messages are French; a failure exits non-zero; nothing is written on refusal.
 */
import { existsSync, realpathSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Method, MethodInput, MethodOutput } from '../../shared/contract';
import { verifyAuditChain } from '../../db/audit';
import { LATEST_VERSION, WorkspaceError } from '../../db/open';
import { makeMemberDemo } from '../../db/demo/member';
import { getMeta } from '../../db/queries/meta';
import { countRows } from '../../db/queries/stats';
import { DECISION_FORMATS, STATS_FORMATS } from '../../shared/contract';
import { OutputFileError, writeFileAtomic } from '../exports/files';
import { freshenOpenWorkspace } from '../compliance';
import { belgianToday } from '../context';
import { createBackend } from '../handlers/index';
import { defaultWorkspaceDir } from '../paths';
import { defaultRuleBook, RulesFileError, rulesVersionOf } from '../rules';
import { CalendarFileError, defaultSchoolCalendar } from '../schoolCalendar';
import { startShellServer } from '../server/http';
import { Workspace } from '../workspace';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const usageError = (message: string) => new CliError(message, 2);

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>, io: Io): Promise<number>;
}

const workspaceOption = { workspace: { type: 'string' as const, short: 'w' } };
const helpOption = { help: { type: 'boolean' as const, short: 'h' } };

function requireString(values: Record<string, unknown>, name: string, command: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw usageError(`Option --${name} manquante. Voir « comes ${command} --help ».`);
  }
  return value;
}

function parseInteger(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw usageError(`--${name} doit être un nombre entier entre ${min} et ${max} (reçu : « ${text} »).`);
  }
  return Number(text);
}

/** Removes a demo workspace `demo` created: the folder if it did not exist before, else its files. */
function removeDemo(workspace: Workspace, folderExisted: boolean): void {
  if (!folderExisted) {
    rmSync(workspace.dir, { recursive: true, force: true });
    return;
  }
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(workspace.dbFile + suffix, { force: true });
  rmSync(workspace.documentsDir, { recursive: true, force: true });
}

/** `--profile member --member N`: the demo as member N's workspace; undefined for the secretariat's. */
function demoMember(values: Record<string, unknown>): number | undefined {
  const profile = values.profile ?? 'secretariat';
  if (profile !== 'secretariat' && profile !== 'member') {
    throw usageError(`--profile doit valoir « secretariat » ou « member » (reçu : « ${String(profile)} »).`);
  }
  const member = parseInteger(values.member, 'member', 1, 2 ** 31);
  if (profile === 'member' && member === undefined) throw usageError('--profile member demande --member N (le numéro du membre).');
  if (profile === 'secretariat' && member !== undefined) throw usageError('--member ne s’emploie qu’avec --profile member.');
  return member;
}

function openWorkspace(dir: string): Workspace {
  try {
    return new Workspace(dir).open();
  } catch (error) {
    if (error instanceof WorkspaceError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * The data files the secretariat may edit — the compliance thresholds and the school calendar —
 * read before anything else: a malformed file stops the command (exit 1) with the French message
 * naming the faulty field.
 */
function requireRules(): void {
  try {
    defaultRuleBook();
    defaultSchoolCalendar();
  } catch (error) {
    if (error instanceof RulesFileError || error instanceof CalendarFileError) throw new CliError(error.message);
    throw error;
  }
}

async function call<M extends Method>(workspace: Workspace, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const backend = createBackend({ workspace, today: () => belgianToday() });
  const envelope = await backend.dispatch(method, input);
  if (!envelope.ok) {
    const details = (envelope.error.issues ?? []).map((issue) => `  - ${issue.path ? `${issue.path} : ` : ''}${issue.message}`);
    throw new CliError([envelope.error.message, ...details].join('\n'));
  }
  return envelope.data as MethodOutput<M>;
}

export function rendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '..', '..', 'out', 'renderer');
}

function requireFormat<const F extends string>(values: Record<string, unknown>, command: string, formats: readonly F[]): F {
  const format = requireString(values, 'format', command).toLowerCase();
  if (!(formats as readonly string[]).includes(format)) {
    throw usageError(`Format inconnu : « ${String(values.format)} ». Formats possibles : ${formats.join(', ')}.`);
  }
  return format as F;
}

/** An export never lands in the workspace folder: it could replace the database or a document. */
function refuseInsideWorkspace(workspace: Workspace, out: string): void {
  const target = resolve(out);
  let parent: string;
  try {
    parent = realpathSync(dirname(target));
  } catch {
    return; // a missing folder: writeFileAtomic names it
  }
  const dir = realpathSync(workspace.dir);
  const full = join(parent, basename(target));
  if (full === dir || full.startsWith(`${dir}${sep}`)) {
    throw new CliError(`« ${target} » est dans le dossier de l’espace de travail (${workspace.dir}) : choisissez un fichier en dehors de ce dossier, pour ne jamais remplacer la base ni un document.`);
  }
}

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-BE')} Ko`;

/**
 * Runs an export through the dispatcher, as the UI does, and writes the file whole or not at all:
 * a refusal (unknown session, no opinion yet, invalid template) or an unwritable path leaves nothing.
 */
async function exportTo(workspace: Workspace, request: MethodInput<'exports.start'>, out: string, io: Io): Promise<void> {
  refuseInsideWorkspace(workspace, out);
  const started = await call(workspace, 'exports.start', request);
  for (;;) {
    const status = await call(workspace, 'exports.status', { jobId: started.jobId });
    if (status.state === 'running') {
      await new Promise((resolveWait) => setTimeout(resolveWait, 20));
      continue;
    }
    if (status.state === 'failed') throw new CliError(status.message);
    if (status.state === 'cancelled') throw new CliError('Export annulé : aucun fichier écrit.');
    try {
      writeFileAtomic(out, Buffer.from(status.base64, 'base64'));
    } catch (error) {
      if (error instanceof OutputFileError) throw new CliError(error.message);
      throw error;
    }
    io.out(`${started.title} : ${kilobytes(status.size)} écrits dans ${resolve(out)}`);
    return;
  }
}

const PROFILE_LABELS = { secretariat: 'secrétariat', member: 'membre' } as const;

const COMMANDS: Record<string, Command> = {
  init: {
    summary: 'Crée un espace de travail vide (profil secrétariat ou membre).',
    usage: 'comes init --workspace DOSSIER --profile secretariat|member --name TEXTE',
    options: { ...workspaceOption, profile: { type: 'string' }, name: { type: 'string' } },
    async run(values, io) {
      const dir = requireString(values, 'workspace', 'init');
      const profile = requireString(values, 'profile', 'init');
      if (profile !== 'secretariat' && profile !== 'member') {
        throw usageError(`--profile doit valoir « secretariat » ou « member » (reçu : « ${profile} »).`);
      }
      const name = requireString(values, 'name', 'init');
      requireRules();
      const workspace = openWorkspace(dir);
      try {
        const status = await call(workspace, 'workspace.create', { profile, name });
        io.out(`Espace de travail créé (${PROFILE_LABELS[profile]}) : ${status.path}`);
      } finally {
        workspace.close();
      }
      return 0;
    },
  },

  demo: {
    summary: 'Crée un espace de démonstration rempli de données fictives réalistes.',
    usage: 'comes demo --workspace DOSSIER [--scale N] [--seed S] [--profile member --member N]',
    options: { ...workspaceOption, scale: { type: 'string' }, seed: { type: 'string' }, profile: { type: 'string' }, member: { type: 'string' } },
    async run(values, io) {
      const dir = requireString(values, 'workspace', 'demo');
      const scale = parseInteger(values.scale, 'scale', 1, 500);
      const seed = parseInteger(values.seed, 'seed', 0, 2 ** 31);
      const member = demoMember(values);
      requireRules();
      const existed = existsSync(dir);
      const workspace = openWorkspace(dir);
      try {
        const started = Date.now();
        await call(workspace, 'workspace.loadDemo', { ...(scale ? { scale } : {}), ...(seed !== undefined ? { seed } : {}) });
        const counts = countRows(workspace.requireDb());
        let name: string | null = null;
        if (member !== undefined) {
          try {
            name = makeMemberDemo(workspace.requireDb(), member);
          } catch (error) {
            // An unknown member: the demo just made must not stay behind as the secretariat's.
            workspace.close();
            removeDemo(workspace, existed);
            throw new CliError((error as Error).message, 1);
          }
        }
        io.out(`Espace de démonstration créé : ${workspace.dir}`);
        if (name !== null) {
          io.out(`Espace de travail du membre ${name} (n° ${member}) : les points sur lesquels il a déclaré un conflit d’intérêts lui sont masqués.`);
        }
        io.out(
          `${counts.operators} opérateurs, ${counts.dossiers} dossiers, ${counts.sessions} séances, ` +
            `${counts.members} membres, ${counts.documents} documents (${((Date.now() - started) / 1000).toFixed(1)} s).`,
        );
      } finally {
        workspace.close();
      }
      return 0;
    },
  },

  serve: {
    summary: 'Lance l’application dans le navigateur (serveur local sur 127.0.0.1).',
    usage: 'comes serve [--workspace DOSSIER] [--port P]',
    options: { ...workspaceOption, port: { type: 'string' } },
    async run(values, io) {
      const dir = typeof values.workspace === 'string' && values.workspace.trim() !== '' ? values.workspace : defaultWorkspaceDir();
      const port = parseInteger(values.port, 'port', 0, 65535) ?? 0;
      requireRules();
      const staticDir = rendererDir();
      if (!existsSync(join(staticDir, 'index.html'))) {
        throw new CliError('L’interface n’est pas construite : lancez d’abord « npm run build ».');
      }
      const workspace = openWorkspace(dir);
      const ctx = { workspace, today: () => belgianToday() };
      // The stored compliance results of the day (the Dossiers table's flags), before the first request.
      freshenOpenWorkspace(ctx);
      const backend = createBackend(ctx);
      let server;
      try {
        server = await startShellServer({ dispatcher: backend, staticDir, port });
      } catch (error) {
        workspace.close();
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliError(
          code === 'EADDRINUSE' ? `Le port ${port} est déjà utilisé : choisissez-en un autre avec --port.` : `Impossible de démarrer le serveur : ${(error as Error).message}`,
        );
      }
      io.out(`Espace de travail : ${workspace.dir}`);
      io.out(`URL: ${server.url}`);
      io.out('Ouvrez cette adresse dans votre navigateur. Ctrl+C pour arrêter.');
      await new Promise<void>((resolveStop) => {
        const stop = () => {
          void server.close().then(() => {
            workspace.close();
            resolveStop();
          });
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    },
  },

  check: {
    summary: 'Vérifie l’intégrité de l’espace de travail (base, clés étrangères, schéma, journal d’audit).',
    usage: 'comes check --workspace DOSSIER',
    options: { ...workspaceOption },
    async run(values, io) {
      const dir = requireString(values, 'workspace', 'check');
      const workspace = openWorkspace(dir);
      try {
        const db = workspace.db;
        if (!db || !getMeta(db, 'profile')) throw new CliError(`Aucun espace de travail COMES dans ${workspace.dir}.`);
        const faults: string[] = [];
        const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
        const integrityOk = integrity.length === 1 && integrity[0]?.integrity_check === 'ok';
        if (!integrityOk) faults.push(`Intégrité : ${integrity.map((r) => r.integrity_check).join(' ; ')}`);
        const foreignKeys = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
        if (foreignKeys.length > 0) {
          faults.push(
            `Clés étrangères : ${foreignKeys.length} référence(s) rompue(s), par exemple ${foreignKeys
              .slice(0, 3)
              .map((f) => `${f.table} #${f.rowid} → ${f.parent}`)
              .join(', ')}`,
          );
        }
        const version = db.pragma('user_version', { simple: true }) as number;
        if (version !== LATEST_VERSION) faults.push(`Schéma : version ${version}, attendue ${LATEST_VERSION}.`);
        const brokenAt = verifyAuditChain(db);
        if (brokenAt !== null) faults.push(`Journal d’audit : chaîne rompue à l’entrée n° ${brokenAt}.`);
        let rules: string | null = null;
        try {
          rules = rulesVersionOf(defaultRuleBook());
        } catch (error) {
          if (!(error instanceof RulesFileError)) throw error;
          faults.push(error.message);
        }
        let calendar: string | null = null;
        try {
          calendar = defaultSchoolCalendar().updatedOn;
        } catch (error) {
          if (!(error instanceof CalendarFileError)) throw error;
          faults.push(error.message);
        }

        io.out(`Espace de travail : ${workspace.dir}`);
        io.out(`Intégrité de la base : ${integrityOk ? 'OK' : 'ERREUR'}`);
        io.out(`Clés étrangères : ${foreignKeys.length === 0 ? 'OK' : 'ERREUR'}`);
        io.out(`Version du schéma : ${version} (application : ${LATEST_VERSION})`);
        io.out(`Journal d’audit : ${brokenAt === null ? 'OK' : 'ERREUR'}`);
        io.out(rules === null ? 'Fichier des seuils : ERREUR' : `Fichier des seuils : OK (version ${rules})`);
        io.out(calendar === null ? 'Calendrier scolaire : ERREUR' : `Calendrier scolaire : OK (mis à jour le ${calendar.split('-').reverse().join('/')})`);
        if (faults.length > 0) {
          for (const fault of faults) io.err(fault);
          io.err(`${faults.length} problème(s) détecté(s).`);
          return 1;
        }
        io.out('Aucun problème détecté.');
        return 0;
      } finally {
        workspace.close();
      }
    },
  },

  'export-decisions': {
    summary: 'Exporte le relevé des avis d’une séance (PDF, DOCX, XLSX ou CSV).',
    usage: 'comes export-decisions --workspace DOSSIER --session NUMÉRO --format pdf|docx|xlsx|csv --out FICHIER',
    options: { ...workspaceOption, session: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    async run(values, io) {
      const dir = requireString(values, 'workspace', 'export-decisions');
      const number = parseInteger(requireString(values, 'session', 'export-decisions'), 'session', 1, 1_000_000) as number;
      const format = requireFormat(values, 'export-decisions', DECISION_FORMATS);
      const out = requireString(values, 'out', 'export-decisions');
      requireRules();
      const workspace = openWorkspace(dir);
      try {
        const list = await call(workspace, 'sessions.list', {});
        const session = [...list.upcoming, ...list.past].find((s) => s.number === number);
        if (!session) throw new CliError(`Séance n° ${number} introuvable dans ${workspace.dir}.`);
        await exportTo(workspace, { kind: 'decisions', sessionId: session.id, format }, out, io);
        return 0;
      } finally {
        workspace.close();
      }
    },
  },

  'export-stats': {
    summary: 'Exporte les statistiques d’une année (PDF avec graphique, ou XLSX).',
    usage: 'comes export-stats --workspace DOSSIER --year AAAA --format pdf|xlsx --out FICHIER',
    options: { ...workspaceOption, year: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    async run(values, io) {
      const dir = requireString(values, 'workspace', 'export-stats');
      const year = parseInteger(requireString(values, 'year', 'export-stats'), 'year', 2000, 2100) as number;
      const format = requireFormat(values, 'export-stats', STATS_FORMATS);
      const out = requireString(values, 'out', 'export-stats');
      requireRules();
      const workspace = openWorkspace(dir);
      try {
        await exportTo(workspace, { kind: 'stats', year, format }, out, io);
        return 0;
      } finally {
        workspace.close();
      }
    },
  },
};

function globalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'Dossiers COMES — ligne de commande',
    '',
    'Usage : npm run comes -- <commande> [options]',
    '',
    'Commandes :',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Aide d’une commande : npm run comes -- <commande> --help',
  ].join('\n');
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(globalHelp());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Commande inconnue : « ${name} ».\n\n${globalHelp()}`);
    return 2;
  }
  try {
    const { values } = parseArgs({ args: rest, options: { ...command.options, ...helpOption }, strict: true, allowPositionals: false });
    if (values.help) {
      io.out(`${command.summary}\n\nUsage : ${command.usage}`);
      return 0;
    }
    return await command.run(values as Record<string, string | boolean | undefined>, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${translateParseError((error as Error).message)}\nUsage : ${command.usage}`);
      return 2;
    }
    io.err(`Erreur inattendue : ${(error as Error).message}`);
    return 1;
  }
}

function translateParseError(message: string): string {
  // node:util parseArgs names options like `-w, --workspace <value>`: keep the long name.
  const option = (raw: string | undefined) => /--[\w-]+/.exec(raw ?? '')?.[0] ?? raw ?? '';
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `Option inconnue : ${unknown[1]}.`;
  const missing = /Option '([^']+)' argument missing/.exec(message);
  if (missing) return `L’option ${option(missing[1])} attend une valeur.`;
  const ambiguous = /Option '([^']+)' argument is ambiguous/.exec(message);
  if (ambiguous) {
    const name = option(ambiguous[1]);
    return `La valeur de l’option ${name} commence par un tiret : écrivez ${name}=VALEUR si c’est voulu.`;
  }
  const noValue = /Option '([^']+)' does not take an argument/.exec(message);
  if (noValue) return `L’option ${option(noValue[1])} ne prend pas de valeur.`;
  const positional = /Unexpected argument '([^']+)'/.exec(message);
  if (positional) return `Argument inattendu : « ${positional[1]} ».`;
  return 'Arguments invalides.';
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const code = await runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exitCode = code;
}
