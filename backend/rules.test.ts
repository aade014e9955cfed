import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRuleBook, rulesFilePath, RulesFileError, rulesVersionOf, ruleBookOf } from './rules';

const REPO = join(import.meta.dirname, '..');
const DEFAULT_FILE = join(REPO, 'resources', 'rules', 'thresholds.json');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-rules-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const original = () => JSON.parse(readFileSync(DEFAULT_FILE, 'utf8')) as { version: string; regimes: Record<string, unknown>[] };

function write(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

function refusal(file: string): RulesFileError {
  try {
    loadRuleBook(file);
  } catch (error) {
    if (error instanceof RulesFileError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('where the thresholds file is', () => {
  it('is found from the app’s own folder, wherever the working directory is', () => {
    expect(rulesFilePath({}, REPO)).toBe(DEFAULT_FILE);
    expect(rulesFilePath({}, tmpdir())).toBe(DEFAULT_FILE);
  });

  it('is another file with COMES_RULES_FILE, or another resources folder with COMES_RESOURCES_DIR', () => {
    expect(rulesFilePath({ COMES_RULES_FILE: 'seuils.json' }, dir)).toBe(join(dir, 'seuils.json'));
    mkdirSync(join(dir, 'res', 'rules'), { recursive: true });
    expect(rulesFilePath({ COMES_RESOURCES_DIR: join(dir, 'res') }, REPO)).toBe(join(dir, 'res', 'rules', 'thresholds.json'));
  });
});

describe('reading the thresholds file', () => {
  it('reads the shipped file, versioned by its version and a hash of its content', () => {
    const book = loadRuleBook(DEFAULT_FILE);
    expect(book.version).toBe(original().version);
    expect(rulesVersionOf(book)).toMatch(new RegExp(`^${book.version}\\+[0-9a-f]{10}$`));
    // The same content gives the same version; an edit without a new version number gives another.
    expect(rulesVersionOf(loadRuleBook(write('same.json', readFileSync(DEFAULT_FILE, 'utf8'))))).toBe(rulesVersionOf(book));
    const edited = original();
    edited.regimes[0]!.expiryWarningDays = 91;
    expect(rulesVersionOf(loadRuleBook(write('edited.json', JSON.stringify(edited))))).not.toBe(rulesVersionOf(book));
  });

  it('refuses a malformed file in French, naming the faulty field', () => {
    const broken = original();
    broken.regimes[1]!.expiryWarningDays = 'quatre-vingt-dix';
    const error = refusal(write('broken.json', JSON.stringify(broken)));
    expect(error.field).toBe('regimes[1].expiryWarningDays');
    expect(error.message).toMatch(/^Fichier des seuils invalide : regimes\[1\]\.expiryWarningDays — /);
    expect(error.message).toContain('broken.json');
  });

  it('refuses a file that is missing or not JSON', () => {
    expect(refusal(join(dir, 'absent.json')).message).toMatch(/^Fichier des seuils introuvable : .*absent\.json\.$/);
    expect(refusal(write('garbled.json', '{ "version": ')).message).toMatch(/^Fichier des seuils invalide : .*garbled\.json n’est pas un JSON valide/);
  });

  it('gives handlers the context’s rule book when there is one', () => {
    const book = loadRuleBook(DEFAULT_FILE);
    expect(ruleBookOf({ rules: book })).toBe(book);
    expect(ruleBookOf({}).version).toBe(book.version);
  });
});
