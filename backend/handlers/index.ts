/** Every domain's handlers, registered in one place. */
import type { BackendContext } from '../context';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { agendaHandlers } from './agenda';
import { closingHandlers } from './closing';
import { complianceHandlers } from './compliance';
import { decisionHandlers } from './decisions';
import { deadlineHandlers } from './deadlines';
import { documentHandlers } from './documents';
import { dossierHandlers } from './dossiers';
import { entryHandlers } from './entry';
import { exportHandlers } from './exports';
import { meetingHandlers } from './meeting';
import { memberHandlers } from './members';
import { operatorHandlers } from './operators';
import { noteHandlers } from './notes';
import { preparationHandlers } from './preparation';
import { reviewHandlers } from './review';
import { searchHandlers } from './search';
import { sessionHandlers } from './sessions';
import { viewHandlers } from './views';
import { workspaceHandlers } from './workspace';

export const DOMAINS = {
  workspace: workspaceHandlers,
  dossiers: dossierHandlers,
  operators: operatorHandlers,
  entry: entryHandlers,
  documents: documentHandlers,
  notes: noteHandlers,
  review: reviewHandlers,
  search: searchHandlers,
  views: viewHandlers,
  compliance: complianceHandlers,
  deadlines: deadlineHandlers,
  sessions: sessionHandlers,
  members: memberHandlers,
  agenda: agendaHandlers,
  closing: closingHandlers,
  decisions: decisionHandlers,
  preparation: preparationHandlers,
  meeting: meetingHandlers,
  exports: exportHandlers,
};

export function createBackend(ctx: BackendContext, options?: { log?: (error: unknown) => void }): Dispatcher {
  return createDispatcher(ctx, DOMAINS, options);
}
