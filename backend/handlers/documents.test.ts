import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bceFromBase } from '../../shared/bce';
import { MAX_DOCUMENT_BYTES } from '../../shared/contract/documents';
import { renderPdf } from '../../db/demo/pdf';
import { LIST_DOCUMENTS_SQL } from '../../db/queries/documents';
import { createDispatcher } from '../rpc/registry';
import { documentHandlers } from './documents';
import { Workspace } from '../workspace';
import type { Dispatcher } from '../rpc/registry';

let dir: string;
let workspace: Workspace;
let backend: Dispatcher;
let dossierId: number;
let otherDossierId: number;

function pdf(text: string): Buffer {
  return renderPdf({
    date: '2026-11-02',
    title: 'Courrier',
    author: 'Coopérative test',
    subject: 'Test',
    sender: ['Coopérative test'],
    placeAndDate: 'Namur, le 02/11/2026',
    references: [],
    blocks: [{ type: 'paragraph', text }],
    footer: 'Pied de page',
  }).bytes;
}

async function call(method: string, input: unknown) {
  return backend.dispatch(method, input);
}

function files(): string[] {
  const root = workspace.documentsDir;
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function count(sql: string, ...params: unknown[]): number {
  return (workspace.requireDb().prepare(sql).get(...params) as { n: number }).n;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comes-docs-'));
  workspace = new Workspace(dir);
  const db = workspace.create('secretariat', 'Secrétariat de la COMES');
  const now = '2026-11-01T09:00:00.000Z';
  const op = db
    .prepare(
      `INSERT INTO operators (bce, name, legal_form, social_enterprise, postcode, commune, province, sector, created_at, updated_at)
       VALUES (?, 'Coopérative test', 'SC', 1, '5000', 'Namur', 'NA', 'ressourcerie', ?, ?)`,
    )
    .run(bceFromBase('04642813'), now, now).lastInsertRowid;
  const add = (reference: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO dossiers (reference, operator_id, scheme, kind, status, subject, received_on, created_at, updated_at)
           VALUES (?, ?, 'EI', 'agrement', 'received', 'Demande', '2026-10-01', ?, ?)`,
        )
        .run(reference, op, now, now).lastInsertRowid,
    );
  dossierId = add('EI-2026-001');
  otherDossierId = add('EI-2026-002');
  backend = createDispatcher({ workspace, today: () => '2026-11-22' }, { documents: documentHandlers }, { requireAll: false });
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('documents', () => {
  it('attaches a PDF: file stored by hash, row listed, text indexed for accent-insensitive search, audit entry', async () => {
    const bytes = pdf('Le plan de réaffectation des travailleurs est joint.');
    const result = await call('documents.attach', {
      dossierId,
      title: 'Plan de réaffectation',
      kind: 'annex',
      documentDate: '2026-11-02',
      filename: 'plan.PDF',
      contentBase64: bytes.toString('base64'),
    });
    expect(result).toMatchObject({ ok: true, data: { title: 'Plan de réaffectation', kind: 'annex', filename: 'plan.pdf', sizeBytes: bytes.length } });
    const stored = files();
    expect(stored).toHaveLength(1);
    const sha = (result as { data: { sha256: string; id: number } }).data.sha256;
    expect(stored[0]).toBe(join(workspace.documentsDir, sha.slice(0, 2), `${sha}.pdf`));
    expect(readFileSync(stored[0]!).equals(bytes)).toBe(true);

    const hits = workspace
      .requireDb()
      .prepare(`SELECT source, dossier_id AS dossierId FROM search_index WHERE search_index MATCH 'reaffectation' AND source = 'document'`)
      .all();
    expect(hits).toEqual([{ source: 'document', dossierId }]);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE action = 'document.attach'`)).toBe(1);

    const list = await call('documents.list', { dossierId });
    expect(list).toMatchObject({ ok: true, data: [{ title: 'Plan de réaffectation', documentDate: '2026-11-02' }] });
    const content = await call('documents.content', { id: (result as { data: { id: number } }).data.id });
    expect(content).toMatchObject({ ok: true, data: { filename: 'plan.pdf', mediaType: 'application/pdf' } });
    expect(Buffer.from((content as { data: { contentBase64: string } }).data.contentBase64, 'base64').equals(bytes)).toBe(true);
  });

  it('stores the same file once for two dossiers, and refuses it twice on the same dossier in French', async () => {
    const content = pdf('Même fichier.').toString('base64');
    const input = { title: 'Courrier', kind: 'correspondence', filename: 'courrier.pdf', contentBase64: content };
    expect((await call('documents.attach', { ...input, dossierId })).ok).toBe(true);
    expect((await call('documents.attach', { ...input, dossierId: otherDossierId })).ok).toBe(true);
    expect(files()).toHaveLength(1);
    const again = await call('documents.attach', { ...input, dossierId, title: 'Autre titre' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((again as { error: { message: string } }).error.message).toMatch(/déjà joint à ce dossier/);
    expect(count('SELECT count(*) AS n FROM documents')).toBe(2);
  });

  it('refuses a text file renamed .pdf, a broken PDF, a missing title and an oversized file; nothing written', async () => {
    const before = count('SELECT count(*) AS n FROM audit_log');
    const txt = await call('documents.attach', {
      dossierId, title: 'Faux', kind: 'annex', filename: 'faux.pdf', contentBase64: Buffer.from('Bonjour, ceci est du texte.').toString('base64'),
    });
    expect(txt).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect((txt as { error: { message: string } }).error.message).toMatch(/n’est pas un PDF/);
    const broken = await call('documents.attach', {
      dossierId, title: 'Cassé', kind: 'annex', filename: 'casse.pdf', contentBase64: Buffer.from('%PDF-1.4\n garbage').toString('base64'),
    });
    expect(broken).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect((broken as { error: { message: string } }).error.message).toMatch(/endommagé ou illisible/);
    const untitled = await call('documents.attach', { dossierId, title: '  ', kind: 'annex', filename: 'a.pdf', contentBase64: pdf('x').toString('base64') });
    expect(untitled).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', issues: [{ path: 'title', message: 'Indiquez le titre du document.' }] } });
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 32);
    big.write('%PDF-1.4', 0, 'latin1');
    const tooBig = await call('documents.attach', { dossierId, title: 'Gros', kind: 'annex', filename: 'gros.pdf', contentBase64: big.toString('base64') });
    expect(tooBig).toMatchObject({ ok: false });
    expect(JSON.stringify(tooBig)).toMatch(/25 Mo/);
    expect(files()).toEqual([]);
    expect(count('SELECT count(*) AS n FROM documents')).toBe(0);
    expect(count('SELECT count(*) AS n FROM audit_log')).toBe(before);
  });

  it('lists a dossier’s documents through an index on dossier_id', () => {
    const plan = workspace.requireDb().prepare('EXPLAIN QUERY PLAN ' + LIST_DOCUMENTS_SQL).all(dossierId) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH documents USING INDEX \S+ \(dossier_id=\?\)/);
  });

  it('refuses an attachment from a member’s workspace: only the secretariat registers documents, nothing written', async () => {
    workspace.requireDb().prepare(`UPDATE meta SET value = 'member' WHERE key = 'profile'`).run();
    const result = await call('documents.attach', {
      dossierId,
      title: 'Note du membre',
      kind: 'annex',
      filename: 'note.pdf',
      contentBase64: pdf('Texte du membre').toString('base64'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Seul le secrétariat') } });
    expect(files()).toEqual([]);
    expect(workspace.requireDb().prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 0 });
  });

  it('refuses a dossier that does not exist', async () => {
    const result = await call('documents.attach', { dossierId: 999, title: 'x', kind: 'annex', filename: 'a.pdf', contentBase64: pdf('x').toString('base64') });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(files()).toEqual([]);
  });
});
