/**
 * The two dialogs of the session page: adding ready dossiers to the agenda (search, checkboxes)
 * and editing an item (rapporteur, hearing time, the administration's proposal).
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AgendaCandidate, AgendaItem } from '../../../shared/contract';
import { OPINION_OUTCOMES, type OpinionOutcome } from '../../../shared/domain';
import { call, RpcCallError } from '../api/client';
import { FlagsCell } from '../compliance/FlagsCell';
import { useReviewMessages } from '../dossiers/messages';
import { errorMessage, useI18n } from '../i18n';
import { formatDate } from '../i18n/format';
import { useAgendaMessages } from './agendaMessages';

/** A modal `<dialog>`: opened on mount, Escape or the close button call `onClose`. */
function Modal({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const m = useAgendaMessages();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'sp-dialog sp-dialog-wide' : 'sp-dialog'}
      aria-labelledby="sp-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="sp-dialog-header">
        <h2 id="sp-dialog-title">{title}</h2>
        <button type="button" className="link-button" onClick={onClose} aria-label={m.close}>
          ✕
        </button>
      </header>
      {children}
    </dialog>
  );
}

export function AddDossiersDialog({ sessionId, onClose, onAdded }: { sessionId: number; onClose: () => void; onAdded: (count: number) => void }) {
  const m = useAgendaMessages();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<AgendaCandidate[] | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      call('agenda.candidates', { sessionId, ...(text.trim() ? { text: text.trim() } : {}) }).then(
        (result) => live && setRows(result),
        (e: unknown) => live && setError(errorMessage(e, t)),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [sessionId, text, t]);

  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (selected.size === 0) return;
    setSaving(true);
    setError(null);
    try {
      const { added } = await call('agenda.add', { sessionId, dossierIds: [...selected] });
      onAdded(added);
    } catch (e) {
      setError(errorMessage(e, t));
      setSaving(false);
    }
  };

  return (
    <Modal title={m.addTitle} onClose={onClose} wide>
      <form onSubmit={(e) => void submit(e)} className="sp-dialog-body">
        <p className="muted">{m.addIntro}</p>
        <label className="field sp-search">
          <span className="visually-hidden">{m.search}</span>
          <input type="search" placeholder={m.search} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
        </label>
        <div className="sp-candidates" role="group" aria-label={m.addTitle}>
          {rows === null && !error && <p className="muted">{m.search}…</p>}
          {rows?.length === 0 && <p className="muted">{m.noCandidates}</p>}
          {rows && rows.length > 0 && (
            <table className="sp-candidate-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">✓</span>
                  </th>
                  <th scope="col">{m.colReference}</th>
                  <th scope="col">{m.colOperator}</th>
                  <th scope="col">{m.colKind}</th>
                  <th scope="col">{m.colSection}</th>
                  <th scope="col">{m.compliance}</th>
                  <th scope="col">{m.colReceived}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className={selected.has(row.id) ? 'is-selected' : undefined} onClick={() => toggle(row.id)}>
                    <td>
                      <input
                        type="checkbox"
                        checked={selected.has(row.id)}
                        onChange={() => toggle(row.id)}
                        onClick={(e) => e.stopPropagation()}
                        aria-label={`${row.reference} — ${row.operatorName}`}
                      />
                    </td>
                    <td className="cell-reference">{row.reference}</td>
                    <td>
                      {row.operatorName}
                      <div className="muted sp-subject">{row.subject}</div>
                    </td>
                    <td>
                      {t.enums.kind[row.kind]}
                      {row.status === 'adjourned' && <span className="badge status-adjourned">{t.enums.status.adjourned}</span>}
                    </td>
                    <td>{m.section[row.section]}</td>
                    <td>
                      <FlagsCell summary={row.compliance} />
                    </td>
                    <td className="cell-date">{formatDate(row.receivedOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="sp-dialog-actions">
          <span className="muted" aria-live="polite">
            {m.selectedCount(selected.size)}
          </span>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {m.cancel}
          </button>
          <button type="submit" className="button button-primary" disabled={saving || selected.size === 0}>
            {m.addSelected(selected.size)}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function EditItemDialog({
  item,
  members,
  onClose,
  onSaved,
}: {
  item: AgendaItem;
  members: readonly { id: number; name: string }[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const m = useAgendaMessages();
  const review = useReviewMessages();
  const { t } = useI18n();
  const recused = new Set(item.recused.map((r) => r.memberId));
  const [rapporteur, setRapporteur] = useState(item.rapporteur ? String(item.rapporteur.id) : '');
  const [hearing, setHearing] = useState(item.hearingAt ?? '');
  const [outcome, setOutcome] = useState<string>(item.proposal.outcome ?? '');
  const [text, setText] = useState(item.proposal.text);
  const [error, setError] = useState<{ message: string; hearing?: string | undefined } | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await call('agenda.update', {
        itemId: item.id,
        version: item.version,
        rapporteurMemberId: rapporteur ? Number(rapporteur) : null,
        hearingAt: hearing.trim() ? hearing.trim() : null,
        proposalOutcome: outcome ? (outcome as OpinionOutcome) : null,
        proposalText: text,
        dossierVersion: item.dossier.version,
      });
      onSaved();
    } catch (e) {
      setError({ message: errorMessage(e, t), hearing: e instanceof RpcCallError ? e.issueFor('hearingAt') : undefined });
      setSaving(false);
    }
  };

  return (
    <Modal title={m.editTitle(item.dossier.reference)} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="sp-dialog-body sp-edit-form" noValidate>
        <p className="muted">
          {item.dossier.operatorName} — {item.dossier.subject}
        </p>
        <label className="field">
          <span>{m.rapporteur}</span>
          <select value={rapporteur} onChange={(e) => setRapporteur(e.target.value)}>
            <option value="">{m.noRapporteur}</option>
            {members
              .filter((member) => !recused.has(member.id))
              .map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span>{m.hearingAt}</span>
          <input
            type="text"
            inputMode="numeric"
            className="input-time"
            placeholder="10:15"
            maxLength={5}
            value={hearing}
            onChange={(e) => setHearing(e.target.value)}
            aria-invalid={error?.hearing ? true : undefined}
            aria-describedby="sp-hearing-hint"
          />
          <span id="sp-hearing-hint" className={error?.hearing ? 'field-error' : 'field-hint'}>
            {error?.hearing ?? m.hearingHint}
          </span>
        </label>
        <label className="field">
          <span>{m.proposalOutcome}</span>
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="">{m.outcomeNone}</option>
            {OPINION_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {review.outcome[o]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{m.proposalText}</span>
          <textarea rows={5} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        {error && !error.hearing && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <div className="sp-dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {m.cancel}
          </button>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? m.saving : m.save}
          </button>
        </div>
      </form>
    </Modal>
  );
}
