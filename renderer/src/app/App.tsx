/** Opens the workspace: welcome screen when there is none, else the app frame and its routes. */
import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceStatus } from '../../../shared/contract';
import { call } from '../api/client';
import { DeadlinesPage } from '../deadlines/DeadlinesPage';
import { DossierPage } from '../dossiers/DossierPage';
import { DossiersPage } from '../dossiers/DossiersPage';
import { forgetList } from '../dossiers/listState';
import { dossierPages } from '../dossiers/pageStore';
import { DecisionForm } from '../dossiers/DecisionForm';
import { DOSSIER_ENTRY_ACTIONS, DossierEntryScreen, OperatorScreen } from '../entry/routes';
import { errorMessage, useI18n } from '../i18n';
import { MemberScreen } from '../members/routes';
import { SearchPage } from '../search/SearchPage';
import { MeetingPage } from '../sessions/MeetingPage';
import { PreparePage } from '../sessions/PreparePage';
import { SessionPage } from '../sessions/SessionPage';
import { SessionsPage } from '../sessions/SessionsPage';
import { WelcomeScreen } from '../welcome/WelcomeScreen';
import { AppFrame } from './AppFrame';
import { navigate, sectionOf, useRoute, type Route } from './router';

type Boot = { state: 'loading' } | { state: 'failed'; error: unknown } | WorkspaceStatus;

export function App() {
  const { t } = useI18n();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const route = useRoute();

  useEffect(() => {
    let live = true;
    call('workspace.status', {}).then(
      (status) => live && setBoot(status),
      (error: unknown) => live && setBoot({ state: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => {
    if (route.name === 'unknown') navigate('#/dossiers', { replace: true });
  }, [route.name]);

  const onWorkspaceReady = useCallback((status: WorkspaceStatus) => {
    dossierPages.clear();
    forgetList();
    navigate('#/dossiers', { replace: true });
    setBoot(status);
  }, []);

  if (boot.state === 'loading') {
    return (
      <div className="boot" role="status">
        <span className="spinner" aria-hidden="true" /> {t.app.loading}
      </div>
    );
  }
  if (boot.state === 'failed') {
    return (
      <div className="boot boot-error" role="alert">
        <h1>{t.app.startupErrorTitle}</h1>
        <p>{errorMessage(boot.error, t)}</p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            setBoot({ state: 'loading' });
            setAttempt((n) => n + 1);
          }}
        >
          {t.app.retry}
        </button>
      </div>
    );
  }
  if (boot.state === 'empty') return <WelcomeScreen path={boot.path} onReady={onWorkspaceReady} />;

  // Meeting mode is full screen: no navigation around it.
  if (route.name === 'sessionMeeting') return <MeetingPage key={route.id ?? 'none'} id={route.id} />;

  return (
    <AppFrame workspace={boot} current={sectionOf(route)}>
      <Screen route={route} />
    </AppFrame>
  );
}

/** The screen of each route. Each area adds its own routes here. */
function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'dossier':
      return <DossierPage key={route.id ?? 'none'} id={route.id} search={route.search} />;
    case 'dossiers':
      return <DossiersPage search={route.search} />;
    case 'search':
      return <SearchPage search={route.search} />;
    case 'deadlines':
      return <DeadlinesPage search={route.search} />;
    case 'session':
      return <SessionPage key={route.id ?? 'none'} id={route.id} />;
    case 'sessionPrepare':
      return <PreparePage key={route.id ?? 'none'} id={route.id} />;
    case 'sessions':
      return <SessionsPage />;
    case 'operators':
    case 'operatorNew':
    case 'operator':
    case 'operatorAction':
      return <OperatorScreen route={route} />;
    case 'members':
    case 'memberNew':
    case 'member':
    case 'memberAction':
      return <MemberScreen route={route} />;
    case 'dossierNew':
      return <DossierEntryScreen route={route} />;
    case 'dossierAction':
      if (DOSSIER_ENTRY_ACTIONS.has(route.action)) return <DossierEntryScreen route={route} />;
      if (route.action === 'decision' && route.id !== null) return <DecisionForm key={route.id} dossierId={route.id} />;
      return <DossiersPage search="" />;
    default:
      return <DossiersPage search="" />;
  }
}
