/**
 * The command-line shell (backend/cli/main.ts): `npm run comes -- <command>`. Most cases run
 * in-process through runCli with captured output (fast); a few run as real processes through
 * `npx tsx backend/cli/main.ts` for exit codes and the `serve` URL line. Every refusal is checked
 * to leave the disk exactly as it was (file bytes, mtimes, folder listing, no -wal/-shm).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, writeSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rendererDir, runCli } from '../../backend/cli/main';
import { APPLICATION_ID, LATEST_VERSION } from '../../db/open';
import { CONTENT_SECURITY_POLICY, TOKEN_HEADER } from '../../shared/security';
import { commandLine, descendants, exited, looksFrench, REPO_ROOT, run, snapshot, tempDir, waitForLine } from './helpers';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Whether the renderer has been built (`npm run build`): `serve` refuses to start without it. */
const rendererBuilt = () => existsSync(join(rendererDir(), 'index.html'));
const NOT_BUILT = /L’interface n’est pas construite/;

let tmp: ReturnType<typeof tempDir>;
let ws: string;

beforeEach(() => {
  tmp = tempDir('comes-cli-');
  ws = join(tmp.dir, 'espace');
});
afterEach(() => tmp.cleanup());

async function init(dir = ws, profile = 'secretariat', name = 'Secrétariat COMES'): Promise<void> {
  const result = await cli('init', '--workspace', dir, '--profile', profile, '--name', name);
  expect(result, result.stderr).toMatchObject({ code: 0 });
}

/** Opens the workspace database directly, behind the app's back (foreign keys off, as an old tool would). */
function tamper(dir: string, change: (db: Database.Database) => void): void {
  const db = new Database(join(dir, 'comes.sqlite'));
  db.pragma('foreign_keys = OFF');
  change(db);
  db.close();
}

function meta(dir: string): Record<string, string> {
  // Not `readonly`: a read-only connection to a WAL file leaves -wal/-shm behind; this one cleans up on close.
  const db = new Database(join(dir, 'comes.sqlite'), { fileMustExist: true });
  try {
    const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  } finally {
    db.close();
  }
}

function expectFrench(text: string): void {
  expect(looksFrench(text), text).toBe(true);
}

