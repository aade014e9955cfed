import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  appDocumentKey,
  CONTENT_SECURITY_POLICY,
  externalUrlAllowed,
  isAllowedNavigation,
  isRemoteUrl,
  isTrustedSender,
  MAX_EXTERNAL_URL_LENGTH,
  secureWebPreferences,
  withContentSecurityPolicy,
} from './policy';

const APP_URL = pathToFileURL('/opt/Dossiers COMES/resources/app/out/renderer/index.html').href;

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs', { devTools: false });

  it('isolates and sandboxes the renderer without Node', () => {
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
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
      devTools: false,
    });
  });

  it('enables no extra Blink feature and never loads remote dictionaries', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs.spellcheck).toBe(false);
  });

  it('allows developer tools only when asked (unpackaged builds)', () => {
    expect(secureWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('is exactly the meta tag of renderer/index.html', () => {
    const html = readFileSync(fileURLToPath(new URL('../../renderer/index.html', import.meta.url)), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta, 'renderer/index.html has no CSP meta tag').not.toBeNull();
    expect(CONTENT_SECURITY_POLICY).toBe(meta![1]);
  });

  it('allows no remote origin, no inline script and no eval', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...sources] = d.trim().split(/\s+/);
        return [name!, sources];
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces any CSP of the response, whatever its case, and keeps other headers', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ["default-src *"],
      'Content-Type': ['text/html'],
      'X-Single': 'value',
    });
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'X-Single': ['value'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('adds the CSP to a response without headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('isAllowedNavigation', () => {
  it('allows the app index, with or without fragment or query', () => {
    expect(isAllowedNavigation(APP_URL, APP_URL, 'linux')).toBe(true);
    expect(isAllowedNavigation(`${APP_URL}#/dossiers/12`, APP_URL, 'linux')).toBe(true);
    expect(isAllowedNavigation(`${APP_URL}?view=table`, APP_URL, 'linux')).toBe(true);
  });

  it('compares decoded paths, so encoding differences do not matter', () => {
    const chromiumStyle = 'file:///opt/Dossiers%20COMES/resources/app/out/renderer/index.html';
    expect(isAllowedNavigation(chromiumStyle, APP_URL, 'linux')).toBe(true);
    expect(isAllowedNavigation('file://localhost/opt/Dossiers%20COMES/resources/app/out/renderer/index.html', APP_URL, 'linux')).toBe(true);
  });

  it('refuses remote pages, other files and other schemes', () => {
    for (const url of [
      'https://example.org/',
      'http://127.0.0.1:5173/index.html',
      'file:///etc/passwd',
      'file:///opt/Dossiers%20COMES/resources/app/out/renderer/other.html',
      'file:///opt/Dossiers%20COMES/resources/app/out/renderer/',
      'file://evil-host/opt/Dossiers%20COMES/resources/app/out/renderer/index.html',
      'data:text/html,<h1>x</h1>',
      'javascript:alert(1)',
      'about:blank',
      'blob:file:///0b9f7a3c-0000-4000-8000-000000000000',
      'not a url',
      '',
    ]) {
      expect(isAllowedNavigation(url, APP_URL, 'linux'), url).toBe(false);
    }
  });

  it('refuses look-alike paths', () => {
    expect(isAllowedNavigation(APP_URL.replace('index.html', 'index.html.evil'), APP_URL, 'linux')).toBe(false);
    expect(isAllowedNavigation(APP_URL.replace('/out/', '/out/../out2/'), APP_URL, 'linux')).toBe(false);
    expect(isAllowedNavigation(`file:///opt/Dossiers%20COMES/resources/app/out/renderer/index.html%00`, APP_URL, 'linux')).toBe(false);
  });

  it('ignores case on Windows and macOS only', () => {
    const upper = APP_URL.replace('index.html', 'INDEX.HTML');
    expect(isAllowedNavigation(upper, APP_URL, 'linux')).toBe(false);
    expect(isAllowedNavigation(upper, APP_URL, 'darwin')).toBe(true);
    const win = 'file:///C:/Program%20Files/Dossiers%20COMES/resources/app/out/renderer/index.html';
    expect(isAllowedNavigation('file:///c:/program files/dossiers comes/resources/app/out/renderer/index.html', win, 'win32')).toBe(true);
  });
});

describe('isTrustedSender', () => {
  it('trusts only a frame showing the app index', () => {
    expect(isTrustedSender(APP_URL, APP_URL, 'linux')).toBe(true);
    expect(isTrustedSender(`${APP_URL}#/seances`, APP_URL, 'linux')).toBe(true);
    expect(isTrustedSender('https://example.org/', APP_URL, 'linux')).toBe(false);
    expect(isTrustedSender('about:blank', APP_URL, 'linux')).toBe(false);
    expect(isTrustedSender('', APP_URL, 'linux')).toBe(false);
    expect(isTrustedSender(null, APP_URL, 'linux')).toBe(false);
    expect(isTrustedSender(undefined, APP_URL, 'linux')).toBe(false);
  });

  it('never trusts anything when the app URL itself is not a local file', () => {
    expect(isTrustedSender('https://example.org/', 'https://example.org/', 'linux')).toBe(false);
    expect(appDocumentKey('https://example.org/index.html', 'linux')).toBeNull();
  });
});

describe('externalUrlAllowed', () => {
  it('accepts https links', () => {
    expect(externalUrlAllowed('https://economie.wallonie.be/fr/economie-sociale')).toBe(true);
    expect(externalUrlAllowed('https://wallex.wallonie.be/eli/decret/2016/10/20/2016205385?doc=1#art2')).toBe(true);
  });

  it('refuses every other scheme, credentials, and oversized or malformed URLs', () => {
    for (const url of [
      'http://example.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,x',
      'smb://server/share',
      'ms-msdt:/id',
      'mailto:x@example.org',
      'https://user:pass@example.org/',
      'https://user@example.org/',
      'https://',
      'https:/',
      'not a url',
      '',
      `https://example.org/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`,
      42,
      null,
      undefined,
    ]) {
      expect(externalUrlAllowed(url), String(url)).toBe(false);
    }
  });
});

describe('isRemoteUrl', () => {
  it('flags network schemes, even on the loopback interface', () => {
    for (const url of ['https://example.org/', 'http://127.0.0.1:8080/', 'ws://localhost/x', 'wss://a.b/', 'ftp://a.b/']) {
      expect(isRemoteUrl(url), url).toBe(true);
    }
  });

  it('lets local resources through', () => {
    for (const url of ['file:///app/out/renderer/assets/index.js', 'blob:file:///abc', 'data:image/png;base64,AA==', 'devtools://devtools/bundled/x.html']) {
      expect(isRemoteUrl(url), url).toBe(false);
    }
  });
});
