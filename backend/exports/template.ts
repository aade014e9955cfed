/**
 * The opinion-letter template language (resources/letters/lettre-avis.txt, documented for the
 * secretariat in resources/letters/README.md):
 *
 * - `{{champ}}` inserts a field of LETTER_FIELDS (spaces inside the braces are tolerated);
 * - `{{si champ}}` … `{{fin si}}` keeps the enclosed text only when the field is not empty (may span
 *   lines and paragraphs, may be nested); a line holding nothing but such tags disappears entirely;
 * - a line starting with `# ` is a title, `## ` a subtitle; consecutive lines starting with `> `
 *   form a right-aligned block of lines (the recipient's address), with `| ` a left-aligned one
 *   (the letterhead, the signatures);
 * - `**gras**` and `_italique_` inside a line; a blank line separates paragraphs; a single newline
 *   inside a paragraph is a line break; paragraphs are justified;
 * - a paragraph, title or line that ends up empty after filling is dropped.
 *
 * Field values are inserted as plain text: a `*`, `_`, `#` or `>` typed in a dossier never turns
 * into formatting. Errors are `TemplateError`s in French naming the line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resourceFile } from '../resources';
import { LETTER_FIELDS, type LetterField, type LetterValues, isLetterField } from './letterFields';
import type { Generated, LetterBlock, LetterDocument, Run } from './model';

export class TemplateError extends Error {
  /** 1-based line of the template the error is about, when there is one. */
  readonly line: number | null;

  constructor(message: string, line: number | null = null) {
    super(message);
    this.name = 'TemplateError';
    this.line = line;
  }
}

type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'field'; field: LetterField; line: number }
  | { type: 'if'; field: LetterField; line: number; children: TemplateNode[] };

/** A checked template, ready to be filled for each dossier. */
export interface LetterTemplate {
  nodes: TemplateNode[];
}

// ---------------------------------------------------------------------------------------------
// Parsing.

type Tag = { kind: 'field'; field: LetterField } | { kind: 'if'; field: LetterField } | { kind: 'endif' };

const FIELD_NAMES = Object.keys(LETTER_FIELDS) as LetterField[];

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The fields close to a mistyped name: near spellings, or the fields ending with it (`nom`). */
export function suggestFields(name: string): LetterField[] {
  const lower = name.toLowerCase();
  const exactCase = FIELD_NAMES.filter((f) => f === lower);
  if (exactCase.length > 0) return exactCase;
  const scored = FIELD_NAMES.map((f) => ({ f, d: levenshtein(lower, f) })).sort((x, y) => x.d - y.d);
  const best = scored[0];
  if (best && best.d <= Math.max(2, Math.floor(lower.length / 4))) return scored.filter((s) => s.d === best.d).map((s) => s.f);
  const bySuffix = FIELD_NAMES.filter((f) => f.endsWith(`.${lower}`) || f.split('.').includes(lower));
  return bySuffix;
}

function unknownField(name: string, shown: string, line: number): TemplateError {
  const suggestions = suggestFields(name);
  const hint =
    suggestions.length > 0
      ? `Vouliez-vous dire ${suggestions.map((f) => `« {{${f}}} »`).join(' ou ')} ?`
      : `Champs disponibles : ${FIELD_NAMES.join(', ')}.`;
  return new TemplateError(`Champ inconnu « ${shown} » (ligne ${line}). ${hint}`, line);
}

function readTag(content: string, line: number): Tag {
  const inner = content.trim();
  const shown = `{{${content}}}`;
  if (inner === '') throw new TemplateError(`Balise vide « ${shown} » (ligne ${line}) : écrivez le nom d’un champ entre les accolades.`, line);
  if (/^fin\s*si$/i.test(inner)) return { kind: 'endif' };
  const condition = /^si(?:\s+(.*))?$/i.exec(inner);
  if (condition) {
    const name = (condition[1] ?? '').trim();
    if (name === '') {
      throw new TemplateError(`« ${shown} » sans nom de champ (ligne ${line}) : écrivez par exemple « {{si avis.conditions}} ».`, line);
    }
    if (!isLetterField(name)) throw unknownField(name, shown, line);
    return { kind: 'if', field: name };
  }
  if (!isLetterField(inner)) throw unknownField(inner, shown, line);
  return { kind: 'field', field: inner };
}

