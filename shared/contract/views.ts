/**
 * Saved views of the Dossiers table: a name and the table's whole state (columns shown, their
 * order and widths, filters, sort and grouping), kept in the workspace (table saved_views).
 */
import { z } from 'zod';
import { DossierKind, DossierStatus, Scheme } from '../domain';
import { Id } from './common';
import { ComplianceFilter, DOSSIER_SORT_COLUMNS, DossierGrouping, DossierSortColumn } from './dossiers';

/** The table's columns: the sortable ones, then the compliance flags (not sortable). */
export const DOSSIER_COLUMNS = [...DOSSIER_SORT_COLUMNS, 'compliance'] as const;
export const DossierColumn = z.enum(DOSSIER_COLUMNS);
export type DossierColumn = z.infer<typeof DossierColumn>;

export const MIN_COLUMN_WIDTH = 60;
export const MAX_COLUMN_WIDTH = 1200;

export const ViewState = z
  .object({
    columns: z.object({
      /** Every column, in display order. */
      order: z.array(DossierColumn).max(DOSSIER_COLUMNS.length),
      hidden: z.array(DossierColumn).max(DOSSIER_COLUMNS.length - 1, { message: 'Au moins une colonne doit rester affichée.' }),
      /** Widths in pixels of the columns the user resized. */
      widths: z.partialRecord(DossierColumn, z.number().int().min(MIN_COLUMN_WIDTH).max(MAX_COLUMN_WIDTH)),
    }),
    filters: z.object({
      text: z.string().trim().max(200),
      schemes: z.array(Scheme).max(10),
      kinds: z.array(DossierKind).max(20),
      statuses: z.array(DossierStatus).max(20),
      /** Absent in views saved before the compliance checks existed. */
      compliance: z.array(ComplianceFilter).max(3).optional(),
    }),
    sort: z.object({ column: DossierSortColumn, direction: z.enum(['asc', 'desc']) }),
    groupBy: DossierGrouping.nullable(),
  })
  .strict();
export type ViewState = z.infer<typeof ViewState>;

export const ViewName = z
  .string()
  .trim()
  .min(1, { message: 'Donnez un nom à la vue.' })
  .max(80, { message: 'Le nom d’une vue compte au plus 80 caractères.' });

export const SavedView = z.object({
  id: Id,
  name: z.string(),
  state: ViewState,
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof SavedView>;

export const viewsContract = {
  'views.list': { input: z.object({}), output: z.object({ views: z.array(SavedView) }) },
  'views.create': { input: z.object({ name: ViewName, state: ViewState }), output: SavedView },
  /** Renames a view, or replaces its state by the table's current state, or both. */
  'views.update': {
    input: z.object({ id: Id, name: ViewName.optional(), state: ViewState.optional() }),
    output: SavedView,
  },
  'views.delete': { input: z.object({ id: Id }), output: z.object({ deleted: z.literal(true) }) },
} as const;
