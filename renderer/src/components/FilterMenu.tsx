/**
 * A multi-select filter as a button and a small popover of checkboxes.
 * Closes on Escape (focus back on its button) and on a click outside.
 */
import { useEffect, useId, useRef, useState } from 'react';

interface FilterMenuProps<T extends string> {
  label: string;
  options: readonly T[];
  selected: readonly T[];
  labelOf: (value: T) => string;
  /** Shown on the button when nothing is selected (e.g. « Tous »). */
  allLabel: string;
  selectedLabel: (count: number) => string;
  onChange: (next: T[]) => void;
}

export function FilterMenu<T extends string>({
  label,
  options,
  selected,
  labelOf,
  allLabel,
  selectedLabel,
  onChange,
}: FilterMenuProps<T>) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [open]);

  const toggle = (value: T) => {
    const set = new Set(selected);
    if (set.has(value)) set.delete(value);
    else set.add(value);
    onChange(options.filter((option) => set.has(option)));
  };

  const summary =
    selected.length === 0 ? allLabel : selected.length === 1 ? labelOf(selected[0] as T) : selectedLabel(selected.length);

  return (
    <div
      className="filter-menu"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        type="button"
        ref={buttonRef}
        className={`filter-button${selected.length > 0 ? ' is-active' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="true"
        onClick={() => setOpen((value) => !value)}
      >
        <span className="filter-button-label">{label}</span>
        <span className="filter-button-value" title={selected.map(labelOf).join(', ') || undefined}>
          {summary}
        </span>
        <span className="filter-caret" aria-hidden="true" />
      </button>
      {open && (
        <div className="filter-panel" id={panelId} role="group" aria-label={label}>
          {options.map((option) => (
            <label key={option} className="filter-option">
              <input type="checkbox" checked={selected.includes(option)} onChange={() => toggle(option)} />
              <span>{labelOf(option)}</span>
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
