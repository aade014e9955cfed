/**
 * A modal dialog on the native `<dialog>` element: the browser traps the focus inside it, Escape
 * closes it, and the focus goes back where it was when it closes.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';

export function Dialog({
  title,
  onClose,
  children,
  className,
  busy = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** While a write runs, Escape does not close the dialog. */
  busy?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  const busyRef = useRef(busy);
  useEffect(() => {
    closeRef.current = onClose;
    busyRef.current = busy;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      if (!busyRef.current) closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      previous?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={`dialog${className ? ` ${className}` : ''}`} aria-labelledby={titleId}>
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
      </header>
      {children}
    </dialog>
  );
}

/**
 * The write behind a dialog's form: `submit` runs it, keeps the dialog busy meanwhile, hands its
 * message to `onDone`, or keeps the refusal in `error` (shown beside its field) and lets the user fix it.
 */
export function useDialogWrite(write: () => Promise<string | null>, onDone: (message: string) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const message = await write();
      if (message === null) setBusy(false);
      else onDone(message);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return { busy, error, onSubmit: (event: FormEvent) => void submit(event) };
}

/** The dialog's buttons: dismiss (secondary) and the submit button, with an optional note on the left. */
export function DialogFooter({
  busy,
  onClose,
  closeLabel,
  note,
  children,
}: {
  busy: boolean;
  onClose: () => void;
  closeLabel: string;
  note?: ReactNode;
  children: ReactNode;
}) {
  return (
    <footer className="dialog-footer">
      {note && <p className="dialog-footer-note">{note}</p>}
      <button type="button" className="button button-secondary" onClick={onClose} disabled={busy}>
        {closeLabel}
      </button>
      {children}
    </footer>
  );
}
