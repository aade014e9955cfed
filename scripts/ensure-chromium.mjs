#!/usr/bin/env node
// Makes sure a Chromium for the end-to-end tests is on this machine.
// Playwright's own browser download is not reachable here, so the tests drive Debian's chromium
// (or the binary named by CHROMIUM_PATH). Installs it with apt-get when running as root;
// otherwise says exactly what is missing and exits 1.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function works(path) {
  if (!existsSync(path)) return false;
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0;
}

if (works(wanted)) {
  console.log(`Chromium présent : ${wanted}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;

if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${wanted} ne désigne pas un Chromium exécutable. Corrigez la variable ou retirez-la.`);
  process.exit(1);
}

if (!isRoot || !hasApt) {
  console.error(
    [
      'Chromium est introuvable : les tests de bout en bout en ont besoin.',
      hasApt
        ? 'Installez-le avec : sudo apt-get update && sudo apt-get install -y chromium'
        : 'Installez Chromium avec le gestionnaire de paquets du système,',
      'ou indiquez un binaire existant avec la variable CHROMIUM_PATH.',
      '(Chromium is missing for the end-to-end tests: install it, or set CHROMIUM_PATH.)',
    ].join('\n'),
  );
  process.exit(1);
}

console.log('Chromium absent : installation du paquet Debian « chromium »…');
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation', 'fonts-dejavu-core'], { stdio: 'inherit', env });
} catch (error) {
  console.error(`L’installation de Chromium a échoué : ${error.message}`);
  process.exit(1);
}
if (!works(wanted)) {
  console.error(`Chromium a été installé mais ${wanted} ne répond pas à --version.`);
  process.exit(1);
}
console.log(`Chromium installé : ${wanted}`);
