/**
 * Data files shipped in `resources/` that the secretariat may edit (the compliance thresholds, the
 * school calendar): where they are. `COMES_RESOURCES_DIR` when set, else the first `resources/`
 * holding the file found walking up from this module's folder (backend/ under tsx, out/main/ in the
 * built desktop shell) and from the working directory.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function walkUp(from: string, relative: string): string | null {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The path of `resources/<parts…>`, or null when it cannot be found. `override` (a variable naming
 * the file itself, e.g. `COMES_RULES_FILE`) wins over everything.
 */
export function resourceFile(parts: readonly string[], options: { override?: string | undefined; env?: NodeJS.ProcessEnv; cwd?: string } = {}): {
  path: string | null;
  searched: string;
} {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const relative = join('resources', ...parts);
  if (options.override) return { path: resolve(cwd, options.override), searched: options.override };
  if (env.COMES_RESOURCES_DIR) return { path: resolve(cwd, env.COMES_RESOURCES_DIR, ...parts), searched: env.COMES_RESOURCES_DIR };
  const here = dirname(fileURLToPath(import.meta.url));
  return { path: walkUp(here, relative) ?? walkUp(cwd, relative), searched: `${relative} (cherché depuis ${here} et ${cwd})` };
}
