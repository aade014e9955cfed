/**
 * The frame around every screen: product, workspace and profile; the main navigation; the
 * language.
 */
import type { ReactNode } from 'react';
import type { WorkspaceStatus } from '../../../shared/contract';
import { useI18n } from '../i18n';
import { lastDeadlinesHash } from '../deadlines/deadlinesState';
import { getLastListHash } from '../dossiers/listState';
import { useSearchShortcut } from '../search/useSearchShortcut';
import { LocaleSwitch } from './LocaleSwitch';

type Section = 'sessions' | 'dossiers' | 'operators' | 'deadlines' | 'members' | 'search';
const SECTIONS: readonly Section[] = ['sessions', 'dossiers', 'operators', 'deadlines', 'members', 'search'];

export function AppFrame({
  workspace,
  current,
  children,
}: {
  workspace: Extract<WorkspaceStatus, { state: 'ready' }>;
  current: Section;
  children: ReactNode;
}) {
  const { t } = useI18n();
  useSearchShortcut();
  return (
    <div className="app">
      <header className="app-bar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t.app.name}
        </span>
        <div className="workspace-info" title={workspace.path}>
          <span className="visually-hidden">{t.app.workspace}</span>
          <span className="workspace-name" data-testid="workspace-name">
            {workspace.name}
          </span>
          <span className="tag tag-profile" title={t.app.profile}>
            {t.enums.profile[workspace.profile]}
          </span>
          {workspace.isDemo && (
            <span className="tag tag-demo" title={t.app.demoBadgeTitle}>
              {t.app.demoBadge}
            </span>
          )}
        </div>
        <LocaleSwitch />
      </header>

      <nav className="app-nav" aria-label={t.nav.label}>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section}>
              <a
                href={section === 'dossiers' ? getLastListHash() : section === 'deadlines' ? lastDeadlinesHash() : `#/${section}`}
                className={current === section ? 'is-current' : undefined}
                aria-current={current === section ? 'page' : undefined}
              >
                {t.nav[section]}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <main className="app-main">{children}</main>
    </div>
  );
}
