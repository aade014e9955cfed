/**
 * Building blocks of the secretariat's forms: labelled fields with their inline error, the
 * workspace profile (forms are for the secretariat), typed numbers in Belgian notation, and a
 * one-shot notice carried to the next screen.
 */
import { useEffect, useId, useState, type ReactElement, type ReactNode } from 'react';
import type { Profile } from '../../../shared/domain';
import { RpcCallError, call } from '../api/client';
import { useEntryMessages } from './messages';

let profileCache: Profile | null = null;

/** The workspace's profile (null while unknown). Writes are also refused by the backend. */
export function useProfile(): Profile | null {
  const [profile, setProfile] = useState<Profile | null>(profileCache);
  useEffect(() => {
    let live = true;
    call('workspace.status', {}).then(
      (status) => {
        if (status.state !== 'ready') return;
        profileCache = status.profile;
        if (live) setProfile(status.profile);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return profile;
}

let flash: string | null = null;

/** A notice for the next screen (e.g. « Opérateur enregistré. » after creating one). */
export function setFlash(message: string): void {
  flash = message;
}

export function takeFlash(): string | null {
  const message = flash;
  flash = null;
  return message;
}

/** The error of one field from a refused call (`issueFor(path)`), if any. */
export function issueOf(error: unknown, ...paths: string[]): string | undefined {
  if (!(error instanceof RpcCallError)) return undefined;
  for (const path of paths) {
    const message = error.issueFor(path);
    if (message) return message;
  }
  return undefined;
}

export function Field({
  label,
  error,
  hint,
  children,
  className,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field entry-field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** The form-level outcome: the backend's French message on failure, a notice on success. */
export function FormOutcome({ error, saved }: { error: unknown; saved: string | null }) {
  const m = useEntryMessages();
  if (error) {
    return (
      <p className="form-error" role="alert">
        {!(error instanceof RpcCallError) || error.code === 'NETWORK' || error.code === 'BAD_RESPONSE'
          ? m.unexpected
          : error.code === 'BAD_INPUT' && error.issues.length > 0
            ? m.fixFields
            : error.message}
      </p>
    );
  }
  if (saved) {
    return (
      <p className="form-success" role="status">
        {saved}
      </p>
    );
  }
  return null;
}

/**
 * What every editing page shows before its form: the member's refusal, a failed load, or the
 * loading state. Null once the form can be shown. Callers write `if (gate || !data) return gate;`
 * so that TypeScript knows the data is there afterwards.
 */
export function entryGate(profile: Profile | null, error: unknown, ready: boolean, loadingLabel: string): ReactElement | null {
  const page = (content: ReactNode) => <section className="page page-entry">{content}</section>;
  if (profile === 'member') return page(<SecretariatOnly />);
  if (error) return page(<FormOutcome error={error} saved={null} />);
  if (!ready) {
    return page(
      <p className="page-status" role="status">
        <span className="spinner" aria-hidden="true" /> {loadingLabel}
      </p>,
    );
  }
  return null;
}

/** Shown instead of a form in a member's workspace. */
export function SecretariatOnly() {
  const m = useEntryMessages();
  return (
    <div className="notice" role="alert">
      <h1>{m.secretariatOnlyTitle}</h1>
      <p>{m.secretariatOnlyText}</p>
    </div>
  );
}

const SPACES = /[\s\u00a0\u202f€]/g;

/**
 * A number typed the Belgian way (`12,5`, `18 000,50`, `18.000,50`): the number, null when empty,
 * or the text itself when it is not a number, so that the backend refuses it naming the field.
 */
export function parseTyped(text: string): number | string | null {
  const compact = text.replace(SPACES, '').replace(/^−/, '-');
  if (compact === '') return null;
  const normalized = compact.includes(',') ? compact.replace(/\./g, '').replace(',', '.') : compact;
  return /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : text;
}

/** Euros typed → integer cents (more than two decimals stay fractional and are refused). */
export function parseEuros(text: string): number | string | null {
  const value = parseTyped(text);
  if (typeof value !== 'number') return value;
  const cents = value * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6 ? Math.round(cents) : cents;
}

/** A stored number shown for editing: decimal comma, no grouping. */
export function typedOf(value: number | null | undefined, kind: 'money' | 'number'): string {
  if (value === null || value === undefined) return '';
  if (kind === 'money') {
    const [units = '', decimals = ''] = (Math.abs(value) / 100).toFixed(2).split('.');
    return `${value < 0 ? '-' : ''}${units.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${decimals}`;
  }
  return String(value).replace('.', ',');
}

/** `<input type="date">` value ↔ ISO date or null. */
export const dateOrNull = (value: string): string | null => (value === '' ? null : value);

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHOWN = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** `dd/mm/yyyy` typed → ISO; empty → ''; anything else is returned as typed (refused by the backend). */
export function isoOfShown(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const match = SHOWN.exec(trimmed);
  if (!match) return trimmed;
  const [, d = '', mo = '', y = ''] = match;
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : trimmed;
}

/** A date typed the Belgian way (jj/mm/aaaa), whatever the browser's own date widget would show. */
export function DateInput({
  value,
  onValue,
  disabled,
  ...props
}: {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  value: string;
  onValue: (isoOrTyped: string) => void;
  disabled?: boolean;
}) {
  const [text, setText] = useState(() => {
    const match = ISO.exec(value);
    return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
  });
  return (
    <input
      {...props}
      type="text"
      inputMode="numeric"
      className="input-date"
      placeholder="jj/mm/aaaa"
      maxLength={10}
      disabled={disabled}
      value={disabled ? '' : text}
      onChange={(event) => {
        setText(event.target.value);
        onValue(isoOfShown(event.target.value));
      }}
    />
  );
}
