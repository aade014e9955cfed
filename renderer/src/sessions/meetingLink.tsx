/** « Mode séance »: the session page's way into meeting mode (secretariat; not for a cancelled session). */
import type { SessionStatus } from '../../../shared/domain';
import { useMeetingMessages } from './meetingMessages';

export function MeetingModeLink({ session }: { session: { id: number; status: SessionStatus } }) {
  const m = useMeetingMessages();
  if (session.status === 'cancelled') return null;
  return (
    <a className="button button-secondary" href={`#/sessions/${session.id}/meeting`}>
      {m.enter}
    </a>
  );
}
