/**
 * The thresholds file of the compliance rules (`resources/rules/thresholds.json`): where it is,
 * reading and validating it, and its version as stored with each result (the file's `version`
 * plus a short hash of its content, so that an edit without a new version still refreshes the
 * stored results).
 *
 * Where: `COMES_RULES_FILE` when set (another file), else `COMES_RESOURCES_DIR/rules/thresholds.json`,
 * else the first `resources/rules/thresholds.json` found walking up from this module's folder
 * (backend/ under tsx, out/main/ in the built desktop shell) and from the working directory.
 * Start-up paths (CLI `serve` and `check`, the desktop shell) load it eagerly: a malformed file is
 * refused there, with a French message naming the field.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseRuleBook, RuleBookError, type RuleBook } from '../shared/compliance';
import { resourceFile } from './resources';

export type { RuleBook };

/** The file could not be used: missing, unreadable, not JSON, or not a valid thresholds file. Message in French. */
export class RulesFileError extends Error {
  constructor(
    message: string,
    /** The faulty field's path when the content is at fault (`regimes[1].ei.paySpread.max`). */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'RulesFileError';
  }
}

/** The thresholds file to use (see the module's comment), or throws RulesFileError when none is found. */
export function rulesFilePath(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const { path, searched } = resourceFile(['rules', 'thresholds.json'], { override: env.COMES_RULES_FILE, env, cwd });
  if (!path) throw new RulesFileError(`Fichier des seuils introuvable : ${searched}.`);
  return path;
}

const versions = new WeakMap<RuleBook, string>();

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);

/** The rule book's version as stored with each result: `2026-11-22+3fa9c01b2e`. */
export function rulesVersionOf(book: RuleBook): string {
  let version = versions.get(book);
  if (!version) versions.set(book, (version = `${book.version}+${shortHash(JSON.stringify(book))}`));
  return version;
}

/** Reads and validates the thresholds file; throws RulesFileError (French, naming the field) when it cannot be used. */
export function loadRuleBook(file: string = rulesFilePath()): RuleBook {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RulesFileError(
      code === 'ENOENT' ? `Fichier des seuils introuvable : ${file}.` : `Fichier des seuils illisible : ${file} (${(error as Error).message}).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RulesFileError(`Fichier des seuils invalide : ${file} n’est pas un JSON valide (${(error as Error).message}).`);
  }
  try {
    const book = parseRuleBook(json);
    versions.set(book, `${book.version}+${shortHash(text)}`);
    return book;
  } catch (error) {
    if (error instanceof RuleBookError) throw new RulesFileError(`${error.message} (${file})`, error.field);
    throw error;
  }
}

let defaultBook: RuleBook | null = null;

/** The default rule book, read once (the start-up paths call it first, so that a bad file stops them). */
export function defaultRuleBook(): RuleBook {
  if (!defaultBook) defaultBook = loadRuleBook();
  return defaultBook;
}

/** The rule book a handler uses: the context's (tests), else the default one. */
export function ruleBookOf(ctx: { rules?: RuleBook | undefined }): RuleBook {
  return ctx.rules ?? defaultRuleBook();
}
