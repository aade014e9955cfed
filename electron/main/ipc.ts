/**
 * The Electron IPC transport, without Electron: the `comes:invoke` handler (sender check, then
 * the dispatcher, always an envelope) and the `comes:event` sender. index.ts wires them to
 * ipcMain and to the window; the structural types below are what those Electron objects offer.
 */
import type { Envelope } from '../../shared/envelope';
import type { Dispatcher } from '../../backend/rpc/registry';
import { isTrustedSender } from './policy';

/** Channels shared with electron/preload/index.ts. */
export const INVOKE_CHANNEL = 'comes:invoke';
export const EVENT_CHANNEL = 'comes:event';

/** The part of Electron's IpcMainInvokeEvent the handler relies on. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export type InvokeHandler = (event: InvokeEventLike, method: unknown, input: unknown) => Promise<Envelope<unknown>>;

export const FORBIDDEN_SENDER: Envelope<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Requête refusée : elle ne provient pas de la fenêtre de Dossiers COMES.' },
};

const INTERNAL_FAILURE: Envelope<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Erreur interne inattendue. L’opération n’a pas été enregistrée.' },
};

/**
 * Answers `comes:invoke` only for the top frame of the app's own index.html (a sub-frame or
 * any other document gets FORBIDDEN), then lets the dispatcher validate and run the call.
 */
export function createInvokeHandler(
  dispatcher: Pick<Dispatcher, 'dispatch'>,
  appUrl: string,
  log: (error: unknown) => void = (error) => console.error(error),
): InvokeHandler {
  return async (event, method, input) => {
    let sender = '(destroyed frame)';
    let trusted = false;
    try {
      // A frame disposed meanwhile is null, or throws on access: refused either way.
      const frame = event.senderFrame;
      if (frame) {
        sender = frame.url || '(no url)';
        trusted = frame.parent === null && isTrustedSender(frame.url, appUrl);
      }
    } catch {
      trusted = false;
    }
    if (!trusted) {
      log(new Error(`IPC refused from ${sender.slice(0, 200)}`));
      return FORBIDDEN_SENDER;
    }
    try {
      return await dispatcher.dispatch(method, input);
    } catch (error) {
      // The dispatcher answers with envelopes; this only guards against a bug in it.
      log(error);
      return INTERNAL_FAILURE;
    }
  };
}

/** The part of a BrowserWindow needed to push an event to its page. */
export interface EventSink {
  isDestroyed(): boolean;
  webContents: { isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void };
}

/**
 * Pushes `name` with a JSON-safe payload to the page (received by `window.comes.onEvent`).
 * Returns false when the window is gone.
 */
export function sendEvent(target: EventSink | null | undefined, name: string, payload: unknown): boolean {
  if (!target || target.isDestroyed() || target.webContents.isDestroyed()) return false;
  target.webContents.send(EVENT_CHANNEL, name, payload);
  return true;
}