type Piece = { type: 'text'; text: string } | { type: 'tag'; tag: Tag; line: number };

/** Splits one line into text and tags; throws on unbalanced braces. */
function lexLine(text: string, line: number): Piece[] {
  const pieces: Piece[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('{{');
    const close = rest.indexOf('}}');
    if (close !== -1 && (open === -1 || close < open)) {
      throw new TemplateError(`Accolades déséquilibrées (ligne ${line}) : « }} » sans « {{ » qui l’ouvre, près de « ${excerpt(rest, close)} ».`, line);
    }
    if (open === -1) {
      if (rest) pieces.push({ type: 'text', text: rest });
      return pieces;
    }
    if (open > 0) pieces.push({ type: 'text', text: rest.slice(0, open) });
    const end = rest.indexOf('}}', open + 2);
    const nested = rest.indexOf('{{', open + 2);
    if (end === -1 || (nested !== -1 && nested < end)) {
      throw new TemplateError(
        `Accolades déséquilibrées (ligne ${line}) : « {{ » sans « }} » qui le ferme sur la même ligne, près de « ${excerpt(rest, open)} ».`,
        line,
      );
    }
    pieces.push({ type: 'tag', tag: readTag(rest.slice(open + 2, end), line), line });
    rest = rest.slice(end + 2);
  }
}

function excerpt(text: string, at: number): string {
  return text.slice(Math.max(0, at - 15), at + 25).trim();
}

/** Checks that `**` and `_` pair up on each line (fields count as plain words). */
function checkMarkup(pieces: Piece[], line: number): void {
  const text = stripPrefix(pieces.map((p) => (p.type === 'text' ? p.text : p.tag.kind === 'field' ? 'x' : '')).join('').trim());
  const { unmatched } = parseInline(text);
  if (unmatched === 'bold') {
    throw new TemplateError(`Gras non refermé (ligne ${line}) : un passage en gras commence par « ** » et doit finir par « ** » sur la même ligne.`, line);
  }
  if (unmatched === 'italic') {
    throw new TemplateError(`Italique non refermé (ligne ${line}) : un passage en italique commence par « _ » et doit finir par « _ » sur la même ligne.`, line);
  }
}

/** Reads and checks a template; throws a TemplateError naming the line of the first problem. */
export function parseLetterTemplate(text: string): LetterTemplate {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (source.trim() === '') throw new TemplateError('Le modèle de lettre est vide : il doit contenir au moins un paragraphe.');
  const lines = source.split('\n');
  const root: TemplateNode[] = [];
  const stack: { node: Extract<TemplateNode, { type: 'if' }>; line: number }[] = [];
  const target = (): TemplateNode[] => stack[stack.length - 1]?.node.children ?? root;
  const pushText = (t: string) => {
    const nodes = target();
    const last = nodes[nodes.length - 1];
    if (last?.type === 'text') last.text += t;
    else nodes.push({ type: 'text', text: t });
  };

  lines.forEach((lineText, index) => {
    const line = index + 1;
    const pieces = lexLine(lineText, line);
    checkMarkup(pieces, line);
    // A line holding only {{si …}} / {{fin si}} tags vanishes, newline included.
    const standalone = pieces.some((p) => p.type === 'tag') && pieces.every((p) => (p.type === 'text' ? p.text.trim() === '' : p.tag.kind !== 'field'));
    for (const piece of pieces) {
      if (piece.type === 'text') {
        if (!standalone) pushText(piece.text);
        continue;
      }
      const tag = piece.tag;
      if (tag.kind === 'field') {
        target().push({ type: 'field', field: tag.field, line });
      } else if (tag.kind === 'if') {
        const node: Extract<TemplateNode, { type: 'if' }> = { type: 'if', field: tag.field, line, children: [] };
        target().push(node);
        stack.push({ node, line });
      } else {
        if (stack.length === 0) {
          throw new TemplateError(`« {{fin si}} » (ligne ${line}) ne ferme aucun « {{si …}} » : supprimez-le ou ajoutez le « {{si champ}} » qui l’ouvre.`, line);
        }
        stack.pop();
      }
    }
    if (!standalone && index < lines.length - 1) pushText('\n');
  });

  const open = stack[stack.length - 1];
  if (open) {
    throw new TemplateError(
      `« {{si ${open.node.field}}} » (ligne ${open.line}) n’est jamais fermé : ajoutez « {{fin si}} » après le texte à n’afficher que si le champ est rempli.`,
      open.line,
    );
  }
  return { nodes: root };
}

