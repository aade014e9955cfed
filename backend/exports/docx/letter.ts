/**
 * An opinion letter (a filled template, backend/exports/template.ts) as an editable Word
 * document: titles as Heading 1 / Heading 2, justified paragraphs, blocks of lines (letterhead,
 * address, signatures) kept together on one page.
 */
import { AlignmentType, HeadingLevel, Paragraph, type TextRun } from 'docx';
import type { LetterBlock, LetterDocument, Run } from '../model';
import { packDocument, pageFooter, textRun } from './common';

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;

/** Runs with `\n` as line breaks. */
function textRuns(runs: Run[]): TextRun[] {
  const out: TextRun[] = [];
  let pendingBreak = 0;
  for (const run of runs) {
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) pendingBreak += 1;
      if (part === '') return;
      out.push(textRun({ text: part, bold: run.bold, italics: run.italic, ...(pendingBreak ? { break: pendingBreak } : {}) }));
      pendingBreak = 0;
    });
  }
  if (pendingBreak) out.push(textRun({ text: '', break: pendingBreak }));
  return out;
}

function blockParagraphs(block: LetterBlock): Paragraph[] {
  switch (block.type) {
    case 'heading':
      return [new Paragraph({ heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: textRuns(block.runs) })];
    case 'paragraph':
      return [new Paragraph({ alignment: ALIGN[block.align], spacing: { after: 200 }, children: textRuns(block.runs) })];
    case 'lines':
      return block.lines.map(
        (line, i) =>
          new Paragraph({
            alignment: ALIGN[block.align],
            keepNext: i < block.lines.length - 1,
            keepLines: true,
            spacing: { after: i === block.lines.length - 1 ? 360 : 0 },
            children: textRuns(line),
          }),
      );
  }
}

export async function letterDocx(l: LetterDocument): Promise<Uint8Array> {
  return packDocument({
    title: l.title,
    bodySize: 22,
    footer: pageFooter(''),
    children: l.blocks.flatMap(blockParagraphs),
  });
}
