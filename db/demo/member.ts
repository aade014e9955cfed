/**
 * The demo seen from one member's workspace: the same data, with the workspace marked as that
 * member's (profile 'member', meta 'member_id'), so that what a member may see — and not see — can
 * be shown and tested end to end (`comes demo --profile member --member N`).
 */
import type { Db } from '../open';
import { setMeta } from '../queries/meta';

/** Turns the demo in `db` into member `memberId`'s workspace; returns the member's name. */
export function makeMemberDemo(db: Db, memberId: number): string {
  const member = db.prepare(`SELECT full_name AS name, role FROM members WHERE id = ?`).get(memberId) as { name: string; role: string } | undefined;
  if (!member) throw new Error(`Aucun membre n° ${memberId} dans la démonstration.`);
  if (member.role === 'secretariat') throw new Error(`${member.name} fait partie du secrétariat : choisissez un membre de la commission.`);
  db.transaction(() => {
    setMeta(db, 'profile', 'member');
    setMeta(db, 'member_id', String(memberId));
    setMeta(db, 'name', `${member.name} — démonstration`);
  })();
  return member.name;
}
