import { formatBce } from '../../shared/bce';
import type { AgrementSummary, DossierHeader, OperatorSummary } from '../../shared/contract';
import { getDossier, getDossierSessions, listDossiers } from '../../db/queries/dossiers';
import { getAgrementWithCurrentPeriod, getOperator, type AgrementWithPeriod, type OperatorRow } from '../../db/queries/operators';
import { ensureComplianceFresh } from '../compliance';
import type { BackendContext } from '../context';
import { notFound } from '../errors';
import type { DomainHandlers } from '../rpc/registry';
import { requireVisible, viewerOf } from '../visibility';

/** An operator row as the contract shows it: BCE formatted, booleans as booleans. */
export function toOperatorSummary(operator: OperatorRow): OperatorSummary {
  return {
    id: operator.id,
    name: operator.name,
    bce: formatBce(operator.bce),
    legalForm: operator.legalForm as OperatorSummary['legalForm'],
    socialEnterprise: operator.socialEnterprise === 1,
    postcode: operator.postcode,
    commune: operator.commune,
    province: operator.province as OperatorSummary['province'],
    sector: operator.sector,
  };
}

/** An agrément with its latest period, as the contract shows it. */
export function toAgrementSummary(agrement: AgrementWithPeriod): AgrementSummary {
  return {
    id: agrement.id,
    scheme: agrement.scheme as AgrementSummary['scheme'],
    number: agrement.number,
    status: agrement.status,
    currentPeriod:
      agrement.startOn && agrement.term
        ? { startOn: agrement.startOn, endOn: agrement.endOn, term: agrement.term as NonNullable<AgrementSummary['currentPeriod']>['term'] }
        : null,
  };
}

export const dossierHandlers: DomainHandlers<BackendContext> = {
  'dossiers.list': (ctx, input) => {
    const db = ctx.workspace.requireDb();
    // The stored compliance results (flags column, « non conformes » filter) are those of today and the current rules.
    ensureComplianceFresh(ctx, db);
    return listDossiers(db, input, viewerOf(ctx));
  },

  'dossiers.get': (ctx, { id }) => {
    const db = ctx.workspace.requireDb();
    const dossier = getDossier(db, id);
    if (!dossier) throw notFound('Dossier');
    requireVisible(db, 'dossier', id);
    const operator = getOperator(db, dossier.operatorId);
    if (!operator) throw notFound('Opérateur');
    const agrement = dossier.agrementId ? getAgrementWithCurrentPeriod(db, dossier.agrementId) : undefined;
    const header: DossierHeader = {
      id: dossier.id,
      reference: dossier.reference,
      scheme: dossier.scheme,
      kind: dossier.kind,
      status: dossier.status,
      subject: dossier.subject,
      receivedOn: dossier.receivedOn,
      completeOn: dossier.completeOn,
      opinionDueOn: dossier.opinionDueOn,
      reportYear: dossier.reportYear,
      operator: toOperatorSummary(operator),
      agrement: agrement ? toAgrementSummary(agrement) : null,
      sessions: getDossierSessions(db, id) as DossierHeader['sessions'],
    };
    return header;
  },
};