describe('init', () => {
  it('creates a workspace (comes.sqlite and documents/) and confirms in French', async () => {
    const result = await cli('init', '--workspace', ws, '--profile', 'secretariat', '--name', 'Secrétariat COMES');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`Espace de travail créé (secrétariat) : ${ws}`);
    expect(Object.keys(snapshot(ws)).sort()).toEqual(['comes.sqlite', 'documents/']);
    expect(meta(ws)).toMatchObject({ profile: 'secretariat', name: 'Secrétariat COMES', is_demo: '0' });
  });

  it('creates a member workspace with the short -w option, in a folder that did not exist', async () => {
    const nested = join(tmp.dir, 'a', 'b', 'membre');
    const result = await cli('init', '-w', nested, '--profile', 'member', '--name', 'Marie Dupont');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Espace de travail créé (membre) : ${nested}`);
    expect(meta(nested)).toMatchObject({ profile: 'member', name: 'Marie Dupont' });
  });

  it('refuses to initialise a folder twice: non-zero exit, French message, file bytes unchanged', async () => {
    await init();
    const before = snapshot(ws);
    const result = await cli('init', '--workspace', ws, '--profile', 'member', '--name', 'Autre nom');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Un espace de travail existe déjà dans .*Il n’a pas été modifié\./);
    expect(snapshot(ws)).toEqual(before);
    expect(meta(ws)).toMatchObject({ profile: 'secretariat', name: 'Secrétariat COMES' });
  });

  const badCalls: { title: string; argv: (dir: string) => string[]; code: number; message: RegExp }[] = [
    { title: 'a wrong --profile', argv: (d) => ['init', '--workspace', d, '--profile', 'admin', '--name', 'X'], code: 2, message: /--profile doit valoir « secretariat » ou « member » \(reçu : « admin »\)/ },
    { title: 'a missing --name', argv: (d) => ['init', '--workspace', d, '--profile', 'member'], code: 2, message: /Option --name manquante\. Voir « comes init --help »/ },
    { title: 'a blank --name', argv: (d) => ['init', '--workspace', d, '--profile', 'member', '--name', '   '], code: 2, message: /Option --name manquante/ },
    { title: 'a missing --profile', argv: (d) => ['init', '--workspace', d, '--name', 'X'], code: 2, message: /Option --profile manquante/ },
    { title: 'a missing --workspace', argv: () => ['init', '--profile', 'member', '--name', 'X'], code: 2, message: /Option --workspace manquante/ },
    { title: 'an option without its value', argv: (d) => ['init', '--workspace', d, '--profile', 'member', '--name'], code: 2, message: /L’option --name attend une valeur\./ },
    { title: 'an unknown option', argv: (d) => ['init', '--workspace', d, '--profile', 'member', '--name', 'X', '--force'], code: 2, message: /Option inconnue : --force\./ },
    { title: 'an unexpected argument', argv: (d) => ['init', d, '--profile', 'member', '--name', 'X'], code: 2, message: /Argument inattendu : « .*espace »/ },
    { title: 'a value given to --help', argv: (d) => ['init', '--workspace', d, '--help=oui'], code: 2, message: /L’option --help ne prend pas de valeur\./ },
    { title: 'a name longer than 120 characters', argv: (d) => ['init', '--workspace', d, '--profile', 'member', '--name', 'x'.repeat(121)], code: 1, message: /Les données envoyées sont invalides\.\n {2}- name : Le nom ne peut dépasser 120 caractères\./ },
  ];
  for (const { title, argv, code, message } of badCalls) {
    it(`refuses ${title}: exit ${code}, French message, no folder created`, async () => {
      const before = snapshot(tmp.dir);
      const result = await cli(...argv(ws));
      expect(result.code).toBe(code);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expectFrench(result.stderr);
      expect(snapshot(tmp.dir)).toEqual(before);
      expect(existsSync(ws)).toBe(false);
    });
  }
});

describe('help and commands', () => {
  for (const command of ['init', 'demo', 'serve', 'check']) {
    it(`${command} --help prints its usage and exits 0, touching nothing`, async () => {
      const before = snapshot(tmp.dir);
      for (const flag of ['--help', '-h']) {
        const result = await cli(command, '--workspace', ws, flag);
        expect(result.code).toBe(0);
        expect(result.stderr).toBe('');
        expect(result.stdout).toMatch(new RegExp(`\\n\\nUsage : comes ${command} `));
        expectFrench(result.stdout);
      }
      expect(snapshot(tmp.dir)).toEqual(before);
    });
  }

  it('--help lists every command and exits 0', async () => {
    const result = await cli('--help');
    expect(result.code).toBe(0);
    for (const command of ['init', 'demo', 'serve', 'check']) expect(result.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    expect(result.stdout).toMatch(/Usage : npm run comes -- <commande> \[options\]/);
  });

  it('no command at all: prints the help and exits 2', async () => {
    const result = await cli();
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/Commandes :/);
  });

  it('an unknown command: exit 2 with a French message', async () => {
    const before = snapshot(tmp.dir);
    const result = await cli('supprimer', '--workspace', ws);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Commande inconnue : « supprimer »\./);
    expect(snapshot(tmp.dir)).toEqual(before);
  });
});

describe('check', () => {
  it('a healthy workspace: exit 0, OK lines, nothing changed', async () => {
    await init();
    const before = snapshot(ws);
    const result = await cli('check', '--workspace', ws);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      `Espace de travail : ${ws}`,
      'Intégrité de la base : OK',
      'Clés étrangères : OK',
      `Version du schéma : ${LATEST_VERSION} (application : ${LATEST_VERSION})`,
      'Journal d’audit : OK',
      expect.stringMatching(/^Fichier des seuils : OK \(version \d{4}-\d{2}-\d{2}\+[0-9a-f]{10}\)$/),
      expect.stringMatching(/^Calendrier scolaire : OK \(mis à jour le \d{2}\/\d{2}\/\d{4}\)$/),
      'Aucun problème détecté.',
    ]);
    expect(snapshot(ws)).toEqual(before);
  });

  it('a broken foreign key: exit 1 naming the table and the parent', async () => {
    await init();
    tamper(ws, (db) => db.prepare("INSERT INTO agrements (id, operator_id, scheme, number, status) VALUES (7, 999, 'IES', 'IES-007', 'active')").run());
    const result = await cli('check', '--workspace', ws);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Clés étrangères : ERREUR');
    expect(result.stdout).toContain('Intégrité de la base : OK');
    expect(result.stderr).toContain('Clés étrangères : 1 référence(s) rompue(s), par exemple agrements #7 → operators');
    expect(result.stderr).toContain('1 problème(s) détecté(s).');
  });

  it('a forged audit entry (inserted with a wrong hash): exit 1', async () => {
    await init();
    tamper(ws, (db) => {
      const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
      db.prepare(
        `INSERT INTO audit_log (id, at, actor, action, entity, changes, prev_hash, hash)
         VALUES (?, '2026-01-01T00:00:00.000Z', 'Faussaire', 'dossier.delete', 'dossier', '{}', ?, ?)`,
      ).run(last.id + 1, last.hash, 'e'.repeat(64));
    });
    const result = await cli('check', '--workspace', ws);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Journal d’audit : ERREUR');
    expect(result.stderr).toContain('Journal d’audit : chaîne rompue à l’entrée n° 2.');
  });

  it('an audit entry edited behind the triggers’ back: exit 1', async () => {
    await init();
    tamper(ws, (db) => {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare("UPDATE audit_log SET actor = 'Faussaire' WHERE id = 1").run();
    });
    const result = await cli('check', '--workspace', ws);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Journal d’audit : chaîne rompue à l’entrée n° 1.');
  });

  it('a damaged page: exit 1 reporting the integrity fault, file left as it was', async () => {
    await init();
    const file = join(ws, 'comes.sqlite');
    let pageSize = 0;
    let root = 0;
    tamper(ws, (db) => {
      pageSize = db.pragma('page_size', { simple: true }) as number;
      root = (db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'operators_name'").get() as { rootpage: number }).rootpage;
    });
    expect(root).toBeGreaterThan(1);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
    const before = snapshot(ws);
    const result = await cli('check', '--workspace', ws);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Intégrité de la base : ERREUR');
    expect(result.stderr).toMatch(/^Intégrité : /m);
    expect(snapshot(ws)).toEqual(before);
  });

  it('a folder without workspace, or no folder at all: exit 1, nothing created', async () => {
    mkdirSync(ws);
    for (const dir of [ws, join(tmp.dir, 'absent')]) {
      const before = snapshot(tmp.dir);
      const result = await cli('check', '--workspace', dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`Aucun espace de travail COMES dans ${dir}.`);
      expect(snapshot(tmp.dir)).toEqual(before);
    }
  });

  it('a missing --workspace: exit 2', async () => {
    const result = await cli('check');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Option --workspace manquante/);
  });
});

describe('a workspace that is not a COMES workspace: every command refuses and changes nothing', () => {
  const kinds: { title: string; make: (dir: string) => string; message: RegExp }[] = [
    {
      title: 'comes.sqlite is a text file',
      make: (dir) => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'comes.sqlite'), 'Procès-verbal de la séance du 12 mars.\n');
        return dir;
      },
      message: /n’est pas une base de données Dossiers COMES\. Il n’a pas été modifié\./,
    },
    {
      title: 'comes.sqlite is a foreign SQLite database (WAL mode)',
      make: (dir) => {
        mkdirSync(dir, { recursive: true });
        const db = new Database(join(dir, 'comes.sqlite'));
        db.pragma('journal_mode = WAL');
        db.exec("CREATE TABLE foo (bar TEXT); INSERT INTO foo VALUES ('baz')");
        db.close();
        return dir;
      },
      message: /est une base SQLite qui n’appartient pas à Dossiers COMES\. Il n’a pas été modifié\./,
    },
    {
      title: 'comes.sqlite comes from a newer version (user_version 99, WAL mode)',
      make: (dir) => {
        mkdirSync(dir, { recursive: true });
        const db = new Database(join(dir, 'comes.sqlite'));
        db.pragma('journal_mode = WAL');
        db.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT; INSERT INTO meta VALUES ('profile', 'secretariat')");
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma('user_version = 99');
        db.close();
        return dir;
      },
      message: new RegExp(
        `version plus récente de Dossiers COMES \\(schéma 99, cette version connaît le schéma ${LATEST_VERSION}\\)\\. Mettez l’application à jour ; le fichier n’a pas été modifié\\.`,
      ),
    },
    {
      title: 'comes.sqlite has a SQLite signature and a garbled header',
      make: (dir) => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'comes.sqlite'), Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(4080, 0xff)]));
        return dir;
      },
      message: /est endommagé ou illisible .*Il n’a pas été modifié\./,
    },
    {
      title: 'the --workspace path is a file',
      make: (dir) => {
        const file = `${dir}.txt`;
        writeFileSync(file, 'pas un dossier');
        return file;
      },
      message: /est un fichier, pas un dossier d’espace de travail\./,
    },
  ];

  const commands: { name: string; argv: (dir: string) => string[] }[] = [
    { name: 'init', argv: (d) => ['init', '--workspace', d, '--profile', 'secretariat', '--name', 'Secrétariat'] },
    { name: 'demo', argv: (d) => ['demo', '--workspace', d, '--seed', '7'] },
    { name: 'check', argv: (d) => ['check', '--workspace', d] },
    { name: 'serve', argv: (d) => ['serve', '--workspace', d, '--port', '0'] },
  ];

  for (const kind of kinds) {
    it(`${kind.title}`, async () => {
      const target = kind.make(ws);
      const before = snapshot(tmp.dir);
      for (const command of commands) {
        const result = await cli(...command.argv(target));
        expect(result.code, `${command.name}: ${result.stderr}`).toBe(1);
        expect(result.stdout, command.name).toBe('');
        const expected = command.name === 'serve' && !rendererBuilt() ? NOT_BUILT : kind.message;
        expect(result.stderr, command.name).toMatch(expected);
        expectFrench(result.stderr);
        // Same bytes, same mtimes, and no -wal/-shm (nor anything else) appeared beside it.
        expect(snapshot(tmp.dir), command.name).toEqual(before);
      }
    });
  }
});

describe('demo', () => {
  it('creates a demo workspace with operators and dossiers, which then checks clean', async () => {
    const result = await cli('demo', '--workspace', ws, '--seed', '7');
    expect(result, result.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Espace de démonstration créé : ${ws}`);
    const counts = /^(\d+) opérateurs, (\d+) dossiers, (\d+) séances, (\d+) membres, (\d+) documents \(\d+\.\d s\)\.$/m.exec(result.stdout);
    expect(counts, result.stdout).not.toBeNull();
    expect(Number(counts?.[1])).toBeGreaterThan(0);
    expect(Number(counts?.[2])).toBeGreaterThan(0);
    expect(meta(ws)).toMatchObject({ profile: 'secretariat', is_demo: '1' });
    const check = await cli('check', '--workspace', ws);
    expect(check, check.stderr).toMatchObject({ code: 0 });
  });

  it('creates the demo as a member’s workspace with --profile member --member N', async () => {
    const result = await cli('demo', '--workspace', ws, '--profile', 'member', '--member', '9');
    expect(result, result.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('Espace de travail du membre Françoise Fontaine (n° 9)');
    expect(meta(ws)).toMatchObject({ profile: 'member', member_id: '9', is_demo: '1' });
  });

  it('refuses an unknown member: exit 1, French message, no demo left behind', async () => {
    const before = snapshot(tmp.dir);
    const result = await cli('demo', '--workspace', ws, '--profile', 'member', '--member', '999');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Aucun membre n° 999 dans la démonstration/);
    expectFrench(result.stderr);
    expect(result.stdout).not.toContain('Espace de démonstration créé');
    expect(snapshot(tmp.dir)).toEqual(before);
  });

  const badOptions: { argv: string[]; message: RegExp }[] = [
    { argv: ['--profile', 'member'], message: /--profile member demande --member N/ },
    { argv: ['--member', '3'], message: /--member ne s’emploie qu’avec --profile member/ },
    { argv: ['--profile', 'president', '--member', '3'], message: /--profile doit valoir « secretariat » ou « member »/ },
    { argv: ['--scale', 'abc'], message: /--scale doit être un nombre entier entre 1 et 500 \(reçu : « abc »\)\./ },
    { argv: ['--scale', '0'], message: /--scale doit être un nombre entier entre 1 et 500 \(reçu : « 0 »\)\./ },
    { argv: ['--scale', '501'], message: /--scale doit être un nombre entier entre 1 et 500/ },
    { argv: ['--scale', '2.5'], message: /--scale doit être un nombre entier/ },
    { argv: ['--seed', 'graine'], message: /--seed doit être un nombre entier entre 0 et 2147483648/ },
    { argv: ['--seed', '-1'], message: /La valeur de l’option --seed commence par un tiret/ },
    { argv: ['--scale'], message: /L’option --scale attend une valeur\./ },
  ];
  for (const { argv, message } of badOptions) {
    it(`refuses ${argv.join(' ')}: exit 2, French message, nothing created`, async () => {
      const before = snapshot(tmp.dir);
      const result = await cli('demo', '--workspace', ws, ...argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expectFrench(result.stderr);
      expect(snapshot(tmp.dir)).toEqual(before);
    });
  }

  it('refuses to fill an existing workspace: exit 1, bytes unchanged', async () => {
    await init();
    const before = snapshot(ws);
    const result = await cli('demo', '--workspace', ws);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Un espace de travail existe déjà dans .*Il n’a pas été modifié\./);
    expect(snapshot(ws)).toEqual(before);
  });
});

