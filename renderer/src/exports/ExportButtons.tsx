/**
 * The buttons opening the export dialog: « Exporter… » on a session's page, « Imprimer mon
 * dossier (PDF) » on a member's preparation page, « Statistiques annuelles » on the Séances page.
 */
import { useState } from 'react';
import type { SessionStatus } from '../../../shared/domain';
import { ExportDialog, type ExportTarget } from './ExportDialog';
import { useExportMessages } from './messages';
import './exports.css';

function OpenExport({ target, label, title, primary = false }: { target: ExportTarget; label: string; title: string; primary?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={`button ${primary ? 'button-primary' : 'button-secondary'} ex-open`} title={title} onClick={() => setOpen(true)}>
        <span className="ex-download-icon" aria-hidden="true" />
        {label}
      </button>
      {open && <ExportDialog target={target} onClose={() => setOpen(false)} />}
    </>
  );
}

/** « Exporter… » on a session's page; not for a cancelled session. */
export function SessionExportButton({ session }: { session: { id: number; status: SessionStatus } }) {
  const m = useExportMessages();
  if (session.status === 'cancelled') return null;
  return <OpenExport target={{ kind: 'session', sessionId: session.id }} label={m.open} title={m.openTitle} />;
}

/** « Imprimer mon dossier (PDF) »: the member's own preparation pack. */
export function PrintPackButton({ sessionId }: { sessionId: number }) {
  const m = useExportMessages();
  return <OpenExport target={{ kind: 'session', sessionId, document: 'pack' }} label={m.printPack} title={m.printPackTitle} />;
}

/** « Statistiques annuelles » on the Séances page (secretariat). */
export function StatsExportButton() {
  const m = useExportMessages();
  return <OpenExport target={{ kind: 'stats' }} label={m.openStats} title={m.openStatsTitle} />;
}
