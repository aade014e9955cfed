/** Every domain's handlers, registered in one place. */
import type { BackendContext } from '../context';
import { createDispatcher, type Dispatcher } from '../rpc/registry';
import { dossierHandlers } from './dossiers';
import { workspaceHandlers } from './workspace';

export const DOMAINS = {
  workspace: workspaceHandlers,
  dossiers: dossierHandlers,
};

export function createBackend(ctx: BackendContext, options?: { log?: (error: unknown) => void }): Dispatcher {
  return createDispatcher(ctx, DOMAINS, options);
}