/**
 * The template of resources/letters/lettre-avis.txt (or the file named by COMES_LETTER_TEMPLATE),
 * checked. A missing file or a faulty template is a TemplateError naming the file.
 */
export function loadLetterTemplate(): LetterTemplate {
  const { path, searched } = resourceFile(['letters', 'lettre-avis.txt'], { override: process.env.COMES_LETTER_TEMPLATE });
  if (!path || !existsSync(path)) {
    throw new TemplateError(`Modèle de lettre introuvable : ${path ?? searched}. Le fichier resources/letters/lettre-avis.txt doit exister.`);
  }
  const text = readFileSync(path, 'utf8');
  try {
    return parseLetterTemplate(text);
  } catch (error) {
    if (error instanceof TemplateError) throw new TemplateError(`Modèle de lettre ${path} : ${error.message}`, error.line);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Inline formatting.

/** Characters of field values, hidden from the markup while the filled text is laid out. */
const ESCAPES: Record<string, string> = { '*': '\uE001', _: '\uE002', '\n': '\uE003', '#': '\uE004', '>': '\uE005', '|': '\uE006' };
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([k, v]) => [v, k]));
const SOFT_BREAK = ESCAPES['\n'] as string;

const escapeValue = (value: string) => value.replace(/\r\n?/g, '\n').replace(/[*_\n#>|]/g, (c) => ESCAPES[c] as string);
const unescapeText = (text: string) => text.replace(/[\uE001-\uE006]/g, (c) => UNESCAPES[c] as string);

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

/**
 * `**gras**` and `_italique_` → runs. An unpaired marker stays as typed (and is reported, for the
 * template check). `_` is a marker only at a word's edge (`code_postal` is plain text).
 */
function parseInline(text: string): { runs: Run[]; unmatched: 'bold' | 'italic' | null } {
  type Marker = { at: number; kind: 'bold' | 'italic'; canOpen: boolean; canClose: boolean };
  const markers: Marker[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text.startsWith('**', i)) {
      markers.push({ at: i, kind: 'bold', canOpen: !isSpace(text[i + 2]), canClose: !isSpace(text[i - 1]) });
      i += 1;
    } else if (text[i] === '_') {
      const before = text[i - 1];
      const after = text[i + 1];
      markers.push({ at: i, kind: 'italic', canOpen: !isWordChar(before) && !isSpace(after), canClose: !isSpace(before) && !isWordChar(after) });
    }
  }
  const active = new Set<number>();
  let unmatched: 'bold' | 'italic' | null = null;
  for (const kind of ['bold', 'italic'] as const) {
    let opened: Marker | null = null;
    for (const m of markers) {
      if (m.kind !== kind) continue;
      if (opened && m.canClose) {
        active.add(opened.at);
        active.add(m.at);
        opened = null;
      } else if (!opened && m.canOpen) {
        opened = m;
      }
    }
    if (opened) unmatched ??= kind;
  }
  const runs: Run[] = [];
  let bold = false;
  let italic = false;
  let current = '';
  const flush = () => {
    if (current) pushRun(runs, { text: current, bold, italic });
    current = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    if (active.has(i)) {
      flush();
      if (text.startsWith('**', i)) {
        bold = !bold;
        i += 1;
      } else {
        italic = !italic;
      }
      continue;
    }
    current += text[i];
  }
  flush();
  return { runs, unmatched };
}

/** Appends a run, merged with the previous one when they look alike; no `false` flags kept. */
function pushRun(runs: Run[], run: Run): void {
  if (!run.text) return;
  const last = runs[runs.length - 1];
  if (last && Boolean(last.bold) === Boolean(run.bold) && Boolean(last.italic) === Boolean(run.italic)) {
    last.text += run.text;
    return;
  }
  runs.push({ text: run.text, ...(run.bold ? { bold: true } : {}), ...(run.italic ? { italic: true } : {}) });
}

const runsText = (runs: Run[]) => runs.map((r) => r.text).join('');

// ---------------------------------------------------------------------------------------------
// Filling.

function evaluate(nodes: TemplateNode[], values: LetterValues): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'field') out += escapeValue(values[node.field] ?? '');
    else if ((values[node.field] ?? '').trim() !== '') out += evaluate(node.children, values);
  }
  return out;
}

