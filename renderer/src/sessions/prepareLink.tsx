/** « Préparer la séance » on the session page, in a member's workspace (not for a cancelled session). */
import type { AgendaGetOutput } from '../../../shared/contract';
import { usePrepareMessages } from './prepareMessages';
import './prepare.css';

export function PrepareLink({ agenda }: { agenda: AgendaGetOutput }) {
  const m = usePrepareMessages();
  if (!agenda.memberView || agenda.session.status === 'cancelled') return null;
  return (
    <div className="page-header-end">
      <a className="button button-primary pp-link-button" href={`#/sessions/${agenda.session.id}/prepare`}>
        {m.prepareLink}
      </a>
    </div>
  );
}
