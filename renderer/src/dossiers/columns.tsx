/**
 * The Dossiers table's columns (TanStack Table v9). Sorting is server-side: the table only owns
 * the sorting state's shape and header interactions; the rows arrive already sorted. Column
 * visibility, order and sizing are TanStack states fed from the column layout (columnLayout.ts):
 * a column the user resized gets its width in pixels, the others keep their default track.
 */
import {
  columnOrderingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { DossierRow } from '../../../shared/contract';
import { FlagsCell } from '../compliance/FlagsCell';
import { StatusBadge } from '../components/StatusBadge';
import type { Messages } from '../i18n/fr';
import { formatDate, formatInteger } from '../i18n/format';

export interface DossierColumnMeta {
  /**
   * CSS grid track of the column. Fixed tracks fit their longest label in both locales, measured
   * in Chromium with styles.css (status badge 169 px, kind 154 px, reference 136 px, session 160 px,
   * compliance flags 3 pills 112 px)
   * plus the cell padding; the operator's name takes what is left, cut with an ellipsis.
   */
  width: string;
  className?: string;
}

export const features = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
  columnSizingFeature,
  columnMeta: metaHelper<DossierColumnMeta>(),
});

const helper = createColumnHelper<typeof features, DossierRow>();

/** Built once per locale (stable between renders, as the table requires). */
export function buildColumns(t: Messages) {
  const c = t.dossiers.columns;
  return helper.columns([
    helper.accessor('reference', {
      id: 'reference',
      sortDescFirst: false,
      header: c.reference,
      meta: { width: '11.75rem', className: 'cell-reference' },
      cell: (info) => <span title={info.getValue()}>{info.getValue()}</span>,
    }),
    helper.accessor('operatorName', {
      id: 'operator',
      sortDescFirst: false,
      header: c.operator,
      meta: { width: 'minmax(14rem, 2.6fr)', className: 'cell-operator' },
      cell: (info) => <span title={info.getValue()}>{info.getValue()}</span>,
    }),
    helper.accessor('scheme', {
      id: 'scheme',
      sortDescFirst: false,
      header: c.scheme,
      meta: { width: '7.75rem', className: 'cell-scheme' },
      cell: (info) => (
        <abbr className="scheme-code" title={t.enums.scheme[info.getValue()]}>
          {info.getValue()}
        </abbr>
      ),
    }),
    helper.accessor('kind', {
      id: 'kind',
      sortDescFirst: false,
      header: c.kind,
      meta: { width: 'minmax(13rem, 1fr)' },
      cell: (info) => <span title={t.enums.kind[info.getValue()]}>{t.enums.kind[info.getValue()]}</span>,
    }),
    helper.accessor('status', {
      id: 'status',
      sortDescFirst: false,
      header: c.status,
      meta: { width: '14.25rem' },
      cell: (info) => <StatusBadge status={info.getValue()} />,
    }),
    helper.accessor('receivedOn', {
      id: 'receivedOn',
      header: c.receivedOn,
      sortDescFirst: true,
      meta: { width: '8rem', className: 'cell-date' },
      cell: (info) => <span>{formatDate(info.getValue())}</span>,
    }),
    helper.accessor((row) => (row.sessionNumber === null ? null : { number: row.sessionNumber, date: row.sessionDate }), {
      id: 'session',
      header: c.session,
      sortDescFirst: true,
      meta: { width: '13.5rem', className: 'cell-session' },
      cell: (info) => {
        const session = info.getValue();
        if (!session) {
          return (
            <span className="muted" title={t.dossiers.noSession}>
              —
            </span>
          );
        }
        const label = t.dossiers.session(formatInteger(session.number), formatDate(session.date));
        return <span title={label}>{label}</span>;
      },
    }),
    helper.accessor('compliance', {
      id: 'compliance',
      header: c.compliance,
      // The flags are filtered on (« Conformité » menu), not sorted on.
      enableSorting: false,
      meta: { width: '8.5rem', className: 'cell-compliance' },
      cell: (info) => <FlagsCell summary={info.getValue()} />,
    }),
  ]);
}

export type DossierColumns = ReturnType<typeof buildColumns>;
