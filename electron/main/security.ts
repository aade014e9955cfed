/**
 * Applies the decisions of policy.ts to Electron objects: the session (CSP header, no network,
 * every permission denied) and every webContents the app ever creates (no navigation away from
 * the app, no new windows, no webview).
 */
import { shell, type Session, type WebContents } from 'electron';
import {
  externalUrlAllowed,
  isAllowedNavigation,
  isRemoteUrl,
  NETWORK_URL_PATTERNS,
  withContentSecurityPolicy,
} from './policy';

export function hardenSession(ses: Session): void {
  // No remote content, ever: the UI is local files only.
  ses.webRequest.onBeforeRequest({ urls: NETWORK_URL_PATTERNS }, (details, callback) => {
    const cancel = isRemoteUrl(details.url);
    if (cancel) console.warn(`Blocked network request: ${details.url.slice(0, 200)}`);
    callback({ cancel });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** Guards for one webContents; index.ts applies them to all through 'web-contents-created'. */
export function hardenWebContents(contents: WebContents, appUrl: string): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());

  const guardNavigation = (event: Electron.Event<{ url: string }>) => {
    if (isAllowedNavigation(event.url, appUrl)) return;
    event.preventDefault();
    console.warn(`Blocked navigation: ${event.url.slice(0, 200)}`);
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);

  contents.setWindowOpenHandler(({ url }) => {
    // Never a new window. A safe https link goes to the user's browser instead.
    if (externalUrlAllowed(url)) {
      shell.openExternal(url).catch((error: unknown) => console.error('Could not open external link', error));
    } else {
      console.warn(`Blocked window.open: ${url.slice(0, 200)}`);
    }
    return { action: 'deny' };
  });
}
