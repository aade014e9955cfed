/**
 * Data entry by the secretariat: agréments and periods, dossiers, activity-report figures,
 * inspections and findings. Every write:
 * - is refused (FORBIDDEN) in a member's workspace;
 * - is based on the version the user saw: a record changed meanwhile is refused (CONFLICT);
 * - runs in one transaction with its audit entry (who, when, field-level {from, to}).
 *
 * Audit entries of dossier data (the dossier itself, its report figures, its inspection and
 * findings) use entity 'dossier' and the dossier's id, so that the dossier's history shows them;
 * those of agréments and periods use entity 'operator' and the operator's id.
 */
import { appendAudit } from '../../db/audit';
import type { Db } from '../../db/open';
import {
  attachReport,
  diffFields,
  findAgrementByNumber,
  findReport,
  getAgrement,
  getDossierForEdit,
  getFinding,
  getFindings,
  getInspectionOfDossier,
  getPeriod,
  insertAgrement,
  insertDossier,
  insertFinding,
  insertInspection,
  insertPeriod,
  insertReport,
  nextDossierReference,
  updateAgrement,
  updateDossier,
  updateFinding,
  updateInspection,
  updatePeriod,
  updateReportFigures,
  type DossierWrite,
} from '../../db/queries/entry';
import { getAuditOf, getOperator, getReportOfDossier } from '../../db/queries/operators';
import { reportDueOn } from '../../shared/compliance';
import { reportFieldsOf } from '../../shared/contract';
import type { DossierKind, DossierStatus, FindingSeverity, OpinionOutcome, Scheme } from '../../shared/domain';
import { refreshOperatorCompliance } from '../compliance';
import type { BackendContext } from '../context';
import { AppError, notFound } from '../errors';
import { ruleBookOf } from '../rules';
import type { DomainHandlers } from '../rpc/registry';
import { requireVisible, requireVisibleOperator } from '../visibility';

/** Writes belong to the secretariat: a member's workspace is refused, whatever the UI shows. */
export function requireSecretariat(
  ctx: BackendContext,
  refusal = 'Seul le secrétariat peut modifier ces données. Cet espace de travail est celui d’un membre : les modifications y sont refusées.',
): Db {
  const db = ctx.workspace.requireDb();
  const status = ctx.workspace.status();
  if (status.state !== 'ready' || status.profile !== 'secretariat') throw new AppError('FORBIDDEN', refusal);
  return db;
}

export const conflict = (what: string) =>
  new AppError(
    'CONFLICT',
    `${what} a été modifié entre-temps (par exemple dans une autre fenêtre). Rechargez la page pour voir la version actuelle avant de le modifier.`,
  );

/** Runs `fn` in one transaction; a constraint refused by SQLite becomes a French BAD_INPUT, nothing written. */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  try {
    return db.transaction(fn)();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
      throw new AppError('BAD_INPUT', 'Ces données ne respectent pas les règles de l’espace de travail (dates ou valeurs incohérentes). Rien n’a été enregistré.');
    }
    throw error;
  }
}

/**
 * A data-entry write touching one operator: `fn` and the recomputation of that operator's
 * dossiers' compliance results run in one transaction, so that the Dossiers table's flags follow
 * the write, and a refused write leaves them as they were.
 */
export function writeAndRefresh<T>(ctx: BackendContext, db: Db, operatorId: number, fn: () => T): T {
  return writeTransaction(db, () => {
    const result = fn();
    refreshOperatorCompliance(ctx, db, operatorId);
    return result;
  });
}

const nowIso = () => new Date().toISOString();

function dossierOrFail(db: Db, id: number) {
  const dossier = getDossierForEdit(db, id);
  if (!dossier) throw notFound('Dossier');
  // Reading it for a form (member workspaces only read) follows the conflicts rule too.
  requireVisible(db, 'dossier', id);
  return dossier;
}

function checkAgrementOfOperator(db: Db, agrementId: number | null, operatorId: number, scheme: Scheme): void {
  if (agrementId === null) return;
  const agrement = getAgrement(db, agrementId);
  if (!agrement || agrement.operatorId !== operatorId) {
    throw new AppError('BAD_INPUT', 'Cet agrément n’appartient pas à l’opérateur du dossier.', [
      { path: 'fields.agrementId', message: 'Choisissez un agrément de cet opérateur.' },
    ]);
  }
  if (agrement.scheme !== scheme) {
    throw new AppError('BAD_INPUT', 'L’agrément choisi ne correspond pas au type d’agrément du dossier.', [
      { path: 'fields.agrementId', message: `Choisissez un agrément ${scheme} ou aucun.` },
    ]);
  }
}

