/**
 * One export request → one file. `prepareExport` checks who asks and what, and gathers the data
 * at once (a refusal comes before anything is laid out); the returned job lays the document out
 * unit by unit (each letter, each format), reporting progress and honouring cancellation. The UI
 * runs it as a background job (jobs.ts); the CLI runs it to its end and writes the file (files.ts).
 */
import type { Db } from '../../db/open';
import { getMemberName } from '../../db/queries/exports';
import type { ExportRequest } from '../../shared/contract';
import type { BackendContext } from '../context';
import { AppError, notFound } from '../errors';
import { requireSecretariat } from '../handlers/entry';
import { workspaceMemberId } from '../visibility';
import { decisionSummaryOf, letterSourcesOf, memberPackOf, yearStatsOf } from './data';
import { decisionsCsv } from './decisionsCsv';
import { decisionsDocx } from './docx/decisions';
import { letterDocx } from './docx/letter';
import { checkpoint, type PreparedExport } from './jobs';
import { slug } from './labels';
import { MEDIA_TYPES } from './model';
import { decisionsPdf } from './pdf/decisions';
import { letterPdf } from './pdf/letter';
import { memberPackPdf } from './pdf/memberPack';
import { statsPdf } from './pdf/stats';
import { fillLetter, loadLetterTemplate, TemplateError, type LetterTemplate } from './template';
import { decisionsXlsx } from './xlsx/decisions';
import { statsXlsx } from './xlsx/stats';
import { zipFiles } from './zip';

const FORMAT_NAMES = { pdf: 'PDF', docx: 'Word', xlsx: 'Excel', csv: 'CSV' } as const;

const requireSecretariatWorkspace = (ctx: BackendContext, what: string): Db =>
  requireSecretariat(ctx, `${what} est établi par le secrétariat : cet espace de travail est celui d’un membre.`);

function templateOrFail(): LetterTemplate {
  try {
    return loadLetterTemplate();
  } catch (error) {
    if (error instanceof TemplateError) throw new AppError('BAD_INPUT', error.message);
    throw error;
  }
}

/** The member whose pack is asked: in a member's workspace, always that member. */
function packMember(db: Db, asked: number | undefined): { id: number; name: string } {
  const me = workspaceMemberId(db);
  if (me !== null && asked !== undefined && asked !== me) {
    throw new AppError('FORBIDDEN', 'Dans votre espace de travail, seul votre propre dossier de préparation peut être produit.');
  }
  const id = me ?? asked;
  if (id === undefined) throw new AppError('BAD_INPUT', 'Choisissez le membre dont il faut produire le dossier de préparation.', [{ path: 'memberId', message: 'Choisissez un membre.' }]);
  const name = getMemberName(db, id);
  if (name === null) throw notFound('Membre');
  return { id, name };
}

export function prepareExport(ctx: BackendContext, request: ExportRequest, now: Date = new Date()): PreparedExport {
  switch (request.kind) {
    case 'decisions': {
      const db = requireSecretariatWorkspace(ctx, 'Le relevé des avis');
      const summary = decisionSummaryOf(db, request.sessionId, now);
      const { format } = request;
      const filename = `releve-avis-seance-${summary.session.number}.${format}`;
      return {
        title: `Relevé des avis — séance n° ${summary.session.number} (${FORMAT_NAMES[format]})`,
        filename,
        total: 1,
        async run(progress, token) {
          progress(0, 'Mise en page du relevé…');
          await checkpoint(token);
          const bytes =
            format === 'pdf'
              ? await decisionsPdf(summary)
              : format === 'docx'
                ? await decisionsDocx(summary)
                : format === 'xlsx'
                  ? await decisionsXlsx(summary)
                  : decisionsCsv(summary);
          await checkpoint(token);
          progress(1, 'Terminé');
          return { filename, mediaType: MEDIA_TYPES[format], bytes };
        },
      };
    }

    case 'letters':
    case 'letter': {
      const db = requireSecretariatWorkspace(ctx, 'La lettre d’avis');
      const template = templateOrFail();
      const { session, letters } = letterSourcesOf(db, request.sessionId, ctx.today(), request.kind === 'letter' ? request.dossierId : undefined);
      const { format } = request;
      const render = format === 'pdf' ? letterPdf : letterDocx;
      const letterName = (reference: string) => `lettre-avis-${slug(reference)}.${format}`;
      const generated = { at: now.toISOString(), label: '' };
      const fill = (values: (typeof letters)[number]) =>
        fillLetter(template, values.values, { ...generated, label: values.values.date }, `Avis de la commission — ${values.reference}`);
      if (request.kind === 'letter') {
        const [only] = letters;
        if (!only) throw notFound('Dossier');
        const filename = letterName(only.reference);
        return {
          title: `Lettre d’avis — ${only.reference} (${FORMAT_NAMES[format]})`,
          filename,
          total: 1,
          async run(progress, token) {
            progress(0, `Lettre ${only.reference}…`);
            await checkpoint(token);
            const bytes = await render(fill(only));
            progress(1, 'Terminé');
            return { filename, mediaType: MEDIA_TYPES[format], bytes };
          },
        };
      }
      const filename = `lettres-avis-seance-${session.number}-${format}.zip`;
      return {
        title: `Lettres d’avis — séance n° ${session.number} (${letters.length} ${format.toUpperCase()} en ZIP)`,
        filename,
        total: letters.length + 1,
        async run(progress, token) {
          const files: { name: string; bytes: Uint8Array }[] = [];
          for (const [index, letter] of letters.entries()) {
            progress(index, `Lettre ${index + 1} sur ${letters.length} — ${letter.reference}`);
            await checkpoint(token);
            files.push({ name: `${String(letter.number).padStart(2, '0')}-${letterName(letter.reference)}`, bytes: await render(fill(letter)) });
          }
          progress(letters.length, 'Création de l’archive ZIP…');
          await checkpoint(token);
          const bytes = zipFiles(files);
          progress(letters.length + 1, 'Terminé');
          return { filename, mediaType: MEDIA_TYPES.zip, bytes };
        },
      };
    }

    case 'memberPack': {
      const db = ctx.workspace.requireDb();
      const member = packMember(db, request.memberId);
      const pack = memberPackOf(ctx, db, request.sessionId, member, now);
      const filename = `dossier-preparation-seance-${pack.session.number}-${slug(member.name)}.pdf`;
      return {
        title: `Dossier de préparation — séance n° ${pack.session.number} — ${member.name}`,
        filename,
        total: 1,
        async run(progress, token) {
          progress(0, `Mise en page de ${pack.items.length} dossier${pack.items.length > 1 ? 's' : ''}…`);
          await checkpoint(token);
          const bytes = await memberPackPdf(pack);
          progress(1, 'Terminé');
          return { filename, mediaType: MEDIA_TYPES.pdf, bytes };
        },
      };
    }

    case 'stats': {
      const db = requireSecretariatWorkspace(ctx, 'Le rapport statistique');
      const stats = yearStatsOf(db, request.year, now);
      const { format } = request;
      const filename = `statistiques-comes-${stats.year}.${format}`;
      return {
        title: `Statistiques ${stats.year} (${FORMAT_NAMES[format]})`,
        filename,
        total: 1,
        async run(progress, token) {
          progress(0, 'Mise en page des statistiques…');
          await checkpoint(token);
          const bytes = format === 'pdf' ? await statsPdf(stats) : await statsXlsx(stats);
          progress(1, 'Terminé');
          return { filename, mediaType: MEDIA_TYPES[format], bytes };
        },
      };
    }
  }
}
