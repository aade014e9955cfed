/**
 * Helpers shared by the integration tests: temporary folders, byte-exact snapshots of a folder
 * (to prove "nothing written"), raw HTTP requests with any Host/Origin header, and subprocesses.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'comes-it-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface FileFacts {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/**
 * Every file and folder under `root` (recursively) with size, mtime and content hash.
 * A missing root snapshots as `{}`; folders appear with a trailing slash.
 */
export function snapshot(root: string): Record<string, FileFacts | 'dir'> {
  const result: Record<string, FileFacts | 'dir'> = {};
  if (!existsSync(root)) return result;
  const stat = statSync(root);
  if (stat.isFile()) {
    result['.'] = facts(root);
    return result;
  }
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const key = relative(root, full);
      if (entry.isDirectory()) {
        result[`${key}/`] = 'dir';
        walk(full);
      } else {
        result[key] = facts(full);
      }
    }
  };
  walk(root);
  return result;
}

function facts(file: string): FileFacts {
  const stat = statSync(file);
  return { size: stat.size, mtimeMs: stat.mtimeMs, sha256: createHash('sha256').update(readFileSync(file)).digest('hex') };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

/**
 * One HTTP request through node:http, so that Host and Origin can be set to anything (fetch forbids
 * it) and the path is sent exactly as given (no normalisation of `..`).
 */
export function rawRequest(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { ...(options.headers ?? {}) },
        // A fresh connection per request: no state carried between tests.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (with a timeout) and collects its output. */
export function run(command: string, args: string[], options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish in time.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** Resolves with the first line of the child's stdout matching `pattern` (rejects on exit or timeout). */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  return new Promise((resolvePromise, reject) => {
    let buffer = '';
    let stderr = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (const line of buffer.split('\n')) {
        const match = pattern.exec(line);
        if (match) {
          cleanup();
          resolvePromise(match);
          return;
        }
      }
    };
    const onErr = (chunk: Buffer) => (stderr += chunk.toString('utf8'));
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`Process exited (${code}) before printing ${pattern}.\nstdout: ${buffer}\nstderr: ${stderr}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`No line matching ${pattern} within ${timeoutMs} ms.\nstdout: ${buffer}\nstderr: ${stderr}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onErr);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onErr);
    child.on('exit', onExit);
  });
}

/** Resolves with the exit code (or signal) of a child, whenever it exits. */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolvePromise) => child.once('exit', (code, signal) => resolvePromise({ code, signal })));
}

/** A string is "French" enough for our messages when it carries French words and no English error jargon. */
export function looksFrench(text: string): boolean {
  const french = /[éèêàùç’«]|\b(le|la|les|des|du|une|est|pas|doit|invalide|attendue?|inconnue?|manquante|introuvable)\b/i;
  const english = /\b(invalid input|expected|unknown option|not found|must be|is required|error:)/i;
  return french.test(text) && !english.test(text);
}

/**
 * The processes below `pid` (children first, then theirs), via `pgrep -P`. `npx tsx x.ts` is a chain
 * npm → tsx → node: npm does not pass SIGTERM on (it dies and orphans the server), so tests signal
 * the last process of the chain, the server itself, and watch the whole chain exit.
 */
export function descendants(pid: number): number[] {
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    children = [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** The command line of a process (`ps -o args=`), or '' when it is gone. */
export function commandLine(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}
