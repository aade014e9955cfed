/**
 * Documents of a dossier: attaching a real PDF (native file input), finding it by a word of its text
 * in the full-text index, viewing it in the app (pdf.js canvas), downloading it byte for byte, and
 * the refusals (not a PDF, the same file twice) with a French message and nothing added.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { renderPdf } from '../../db/demo/pdf';
import { expect, test } from './fixtures';
import { ROOT } from './server';

/** A small real PDF (several pages) carrying a distinctive French word. */
function makePdf(word: string, marker: string): Buffer {
  return renderPdf({
    date: '2026-11-05',
    title: `Plan de ${word}`,
    author: 'Coopérative Terre d’Envol',
    subject: 'Plan de réaffectation',
    sender: ['Coopérative Terre d’Envol', 'Rue de Fer 12', '5000 Namur'],
    placeAndDate: 'Namur, le 05/11/2026',
    references: [['Objet :', `Plan de ${word} des travailleurs (${marker})`]],
    blocks: [
      { type: 'title', text: `Plan de ${word} des travailleurs` },
      ...Array.from({ length: 40 }, (_, i) => ({
        type: 'paragraph' as const,
        text: `Point ${i + 1}. La ${word} des postes de l’atelier de menuiserie vers la ressourcerie est prévue au premier trimestre, avec un accompagnement social renforcé et un plan de formation individuel.`,
      })),
    ],
    footer: 'Coopérative Terre d’Envol — BCE 0464.281.392',
  }).bytes;
}

/** The number of pages of a PDF written by the demo's writer (uncompressed: `/Type /Page` objects). */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

function dbOf(dir: string) {
  return new Database(join(dir, 'comes.sqlite'), { readonly: true, fileMustExist: true });
}

/** A demo dossier that already has documents: its id and how many. */
function dossierWithDocuments(dir: string): { id: number; count: number } {
  const db = dbOf(dir);
  try {
    return db.prepare('SELECT dossier_id AS id, count(*) AS count FROM documents GROUP BY dossier_id ORDER BY dossier_id LIMIT 1').get() as {
      id: number;
      count: number;
    };
  } finally {
    db.close();
  }
}

async function openDocuments(page: Page, url: string, dossierId: number) {
  await page.goto(`${url}#/dossiers/${dossierId}`);
  const section = page.locator('#section-documents');
  await expect(section.getByRole('heading', { name: 'Documents', exact: true })).toBeVisible();
  await expect(section.getByTestId('document-row').first()).toBeVisible();
  return section;
}

async function attach(page: Page, file: { name: string; buffer: Buffer }, title: string) {
  const section = page.locator('#section-documents');
  await section.getByRole('button', { name: 'Joindre un PDF' }).click();
  await section.getByLabel('Fichier PDF').setInputFiles({ name: file.name, mimeType: 'application/pdf', buffer: file.buffer });
  await section.getByLabel('Titre').fill(title);
  await section.getByLabel('Type de document').selectOption({ label: 'Annexe' });
  await section.getByLabel('Date du document (facultative)').fill('05/11/2026');
  await section.getByRole('button', { name: 'Joindre le document' }).click();
}

