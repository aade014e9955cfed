import { generateDemo, DEMO_DEFAULT_SEED } from '../../db/demo/index';
import type { BackendContext } from '../context';
import type { DomainHandlers } from '../rpc/registry';

export const DEMO_WORKSPACE_NAME = 'Secrétariat de la COMES — démonstration';

export const workspaceHandlers: DomainHandlers<BackendContext> = {
  'workspace.status': (ctx) => ctx.workspace.status(),

  'workspace.create': (ctx, input) => {
    ctx.workspace.create(input.profile, input.name);
    return ctx.workspace.status();
  },

  'workspace.loadDemo': (ctx, input) => {
    const workspace = ctx.workspace;
    workspace.create('secretariat', DEMO_WORKSPACE_NAME, {
      isDemo: true,
      populate: (db) =>
        generateDemo(db, {
          seed: input.seed ?? DEMO_DEFAULT_SEED,
          scale: input.scale ?? 1,
          today: ctx.today(),
          documentsDir: workspace.documentsDir,
        }),
    });
    return workspace.status();
  },
};
