/**
 * The browser shell's transport (backend/server/http.ts), started in-process on a free port with a
 * real workspace folder and a real built-renderer folder: who may call it, what it answers, and
 * that refused calls leave the workspace untouched.
 */
import { connect, Server as NetServer } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, TOKEN_HEADER } from '../../shared/security';
import { MAX_DOCUMENT_BASE64_CHARS } from '../../shared/contract/documents';
import type { Envelope } from '../../shared/envelope';
import { belgianToday } from '../../backend/context';
import { createBackend } from '../../backend/handlers/index';
import { MAX_RPC_BODY_BYTES, startShellServer, type ShellServer } from '../../backend/server/http';
import { Workspace } from '../../backend/workspace';
import { looksFrench, rawRequest, snapshot, tempDir, type RawResponse } from './helpers';

const INDEX_HTML = '<!doctype html><html><head><title>Dossiers COMES</title></head><body><div id="root"></div></body></html>';
const ASSET_JS = 'console.log("comes asset");';
const SECRET = 'SECRET-OUTSIDE-THE-RENDERER-FOLDER';

let tmp: ReturnType<typeof tempDir>;
let workspaceDir: string;
let staticDir: string;
let workspace: Workspace;
let server: ShellServer;
const extraServers: ShellServer[] = [];

beforeEach(async () => {
  tmp = tempDir('comes-http-');
  workspaceDir = join(tmp.dir, 'workspace');
  staticDir = join(tmp.dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'app.js'), ASSET_JS);
  // A file next to (not inside) the renderer folder, which traversal attempts try to reach.
  writeFileSync(join(tmp.dir, 'secret.txt'), SECRET);
  workspace = new Workspace(workspaceDir).open();
  const dispatcher = createBackend({ workspace, today: () => belgianToday() }, { log: () => {} });
  server = await startShellServer({ dispatcher, staticDir, port: 0 });
});

afterEach(async () => {
  await server.close();
  for (const extra of extraServers.splice(0)) await extra.close();
  workspace.close();
  tmp.cleanup();
  vi.restoreAllMocks();
});

const own = () => `127.0.0.1:${server.port}`;

