/**
 * Can the desktop app be launched here? Checked without ever requiring 'electron' (which throws
 * when its binary was not downloaded) so that the smoke test can skip with a useful reason.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ELECTRON_SQLITE_BINDING } from '../../electron/main/paths';

export type Availability = { ok: true; executable: string } | { ok: false; reason: string };

const INSTALL_HINT = 'run `node node_modules/electron/install.js` where downloads are allowed (or `npm run setup:electron`)';

/** Mirrors node_modules/electron/index.js: path.txt names the executable inside dist/. */
export function electronBinary(root: string, env: NodeJS.ProcessEnv = process.env): Availability {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) {
    return { ok: false, reason: 'Electron package not installed (node_modules/electron missing): run `npm install`' };
  }
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return { ok: false, reason: `Electron binary not installed (node_modules/electron/path.txt missing): ${INSTALL_HINT}` };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist');
  const executable = join(dist, relative);
  if (relative === '' || !existsSync(executable)) {
    return { ok: false, reason: `Electron binary not installed (${executable} missing): ${INSTALL_HINT}` };
  }
  return { ok: true, executable };
}

/**
 * better-sqlite3 is a native addon built for one ABI: the one of the Node that installed it,
 * unless rebuilt for Electron. Loads it with Electron's own Node (ELECTRON_RUN_AS_NODE).
 */
export function betterSqliteInElectron(root: string, executable: string): Availability {
  // The desktop shell loads the Electron build that scripts/fetch-electron.mjs puts aside, when present.
  const binding = join(root, ELECTRON_SQLITE_BINDING);
  const options = existsSync(binding) ? `{ nativeBinding: ${JSON.stringify(binding)} }` : '{}';
  const script = `const D = require('better-sqlite3'); const db = new D(':memory:', ${options}); db.prepare('select 1').get(); db.close();`;
  const result = spawnSync(executable, ['-e', script], {
    cwd: root,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status === 0) return { ok: true, executable };
  const output = `${result.stderr ?? ''}\n${result.error?.message ?? ''}`;
  // An ABI mismatch reads "… NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 145."
  const abi = /compiled against[\s\S]*?NODE_MODULE_VERSION \d+[\s\S]*?NODE_MODULE_VERSION \d+/.exec(output)?.[0];
  const line =
    abi?.replace(/\s+/g, ' ') ||
    output.split('\n').find((l) => /Error/.test(l))?.trim() ||
    `exit status ${String(result.status ?? result.signal)}`;
  return {
    ok: false,
    reason:
      `better-sqlite3 cannot be loaded by Electron (${line.slice(0, 300)}): rebuild it for Electron with ` +
      '`npm run setup:electron` where downloads are allowed',
  };
}

/** Why the smoke test cannot run here, or null when it can. */
export function electronSkipReason(root: string): string | null {
  const binary = electronBinary(root);
  if (!binary.ok) return binary.reason;
  const sqlite = betterSqliteInElectron(root, binary.executable);
  return sqlite.ok ? null : sqlite.reason;
}
