import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { belgianToday } from '../../backend/context';
import { createBackend } from '../../backend/handlers/index';
import { Workspace } from '../../backend/workspace';
import type { Envelope } from '../../shared/envelope';
import { createInvokeHandler, EVENT_CHANNEL, FORBIDDEN_SENDER, INVOKE_CHANNEL, sendEvent, type InvokeEventLike } from './ipc';

const APP_URL = pathToFileURL('/app/out/renderer/index.html').href;
const topFrame = (url: string): InvokeEventLike => ({ senderFrame: { url, parent: null } });

function fakeDispatcher(answer: Envelope<unknown> = { ok: true, data: 'done' }) {
  return { dispatch: vi.fn(async (_method: unknown, _input: unknown) => answer) };
}

describe('createInvokeHandler', () => {
  it('uses the channels of the preload', () => {
    expect(INVOKE_CHANNEL).toBe('comes:invoke');
    expect(EVENT_CHANNEL).toBe('comes:event');
  });

  it('passes calls from the app document to the dispatcher and returns its envelope', async () => {
    const dispatcher = fakeDispatcher();
    const handler = createInvokeHandler(dispatcher, APP_URL, () => {});
    await expect(handler(topFrame(`${APP_URL}#/dossiers`), 'dossiers.get', { id: 3 })).resolves.toEqual({ ok: true, data: 'done' });
    expect(dispatcher.dispatch).toHaveBeenCalledWith('dossiers.get', { id: 3 });
  });

  it.each([
    ['a destroyed frame', { senderFrame: null }],
    ['a remote page', topFrame('https://example.org/')],
    ['another local file', topFrame('file:///etc/passwd')],
    ['about:blank', topFrame('about:blank')],
    ['a blob document', topFrame('blob:file:///0b9f7a3c-0000-4000-8000-000000000000')],
    ['a sub-frame, even of the app document', { senderFrame: { url: APP_URL, parent: {} } }],
  ] satisfies [string, InvokeEventLike][])('refuses %s with FORBIDDEN, without dispatching', async (_label, event) => {
    const dispatcher = fakeDispatcher();
    const log = vi.fn();
    const answer = await createInvokeHandler(dispatcher, APP_URL, log)(event, 'workspace.status', {});
    expect(answer).toEqual(FORBIDDEN_SENDER);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/refusée/) } });
    expect(dispatcher.dispatch).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledOnce();
  });

  it('refuses a frame disposed while the call was in flight', async () => {
    const dispatcher = fakeDispatcher();
    const disposed = {
      get senderFrame(): InvokeEventLike['senderFrame'] {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    await expect(createInvokeHandler(dispatcher, APP_URL, () => {})(disposed, 'workspace.status', {})).resolves.toEqual(FORBIDDEN_SENDER);
    expect(dispatcher.dispatch).not.toHaveBeenCalled();
  });

  it('turns a dispatcher crash into an INTERNAL envelope', async () => {
    const log = vi.fn();
    const handler = createInvokeHandler(
      {
        dispatch: async () => {
          throw new Error('boom');
        },
      },
      APP_URL,
      log,
    );
    await expect(handler(topFrame(APP_URL), 'workspace.status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
  });

  describe('with the real backend', () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    });

    it('answers workspace.status, validates input and rejects unknown methods', async () => {
      dir = mkdtempSync(join(tmpdir(), 'comes-ipc-'));
      const workspace = new Workspace(dir).open();
      const handler = createInvokeHandler(createBackend({ workspace, today: () => belgianToday() }), APP_URL, () => {});
      await expect(handler(topFrame(APP_URL), 'workspace.status', {})).resolves.toEqual({
        ok: true,
        data: { state: 'empty', path: workspace.dir },
      });
      await expect(handler(topFrame(APP_URL), 'dossiers.get', { id: -1 })).resolves.toMatchObject({
        ok: false,
        error: { code: 'BAD_INPUT' },
      });
      await expect(handler(topFrame(APP_URL), 'fs.readFile', { path: '/etc/passwd' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_METHOD' },
      });
      workspace.close();
    });
  });
});

describe('sendEvent', () => {
  const target = (destroyed = false) => ({
    isDestroyed: () => destroyed,
    webContents: { isDestroyed: () => destroyed, send: vi.fn() },
  });

  it('sends the event name and payload on the event channel', () => {
    const win = target();
    expect(sendEvent(win, 'import.progress', { done: 3, total: 10 })).toBe(true);
    expect(win.webContents.send).toHaveBeenCalledWith('comes:event', 'import.progress', { done: 3, total: 10 });
  });

  it('does nothing without a live window', () => {
    const win = target(true);
    expect(sendEvent(win, 'x', null)).toBe(false);
    expect(sendEvent(null, 'x', null)).toBe(false);
    expect(win.webContents.send).not.toHaveBeenCalled();
  });
});
