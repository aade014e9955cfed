/**
 * Exports (issue 6): what a session's export dialog offers, and the export jobs. `exports.start`
 * refuses a bad request at once (nothing is produced); the file is then laid out in the background
 * and collected with `exports.status`.
 */
import { listClosingItems } from '../../db/queries/closing';
import { getExportSession, getMemberName, listHeldYears, sittingMembersOn } from '../../db/queries/exports';
import type { BackendContext } from '../context';
import { decisionsBlocked, lettersBlocked, packBlocked } from '../exports/data';
import { prepareExport } from '../exports/index';
import { exportJobs } from '../exports/jobs';
import { notFound } from '../errors';
import type { DomainHandlers } from '../rpc/registry';
import { workspaceMemberId } from '../visibility';

export const exportHandlers: DomainHandlers<BackendContext> = {
  'exports.start': (ctx, input) => {
    const prepared = prepareExport(ctx, input);
    const jobId = exportJobs.start(prepared, ctx.workspace.dir);
    return { jobId, title: prepared.title, filename: prepared.filename };
  },

  'exports.status': (ctx, { jobId }) => exportJobs.status(jobId, ctx.workspace.dir),

  'exports.cancel': (ctx, { jobId }) => ({ cancelled: exportJobs.cancel(jobId, ctx.workspace.dir) }),

  'exports.sessionOptions': (ctx, { sessionId }) => {
    const db = ctx.workspace.requireDb();
    const session = getExportSession(db, sessionId);
    if (!session) throw notFound('Séance');
    const status = ctx.workspace.status();
    const secretariat = status.state === 'ready' && status.profile === 'secretariat';
    const me = workspaceMemberId(db);
    const members = me !== null ? [{ id: me, name: getMemberName(db, me) ?? '' }] : secretariat ? sittingMembersOn(db, session.heldOn) : [];
    const items = listClosingItems(db, session.id);
    const blockedDecisions = secretariat ? decisionsBlocked(session, items) : 'Le relevé des avis est établi par le secrétariat.';
    const blockedLetters = secretariat ? lettersBlocked(session, items) : 'Les lettres d’avis sont établies par le secrétariat.';
    const letters =
      blockedLetters === null
        ? items
            .filter((i) => i.opinionId !== null)
            .map((i) => ({ dossierId: i.dossierId, number: i.number, reference: i.reference, operatorName: i.operatorName }))
        : [];
    return {
      session: { id: session.id, number: session.number, heldOn: session.heldOn, status: session.status },
      secretariat,
      decisionsBlocked: blockedDecisions,
      lettersBlocked: blockedLetters,
      letters,
      members,
      packBlocked: packBlocked(session, items),
    };
  },

  'exports.statsYears': (ctx) => {
    const db = ctx.workspace.requireDb();
    const current = Number(ctx.today().slice(0, 4));
    const years = new Set([current, ...listHeldYears(db)]);
    return { years: [...years].sort((a, b) => b - a) };
  },
};
