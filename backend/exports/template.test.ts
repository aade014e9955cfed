import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { letterValuesFixture } from './fixtures';
import { LETTER_FIELDS, type LetterValues } from './letterFields';
import type { LetterBlock, LetterDocument } from './model';
import { TemplateError, fillLetter, loadLetterTemplate, parseLetterTemplate } from './template';

const generated = { at: '2026-11-18T14:05:00.000Z', label: '18/11/2026 à 15:05' };
const fill = (text: string, values: Partial<LetterValues> = {}): LetterBlock[] =>
  fillLetter(parseLetterTemplate(text), { ...letterValuesFixture, ...values }, generated, 'Lettre').blocks;

/** The text a reader sees in a block, runs joined, lines joined by newlines. */
const blockText = (b: LetterBlock) => (b.type === 'lines' ? b.lines.map((l) => l.map((r) => r.text).join('')).join('\n') : b.runs.map((r) => r.text).join(''));
const allText = (d: LetterDocument) => d.blocks.map(blockText).join('\n\n');

function parseError(text: string): TemplateError {
  try {
    parseLetterTemplate(text);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error('parseLetterTemplate accepted the template');
}

describe('letter template: fields', () => {
  it('inserts fields, tolerating spaces inside the braces', () => {
    expect(fill('Bonjour {{operateur.nom}} et {{ dossier.reference }}.')).toEqual([
      { type: 'paragraph', align: 'justify', runs: [{ text: 'Bonjour Cœur de Forêt SC et EI-2026-0142.' }] },
    ]);
  });

  it('inserts values as plain text: their * _ # > never become formatting', () => {
    const blocks = fill('{{avis.motivation}}\n\nObjet : {{dossier.objet}}', { 'avis.motivation': '# **non** _pas_ > là', 'dossier.objet': 'a_b *c*' });
    expect(blocks).toEqual([
      { type: 'paragraph', align: 'justify', runs: [{ text: '# **non** _pas_ > là' }] },
      { type: 'paragraph', align: 'justify', runs: [{ text: 'Objet : a_b *c*' }] },
    ]);
  });

  it('turns a value’s line breaks into line breaks of the paragraph, not new paragraphs', () => {
    const blocks = fill('Rectifications :\n{{avis.rectification}}', { 'avis.rectification': 'Le 20/11/2026 : levée.\n\nLe 01/12/2026 : erreur.' });
    expect(blocks).toHaveLength(1);
    expect(blockText(blocks[0]!)).toBe('Rectifications :\nLe 20/11/2026 : levée.\n\nLe 01/12/2026 : erreur.');
  });

  it('refuses an unknown field, naming it and its line, with a close suggestion', () => {
    const error = parseError('Madame,\n\n\n\n\n\n\n\n\n\n\nÀ {{operateur.nome}}');
    expect(error.message).toContain('« {{operateur.nome}} »');
    expect(error.message).toContain('(ligne 12)');
    expect(error.message).toContain('Vouliez-vous dire « {{operateur.nom}} »');
    expect(error.line).toBe(12);
  });

  it('lists the available fields when no field is close to the unknown one', () => {
    const error = parseError('{{montant_total_subside}}');
    expect(error.message).toContain('Champ inconnu « {{montant_total_subside}} » (ligne 1)');
    for (const field of Object.keys(LETTER_FIELDS)) expect(error.message).toContain(field);
  });

  it('refuses an unknown field inside {{si …}} too', () => {
    expect(parseError('a\n{{si avis.condition}}x{{fin si}}').message).toMatch(/Champ inconnu « \{\{si avis\.condition\}\} » \(ligne 2\)\. Vouliez-vous dire « \{\{avis\.conditions\}\} »/);
  });

  it('refuses empty braces and a {{si}} without a field', () => {
    expect(parseError('x {{ }} y').message).toContain('Balise vide');
    expect(parseError('x\n{{si}}y{{fin si}}').message).toContain('(ligne 2)');
  });
});

describe('letter template: braces', () => {
  it('refuses « {{ » without « }} » on the same line', () => {
    const error = parseError('Madame,\nÀ {{operateur.nom }\nfin');
    expect(error.message).toMatch(/^Accolades déséquilibrées \(ligne 2\) : « \{\{ » sans « \}\} »/);
  });

  it('refuses « }} » without « {{ »', () => {
    expect(parseError('a\nb\nÀ operateur.nom}}').message).toMatch(/^Accolades déséquilibrées \(ligne 3\) : « \}\} » sans « \{\{ »/);
  });

  it('refuses a tag opened inside another', () => {
    expect(parseError('{{date {{commission}}').message).toContain('(ligne 1)');
  });

  it('keeps single braces as text', () => {
    expect(blockText(fill('{a} et {b}')[0]!)).toBe('{a} et {b}');
  });
});

describe('letter template: conditions', () => {
  const text = ['Début.', '', '{{si avis.conditions}}', 'Conditions : {{avis.conditions}}', '', '{{fin si}}', 'Fin.'].join('\n');

  it('keeps the enclosed paragraphs when the field is filled', () => {
    expect(fill(text).map(blockText)).toEqual(['Début.', 'Conditions : Transmettre le plan de formation 2027 avant le 31/03/2027 ; budget € 18 000,00.', 'Fin.']);
  });

  it('drops them when the field is empty or blank, and lines holding only tags leave no gap', () => {
    expect(fill(text, { 'avis.conditions': '' }).map(blockText)).toEqual(['Début.', 'Fin.']);
    expect(fill(text, { 'avis.conditions': '  ' }).map(blockText)).toEqual(['Début.', 'Fin.']);
    // Without a blank line before « Fin. », the tag lines vanish and « Fin. » joins « Début. »'s paragraph.
    expect(fill('Début.\n{{si avis.conditions}}\nX\n{{fin si}}\nFin.', { 'avis.conditions': '' }).map(blockText)).toEqual(['Début.\nFin.']);
  });

  it('works inside a sentence and nests', () => {
    const t = 'Séance{{si seance.lieu}} à {{seance.lieu}}{{si avis.rectification}} (rectifiée){{fin si}}{{fin si}}.';
    expect(blockText(fill(t)[0]!)).toBe('Séance à Namur, salle « Émile Vandervelde ».');
    expect(blockText(fill(t, { 'avis.rectification': 'oui' })[0]!)).toBe('Séance à Namur, salle « Émile Vandervelde » (rectifiée).');
    expect(blockText(fill(t, { 'seance.lieu': '', 'avis.rectification': 'oui' })[0]!)).toBe('Séance.');
  });

  it('accepts « fin si » written with spaces or capitals', () => {
    expect(fill('{{ Si avis.motivation }}M{{FIN  SI}}', { 'avis.motivation': '' })).toEqual([]);
  });

  it('refuses an unclosed {{si …}}, naming its line', () => {
    const error = parseError('a\n\n{{si avis.motivation}}\nMotivation : {{avis.motivation}}\n');
    expect(error.message).toContain('« {{si avis.motivation}} » (ligne 3) n’est jamais fermé');
    expect(error.line).toBe(3);
  });

  it('refuses a {{fin si}} without {{si}}, naming its line', () => {
    const error = parseError('a\n{{si date}}b{{fin si}}\n{{fin si}}');
    expect(error.message).toContain('« {{fin si}} » (ligne 3) ne ferme aucun « {{si …}} »');
  });
});

describe('letter template: layout', () => {
  it('makes titles, right and left blocks of lines, and justified paragraphs', () => {
    const blocks = fill(['| {{administration}}', '| {{commission}}', '> {{operateur.nom}}', '> {{operateur.code_postal}} {{operateur.commune}}', '', '# Avis', '## Détail', 'Ligne 1', 'ligne 2'].join('\n'));
    expect(blocks).toEqual([
      { type: 'lines', align: 'left', lines: [[{ text: 'Service public de Wallonie — Économie, Emploi, Recherche' }], [{ text: letterValuesFixture.commission }]] },
      { type: 'lines', align: 'right', lines: [[{ text: 'Cœur de Forêt SC' }], [{ text: '5000 Namur' }]] },
      { type: 'heading', level: 1, runs: [{ text: 'Avis' }] },
      { type: 'heading', level: 2, runs: [{ text: 'Détail' }] },
      { type: 'paragraph', align: 'justify', runs: [{ text: 'Ligne 1\nligne 2' }] },
    ]);
  });

  it('drops empty lines of an address block, and splits a value on two lines into two lines', () => {
    const blocks = fill('> {{operateur.nom}}\n> {{operateur.forme}}\n> {{operateur.adresse}}', { 'operateur.forme': '', 'operateur.adresse': 'Rue du Bœuf 12\nBoîte 3' });
    expect(blocks).toEqual([{ type: 'lines', align: 'right', lines: [[{ text: 'Cœur de Forêt SC' }], [{ text: 'Rue du Bœuf 12' }], [{ text: 'Boîte 3' }]] }]);
  });

  it('reads **bold** and _italic_, and leaves underscores inside words alone', () => {
    expect(fill('Un avis **{{avis.libelle}}** _en date du_ {{avis.date}}, code_postal.')[0]).toEqual({
      type: 'paragraph',
      align: 'justify',
      runs: [{ text: 'Un avis ' }, { text: 'favorable sous conditions', bold: true }, { text: ' ' }, { text: 'en date du', italic: true }, { text: ' 17/11/2026, code_postal.' }],
    });
  });

  it('refuses bold or italic left open on a line', () => {
    expect(parseError('a\nUn avis **{{avis.libelle}} !').message).toMatch(/^Gras non refermé \(ligne 2\)/);
    expect(parseError('_en date du {{avis.date}}').message).toMatch(/^Italique non refermé \(ligne 1\)/);
  });

  it('drops a paragraph, title or block that ends up empty', () => {
    expect(fill('A\n\n{{avis.rectification}}\n\n# {{avis.rectification}}\n\n**{{avis.rectification}}**\n\n> {{avis.rectification}}\n\nB', { 'avis.rectification': '' }).map(blockText)).toEqual(['A', 'B']);
  });

  it('accepts Windows line endings and a byte-order mark', () => {
    expect(fill('\uFEFFA\r\n\r\nB\r\nC').map(blockText)).toEqual(['A', 'B\nC']);
  });

  it('refuses an empty template', () => {
    expect(parseError('  \n\n ').message).toBe('Le modèle de lettre est vide : il doit contenir au moins un paragraphe.');
    expect(parseError('').message).toContain('vide');
  });
});

describe('the shipped letter (resources/letters/lettre-avis.txt)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    delete process.env.COMES_LETTER_TEMPLATE;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is a valid template using only LETTER_FIELDS, and fills into a formal letter', () => {
    const letter = fillLetter(loadLetterTemplate(), letterValuesFixture, generated, 'Avis — EI-2026-0142');
    const text = allText(letter);
    expect(letter.title).toBe('Avis — EI-2026-0142');
    expect(letter.blocks[0]).toMatchObject({ type: 'lines', align: 'left' });
    expect(letter.blocks[1]).toEqual({ type: 'lines', align: 'right', lines: [[{ text: 'Cœur de Forêt SC' }], [{ text: 'Rue du Bœuf 12' }], [{ text: '5000 Namur' }]] });
    expect(text).toContain('Namur, le 18/11/2026');
    expect(text).toContain('Objet :');
    expect(text).toContain('Madame, Monsieur,');
    expect(text).toContain('séance n° 412 du 17/11/2026');
    expect(text).toContain('favorable sous conditions');
    expect(text).toContain('Transmettre le plan de formation 2027 avant le 31/03/2027 ; budget € 18 000,00.');
    expect(text).toContain('52,3 %');
    expect(text).toContain('Ministre');
    expect(text).toContain('Françoise Lœwenthal');
    expect(text).toContain('Noémie Brûlé');
    expect(text).not.toContain('{{');
    expect(text).not.toContain('**');
    expect(text).not.toMatch(/rectifi/i);
  });

  it('mentions conditions, motivation and rectification only when there are some', () => {
    const bare = allText(fillLetter(loadLetterTemplate(), { ...letterValuesFixture, 'avis.conditions': '', 'avis.motivation': '' }, generated, 'L'));
    expect(bare).not.toContain('conditions suivantes');
    expect(bare).not.toContain('motivé');
    const amended = allText(fillLetter(loadLetterTemplate(), { ...letterValuesFixture, 'avis.rectification': 'Le 20/11/2026 : avis favorable (condition levée).' }, generated, 'L'));
    expect(amended).toContain('Le 20/11/2026 : avis favorable (condition levée).');
  });

  it('is read from COMES_LETTER_TEMPLATE when set; a missing or faulty file is a French error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'comes-letter-'));
    dirs.push(dir);
    const file = join(dir, 'modele.txt');
    writeFileSync(file, 'Bonjour {{operateur.nom}}');
    process.env.COMES_LETTER_TEMPLATE = file;
    expect(allText(fillLetter(loadLetterTemplate(), letterValuesFixture, generated, 'L'))).toBe('Bonjour Cœur de Forêt SC');

    writeFileSync(file, 'Bonjour\n{{operateur.nome}}');
    expect(() => loadLetterTemplate()).toThrow(TemplateError);
    expect(() => loadLetterTemplate()).toThrow(`Modèle de lettre ${file} : Champ inconnu « {{operateur.nome}} » (ligne 2)`);

    process.env.COMES_LETTER_TEMPLATE = join(dir, 'absent.txt');
    expect(() => loadLetterTemplate()).toThrow(/^Modèle de lettre introuvable : .*absent\.txt/);
  });
});
