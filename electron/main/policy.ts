/**
 * The desktop shell's security decisions (DESIGN §4), kept free of any Electron import so that
 * they are unit-tested under plain Node: the window's webPreferences, the Content-Security-Policy,
 * which navigations, IPC senders and external links are allowed.
 */
import type { WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';

/**
 * The UI's Content-Security-Policy, shared with the browser shell. It must stay identical to the
 * meta tag of renderer/index.html (a test compares them): the header covers every response of the
 * session, the meta tag covers the file:// document, which the network layer does not always see.
 */
export { CONTENT_SECURITY_POLICY };

/** The longest URL handed to the operating system's browser. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * webPreferences of every window: sandboxed renderer, isolated context, no Node, no webview,
 * no experimental or extra Blink features. The spellchecker is off because on Linux it downloads
 * its dictionaries from the network, and the app never loads remote content.
 */
export function secureWebPreferences(preload: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    plugins: false,
    enableWebSQL: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
  };
}

/**
 * What identifies the app's document: its file path, decoded. Query and fragment are ignored
 * (the UI may route with them). Not a local file URL → null. Paths compare case-insensitively
 * where the file system usually does (Windows, macOS).
 */
export function appDocumentKey(url: string | null | undefined, platform: NodeJS.Platform = process.platform): string | null {
  if (typeof url !== 'string' || url === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // A host would be a network share (file://server/…): never the app.
  if (parsed.protocol !== 'file:' || parsed.host !== '') return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path === '' || path.endsWith('/')) return null;
  return platform === 'win32' || platform === 'darwin' ? path.toLowerCase() : path;
}

function isAppDocument(url: string | null | undefined, appUrl: string, platform: NodeJS.Platform): boolean {
  const key = appDocumentKey(url, platform);
  return key !== null && key === appDocumentKey(appUrl, platform);
}

/** A window may only ever navigate to the app's own index.html. */
export function isAllowedNavigation(url: string, appUrl: string, platform: NodeJS.Platform = process.platform): boolean {
  return isAppDocument(url, appUrl, platform);
}

/** IPC is answered only for a frame showing the app's own index.html. */
export function isTrustedSender(
  frameUrl: string | null | undefined,
  appUrl: string,
  platform: NodeJS.Platform = process.platform,
): boolean {
  return isAppDocument(frameUrl, appUrl, platform);
}

/**
 * Links that may be handed to the system browser: https only, with a host, without credentials
 * (`https://user@host` is a classic disguise), of reasonable length.
 */
export function externalUrlAllowed(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

/** URL patterns of network requests, for session.webRequest filters. */
export const NETWORK_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

const NETWORK_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/**
 * True for anything that would fetch from a network (including 127.0.0.1): the desktop app
 * loads only its own files, so such requests are cancelled. Unparsable URLs count as remote.
 */
export function isRemoteUrl(url: string): boolean {
  try {
    return NETWORK_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return true;
  }
}

/**
 * Response headers with the app's CSP, replacing whatever CSP the response carried
 * (header names are case-insensitive).
 */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}