function rpc(body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(server.port, {
    method: 'POST',
    path: '/rpc',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function envelope(response: RawResponse): Envelope<unknown> {
  return response.json() as Envelope<unknown>;
}

function expectRefusal(response: RawResponse, status: number, code: string): string {
  expect(response.status).toBe(status);
  const body = envelope(response);
  expect(body.ok).toBe(false);
  if (body.ok) throw new Error('unreachable');
  expect(body.error.code).toBe(code);
  expect(looksFrench(body.error.message), body.error.message).toBe(true);
  return body.error.message;
}

describe('listening', () => {
  it('binds to 127.0.0.1 only and answers there', async () => {
    const listen = vi.spyOn(NetServer.prototype, 'listen');
    const dispatcher = createBackend({ workspace, today: () => belgianToday() });
    const other = await startShellServer({ dispatcher, staticDir });
    extraServers.push(other);
    expect(listen).toHaveBeenCalledTimes(1);
    const bound = listen.mock.contexts[0] as NetServer;
    expect(bound.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: other.port });
    expect(listen.mock.calls[0]?.[1]).toBe('127.0.0.1');
    expect(other.url).toBe(`http://127.0.0.1:${other.port}/?token=${encodeURIComponent(other.token)}`);

    // Not reachable through any other address of this machine.
    const elsewhere = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info && !info.internal)
      .map((info) => info!.address);
    for (const address of [...elsewhere, '::1']) {
      const outcome = await new Promise<string>((resolveOutcome) => {
        const socket = connect({ host: address, port: other.port });
        socket.once('connect', () => {
          socket.destroy();
          resolveOutcome('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolveOutcome(error.code ?? 'error'));
      });
      expect(outcome, `${address}:${other.port}`).not.toBe('connected');
    }
  });

  it('creates a fresh random token of at least 128 bits at each start', async () => {
    const dispatcher = createBackend({ workspace, today: () => belgianToday() });
    const second = await startShellServer({ dispatcher, staticDir });
    extraServers.push(second);
    expect(second.token).not.toBe(server.token);
    for (const token of [server.token, second.token]) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
    // The first server's token does not open the second one.
    const crossed = await rawRequest(second.port, {
      method: 'POST',
      path: '/rpc',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
      body: JSON.stringify({ method: 'workspace.status', input: {} }),
    });
    expectRefusal(crossed, 401, 'UNAUTHORIZED');
  });

  it('stops answering once closed', async () => {
    const dispatcher = createBackend({ workspace, today: () => belgianToday() });
    const other = await startShellServer({ dispatcher, staticDir });
    await other.close();
    await expect(rawRequest(other.port, { path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('POST /rpc: the session token', () => {
  it('refuses a call without token (401, French message)', async () => {
    const response = await rawRequest(server.port, {
      method: 'POST',
      path: '/rpc',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'workspace.status', input: {} }),
    });
    const message = expectRefusal(response, 401, 'UNAUTHORIZED');
    expect(message).toMatch(/jeton/i);
  });

  it('refuses a wrong token, of the same length or not (401)', async () => {
    const sameLength = server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const token of [sameLength, 'x', `${server.token}x`, '']) {
      expectRefusal(await rpc({ method: 'workspace.status', input: {} }, { [TOKEN_HEADER]: token }), 401, 'UNAUTHORIZED');
    }
  });

  it('refuses the token passed in the query string instead of the header (401)', async () => {
    const response = await rawRequest(server.port, {
      method: 'POST',
      path: `/rpc?token=${encodeURIComponent(server.token)}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'workspace.status', input: {} }),
    });
    expectRefusal(response, 401, 'UNAUTHORIZED');
  });

  it('answers an envelope with the right token', async () => {
    const response = await rpc({ method: 'workspace.status', input: {} });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(envelope(response)).toEqual({ ok: true, data: { state: 'empty', path: workspace.dir } });
  });

  it('refuses GET /rpc (405)', async () => {
    const response = await rawRequest(server.port, { method: 'GET', path: '/rpc', headers: { [TOKEN_HEADER]: server.token } });
    expect(response.status).toBe(405);
  });
});

describe('Host and Origin', () => {
  it('refuses a foreign Host header (403), even with the right token, and for pages too', async () => {
    for (const host of [`evil.example:${server.port}`, `localhost.attacker.com:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`, `[::1]:${server.port}`]) {
      const call = await rpc({ method: 'workspace.status', input: {} }, { host });
      expect(expectRefusal(call, 403, 'FORBIDDEN'), host).toMatch(/hôte/i);
      const page = await rawRequest(server.port, { path: '/', headers: { host } });
      expect(page.status, host).toBe(403);
      expect(page.text).not.toContain('Dossiers COMES</title>');
    }
  });

  it('accepts its own Host, as 127.0.0.1 or localhost', async () => {
    for (const host of [own(), `localhost:${server.port}`]) {
      const response = await rpc({ method: 'workspace.status', input: {} }, { host });
      expect(response.status, host).toBe(200);
      expect(envelope(response).ok).toBe(true);
    }
  });

  it('refuses a foreign Origin (403)', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`, `http://localhost.attacker.com:${server.port}`]) {
      const response = await rpc({ method: 'workspace.status', input: {} }, { origin });
      expect(expectRefusal(response, 403, 'FORBIDDEN'), origin).toMatch(/origine/i);
    }
  });

  it('accepts its own Origin', async () => {
    for (const origin of [`http://127.0.0.1:${server.port}`, `http://localhost:${server.port}`]) {
      const response = await rpc({ method: 'workspace.status', input: {} }, { origin });
      expect(response.status, origin).toBe(200);
      expect(envelope(response)).toMatchObject({ ok: true, data: { state: 'empty' } });
    }
  });

  it('a refused foreign-origin write changes nothing on disk', async () => {
    const before = snapshot(tmp.dir);
    const response = await rpc({ method: 'workspace.create', input: { profile: 'secretariat', name: 'Pirate' } }, { origin: 'http://evil.example' });
    expectRefusal(response, 403, 'FORBIDDEN');
    expect(snapshot(tmp.dir)).toEqual(before);
    expect(workspace.status().state).toBe('empty');
  });
});

describe('POST /rpc: malformed calls', () => {
  it('refuses a body that is not declared as JSON (415)', async () => {
    const body = JSON.stringify({ method: 'workspace.status', input: {} });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      expectRefusal(await rpc(body, { 'content-type': contentType }), 415, 'BAD_INPUT');
    }
    const none = await rawRequest(server.port, { method: 'POST', path: '/rpc', headers: { [TOKEN_HEADER]: server.token }, body });
    expectRefusal(none, 415, 'BAD_INPUT');
  });

  it('refuses malformed JSON (400)', async () => {
    const message = expectRefusal(await rpc('{"method": "workspace.status", '), 400, 'BAD_INPUT');
    expect(message).toMatch(/JSON/);
  });

  it('refuses an oversized body (413) without reading it all', async () => {
    // Just above the limit, which fits the largest attachment (25 Mo of PDF in base64).
    expect(MAX_RPC_BODY_BYTES).toBeGreaterThan(MAX_DOCUMENT_BASE64_CHARS);
    const response = await rpc(JSON.stringify({ method: 'workspace.status', input: { pad: 'x'.repeat(MAX_RPC_BODY_BYTES + 1) } }));
    expectRefusal(response, 413, 'BAD_INPUT');
    // A declared length over the limit is refused before the body is read.
    const declared = await rpc('{}', { 'content-length': String(MAX_RPC_BODY_BYTES + 1) });
    expectRefusal(declared, 413, 'BAD_INPUT');
  }, 60_000);

  it('answers UNKNOWN_METHOD for a method the contract does not know, or no method at all', async () => {
    for (const body of [{ method: 'workspace.drop', input: {} }, { method: 'constructor' }, { input: {} }, null, [1, 2]]) {
      const response = await rpc(body);
      expect(response.status).toBe(200);
      const result = envelope(response);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, JSON.stringify(body)).toBe('UNKNOWN_METHOD');
      expect(result.error.message).toMatch(/^Méthode inconnue/);
    }
  });

  it('answers BAD_INPUT with French issues and writes nothing when the input fails the schema', async () => {
    const before = snapshot(tmp.dir);
    const response = await rpc({ method: 'workspace.create', input: { profile: 'administrateur', name: '   ' } });
    expect(response.status).toBe(200);
    const result = envelope(response);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_INPUT');
    expect(result.error.message).toBe('Les données envoyées sont invalides.');
    const issues = result.error.issues ?? [];
    expect(issues.map((issue) => issue.path).sort()).toEqual(['name', 'profile']);
    expect(issues.find((issue) => issue.path === 'name')?.message).toBe('Indiquez un nom pour l’espace de travail.');
    // The profile message comes from zod itself: the French locale, not the English default.
    const profileMessage = issues.find((issue) => issue.path === 'profile')?.message ?? '';
    expect(looksFrench(profileMessage), profileMessage).toBe(true);
    expect(profileMessage).toMatch(/secretariat/);

    expect(snapshot(tmp.dir)).toEqual(before);
    expect(snapshot(workspaceDir)).toEqual({});
    expect(envelope(await rpc({ method: 'workspace.status', input: {} }))).toMatchObject({ ok: true, data: { state: 'empty' } });
  });

  it('a refused input on an existing workspace leaves its data as it was', async () => {
    const created = envelope(await rpc({ method: 'workspace.create', input: { profile: 'member', name: 'Marie Dupont' } }));
    expect(created).toMatchObject({ ok: true, data: { state: 'ready', profile: 'member', name: 'Marie Dupont' } });
    const db = workspace.requireDb();
    const dump = () => ({
      meta: db.prepare('SELECT key, value FROM meta ORDER BY key').all(),
      audit: db.prepare('SELECT * FROM audit_log ORDER BY id').all(),
    });
    const before = dump();

    const refused = envelope(await rpc({ method: 'workspace.create', input: { profile: 'secretariat', name: 'x'.repeat(121) } }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const conflict = envelope(await rpc({ method: 'workspace.create', input: { profile: 'secretariat', name: 'Autre' } }));
    expect(conflict).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!conflict.ok) expect(conflict.error.message).toMatch(/existe déjà/);
    const badId = envelope(await rpc({ method: 'dossiers.get', input: { id: -1 } }));
    expect(badId).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });

    expect(dump()).toEqual(before);
  });
});

describe('GET: the built renderer', () => {
  it('serves index.html at / with the Content-Security-Policy and nosniff headers', async () => {
    const response = await rawRequest(server.port, { path: '/' });
    expect(response.status).toBe(200);
    expect(response.text).toBe(INDEX_HTML);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('serves the page opened from the printed address (with ?token=)', async () => {
    const response = await rawRequest(server.port, { path: new URL(server.url).pathname + new URL(server.url).search });
    expect(response.status).toBe(200);
    expect(response.text).toBe(INDEX_HTML);
  });

  it('serves an asset with its type and the same security headers', async () => {
    const response = await rawRequest(server.port, { path: '/assets/app.js' });
    expect(response.status).toBe(200);
    expect(response.text).toBe(ASSET_JS);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers HEAD with headers and no body', async () => {
    const response = await rawRequest(server.port, { method: 'HEAD', path: '/assets/app.js' });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(ASSET_JS)));
    expect(response.text).toBe('');
  });

  it('serves index.html for an unknown route without extension (the single-page app’s routes)', async () => {
    for (const path of ['/dossiers', '/dossiers/42', '/seances/3/ordre-du-jour']) {
      const response = await rawRequest(server.port, { path });
      expect(response.status, path).toBe(200);
      expect(response.text).toBe(INDEX_HTML);
    }
  });

  it('answers 404 for a missing file with an extension', async () => {
    const response = await rawRequest(server.port, { path: '/assets/missing.js' });
    expectRefusal(response, 404, 'NOT_FOUND');
  });

  it('never serves a file outside its folder: path traversal gets 404', async () => {
    const attempts = [
      '/../../etc/passwd',
      '/../secret.txt',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      `/${'..%2f'.repeat(12)}etc%2fpasswd`,
    ];
    for (const path of attempts) {
      const response = await rawRequest(server.port, { path });
      expect(response.status, path).toBe(404);
      expect(response.text, path).not.toContain(SECRET);
      expect(response.text, path).not.toMatch(/root:.*:0:0:/);
      expect(response.text, path).not.toContain('Dossiers COMES</title>');
    }
  });

  it('answers 400 for a malformed address', async () => {
    const response = await rawRequest(server.port, { path: '/%E0%A4%A' });
    expectRefusal(response, 400, 'BAD_INPUT');
  });

  it('refuses other HTTP methods on pages (405)', async () => {
    const response = await rawRequest(server.port, { method: 'PUT', path: '/index.html', body: 'x' });
    expect(response.status).toBe(405);
  });
});

describe('GET /events', () => {
  it('refuses a client without the right token (401)', async () => {
    expectRefusal(await rawRequest(server.port, { path: '/events' }), 401, 'UNAUTHORIZED');
    expectRefusal(await rawRequest(server.port, { path: '/events?token=nope' }), 401, 'UNAUTHORIZED');
  });

  it('refuses a foreign Origin even with the token (403)', async () => {
    const response = await rawRequest(server.port, {
      path: `/events?token=${encodeURIComponent(server.token)}`,
      headers: { origin: 'http://evil.example' },
    });
    expectRefusal(response, 403, 'FORBIDDEN');
  });

  it('delivers emitted events to a connected page', async () => {
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${server.port}/events?token=${encodeURIComponent(server.token)}`, { signal: abort.signal });
    try {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = '';
      const readUntil = async (needle: string) => {
        while (!received.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`stream ended before ${needle}: ${received}`);
          received += decoder.decode(value, { stream: true });
        }
      };
      await readUntil(': connecté');
      server.emit('workspace.changed', { path: workspace.dir, note: 'réinsertion' });
      await readUntil('event: comes');
      await readUntil('réinsertion"}}\n\n');
      const frame = received.slice(received.indexOf('event: comes'));
      const data = /data: (.*)\n/.exec(frame)?.[1];
      expect(JSON.parse(data ?? 'null')).toEqual({ name: 'workspace.changed', payload: { path: workspace.dir, note: 'réinsertion' } });
    } finally {
      abort.abort();
    }
  });
});
