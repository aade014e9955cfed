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

const { values } = parseArgs({
  options: { scale: { type: 'string' }, runs: { type: 'string' }, keep: { type: 'string' } },
  strict: true,
});

const result = await runBench({
  scale: integer(values.scale, 'scale', 100, 1, 500),
  runs: integer(values.runs, 'runs', 30, 1, 10_000),
  keep: values.keep,
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
