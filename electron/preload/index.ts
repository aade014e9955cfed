/**
 * The only bridge between the sandboxed renderer and the main process:
 * `window.comes.invoke(method, input)` and `window.comes.onEvent(name, callback)`.
 * No raw ipcRenderer is exposed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const INVOKE_CHANNEL = 'comes:invoke';
const EVENT_CHANNEL = 'comes:event';

contextBridge.exposeInMainWorld('comes', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, String(method), input),
  onEvent: (name: string, callback: (payload: unknown) => void): (() => void) => {
    const listener = (_event: IpcRendererEvent, eventName: unknown, payload: unknown) => {
      if (eventName === name) callback(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
});
