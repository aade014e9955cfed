/** The screens of the members routes (wired into App's Screen switch). */
import type { Route } from '../app/router';
import { MemberForm } from './MemberForm';
import { MemberPage } from './MemberPage';
import { MembersPage } from './MembersPage';

export function MemberScreen({ route }: { route: Extract<Route, { name: 'members' | 'memberNew' | 'member' | 'memberAction' }> }) {
  switch (route.name) {
    case 'members':
      return <MembersPage />;
    case 'memberNew':
      return <MemberForm key="new" id={null} />;
    case 'member':
      return <MemberPage key={route.id ?? 'none'} id={route.id} />;
    case 'memberAction':
      if (route.id !== null && route.action === 'edit') return <MemberForm key={route.id} id={route.id} />;
      return <MemberPage id={null} />;
  }
}

