/**
 * The Dossiers table's column layout (order, hidden columns, widths set by the user): kept in
 * the browser's storage so that it survives a reload, and saved with a view in the workspace.
 */
import { DOSSIER_COLUMNS, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, ViewState, type DossierColumn } from '../../../shared/contract';

export type ColumnLayout = ViewState['columns'];

const STORAGE_KEY = 'comes.dossiers.columns';

export const DEFAULT_LAYOUT: ColumnLayout = { order: [...DOSSIER_COLUMNS], hidden: [], widths: {} };

/** Any layout made complete: every column once, known columns only, at least one shown. */
export function normalizeLayout(layout: ColumnLayout): ColumnLayout {
  const order = [...new Set(layout.order.filter((c) => (DOSSIER_COLUMNS as readonly string[]).includes(c)))];
  for (const column of DOSSIER_COLUMNS) if (!order.includes(column)) order.push(column);
  const hidden = DOSSIER_COLUMNS.filter((c) => layout.hidden.includes(c));
  const widths: ColumnLayout['widths'] = {};
  for (const [column, width] of Object.entries(layout.widths) as [DossierColumn, number][]) {
    if ((DOSSIER_COLUMNS as readonly string[]).includes(column) && Number.isFinite(width)) {
      widths[column] = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
    }
  }
  return { order, hidden: hidden.length < DOSSIER_COLUMNS.length ? hidden : [], widths };
}

function read(): ColumnLayout {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return DEFAULT_LAYOUT;
    const parsed = ViewState.shape.columns.safeParse(JSON.parse(raw));
    return parsed.success ? normalizeLayout(parsed.data) : DEFAULT_LAYOUT;
  } catch {
    return DEFAULT_LAYOUT;
  }
}

let layout: ColumnLayout | null = null;
const listeners = new Set<() => void>();

export const columnLayout = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get(): ColumnLayout {
    if (!layout) layout = read();
    return layout;
  },
  set(next: ColumnLayout): void {
    layout = normalizeLayout(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(layout));
    } catch {
      // Storage full or unavailable: the layout still holds until the app closes.
    }
    for (const listener of listeners) listener();
  },
};
