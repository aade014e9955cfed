/**
 * What every DOCX of the exports shares: A4 pages, Arial (present on Windows; LibreOffice
 * substitutes the metric-compatible Liberation Sans), French (Belgium) as the proofing language,
 * sober heading styles (Title, Heading 1, Heading 2: real styles, listed in Word's navigation
 * pane), and a footer with « page x / y ».
 */
import { BorderStyle, Document, Footer, type IRunOptions, type IStylesOptions, Packer, PageNumber, Paragraph, type Table, TabStopType, TextRun } from 'docx';

export const FONT = 'Arial';

/**
 * French typography: a no-break space inside « » and before : ; ? !, after € and between digit
 * groups (« € 18 000,00 »), so that no line starts with a lone » or : nor splits an amount.
 */
export function frenchSpaces(text: string): string {
  return text
    .replace(/« /g, '«\u00A0')
    .replace(/ ([»:;?!%])/g, '\u00A0$1')
    .replace(/€ (?=\d)/g, '€\u00A0')
    .replace(/(\d) (?=\d{3}(?!\d))/g, '$1\u00A0');
}

/** A text run with French no-break spaces. */
export function textRun(options: string | (IRunOptions & { text: string })): TextRun {
  return typeof options === 'string' ? new TextRun(frenchSpaces(options)) : new TextRun({ ...options, text: frenchSpaces(options.text) });
}
/** Dark slate blue of headings: readable in black-and-white print. */
export const ACCENT = '1F3A5F';
export const MUTED = '595959';

/** A4 in twentieths of a point. */
const A4 = { width: 11906, height: 16838 };
/** 2 cm. */
const MARGIN = 1134;
export const CONTENT_WIDTH = A4.width - 2 * MARGIN;

export const stylesFor = (bodySize: number): IStylesOptions => ({
  default: {
    document: {
      run: { font: FONT, size: bodySize, language: { value: 'fr-BE' } },
      paragraph: { spacing: { after: 80, line: 264 } },
    },
    title: {
      run: { font: FONT, size: 32, bold: true, color: ACCENT },
      paragraph: { spacing: { before: 120, after: 160 } },
    },
    heading1: {
      run: { font: FONT, size: 26, bold: true, color: ACCENT },
      paragraph: {
        spacing: { before: 360, after: 120 },
        keepNext: true,
        keepLines: true,
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: ACCENT, space: 2 } },
      },
    },
    heading2: {
      run: { font: FONT, size: 22, bold: true, color: ACCENT },
      paragraph: { spacing: { before: 280, after: 100 }, keepNext: true, keepLines: true },
    },
  },
});

/** Footer: `left` text, and « page x / y » against the right margin. */
export function pageFooter(left: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6', space: 4 } },
        children: [
          new TextRun({ text: left, size: 16, color: MUTED }),
          new TextRun({ children: ['\tpage ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16, color: MUTED }),
        ],
      }),
    ],
  });
}

/** A4 portrait document of `children`, with the shared styles, packed to bytes. */
export async function packDocument(options: {
  title: string;
  description?: string;
  /** Body text size in half-points (20 = 10 pt). */
  bodySize?: number;
  footer: Footer;
  children: (Paragraph | Table)[];
}): Promise<Uint8Array> {
  const doc = new Document({
    title: options.title,
    ...(options.description ? { description: options.description } : {}),
    creator: 'Dossiers COMES',
    styles: stylesFor(options.bodySize ?? 20),
    // Word and LibreOffice stretch a justified line ending with a line break; letters have some.
    compatibility: { doNotExpandShiftReturn: true },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 },
          },
        },
        footers: { default: options.footer },
        children: options.children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