test.describe('Dossier documents', () => {
  test('attaches a PDF, indexes its text for search, views it in the app and downloads it byte for byte', async ({ page, freshDemo }) => {
    const { id, count } = dossierWithDocuments(freshDemo.dir);
    const pdf = makePdf('réaffectation', 'e2e-1');
    const section = await openDocuments(page, freshDemo.url, id);
    await expect(section.getByTestId('document-row')).toHaveCount(count);
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'dossier-documents.png'), fullPage: false });

    await attach(page, { name: 'plan_reaffectation.pdf', buffer: pdf }, 'Plan de réaffectation des travailleurs');
    await expect(section.getByRole('status')).toHaveText('Le document « Plan de réaffectation des travailleurs » a été joint au dossier.');
    await expect(section.getByTestId('document-row')).toHaveCount(count + 1);
    const row = section.getByTestId('document-row').filter({ hasText: 'Plan de réaffectation des travailleurs' });
    await expect(row).toContainText('Annexe');
    await expect(row).toContainText('05/11/2026');
    await expect(row).toContainText('plan_reaffectation.pdf');
    await expect(row).toContainText(/\d+ Ko/);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'dossier-documents-attached.png') });

    // The file is stored once under its hash, and its text is in the database's full-text index
    // (accents folded: « reaffectation » finds « réaffectation »).
    const db = dbOf(freshDemo.dir);
    try {
      const stored = db.prepare(`SELECT sha256, size_bytes AS size FROM documents WHERE title = 'Plan de réaffectation des travailleurs'`).get() as {
        sha256: string;
        size: number;
      };
      expect(stored.size).toBe(pdf.length);
      expect(readFileSync(join(freshDemo.dir, 'documents', stored.sha256.slice(0, 2), `${stored.sha256}.pdf`)).equals(pdf)).toBe(true);
      const hits = db
        .prepare(`SELECT dossier_id AS dossierId FROM search_index WHERE search_index MATCH 'reaffectation' AND source = 'document'`)
        .all() as { dossierId: number }[];
      expect(hits).toEqual([{ dossierId: id }]);
    } finally {
      db.close();
    }

    // Found by a word of its text through the Recherche screen, accents ignored; the result opens
    // the dossier at its Documents section.
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Recherche' }).click();
    await page.getByLabel('Rechercher dans les dossiers, notes, constats, documents et opérateurs').fill('reaffectation');
    const hit = page.locator('a.search-result[data-source="document"]').filter({ hasText: 'Plan de réaffectation des travailleurs' });
    await expect(hit).toHaveCount(1);
    await expect(hit.locator('mark').first()).toHaveText(/réaffectation/i);
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'search-document-hit.png') });
    await hit.click();
    await expect(page).toHaveURL(new RegExp(`#/dossiers/${id}\\?section=documents$`));
    await expect(row).toBeVisible();

    // The viewer: pdf.js draws the first page on a canvas; page navigation and zoom.
    await row.getByRole('button', { name: 'Consulter « Plan de réaffectation des travailleurs »' }).click();
    const viewer = page.getByRole('dialog', { name: 'Lecture du document « Plan de réaffectation des travailleurs »' });
    await expect(viewer).toBeVisible();
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    await expect(viewer.getByTestId('pdf-page-indicator')).toHaveText(`Page 1 sur ${pages}`);
    const canvas = viewer.getByTestId('pdf-canvas');
    await expect(canvas).toHaveAttribute('data-rendered-page', '1');
    const inked = await canvas.evaluate((element) => {
      const c = element as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark++;
      return dark;
    });
    expect(inked).toBeGreaterThan(1000);
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'document-viewer.png') });
    const width = (await canvas.boundingBox())!.width;
    await viewer.getByRole('button', { name: 'Agrandir' }).click();
    await expect(viewer.getByTestId('pdf-zoom')).toHaveText('125 %');
    await expect.poll(async () => Math.round((await canvas.boundingBox())!.width / width * 100)).toBe(125);
    await expect(viewer.getByRole('button', { name: /Page précédente/ })).toBeDisabled();
    for (let n = 2; n <= pages; n++) {
      await viewer.getByRole('button', { name: /Page suivante/ }).click();
      await expect(viewer.getByTestId('pdf-page-indicator')).toHaveText(`Page ${n} sur ${pages}`);
      await expect(canvas).toHaveAttribute('data-rendered-page', String(n));
    }
    await expect(viewer.getByRole('button', { name: /Page suivante/ })).toBeDisabled();
    // Escape closes the viewer and stays on the dossier.
    await page.keyboard.press('Escape');
    await expect(viewer).toBeHidden();
    await expect(section.getByRole('heading', { name: 'Documents', exact: true })).toBeVisible();

    // Download: the same bytes as the attached file.
    const downloading = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Télécharger « Plan de réaffectation des travailleurs »' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('plan_reaffectation.pdf');
    expect(readFileSync(await download.path()).equals(pdf)).toBe(true);
  });

  test('refuses a text file renamed .pdf and the same file twice, with a French message and nothing added', async ({ page, freshDemo }) => {
    const { id, count } = dossierWithDocuments(freshDemo.dir);
    const section = await openDocuments(page, freshDemo.url, id);

    await attach(page, { name: 'faux.pdf', buffer: Buffer.from('Ceci est un simple fichier texte, pas un PDF.\n') }, 'Faux document');
    await expect(section.getByRole('alert')).toHaveText(/Ce fichier n’est pas un PDF : seuls les documents PDF peuvent être joints\./);
    await expect(section.getByTestId('document-row')).toHaveCount(count);
    await section.getByRole('form').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(ROOT, 'screenshots', 'dossier-documents-refused.png') });
    await section.getByRole('button', { name: 'Annuler' }).click();

    const pdf = makePdf('réaffectation', 'e2e-2');
    await attach(page, { name: 'plan.pdf', buffer: pdf }, 'Plan, premier envoi');
    await expect(section.getByRole('status')).toContainText('a été joint au dossier');
    await expect(section.getByTestId('document-row')).toHaveCount(count + 1);

    await attach(page, { name: 'plan-copie.pdf', buffer: pdf }, 'Plan, second envoi');
    await expect(section.getByRole('alert')).toHaveText(
      'Ce fichier est déjà joint à ce dossier, sous le titre « Plan, premier envoi ». Il n’a pas été joint une seconde fois.',
    );
    await page.reload();
    await expect(section.getByTestId('document-row')).toHaveCount(count + 1);
    await expect(section.getByText('Plan, second envoi')).toHaveCount(0);

    const db = dbOf(freshDemo.dir);
    try {
      expect(db.prepare(`SELECT count(*) AS n FROM documents WHERE dossier_id = ?`).get(id)).toEqual({ n: count + 1 });
      expect(db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'document.attach'`).get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
