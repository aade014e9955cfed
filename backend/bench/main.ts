/**
 * `npm run bench [-- --scale N --runs N --keep DIR]`: builds a demo workspace at scale N (default
 * 100 × the demo) and prints, as JSON, the median and p95 times of the hot operations through the
 * dispatcher and directly on SQLite, with their ratio. Progress goes to stderr, the JSON to stdout.
 */
import { parseArgs } from 'node:util';
import { runBench } from './run';

function integer(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    process.stderr.write(`--${name} doit être un entier entre ${min} et ${max}.\n`);
    process.exit(2);
  }
  return parsed;
}

const USAGE = `Usage : npm run bench [-- --scale N] [-- --runs N] [-- --keep DOSSIER]
  --scale N       volume, en multiples de la démonstration (défaut 100)
  --runs N        mesures par opération (défaut 30)
  --keep DOSSIER  garde l’espace de travail construit dans DOSSIER`;

let values: { scale?: string; runs?: string; keep?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { scale: { type: 'string' }, runs: { type: 'string' }, keep: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }));
} catch (error) {
  process.stderr.write(`Arguments invalides : ${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const result = await runBench({
  scale: integer(values.scale, 'scale', 100, 1, 500),
  runs: integer(values.runs, 'runs', 30, 1, 10_000),
  keep: values.keep,
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
