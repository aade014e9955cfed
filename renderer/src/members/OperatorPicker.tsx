/**
 * Choosing an operator by typing part of its name or its BCE number (with or without dots): a
 * combobox over `operators.list` (full-text prefix search), ↑ ↓ to move, Entrée to choose,
 * Échap to close.
 */
import { useEffect, useId, useState } from 'react';
import type { OperatorListRow } from '../../../shared/contract';
import { call } from '../api/client';
import { useMemberMessages } from './messages';

export interface PickedOperator {
  id: number;
  name: string;
  bce: string;
}

const DEBOUNCE_MS = 180;

export function OperatorPicker({
  id,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  id: string;
  value: PickedOperator | null;
  onChange: (operator: PickedOperator | null) => void;
  invalid: boolean;
  describedBy: string | undefined;
}) {
  const m = useMemberMessages();
  const listId = useId();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<OperatorListRow[] | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (value || text.trim() === '') return;
    let live = true;
    const timer = setTimeout(() => {
      call('operators.list', { text: text.trim(), limit: 8 }).then(
        (data) => {
          if (!live) return;
          setRows(data.rows);
          setActive(0);
        },
        () => live && setRows([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, value]);

  if (value) {
    return (
      <div className="operator-picked" id={id} aria-describedby={describedBy} tabIndex={-1}>
        <span className="operator-picked-name">{value.name}</span>
        <span className="bce">{value.bce}</span>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            onChange(null);
            setText('');
            setRows(null);
          }}
        >
          {m.operatorChange}
        </button>
      </div>
    );
  }

  const shown = text.trim() === '' ? null : rows;
  const expanded = open && shown !== null;
  const choose = (row: OperatorListRow) => {
    onChange({ id: row.id, name: row.name, bce: row.bce });
    setOpen(false);
  };

  return (
    <div className="operator-picker">
      <input
        id={id}
        type="search"
        role="combobox"
        aria-label={m.operatorSearch}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && shown.length > 0 ? `${listId}-${active}` : undefined}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        placeholder={m.operatorPlaceholder}
        autoComplete="off"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (!shown || shown.length === 0) return;
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(shown.length - 1, i + 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((i) => Math.max(0, i - 1));
          } else if (event.key === 'Enter' && expanded) {
            event.preventDefault();
            const row = shown[active];
            if (row) choose(row);
          } else if (event.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      {expanded && (
        <ul className="operator-options" id={listId} role="listbox" aria-label={m.operatorResults}>
          {shown.length === 0 ? (
            <li className="operator-option-empty" role="presentation">
              {m.operatorNone}
            </li>
          ) : (
            shown.map((row, index) => (
              <li
                key={row.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'is-active' : undefined}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(row);
                }}
                onMouseEnter={() => setActive(index)}
              >
                <span className="operator-option-name">{row.name}</span>
                <span className="bce">{row.bce}</span>
                <span className="muted">{row.commune}</span>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
