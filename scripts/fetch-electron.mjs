#!/usr/bin/env node
/**
 * Makes the desktop app runnable on a machine where npm installed Electron without its binary
 * (package.json: "allowScripts": { "electron": false }) and better-sqlite3 for Node's ABI:
 *
 *   1. downloads the Electron binary (node node_modules/electron/install.js);
 *   2. rebuilds better-sqlite3 for that Electron (prebuilt binary if one exists, else compiled
 *      against Electron's headers from https://electronjs.org/headers);
 *   3. checks that Electron's own Node loads better-sqlite3.
 *
 * Needs network access (GitHub and electronjs.org; ELECTRON_MIRROR and the usual proxy variables
 * are honoured) and, when no prebuilt addon exists, a C++ toolchain and Python for node-gyp.
 * Never throws: every failure is explained (French, then English). Exit code 1 when something is
 * missing, unless --optional is given (then always 0).
 *
 * The Electron build of the addon is copied to node_modules/.comes-electron/better_sqlite3.node
 * (the desktop shell loads it from there through better-sqlite3's `nativeBinding` option), then
 * better-sqlite3 is rebuilt for Node, so that the CLI, the browser shell and the tests keep working.
 *
 *   node scripts/fetch-electron.mjs [--optional] [--skip-rebuild]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const electronDir = join(root, 'node_modules', 'electron');
const args = new Set(process.argv.slice(2));
const optional = args.has('--optional');
const skipRebuild = args.has('--skip-rebuild');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const builtAddon = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const electronAddon = join(root, 'node_modules', '.comes-electron', 'better_sqlite3.node');

function say(fr, en) {
  console.log(`• ${fr}\n  ${en}`);
}

function fail(fr, en, detail) {
  console.error(`\n✗ ${fr}\n  ${en}`);
  if (detail) console.error(`\n  ${detail.trim().split('\n').slice(-12).join('\n  ')}`);
  process.exit(optional ? 0 : 1);
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32' && command.endsWith('.cmd'),
    ...options,
  });
  return result;
}

function electronVersion() {
  try {
    return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** The executable named by node_modules/electron/path.txt, when it exists. */
function electronExecutable() {
  try {
    const relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
    const executable = join(dist, relative);
    return relative && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

// 1. The Electron binary.
const version = electronVersion();
if (!version) {
  fail(
    'Le paquet electron est absent de node_modules : lancez d’abord `npm install`.',
    'The electron package is missing from node_modules: run `npm install` first.',
  );
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  fail(
    'ELECTRON_SKIP_BINARY_DOWNLOAD est défini : le binaire ne sera pas téléchargé. Retirez cette variable.',
    'ELECTRON_SKIP_BINARY_DOWNLOAD is set: the binary will not be downloaded. Unset it.',
  );
}
say(`Electron ${version} : téléchargement du binaire…`, `Electron ${version}: downloading the binary…`);
const install = run(process.execPath, [join(electronDir, 'install.js')]);
const executable = electronExecutable();
if (install.status !== 0 || !executable) {
  fail(
    'Le binaire Electron n’a pas pu être téléchargé (accès réseau à github.com requis ; ' +
      'un miroir peut être indiqué par ELECTRON_MIRROR). L’application de bureau ne peut pas démarrer ; ' +
      'le shell navigateur (npm start) reste utilisable.',
    'The Electron binary could not be downloaded (network access to github.com required; ' +
      'a mirror can be set with ELECTRON_MIRROR). The desktop app cannot start; the browser shell (npm start) still works.',
    install.error ? String(install.error) : `install.js exit status ${String(install.status ?? install.signal)}`,
  );
}
say(`Binaire Electron présent : ${executable}`, `Electron binary present: ${executable}`);

// 2. better-sqlite3 for Electron's ABI. npm_config_* reach prebuild-install and node-gyp.
if (!skipRebuild) {
  say(
    `Reconstruction de better-sqlite3 pour Electron ${version}…`,
    `Rebuilding better-sqlite3 for Electron ${version}…`,
  );
  const rebuild = run(npm, ['rebuild', 'better-sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
    env: {
      ...process.env,
      npm_config_runtime: 'electron',
      npm_config_target: version,
      npm_config_disturl: 'https://electronjs.org/headers',
      npm_config_arch: process.env.npm_config_arch || process.arch,
      npm_config_target_arch: process.env.npm_config_target_arch || process.arch,
    },
  });
  if (rebuild.status !== 0) {
    fail(
      'better-sqlite3 n’a pas pu être reconstruit pour Electron : il faut un accès réseau (binaire précompilé ' +
        'sur github.com ou en-têtes sur electronjs.org) et, sans binaire précompilé, Python et un compilateur C++ ' +
        '(node-gyp). Essayez aussi : npx @electron/rebuild -f -w better-sqlite3',
      'better-sqlite3 could not be rebuilt for Electron: network access is needed (prebuilt binary on github.com ' +
        'or headers on electronjs.org) and, without a prebuilt binary, Python and a C++ compiler (node-gyp). ' +
        'Also try: npx @electron/rebuild -f -w better-sqlite3',
      rebuild.error ? String(rebuild.error) : `npm rebuild exit status ${String(rebuild.status ?? rebuild.signal)}`,
    );
  }
  mkdirSync(dirname(electronAddon), { recursive: true });
  copyFileSync(builtAddon, electronAddon);
  say(`Module pour Electron copié dans ${electronAddon}`, `Electron build of the addon copied to ${electronAddon}`);
  const restore = run(npm, ['rebuild', 'better-sqlite3', '--ignore-scripts=false']);
  if (restore.status !== 0) {
    fail(
      'better-sqlite3 n’a pas pu être reconstruit pour Node : lancez `npm rebuild better-sqlite3`.',
      'better-sqlite3 could not be rebuilt for Node: run `npm rebuild better-sqlite3`.',
    );
  }
}

// 3. Does Electron's Node load it?
const probe = spawnSync(
  executable,
  [
    '-e',
    `const D = require('better-sqlite3'); const db = new D(':memory:', { nativeBinding: ${JSON.stringify(electronAddon)} }); db.prepare('select 1').get(); db.close();`,
  ],
  { cwd: root, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', timeout: 60_000 },
);
if (probe.status !== 0) {
  fail(
    'Electron ne parvient pas à charger better-sqlite3 (version d’ABI différente, ou bibliothèques système ' +
      'manquantes pour Electron sous Linux, p. ex. libnss3).',
    'Electron cannot load better-sqlite3 (ABI mismatch, or system libraries Electron needs on Linux are missing, e.g. libnss3).',
    `${probe.stderr ?? ''}${probe.error ? `\n${String(probe.error)}` : ''}`,
  );
}
say(
  'Electron charge better-sqlite3 : l’application de bureau peut démarrer (npx electron out/main/index.js après electron-vite build).',
  'Electron loads better-sqlite3: the desktop app can start (npx electron out/main/index.js after electron-vite build).',
);
say(
  'Electron charge better-sqlite3 : l’application de bureau peut démarrer (npm start).',
  'Electron loads better-sqlite3: the desktop app can start (npm start).',
);