function dossierWrite(fields: {
  agrementId: number | null;
  scheme: Scheme;
  kind: DossierKind;
  status: DossierStatus;
  subject: string;
  receivedOn: string;
  completeOn: string | null;
  opinionDueOn: string | null;
  reportYear: number | null;
  proposalOutcome: OpinionOutcome | null;
  proposalText: string | null;
}): DossierWrite {
  return { ...fields, proposalText: fields.proposalText === '' ? null : fields.proposalText };
}

export const entryHandlers: DomainHandlers<BackendContext> = {
  'agrements.save': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    if (!getOperator(db, input.operatorId)) throw notFound('Opérateur');
    const write = { scheme: input.scheme, number: input.number, status: input.status, firstGrantedOn: input.firstGrantedOn };
    return writeAndRefresh(ctx, db, input.operatorId, () => {
      const existingNumber = findAgrementByNumber(db, input.scheme, input.number);
      if (existingNumber && existingNumber.id !== input.id) {
        throw new AppError('CONFLICT', `Le numéro d’agrément ${input.scheme} ${input.number} est déjà attribué à « ${existingNumber.operatorName} ».`, [
          { path: 'number', message: `Ce numéro est déjà attribué à « ${existingNumber.operatorName} ».` },
        ]);
      }
      if (input.id === undefined) {
        const id = insertAgrement(db, input.operatorId, write);
        appendAudit(db, {
          actor,
          action: 'agrement.create',
          entity: 'operator',
          entityId: input.operatorId,
          changes: { agrementId: id, ...diffFields({}, write) },
        });
        return { id, version: 1 };
      }
      const before = getAgrement(db, input.id);
      if (!before || before.operatorId !== input.operatorId) throw notFound('Agrément');
      if (input.version === undefined || !updateAgrement(db, input.id, input.version, write)) throw conflict('Cet agrément');
      appendAudit(db, {
        actor,
        action: 'agrement.update',
        entity: 'operator',
        entityId: input.operatorId,
        changes: { agrementId: input.id, ...diffFields(before, write) },
      });
      return { id: input.id, version: input.version + 1 };
    });
  },

  'agrements.savePeriod': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const agrement = getAgrement(db, input.agrementId);
    if (!agrement) throw notFound('Agrément');
    const write = { startOn: input.startOn, endOn: input.endOn, term: input.term };
    return writeAndRefresh(ctx, db, agrement.operatorId, () => {
      if (input.id === undefined) {
        const id = insertPeriod(db, agrement.id, write);
        appendAudit(db, {
          actor,
          action: 'period.create',
          entity: 'operator',
          entityId: agrement.operatorId,
          changes: { agrementId: agrement.id, periodId: id, ...diffFields({}, write) },
        });
        return { id, version: 1 };
      }
      const before = getPeriod(db, input.id);
      if (!before || before.agrementId !== agrement.id) throw notFound('Période');
      if (input.version === undefined || !updatePeriod(db, input.id, input.version, write)) throw conflict('Cette période');
      appendAudit(db, {
        actor,
        action: 'period.update',
        entity: 'operator',
        entityId: agrement.operatorId,
        changes: { agrementId: agrement.id, periodId: input.id, ...diffFields(before, write) },
      });
      return { id: input.id, version: input.version + 1 };
    });
  },

  'dossiers.create': (ctx, { operatorId, fields }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    if (!getOperator(db, operatorId)) throw notFound('Opérateur');
    checkAgrementOfOperator(db, fields.agrementId, operatorId, fields.scheme);
    const write = dossierWrite(fields);
    return writeAndRefresh(ctx, db, operatorId, () => {
      const reference = nextDossierReference(db, fields.scheme, Number(fields.receivedOn.slice(0, 4)));
      const id = insertDossier(db, operatorId, reference, write, nowIso());
      appendAudit(db, {
        actor,
        action: 'dossier.create',
        entity: 'dossier',
        entityId: id,
        changes: { reference: { from: null, to: reference }, operatorId: { from: null, to: operatorId }, ...diffFields({}, { ...write }) },
      });
      return { id, reference };
    });
  },

  'dossiers.getForEdit': (ctx, { id }) => {
    const dossier = dossierOrFail(ctx.workspace.requireDb(), id);
    return {
      ...dossier,
      scheme: dossier.scheme as Scheme,
      kind: dossier.kind as DossierKind,
      status: dossier.status as DossierStatus,
      proposalOutcome: dossier.proposalOutcome as OpinionOutcome | null,
    };
  },

  'dossiers.update': (ctx, { id, version, fields }) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const before = dossierOrFail(db, id);
    checkAgrementOfOperator(db, fields.agrementId, before.operatorId, fields.scheme);
    const write = dossierWrite(fields);
    return writeAndRefresh(ctx, db, before.operatorId, () => {
      if (!updateDossier(db, id, version, write, nowIso())) throw conflict('Ce dossier');
      appendAudit(db, { actor, action: 'dossier.update', entity: 'dossier', entityId: id, changes: diffFields(before, write) });
      return { id, version: version + 1 };
    });
  },

  'reports.get': (ctx, { dossierId }) => {
    const db = ctx.workspace.requireDb();
    const dossier = dossierOrFail(db, dossierId);
    const report = getReportOfDossier(db, dossierId);
    return {
      dossier: {
        id: dossier.id,
        reference: dossier.reference,
        scheme: dossier.scheme as Scheme,
        kind: dossier.kind as DossierKind,
        reportYear: dossier.reportYear,
        operatorId: dossier.operatorId,
        operatorName: dossier.operatorName,
      },
      report: report ? { id: report.id, year: report.year, receivedOn: report.receivedOn, version: report.version, figures: report.figures } : null,
    };
  },

  'reports.save': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const dossier = dossierOrFail(db, input.dossierId);
    if (dossier.kind !== 'activity_report') {
      throw new AppError('BAD_INPUT', 'Seul un dossier de rapport d’activités porte des chiffres annuels.');
    }
    const scheme = dossier.scheme as Scheme;
    // Only the figures of the dossier's scheme are written; a figure absent from the input is unchanged.
    const figures: Record<string, number | null> = {};
    for (const field of reportFieldsOf(scheme)) {
      const value = (input.figures as Record<string, number | null | undefined>)[field.key];
      if (value !== undefined) figures[field.key] = value;
    }
    return writeAndRefresh(ctx, db, dossier.operatorId, () => {
      let report = getReportOfDossier(db, dossier.id);
      let created = false;
      if (!report) {
        if (input.version !== undefined) throw conflict('Ce rapport d’activités');
        if (dossier.reportYear === null) {
          throw new AppError('BAD_INPUT', 'Indiquez d’abord l’année du rapport dans le dossier.');
        }
        const existing = findReport(db, dossier.operatorId, scheme, dossier.reportYear);
        if (existing && existing.dossierId !== null) {
          throw new AppError('CONFLICT', `Les chiffres ${scheme} ${dossier.reportYear} de cet opérateur sont déjà liés à un autre dossier.`);
        }
        if (existing) attachReport(db, existing.id, dossier.id);
        else {
          // Due on the report day of the thresholds file (the regime in force on 31/12 of the year), as everywhere else.
          const dueOn = reportDueOn(ruleBookOf(ctx), scheme, dossier.reportYear);
          if (dueOn === null) {
            throw new AppError('BAD_INPUT', `Le fichier des seuils ne prévoit pas de rapport ${scheme} pour l’année ${dossier.reportYear} : échéance inconnue.`);
          }
          insertReport(
            db,
            {
              operatorId: dossier.operatorId,
              dossierId: dossier.id,
              scheme,
              year: dossier.reportYear,
              dueOn,
              receivedOn: dossier.receivedOn,
            },
            nowIso(),
          );
          created = true;
        }
        report = getReportOfDossier(db, dossier.id);
        if (!report) throw new Error('report vanished');
      } else if (input.version === undefined || input.version !== report.version) {
        throw conflict('Ce rapport d’activités');
      }
      const before = { ...report.figures, receivedOn: report.receivedOn };
      if (!updateReportFigures(db, report.id, report.version, figures, input.receivedOn, nowIso())) throw conflict('Ce rapport d’activités');
      appendAudit(db, {
        actor,
        action: created ? 'report.create' : 'report.update',
        entity: 'dossier',
        entityId: dossier.id,
        changes: { reportId: report.id, ...diffFields(before, { ...figures, receivedOn: input.receivedOn }) },
      });
      return { id: report.id, version: report.version + 1 };
    });
  },

  'inspections.get': (ctx, { dossierId }) => {
    const db = ctx.workspace.requireDb();
    const dossier = dossierOrFail(db, dossierId);
    const inspection = getInspectionOfDossier(db, dossierId);
    return {
      dossier: { id: dossier.id, reference: dossier.reference, operatorId: dossier.operatorId, operatorName: dossier.operatorName },
      inspection: inspection
        ? {
            id: inspection.id,
            inspectedOn: inspection.inspectedOn,
            inspector: inspection.inspector,
            scope: inspection.scope,
            conclusion: inspection.conclusion,
            version: inspection.version,
            findings: getFindings(db, inspection.id).map((f) => ({ ...f, severity: f.severity as FindingSeverity })),
          }
        : null,
    };
  },

  'inspections.save': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const dossier = dossierOrFail(db, input.dossierId);
    const write = { inspectedOn: input.inspectedOn, inspector: input.inspector, scope: input.scope, conclusion: input.conclusion };
    return writeAndRefresh(ctx, db, dossier.operatorId, () => {
      const before = getInspectionOfDossier(db, dossier.id);
      if (!before) {
        if (input.version !== undefined) throw conflict('Cette inspection');
        const id = insertInspection(db, dossier.operatorId, dossier.id, write, nowIso());
        appendAudit(db, { actor, action: 'inspection.create', entity: 'dossier', entityId: dossier.id, changes: { inspectionId: id, ...diffFields({}, write) } });
        return { id, version: 1 };
      }
      if (input.version === undefined || !updateInspection(db, before.id, input.version, write, nowIso())) throw conflict('Cette inspection');
      appendAudit(db, {
        actor,
        action: 'inspection.update',
        entity: 'dossier',
        entityId: dossier.id,
        changes: { inspectionId: before.id, ...diffFields(before, write) },
      });
      return { id: before.id, version: input.version + 1 };
    });
  },

  'findings.save': (ctx, input) => {
    const db = requireSecretariat(ctx);
    const actor = ctx.workspace.actor();
    const dossier = dossierOrFail(db, input.dossierId);
    if (input.resolvedOn !== null && input.resolvedOn > ctx.today()) {
      throw new AppError('BAD_INPUT', 'La date de résolution ne peut être dans le futur.', [
        { path: 'resolvedOn', message: 'La date de résolution ne peut être dans le futur.' },
      ]);
    }
    const write = { severity: input.severity, description: input.description, followUpDueOn: input.followUpDueOn, resolvedOn: input.resolvedOn };
    return writeAndRefresh(ctx, db, dossier.operatorId, () => {
      const inspection = getInspectionOfDossier(db, dossier.id);
      if (!inspection) throw new AppError('BAD_INPUT', 'Enregistrez d’abord l’inspection de ce dossier (date, inspecteur, objet).');
      if (input.id === undefined) {
        const id = insertFinding(db, inspection.id, write, nowIso());
        appendAudit(db, { actor, action: 'finding.create', entity: 'dossier', entityId: dossier.id, changes: { findingId: id, ...diffFields({}, write) } });
        return { id, version: 1 };
      }
      const before = getFinding(db, input.id);
      if (!before || before.inspectionId !== inspection.id) throw notFound('Constat');
      if (input.version === undefined || !updateFinding(db, input.id, input.version, write, nowIso())) throw conflict('Ce constat');
      appendAudit(db, { actor, action: 'finding.update', entity: 'dossier', entityId: dossier.id, changes: { findingId: input.id, ...diffFields(before, write) } });
      return { id: input.id, version: input.version + 1 };
    });
  },

  'entry.history': (ctx, { entity, entityId }) => {
    const db = ctx.workspace.requireDb();
    if (entity === 'operator') requireVisibleOperator(db, entityId);
    else requireVisible(db, 'dossier', entityId);
    return getAuditOf(db, entity, entityId);
  },
};

