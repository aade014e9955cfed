/** Show, hide and reorder the Dossiers table's columns; restore the defaults. */
import type { DossierColumn } from '../../../shared/contract';
import { useI18n } from '../i18n';
import { DEFAULT_LAYOUT, type ColumnLayout } from './columnLayout';
import { Popover } from './Popover';
import { useTableMessages } from './tableMessages';

export function ColumnsMenu({ layout, onChange }: { layout: ColumnLayout; onChange: (next: ColumnLayout) => void }) {
  const { t } = useI18n();
  const m = useTableMessages();
  const label = (column: DossierColumn) => t.dossiers.columns[column];
  const shown = layout.order.length - layout.hidden.length;
  const changed = JSON.stringify(layout) !== JSON.stringify(DEFAULT_LAYOUT);

  const move = (index: number, by: -1 | 1) => {
    const order = [...layout.order];
    const [column] = order.splice(index, 1);
    if (!column) return;
    order.splice(index + by, 0, column);
    onChange({ ...layout, order });
  };

  return (
    <Popover
      testId="columns-menu"
      align="right"
      panelClassName="columns-panel"
      buttonClassName={changed ? 'is-active' : ''}
      label={<span className="filter-button-value">{m.columnsButton}</span>}
    >
      {() => (
        <>
          <p className="panel-title">{m.columnsTitle}</p>
          <ul className="columns-list">
            {layout.order.map((column, index) => {
              const visible = !layout.hidden.includes(column);
              const last = visible && shown === 1;
              return (
                <li key={column} className="columns-item">
                  <label className="filter-option" title={last ? m.lastColumn : undefined}>
                    <input
                      type="checkbox"
                      checked={visible}
                      disabled={last}
                      onChange={() =>
                        onChange({ ...layout, hidden: visible ? [...layout.hidden, column] : layout.hidden.filter((c) => c !== column) })
                      }
                    />
                    <span>{label(column)}</span>
                  </label>
                  <span className="columns-move">
                    <button type="button" className="icon-button" aria-label={m.moveUp(label(column))} title={m.moveUp(label(column))} disabled={index === 0} onClick={() => move(index, -1)}>
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={m.moveDown(label(column))}
                      title={m.moveDown(label(column))}
                      disabled={index === layout.order.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
          <div className="panel-footer">
            <button type="button" className="link-button" disabled={!changed} onClick={() => onChange(DEFAULT_LAYOUT)}>
              {m.resetColumns}
            </button>
          </div>
        </>
      )}
    </Popover>
  );
}
