/**
 * The renderer's only door to the backend: `call(method, input)` against the contract.
 * Desktop: the preload's `window.comes.invoke`. Browser shell: `POST /rpc` with the session token.
 * The UI never knows which one it runs on.
 */
import type { Method, MethodInput, MethodOutput } from '../../../shared/contract';
import type { Envelope, ErrorCode, IssueDetail, RpcError } from '../../../shared/envelope';
import { TOKEN_HEADER } from '../../../shared/security';

/** The bridge exposed by electron/preload (desktop only). */
export interface ComesBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  onEvent(name: string, callback: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    comes?: ComesBridge;
  }
}

/** Codes produced by the client itself, not by the backend. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

/** A failed call: carries the envelope's code, French message and field issues. */
export class RpcCallError extends Error {
  readonly code: ClientErrorCode;
  readonly issues: readonly IssueDetail[];

  constructor(error: { code: ClientErrorCode; message: string; issues?: readonly IssueDetail[] | undefined }) {
    super(error.message);
    this.name = 'RpcCallError';
    this.code = error.code;
    this.issues = error.issues ?? [];
  }

  /** The message of the issue on `path` (e.g. `'name'`), if any. */
  issueFor(path: string): string | undefined {
    return this.issues.find((issue) => issue.path === path)?.message;
  }
}

const TOKEN_STORAGE_KEY = 'comes.token';
let browserToken: string | null = null;

/**
 * Browser shell only: takes the token from `?token=…` once, keeps it in sessionStorage (it
 * survives a reload of the tab, not the tab itself) and removes it from the address bar.
 * Call once before the first render.
 */
export function initTransport(): void {
  if (window.comes) return;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  browserToken = fromUrl ?? sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

/** The browser shell's token (for the event stream); null on the desktop. */
export function sessionToken(): string | null {
  return browserToken;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const candidate = value as { ok: unknown; error?: unknown };
  if (candidate.ok === true) return 'data' in value;
  if (candidate.ok !== false || typeof candidate.error !== 'object' || candidate.error === null) return false;
  const error = candidate.error as Partial<RpcError>;
  return typeof error.code === 'string' && typeof error.message === 'string';
}

async function transport(method: Method, input: unknown): Promise<unknown> {
  if (window.comes) return window.comes.invoke(method, input);
  const response = await fetch('/rpc', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(browserToken ? { [TOKEN_HEADER]: browserToken } : {}) },
    body: JSON.stringify({ method, input }),
  });
  // Refusals (401, 403, 413…) also answer with an envelope: read it whatever the status.
  return response.json();
}

/**
 * Calls one contract method. Resolves with its output; rejects with an RpcCallError whose message
 * is French (from the backend) or, for transport failures, the given fallback messages.
 */
export async function call<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  let envelope: unknown;
  try {
    envelope = await transport(method, input);
  } catch (cause) {
    throw new RpcCallError({ code: 'NETWORK', message: cause instanceof Error ? cause.message : String(cause) });
  }
  if (!isEnvelope(envelope)) throw new RpcCallError({ code: 'BAD_RESPONSE', message: 'BAD_RESPONSE' });
  if (!envelope.ok) throw new RpcCallError(envelope.error);
  // The backend validated the output against the contract before sending it.
  return envelope.data as MethodOutput<M>;
}

/**
 * Subscribes to a backend event (`{name, payload}`); returns the unsubscribe function.
 * Desktop: the preload's onEvent. Browser shell: the `/events` server-sent event stream.
 */
export function onEvent(name: string, callback: (payload: unknown) => void): () => void {
  if (window.comes) return window.comes.onEvent(name, callback);
  if (!browserToken) return () => undefined;
  const source = new EventSource(`/events?token=${encodeURIComponent(browserToken)}`);
  const listener = (event: MessageEvent<string>) => {
    try {
      const message = JSON.parse(event.data) as { name?: unknown; payload?: unknown };
      if (message.name === name) callback(message.payload);
    } catch {
      // A malformed frame is ignored: events are hints to refresh, never the data itself.
    }
  };
  source.addEventListener('comes', listener);
  return () => {
    source.removeEventListener('comes', listener);
    source.close();
  };
}
