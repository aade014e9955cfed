#!/usr/bin/env node
// `npm start` / `npm run demo`: builds the app, then runs it as a desktop app when Electron's
// binary is installed, otherwise as the same app in the browser shell on 127.0.0.1.
//   npm start [-- --workspace DIR] [-- --port P] [-- --browser]
//   npm run demo            (a fresh demo workspace in a temporary folder)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    demo: { type: 'boolean' },
    browser: { type: 'boolean' },
    workspace: { type: 'string' },
    port: { type: 'string' },
  },
  strict: true,
});

function run(command, args, label) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`Échec : ${label}.`);
    process.exit(result.status ?? 1);
  }
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
const cli = (args) => [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'backend', 'cli', 'main.ts'), ...args];

/** Electron's binary, when its package could download it (never on machines without GitHub access). */
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

console.log('Construction de l’application…');
run(bin('electron-vite'), ['build'], 'construction (electron-vite build)');

let workspace = values.workspace;
if (values.demo) {
  workspace = join(mkdtempSync(join(tmpdir(), 'dossiers-comes-demo-')), 'workspace');
  console.log(`Création de l’espace de démonstration dans ${workspace}…`);
  run(process.execPath, cli(['demo', '--workspace', workspace]), 'création de la démonstration');
}

const electron = values.browser ? null : electronBinary();
if (electron) {
  console.log('Lancement de l’application de bureau (Electron)…');
  const args = [root, ...(workspace ? ['--workspace', workspace] : [])];
  const child = spawn(electron, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!values.browser) {
    console.log('Electron n’est pas installé sur cette machine : l’application s’ouvre dans le navigateur.');
  }
  const args = ['serve', ...(workspace ? ['--workspace', workspace] : []), ...(values.port ? ['--port', values.port] : [])];
  const server = spawn(process.execPath, cli(args), { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] });
  let opened = false;
  server.stdout.setEncoding('utf8');
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const match = /^URL: (\S+)/m.exec(chunk);
    if (match && !opened) {
      opened = true;
      openBrowser(match[1]);
    }
  });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}

function openBrowser(url) {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay || process.env.CI) return;
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('Ouvrez l’adresse ci-dessus dans votre navigateur.'));
  child.unref();
}
