/**
 * Starts the CLI's browser shell (`comes serve`) on a workspace folder and stops it: the real
 * backend, the real HTTP transport, the built renderer.
 */
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'backend', 'cli', 'main.ts');

export interface ShellProcess {
  /** `http://127.0.0.1:P/?token=…`, as printed by the CLI. */
  url: string;
  origin: string;
  token: string;
  dir: string;
  pid: number;
  stop(): Promise<void>;
}

export function tempWorkspaceDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `comes-e2e-${label}-`));
}

/** `comes demo --workspace DIR`: the deterministic demo workspace. */
export async function createDemoWorkspace(dir: string): Promise<string> {
  const { stdout } = await promisify(execFile)(TSX, [CLI, 'demo', '--workspace', dir], { cwd: ROOT, timeout: 300_000 });
  return stdout;
}

/** `comes serve --workspace DIR --port 0`; resolves once it prints its URL. */
export function startShell(dir: string): Promise<ShellProcess> {
  // Its own process group, so stopping it also stops the node process tsx starts.
  const child = spawn(TSX, [CLI, 'serve', '--workspace', dir, '--port', '0'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) return Promise.reject(new Error('comes serve did not start'));

  const stop = () =>
    new Promise<void>((resolveStop) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolveStop();
      });
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        clearTimeout(timer);
        resolveStop();
      }
    });

  return new Promise((resolveStart, reject) => {
    let output = '';
    const timeout = setTimeout(() => {
      void stop();
      reject(new Error(`comes serve printed no URL within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /^URL: (http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+))$/m.exec(output);
      if (!match?.[1] || !match[2]) return;
      clearTimeout(timeout);
      child.stdout?.off('data', onData);
      const url = match[1];
      resolveStart({ url, origin: new URL(url).origin, token: decodeURIComponent(match[2]), dir, pid, stop });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`comes serve exited (${code}) before printing its URL:\n${output}`));
    });
  });
}
