import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shellPaths } from './paths';
import { isTrustedSender } from './policy';

describe('shellPaths', () => {
  it('finds the preload and the UI next to the built main', () => {
    const out = resolve('/opt/Dossiers COMES/resources/app/out');
    const paths = shellPaths(pathToFileURL(join(out, 'main', 'index.js')).href);
    expect(paths.preload).toBe(join(out, 'preload', 'index.cjs'));
    expect(paths.indexHtml).toBe(join(out, 'renderer', 'index.html'));
    expect(paths.appUrl).toBe(pathToFileURL(join(out, 'renderer', 'index.html')).href);
    expect(paths.appUrl).toMatch(/^file:\/\/.*\/out\/renderer\/index\.html$/);
  });

  it('gives an app URL that the sender check accepts', () => {
    const paths = shellPaths(pathToFileURL(resolve('/srv/a b#c/out/main/index.js')).href);
    expect(isTrustedSender(paths.appUrl, paths.appUrl)).toBe(true);
    expect(paths.appUrl).toContain('a%20b%23c');
  });
});