type LineKind = 'paragraph' | 'right' | 'left';

function stripPrefix(line: string): string {
  return line.replace(/^(#{1,2} |[>|] ?)/, '');
}

/** Inline runs of one filled line, soft breaks (from values) as `replacement`. */
function lineRuns(line: string, softBreak: string): Run[] {
  const { runs } = parseInline(line);
  const out: Run[] = [];
  for (const run of runs) pushRun(out, { ...run, text: unescapeText(run.text.split(SOFT_BREAK).join(softBreak)) });
  return out;
}

function trimRuns(runs: Run[]): Run[] {
  const out = runs.map((r) => ({ ...r }));
  while (out.length && out[0]!.text.trimStart() === '') out.shift();
  while (out.length && out[out.length - 1]!.text.trimEnd() === '') out.pop();
  if (out.length) {
    out[0]!.text = out[0]!.text.trimStart();
    out[out.length - 1]!.text = out[out.length - 1]!.text.trimEnd();
  }
  return out;
}

/** Fills the template for one dossier; empty paragraphs, titles and lines are dropped. */
export function fillLetter(t: LetterTemplate, values: LetterValues, generated: Generated, title: string): LetterDocument {
  const lines = evaluate(t.nodes, values).split('\n');
  const blocks: LetterBlock[] = [];
  let group = null as { kind: LineKind; lines: string[] } | null;

  const flush = () => {
    if (!group) return;
    if (group.kind === 'paragraph') {
      const runs: Run[] = [];
      group.lines.forEach((line, i) => {
        if (i > 0) pushRun(runs, { text: '\n' });
        for (const run of lineRuns(line, '\n')) pushRun(runs, run);
      });
      const trimmed = trimRuns(runs);
      if (runsText(trimmed).trim() !== '') blocks.push({ type: 'paragraph', runs: trimmed, align: 'justify' });
    } else {
      const out: Run[][] = [];
      for (const line of group.lines) {
        // A value holding line breaks (an address on two lines) gives one line each.
        const runs = lineRuns(line, '\n');
        let current: Run[] = [];
        const split: Run[][] = [current];
        for (const run of runs) {
          const parts = run.text.split('\n');
          parts.forEach((part, i) => {
            if (i > 0) split.push((current = []));
            pushRun(current, { ...run, text: part });
          });
        }
        for (const candidate of split) {
          const trimmed = trimRuns(candidate);
          if (runsText(trimmed).trim() !== '') out.push(trimmed);
        }
      }
      if (out.length > 0) blocks.push({ type: 'lines', lines: out, align: group.kind });
    }
    group = null;
  };

  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    const heading = /^(#{1,2})(?: (.*))?$/.exec(line);
    if (heading) {
      flush();
      const runs = trimRuns(lineRuns(heading[2] ?? '', ' '));
      if (runsText(runs).trim() !== '') blocks.push({ type: 'heading', level: heading[1] === '#' ? 1 : 2, runs });
      continue;
    }
    const block = /^([>|])(?: (.*))?$/.exec(line);
    const kind: LineKind = block ? (block[1] === '>' ? 'right' : 'left') : 'paragraph';
    const content = block ? (block[2] ?? '') : line;
    if (group?.kind !== kind) {
      flush();
      group = { kind, lines: [] };
    }
    group.lines.push(content);
  }
  flush();
  return { title, blocks, generated };
}
