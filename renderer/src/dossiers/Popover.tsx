/** A button opening a small panel; closes on Escape (focus back on the button) and on a click outside. */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export function Popover({
  label,
  buttonClassName,
  panelClassName,
  align = 'left',
  children,
  onOpen,
  testId,
}: {
  label: ReactNode;
  buttonClassName?: string;
  panelClassName?: string;
  align?: 'left' | 'right';
  children: (close: () => void) => ReactNode;
  onOpen?: () => void;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  // A state, not a ref: `close` is handed to the panel's render function.
  const [button, setButton] = useState<HTMLButtonElement | null>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button?.focus();
  };

  return (
    <div
      className="filter-menu"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button
        type="button"
        ref={setButton}
        className={`filter-button ${buttonClassName ?? ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="true"
        data-testid={testId}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen((value) => !value);
        }}
      >
        {label}
        <span className="filter-caret" aria-hidden="true" />
      </button>
      {open && (
        <div className={`filter-panel ${panelClassName ?? ''}${align === 'right' ? ' is-right' : ''}`} id={panelId} role="group">
          {children(close)}
        </div>
      )}
    </div>
  );
}
