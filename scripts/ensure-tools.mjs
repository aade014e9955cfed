#!/usr/bin/env node
// Makes sure the programs the tests drive are on this machine:
// - Chromium for the end-to-end tests (Playwright's own browser download is not reachable here,
//   so the tests drive Debian's chromium, or the binary named by CHROMIUM_PATH);
// - poppler-utils (pdftotext, pdffonts, pdftoppm) and LibreOffice (writer, calc) to open the
//   exported PDF, DOCX and XLSX files with real readers;
// - DejaVu and Liberation fonts, so LibreOffice and Chromium render French text.
// Installs what is missing with apt-get when running as root; otherwise says exactly what is
// missing and exits 1.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function runs(command, args = ['--version']) {
  if (command.startsWith('/') && !existsSync(command)) return false;
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  return result.status === 0;
}

const TOOLS = [
  { name: 'Chromium', check: () => runs(chromium), packages: ['chromium'], why: 'les tests de bout en bout' },
  { name: 'pdftotext (poppler-utils)', check: () => runs('pdftotext', ['-v']), packages: ['poppler-utils'], why: 'lire le texte des PDF exportés' },
  {
    name: 'LibreOffice',
    check: () => runs('libreoffice', ['--headless', '--version']),
    packages: ['libreoffice-writer-nogui', 'libreoffice-calc-nogui'],
    why: 'ouvrir les DOCX et XLSX exportés',
  },
  { name: 'polices DejaVu et Liberation', check: () => existsSync('/usr/share/fonts/truetype/dejavu') && existsSync('/usr/share/fonts/truetype/liberation'), packages: ['fonts-dejavu-core', 'fonts-liberation'], why: 'le rendu du texte français' },
];

if (process.env.CHROMIUM_PATH && !runs(chromium)) {
  console.error(`CHROMIUM_PATH=${chromium} ne désigne pas un Chromium exécutable. Corrigez la variable ou retirez-la.`);
  process.exit(1);
}

const missing = TOOLS.filter((tool) => !tool.check());
if (missing.length === 0) {
  console.log(`Outils de test présents : ${TOOLS.map((t) => t.name).join(', ')}.`);
  process.exit(0);
}

const packages = [...new Set(missing.flatMap((tool) => tool.packages))];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;

if (!isRoot || !hasApt) {
  console.error(
    [
      'Outils manquants pour les tests :',
      ...missing.map((tool) => `  - ${tool.name} : pour ${tool.why}`),
      hasApt
        ? `Installez-les avec : sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`
        : `Installez-les avec le gestionnaire de paquets du système (paquets Debian : ${packages.join(', ')}).`,
      'Un Chromium déjà présent ailleurs peut être indiqué par la variable CHROMIUM_PATH.',
      `(Missing test tools: ${missing.map((t) => t.name).join(', ')}.)`,
    ].join('\n'),
  );
  process.exit(1);
}

console.log(`Installation des paquets Debian : ${packages.join(' ')}…`);
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
} catch (error) {
  console.error(`L’installation a échoué : ${error.message}`);
  process.exit(1);
}
const still = TOOLS.filter((tool) => !tool.check());
if (still.length > 0) {
  console.error(`Installés mais toujours introuvables : ${still.map((t) => t.name).join(', ')}.`);
  process.exit(1);
}
console.log('Outils de test installés.');
