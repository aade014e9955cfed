/**
 * An opinion letter (a filled template) as a PDF: letter typography (11 pt, 1.3 line height,
 * 2.5 cm side margins), headings, paragraphs, address blocks kept together; « page x / y » at the
 * foot only when the letter runs over more than one page.
 */
import type { Content, ContentText } from 'pdfmake/interfaces';
import type { LetterBlock, LetterDocument, Run } from '../model';
import { baseDocument, COLORS, pageLabel } from './layout';
import { renderPdf } from './pdfmake';

/** 2.5 cm. */
const LETTER_SIDE = 71;

function runs(list: Run[]): ContentText {
  // Only the faces a run asks for: an unset face inherits the block's (a heading is bold).
  return { text: list.map((run) => ({ text: run.text, ...(run.bold ? { bold: true } : {}), ...(run.italic ? { italics: true } : {}) })) };
}

function runsLength(list: Run[]): number {
  return list.reduce((sum, run) => sum + run.text.length, 0);
}

function block(b: LetterBlock): Content {
  switch (b.type) {
    case 'heading':
      return b.level === 1
        ? { ...runs(b.runs), fontSize: 13, bold: true, color: COLORS.accent, margin: [0, 10, 0, 8] }
        : { ...runs(b.runs), fontSize: 11, bold: true, margin: [0, 8, 0, 4] };
    case 'paragraph':
      return { ...runs(b.runs), alignment: b.align, margin: [0, 0, 0, 8] };
    case 'lines':
      return { stack: b.lines.map((line) => ({ ...runs(line), alignment: b.align })), unbreakable: true, margin: [0, 0, 0, 14] };
  }
}

function blocksContent(blocks: LetterBlock[]): Content[] {
  const content: Content[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const current = blocks[i]!;
    const next = blocks[i + 1];
    // A heading stays with the (short) paragraph that follows it.
    if (current.type === 'heading' && next && next.type === 'paragraph' && runsLength(next.runs) < 1500) {
      content.push({ stack: [block(current), block(next)], unbreakable: true });
      i++;
      continue;
    }
    content.push(block(current));
  }
  return content;
}

export async function letterPdf(l: LetterDocument): Promise<Uint8Array> {
  const doc = baseDocument({
    title: l.title,
    margins: [LETTER_SIDE, 57, LETTER_SIDE, 64],
    defaultStyle: { fontSize: 11, lineHeight: 1.3 },
    footer: (page, pages) =>
      pages > 1 ? { text: pageLabel(page, pages), alignment: 'right', fontSize: 8, color: COLORS.muted, margin: [LETTER_SIDE, 24, LETTER_SIDE, 0] } : null,
    content: blocksContent(l.blocks),
  });
  return renderPdf(doc, l.generated.at);
}
