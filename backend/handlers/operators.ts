/** Operators: the list, one operator's page, creating and editing (secretariat only). */
import { appendAudit } from '../../db/audit';
import {
  findOperatorByBce,
  getAuditOf,
  getOperatorAgrements,
  getOperatorDossiers,
  getOperatorFull,
  getOperatorReports,
  insertOperator,
  listOperators,
  updateOperator,
} from '../../db/queries/operators';
import { diffFields } from '../../db/queries/entry';
import { formatBce } from '../../shared/bce';
import type { AgrementStatusValue, OperatorDetail, OperatorListRow } from '../../shared/contract';
import type { AgrementScheme, DossierKind, DossierStatus, LegalForm, Province, Scheme, Term } from '../../shared/domain';
import type { BackendContext } from '../context';
import { AppError, notFound } from '../errors';
import type { DomainHandlers } from '../rpc/registry';
import { requireVisibleOperator, viewerOf } from '../visibility';
import { conflict, requireSecretariat, writeAndRefresh, writeTransaction } from './entry';

function duplicateBce(existing: { id: number; name: string }): AppError {
  const message = `Ce numéro d’entreprise est déjà enregistré pour l’opérateur « ${existing.name} ».`;
  return new AppError('CONFLICT', message, [{ path: 'bce', message }]);
}

export const operatorHandlers: DomainHandlers<BackendContext> = {
  'operators.list': (ctx, input) => {
    const { rows, total } = listOperators(ctx.workspace.requireDb(), input, viewerOf(ctx));
    return {
      total,
      rows: rows.map(
        (r): OperatorListRow => ({
          ...r,
          bce: formatBce(r.bce),
          legalForm: r.legalForm as LegalForm,
          province: r.province as Province,
          schemes: r.schemes as AgrementScheme[],
        }),
      ),
    };
  },

  'operators.get': (ctx, { id }) => {
    const db = ctx.workspace.requireDb();
    const operator = getOperatorFull(db, id);
    if (!operator) throw notFound('Opérateur');
    requireVisibleOperator(db, id);
    const detail: OperatorDetail = {
      ...operator,
      bce: formatBce(operator.bce),
      legalForm: operator.legalForm as LegalForm,
      province: operator.province as Province,
      socialEnterprise: operator.socialEnterprise === 1,
      agrements: getOperatorAgrements(db, id).map((a) => ({
        ...a,
        scheme: a.scheme as AgrementScheme,
        status: a.status as AgrementStatusValue,
        periods: a.periods.map((p) => ({ ...p, term: p.term as Term })),
      })),
      dossiers: getOperatorDossiers(db, id).map((d) => ({
        ...d,
        scheme: d.scheme as Scheme,
        kind: d.kind as DossierKind,
        status: d.status as DossierStatus,
      })),
      reports: getOperatorReports(db, id).map((r) => ({
        id: r.id,
        scheme: r.scheme as Scheme,
        year: r.year,
        dossierId: r.dossierId,
        receivedOn: r.receivedOn,
        figures: r.figures,
      })),
      history: getAuditOf(db, 'operator', id, 50),
    };
    return detail;
  },

  'operators.create': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    return writeTransaction(db, () => {
      const existing = findOperatorByBce(db, input.bce);
      if (existing) throw duplicateBce(existing);
      const id = insertOperator(db, input, new Date().toISOString());
      appendAudit(db, { actor, action: 'operator.create', entity: 'operator', entityId: id, changes: diffFields({}, { ...input }) });
      return { id };
    });
  },

  'operators.update': (ctx, { id, version, ...fields }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    // The BCE number, legal form and social-enterprise flag are facts of the compliance rules.
    return writeAndRefresh(ctx, db, id, () => {
      const before = getOperatorFull(db, id);
      if (!before) throw notFound('Opérateur');
      const existing = findOperatorByBce(db, fields.bce);
      if (existing && existing.id !== id) throw duplicateBce(existing);
      if (!updateOperator(db, id, version, fields, new Date().toISOString())) throw conflict('Cet opérateur');
      const changes = diffFields({ ...before, socialEnterprise: before.socialEnterprise === 1 }, { ...fields });
      appendAudit(db, { actor, action: 'operator.update', entity: 'operator', entityId: id, changes });
      return { id, version: version + 1 };
    });
  },
};