describe('serve (in-process refusals)', () => {
  for (const port of ['abc', '70000', '-5']) {
    it(`refuses --port ${port}: exit 2`, async () => {
      const result = await cli('serve', '--workspace', ws, '--port', port);
      expect(result.code).toBe(2);
      expectFrench(result.stderr);
      expect(existsSync(ws)).toBe(false);
    });
  }

  it('a port already in use: exit 1 with a French message, workspace left closed and unchanged', async () => {
    await init();
    const blocker: Server = createServer();
    await new Promise<void>((resolveListen) => blocker.listen(0, '127.0.0.1', () => resolveListen()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const before = snapshot(ws);
      const result = await cli('serve', '--workspace', ws, '--port', String(port));
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(rendererBuilt() ? new RegExp(`^Le port ${port} est déjà utilisé : choisissez-en un autre avec --port\\.$`) : NOT_BUILT);
      expect(snapshot(ws)).toEqual(before);
    } finally {
      await new Promise<void>((resolveClose) => blocker.close(() => resolveClose()));
    }
  });
});

describe('as a real process: npx tsx backend/cli/main.ts', () => {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const comes = (...args: string[]) => run(npx, ['tsx', 'backend/cli/main.ts', ...args], { timeoutMs: 90_000 });
  const started: ChildProcess[] = [];
  const startedPids = new Set<number>();

  afterAll(() => {
    // Safety net if a test failed half-way: end the processes this file started, by id.
    // Only pids still running our command: a pid freed meanwhile may belong to someone else now.
    for (const pid of startedPids) {
      if (!commandLine(pid).includes('backend/cli/main.ts')) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('exits 0 on success, 2 on a usage error, 1 on a fault, with French messages', { timeout: 120_000 }, async () => {
    const broken = join(tmp.dir, 'casse');
    await init(broken);
    tamper(broken, (db) => db.prepare("INSERT INTO agrements (operator_id, scheme, number, status) VALUES (999, 'IES', 'IES-999', 'active')").run());
    const before = snapshot(tmp.dir);

    const [created, usage, unknown, fault] = await Promise.all([
      comes('init', '--workspace', ws, '--profile', 'member', '--name', 'Marie Dupont'),
      comes('init', '--workspace', join(tmp.dir, 'jamais'), '--profile', 'admin', '--name', 'X'),
      comes('exporter'),
      comes('check', '--workspace', broken),
    ]);
    expect(created, created.stderr).toMatchObject({ code: 0 });
    expect(created.stdout).toBe(`Espace de travail créé (membre) : ${ws}\n`);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--profile doit valoir « secretariat » ou « member » (reçu : « admin »).');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Commande inconnue : « exporter ».');
    expect(fault.code).toBe(1);
    expect(fault.stderr).toContain('Clés étrangères : 1 référence(s) rompue(s)');
    expect(existsSync(join(tmp.dir, 'jamais'))).toBe(false);
    // Only the new workspace appeared; the broken one was only read.
    const after = snapshot(tmp.dir);
    for (const [path, facts] of Object.entries(before)) expect(after[path], path).toEqual(facts);
  });

  it('refuses to start with a malformed thresholds file: exit 1, the French message names the field, nothing written', { timeout: 120_000 }, async () => {
    await init();
    const thresholds = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'rules', 'thresholds.json'), 'utf8')) as { regimes: Record<string, unknown>[] };
    thresholds.regimes[1]!.expiryWarningDays = 'quatre-vingt-dix';
    const brokenRules = join(tmp.dir, 'seuils-casses.json');
    writeFileSync(brokenRules, JSON.stringify(thresholds, null, 2));
    const notJson = join(tmp.dir, 'pas-du-json.json');
    writeFileSync(notJson, '{ "version": ');
    const before = snapshot(ws);
    const env = (file: string) => ({ ...process.env, COMES_RULES_FILE: file });
    const [serve, demo, check, garbled] = await Promise.all([
      run(npx, ['tsx', 'backend/cli/main.ts', 'serve', '--workspace', ws, '--port', '0'], { timeoutMs: 90_000, env: env(brokenRules) }),
      run(npx, ['tsx', 'backend/cli/main.ts', 'demo', '--workspace', join(tmp.dir, 'demo')], { timeoutMs: 90_000, env: env(brokenRules) }),
      run(npx, ['tsx', 'backend/cli/main.ts', 'check', '--workspace', ws], { timeoutMs: 90_000, env: env(brokenRules) }),
      run(npx, ['tsx', 'backend/cli/main.ts', 'serve', '--workspace', ws, '--port', '0'], { timeoutMs: 90_000, env: env(notJson) }),
    ]);
    for (const result of [serve, demo]) {
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('Fichier des seuils invalide : regimes[1].expiryWarningDays — nombre attendu, reçu texte');
      expectFrench(result.stderr);
    }
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('Fichier des seuils : ERREUR');
    expect(check.stderr).toContain('regimes[1].expiryWarningDays');
    expect(garbled.code).toBe(1);
    expect(garbled.stderr).toMatch(/Fichier des seuils invalide : .*pas-du-json\.json n’est pas un JSON valide/);
    expect(existsSync(join(tmp.dir, 'demo'))).toBe(false);
    expect(snapshot(ws)).toEqual(before);
  });

  it('refuses to start with a malformed school calendar: exit 1, the French message names the field, nothing written', { timeout: 120_000 }, async () => {
    await init();
    const calendar = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'calendar', 'fwb-school-holidays.json'), 'utf8')) as { periods: Record<string, unknown>[] };
    calendar.periods[2]!.end = '31/12/2023';
    const broken = join(tmp.dir, 'calendrier-casse.json');
    writeFileSync(broken, JSON.stringify(calendar, null, 2));
    const before = snapshot(ws);
    const env = { ...process.env, COMES_CALENDAR_FILE: broken };
    const [serve, check] = await Promise.all([
      run(npx, ['tsx', 'backend/cli/main.ts', 'serve', '--workspace', ws, '--port', '0'], { timeoutMs: 90_000, env }),
      run(npx, ['tsx', 'backend/cli/main.ts', 'check', '--workspace', ws], { timeoutMs: 90_000, env }),
    ]);
    expect(serve.code, serve.stderr).toBe(1);
    expect(serve.stdout).toBe('');
    expect(serve.stderr).toContain('Calendrier scolaire invalide : periods[2].end');
    expectFrench(serve.stderr);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('Calendrier scolaire : ERREUR');
    expect(check.stderr).toContain('periods[2].end');
    expect(snapshot(ws)).toEqual(before);
  });

  it('npm run comes -- check --help exits 0', { timeout: 120_000 }, async () => {
    const result = await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'comes', '--', 'check', '--help'], { timeoutMs: 90_000 });
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Usage : comes check --workspace DOSSIER');
  });

  it('serve prints "URL: http://127.0.0.1:P/?token=…", serves the page there, and stops on SIGTERM', { timeout: 120_000 }, async () => {
    await init();
    const child = spawn(npx, ['tsx', 'backend/cli/main.ts', 'serve', '--workspace', ws, '--port', '0'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    if (child.pid) startedPids.add(child.pid);

    if (!rendererBuilt()) {
      // Without `npm run build` there is nothing to serve: a clear refusal, exit 1.
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const { code } = await exited(child);
      expect(code).toBe(1);
      expect(stderr).toMatch(NOT_BUILT);
      return;
    }

    const match = await waitForLine(child, /^URL: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/, 90_000);
    const [, url, port, token] = match as unknown as [string, string, string, string];
    expect(Number(port)).toBeGreaterThan(0);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    // npm → sh → tsx → node: the last process of the chain running main.ts is the server itself.
    const chain = descendants(child.pid!);
    for (const pid of chain) startedPids.add(pid);
    const server = chain.filter((pid) => commandLine(pid).includes('backend/cli/main.ts')).at(-1);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toBe(readFileSync(join(rendererDir(), 'index.html'), 'utf8'));

    const call = await fetch(`http://127.0.0.1:${port}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify({ method: 'workspace.status', input: {} }),
    });
    expect(await call.json()).toMatchObject({ ok: true, data: { state: 'ready', profile: 'secretariat', path: ws } });
    const refused = await fetch(`http://127.0.0.1:${port}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'workspace.status', input: {} }),
    });
    expect(refused.status).toBe(401);

    // SIGTERM to the server process: it closes the server and the workspace, and the chain exits 0.
    expect(server).toBeDefined();
    process.kill(server!, 'SIGTERM');
    const { code } = await exited(child);
    startedPids.clear();
    expect(code).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
    expect(Object.keys(snapshot(ws)).sort()).toEqual(['comes.sqlite', 'documents/']);
  });
});
