/** « Conflits d’intérêts » on an operator's page: the members recused on its dossiers. */
import { useEffect, useState } from 'react';
import type { ConflictRow } from '../../../shared/contract';
import { call } from '../api/client';
import { memberHash } from '../app/router';
import { formatDate } from '../i18n/format';
import { useMemberMessages } from './messages';
import { RoleBadge } from './MembersPage';
import './members.css';

export function OperatorConflicts({ operatorId }: { operatorId: number }) {
  const m = useMemberMessages();
  const [conflicts, setConflicts] = useState<ConflictRow[] | null>(null);
  useEffect(() => {
    let live = true;
    call('members.conflicts', { operatorId }).then(
      (rows) => live && setConflicts(rows),
      () => live && setConflicts([]),
    );
    return () => {
      live = false;
    };
  }, [operatorId]);
  if (conflicts === null) return null;
  return (
    <section className="panel section-gap operator-conflicts" aria-labelledby="op-conflicts">
      <h2 id="op-conflicts">
        {m.operatorConflicts} <span className="muted">({conflicts.length})</span>
      </h2>
      {conflicts.length === 0 ? (
        <p className="muted">{m.operatorNoConflicts}</p>
      ) : (
        <>
          <p className="muted conflicts-intro">{m.operatorConflictsIntro}</p>
          <ul>
            {conflicts.map((c) => (
              <li key={c.id}>
                <a href={memberHash(c.memberId)}>{c.memberName}</a>
                <RoleBadge role={c.memberRole} />
                {!c.memberActive && <span className="badge member-former">{m.formerBadge}</span>}
                <span>{m.conflictKind[c.kind]}</span>
                <span className="muted">
                  {m.conflictColumns.declaredOn} {formatDate(c.declaredOn)}
                </span>
                {c.note && <span className="muted">— {c.note}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
