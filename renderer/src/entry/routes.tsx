/** The screens of the operator and data-entry routes (wired into App's Screen switch). */
import type { Route } from '../app/router';
import { OperatorPage } from '../operators/OperatorPage';
import { OperatorsPage } from '../operators/OperatorsPage';
import { AgrementsForm } from './AgrementsForm';
import { DossierForm } from './DossierForm';
import { FiguresForm } from './FiguresForm';
import { FindingsForm } from './FindingsForm';
import { useEntryMessages } from './messages';
import { OperatorForm } from './OperatorForm';

/** The data-entry actions of a dossier handled here (#/dossiers/:id/<action>). */
export const DOSSIER_ENTRY_ACTIONS: ReadonlySet<string> = new Set(['edit', 'figures', 'findings']);

export function OperatorScreen({ route }: { route: Extract<Route, { name: 'operators' | 'operatorNew' | 'operator' | 'operatorAction' }> }) {
  switch (route.name) {
    case 'operators':
      return <OperatorsPage search={route.search} />;
    case 'operatorNew':
      return <OperatorForm key="new" id={null} />;
    case 'operator':
      return <OperatorPage key={route.id ?? 'none'} id={route.id} />;
    case 'operatorAction':
      if (route.id !== null && route.action === 'edit') return <OperatorForm key={route.id} id={route.id} />;
      if (route.id !== null && route.action === 'agrements') return <AgrementsForm key={route.id} operatorId={route.id} />;
      return <Unknown />;
  }
}

export function DossierEntryScreen({ route }: { route: Extract<Route, { name: 'dossierNew' | 'dossierAction' }> }) {
  if (route.name === 'dossierNew') return <DossierForm key={`new:${route.search}`} id={null} search={route.search} />;
  if (route.id === null) return <Unknown />;
  if (route.action === 'edit') return <DossierForm key={route.id} id={route.id} search="" />;
  if (route.action === 'figures') return <FiguresForm key={route.id} dossierId={route.id} />;
  if (route.action === 'findings') return <FindingsForm key={route.id} dossierId={route.id} />;
  return <Unknown />;
}

function Unknown() {
  const m = useEntryMessages();
  return (
    <section className="page">
      <div className="notice" role="alert">
        <p>{m.notFound}</p>
      </div>
    </section>
  );
}
