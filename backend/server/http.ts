/**
 * The browser shell's transport: an HTTP server bound to 127.0.0.1 only.
 * - `POST /rpc` `{method, input}` → the dispatcher's envelope; requires the random token created
 *   at each start (401 without it) and a JSON body.
 * - `GET /events?token=…` → server-sent events (the `onEvent` side of the contract).
 * - `GET /…` → the built renderer.
 * Every request whose Host or Origin is not this server's own is refused (403): this defeats
 * DNS rebinding and cross-site requests from other pages of the same browser.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { MAX_DOCUMENT_BASE64_CHARS } from '../../shared/contract/documents';
import type { Envelope } from '../../shared/envelope';
import { CONTENT_SECURITY_POLICY, TOKEN_HEADER } from '../../shared/security';
import type { Dispatcher } from '../rpc/registry';

/** Fits the largest attachment (a 25 Mo PDF, base64 in the JSON body) plus 1 MiB for the rest of the request. */
export const MAX_RPC_BODY_BYTES = MAX_DOCUMENT_BASE64_CHARS + 1024 * 1024;

export interface ShellServerOptions {
  dispatcher: Dispatcher;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); a fresh random one otherwise. */
  token?: string;
}

export interface ShellServer {
  port: number;
  token: string;
  /** The address to open: `http://127.0.0.1:PORT/?token=…`. */
  url: string;
  /** Sends an event to every connected page. */
  emit(name: string, payload: unknown): void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'BAD_INPUT' | 'NOT_FOUND', message: string): void {
  const envelope: Envelope<never> = { ok: false, error: { code, message } };
  sendJson(res, status, envelope);
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when the request path, percent-decoded, has a `..` segment (browsers never send one). */
function hasDotDotSegment(rawUrl: string): boolean {
  const path = rawUrl.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false; // malformed escapes: serveStatic answers 400
  }
  return decoded.split(/[\\/]/).includes('..');
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startShellServer(options: ShellServerOptions): Promise<ShellServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  const eventClients = new Set<ServerResponse>();
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Erreur interne du serveur.' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      return refuse(res, 403, 'FORBIDDEN', 'Hôte refusé : ce serveur ne répond qu’à 127.0.0.1.');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      return refuse(res, 403, 'FORBIDDEN', 'Origine refusée : seule l’application elle-même peut appeler ce serveur.');
    }
    // `new URL` would resolve `/../../etc/passwd` (or `%2e%2e`) to `/etc/passwd`, which the
    // single-page fallback then answers with index.html: refuse dot segments outright instead.
    if (hasDotDotSegment(req.url ?? '/')) return refuse(res, 404, 'NOT_FOUND', 'Introuvable.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname === '/rpc') {
      if (req.method !== 'POST') return refuse(res, 405, 'FORBIDDEN', 'Méthode HTTP non autorisée.');
      if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) {
        return refuse(res, 401, 'UNAUTHORIZED', 'Jeton de session absent ou invalide : rouvrez l’adresse affichée au démarrage.');
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return refuse(res, 415, 'BAD_INPUT', 'Le corps de la requête doit être du JSON.');
      }
      // A declared length over the limit is refused before reading anything.
      if (Number(req.headers['content-length'] ?? 0) > MAX_RPC_BODY_BYTES) return refuse(res, 413, 'BAD_INPUT', 'Requête trop volumineuse.');
      const body = await readBody(req, MAX_RPC_BODY_BYTES);
      if (body === null) return refuse(res, 413, 'BAD_INPUT', 'Requête trop volumineuse.');
      let message: unknown;
      try {
        message = JSON.parse(body);
      } catch {
        return refuse(res, 400, 'BAD_INPUT', 'Le corps de la requête n’est pas du JSON valide.');
      }
      const { method, input } = (message ?? {}) as { method?: unknown; input?: unknown };
      return sendJson(res, 200, await options.dispatcher.dispatch(method, input));
    }

    if (url.pathname === '/events') {
      if (!sameToken(url.searchParams.get('token') ?? undefined, token)) {
        return refuse(res, 401, 'UNAUTHORIZED', 'Jeton de session absent ou invalide.');
      }
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connecté\n\n');
      eventClients.add(res);
      req.on('close', () => eventClients.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'FORBIDDEN', 'Méthode HTTP non autorisée.');
    return serveStatic(url.pathname, req, res);
  }

  function serveStatic(pathname: string, req: IncomingMessage, res: ServerResponse): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return refuse(res, 400, 'BAD_INPUT', 'Adresse invalide.');
    }
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = resolve(join(staticRoot, relative));
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) return refuse(res, 404, 'NOT_FOUND', 'Introuvable.');
    // Unknown paths without an extension are the single-page app's own routes.
    const target = existsSync(file) && statSync(file).isFile() ? file : extname(relative) === '' ? join(staticRoot, 'index.html') : null;
    if (!target || !existsSync(target)) return refuse(res, 404, 'NOT_FOUND', 'Introuvable.');
    const isIndex = target.endsWith('index.html');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
      'Content-Length': statSync(target).size,
      'Cache-Control': isIndex ? 'no-store' : 'max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(target).pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    emit(name, payload) {
      const frame = `event: comes\ndata: ${JSON.stringify({ name, payload })}\n\n`;
      for (const client of eventClients) client.write(frame);
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const client of eventClients) client.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
