/**
 * The dossier's Documents section (the page wraps it in its titled section, id "section-documents"): the attached PDFs (title, kind, date, size), attaching a new one
 * (native file picker; the bytes travel base64-encoded in the RPC), the in-app viewer and download.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../shared/domain';
import { MAX_DOCUMENT_BYTES, type DocumentRow } from '../../../../shared/contract';
import { RpcCallError, call } from '../../api/client';
import { base64ToBytes, bytesToBase64, downloadBytes, looksLikePdf } from '../../documents/bytes';
import { useDocumentMessages, type DocumentMessages } from '../../documents/messages';
import { PdfViewer } from '../../documents/PdfViewer';
import { errorMessage, useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../i18n/format';
import '../../documents/documents.css';

type Load = { state: 'loading' } | { state: 'ready'; rows: DocumentRow[] } | { state: 'error'; message: string };

export function formatSize(bytes: number, m: DocumentMessages, intl: string): string {
  if (bytes < 1024) return m.bytes(formatNumber(bytes, intl));
  if (bytes < 1024 * 1024) return m.kilobytes(formatNumber(Math.max(1, Math.round(bytes / 1024)), intl));
  return m.megabytes(formatNumber(bytes / (1024 * 1024), intl, { maximumFractionDigits: 1 }));
}

/** `canAttach`: only the secretariat registers documents (the backend refuses others too). */
export function DocumentsSection({ dossierId, canAttach }: { dossierId: number; canAttach: boolean }) {
  const m = useDocumentMessages();
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attaching, setAttaching] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [viewing, setViewing] = useState<DocumentRow | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const reload = useCallback(() => {
    let live = true;
    call('documents.list', { dossierId }).then(
      (rows) => live && setLoad({ state: 'ready', rows }),
      (error: unknown) => live && setLoad({ state: 'error', message: errorMessage(error, t) }),
    );
    return () => {
      live = false;
    };
  }, [dossierId, t]);

  useEffect(() => reload(), [reload]);

  const closeViewer = useCallback(() => setViewing(null), []);

  async function download(row: DocumentRow) {
    setDownloadError(null);
    try {
      const content = await call('documents.content', { id: row.id });
      downloadBytes(base64ToBytes(content.contentBase64), content.filename, content.mediaType);
    } catch (error) {
      setDownloadError(errorMessage(error, t));
    }
  }

  const rows = load.state === 'ready' ? load.rows : [];

  return (
    <div className="documents-section">
      <div className="dn-head">
        {load.state === 'ready' && <span className="dn-count">{m.count(rows.length)}</span>}
        {canAttach && !attaching && (
          <button
            type="button"
            className="button button-secondary dn-action"
            onClick={() => {
              setNotice(null);
              setAttaching(true);
            }}
          >
            {m.attach}
          </button>
        )}
      </div>

      {notice && (
        <p className="documents-notice" role="status">
          {notice}
        </p>
      )}

      {canAttach && attaching && (
        <AttachForm
          dossierId={dossierId}
          onCancel={() => setAttaching(false)}
          onAttached={(row) => {
            setAttaching(false);
            setNotice(m.attached(row.title));
            reload();
          }}
        />
      )}

      {load.state === 'loading' && <p className="dn-empty">{m.loading}</p>}
      {load.state === 'error' && (
        <p className="form-error" role="alert">
          {load.message}
        </p>
      )}
      {load.state === 'ready' && rows.length === 0 && <p className="dn-empty">{m.empty}</p>}
      {downloadError && (
        <p className="form-error" role="alert">
          {downloadError}
        </p>
      )}

      {rows.length > 0 && (
        <table className="documents-table" aria-label={m.tableLabel}>
          <thead>
            <tr>
              <th scope="col">{m.colTitle}</th>
              <th scope="col">{m.colKind}</th>
              <th scope="col" className="dn-num">
                {m.colDate}
              </th>
              <th scope="col" className="dn-num">
                {m.colSize}
              </th>
              <th scope="col">
                <span className="visually-hidden">{m.colActions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="document-row">
                <td>
                  <span className="document-icon" aria-hidden="true">
                    PDF
                  </span>
                  <button type="button" className="link-button document-title" title={m.viewTitle(row.title)} onClick={() => setViewing(row)}>
                    {row.title}
                  </button>
                  <span className="document-filename">{row.filename}</span>
                </td>
                <td>{m.kinds[row.kind]}</td>
                <td className="dn-num">{formatDate(row.documentDate)}</td>
                <td className="dn-num">{formatSize(row.sizeBytes, m, t.locale.intl)}</td>
                <td className="document-actions">
                  <button type="button" className="button button-secondary dn-small" aria-label={m.viewTitle(row.title)} onClick={() => setViewing(row)}>
                    {m.view}
                  </button>
                  <button type="button" className="button button-secondary dn-small" aria-label={m.downloadTitle(row.title)} onClick={() => void download(row)}>
                    {m.download}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {viewing && <PdfViewer documentId={viewing.id} title={viewing.title} onClose={closeViewer} />}
    </div>
  );
}

/** `05/11/2026` (or `5/11/2026`) → `2026-11-05`; null when not a real date. */
export function isoFromBelgian(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function titleFromFilename(name: string): string {
  return name.replace(/\.pdf$/i, '').replace(/[_]+/g, ' ').trim();
}

function AttachForm({ dossierId, onCancel, onAttached }: { dossierId: number; onCancel: () => void; onAttached: (row: DocumentRow) => void }) {
  const m = useDocumentMessages();
  const { t } = useI18n();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<DocumentKind>('annex');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ file?: string; title?: string; date?: string }>({});
  const limit = m.megabytes(formatNumber(MAX_DOCUMENT_BYTES / (1024 * 1024), t.locale.intl));

  useEffect(() => fileRef.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const errors: typeof fieldErrors = {};
    if (!file) errors.file = m.noFile;
    else if (file.size > MAX_DOCUMENT_BYTES) errors.file = m.tooLarge(limit);
    if (!title.trim()) errors.title = m.noTitle;
    const documentDate = date.trim() ? isoFromBelgian(date) : null;
    if (date.trim() && !documentDate) errors.date = m.badDate;
    setFieldErrors(errors);
    if (!file || Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        setFieldErrors({ file: m.readError });
        return;
      }
      if (!looksLikePdf(bytes)) {
        setFieldErrors({ file: m.notPdf });
        return;
      }
      const row = await call('documents.attach', {
        dossierId,
        title: title.trim(),
        kind,
        documentDate,
        filename: file.name,
        contentBase64: bytesToBase64(bytes),
      });
      onAttached(row);
    } catch (caught) {
      if (caught instanceof RpcCallError && caught.issues.length > 0) {
        setFieldErrors({ title: caught.issueFor('title'), date: caught.issueFor('documentDate'), file: caught.issueFor('contentBase64') });
        if (!caught.issueFor('title') && !caught.issueFor('documentDate') && !caught.issueFor('contentBase64')) setError(errorMessage(caught, t));
      } else {
        setError(errorMessage(caught, t));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="attach-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-legend`}>
      <h3 id={`${id}-legend`}>{m.attachTitle}</h3>
      <div className="attach-grid">
        <div className={`field attach-file${fieldErrors.file ? ' has-error' : ''}`}>
          <span className="attach-file-label" id={`${id}-file-label`}>
            {m.fileLabel}
          </span>
          <div className="attach-file-picker">
            <label htmlFor={`${id}-file`} className="button button-secondary">
              {m.chooseFile}
            </label>
            <span className="attach-file-name">{file ? file.name : m.noFileChosen}</span>
          </div>
          <input
            ref={fileRef}
            id={`${id}-file`}
            className="visually-hidden"
            aria-labelledby={`${id}-file-label`}
            type="file"
            accept="application/pdf,.pdf"
            aria-describedby={`${id}-file-hint${fieldErrors.file ? ` ${id}-file-error` : ''}`}
            aria-invalid={fieldErrors.file ? true : undefined}
            disabled={busy}
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              setFieldErrors((e) => ({ ...e, file: undefined }));
              if (chosen && !title.trim()) setTitle(titleFromFilename(chosen.name));
            }}
          />
          <p id={`${id}-file-hint`} className="field-hint">
            {m.fileHint(limit)}
          </p>
          {fieldErrors.file && (
            <p id={`${id}-file-error`} className="field-error" role="alert">
              {fieldErrors.file}
            </p>
          )}
        </div>
        <div className={`field${fieldErrors.title ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-title`}>{m.titleLabel}</label>
          <input
            id={`${id}-title`}
            type="text"
            value={title}
            maxLength={300}
            disabled={busy}
            aria-invalid={fieldErrors.title ? true : undefined}
            aria-describedby={fieldErrors.title ? `${id}-title-error` : undefined}
            onChange={(event) => setTitle(event.target.value)}
          />
          {fieldErrors.title && (
            <p id={`${id}-title-error`} className="field-error" role="alert">
              {fieldErrors.title}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{m.kindLabel}</label>
          <select id={`${id}-kind`} value={kind} disabled={busy} onChange={(event) => setKind(event.target.value as DocumentKind)}>
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {m.kinds[k]}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${fieldErrors.date ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-date`}>{m.dateLabel}</label>
          <input
            id={`${id}-date`}
            type="text"
            inputMode="numeric"
            placeholder={m.datePlaceholder}
            value={date}
            disabled={busy}
            aria-invalid={fieldErrors.date ? true : undefined}
            onChange={(event) => setDate(event.target.value)}
          />
          {fieldErrors.date && (
            <p className="field-error" role="alert">
              {fieldErrors.date}
            </p>
          )}
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dn-form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? m.submitting : m.submit}
        </button>
        <button type="button" className="button button-secondary" disabled={busy} onClick={onCancel}>
          {m.cancel}
        </button>
      </div>
    </form>
  );
}
