import { generateDemo, DEMO_DEFAULT_SEED } from '../../db/demo/index';
import { ensureComplianceFresh, refreshCompliance } from '../compliance';
import type { BackendContext } from '../context';
import { ruleBookOf } from '../rules';
import type { DomainHandlers } from '../rpc/registry';

export const DEMO_WORKSPACE_NAME = 'Secrétariat de la COMES — démonstration';

export const workspaceHandlers: DomainHandlers<BackendContext> = {
  'workspace.status': (ctx) => ctx.workspace.status(),

  'workspace.create': (ctx, input) => {
    ctx.workspace.create(input.profile, input.name);
    ensureComplianceFresh(ctx);
    return ctx.workspace.status();
  },

  'workspace.loadDemo': (ctx, input) => {
    const workspace = ctx.workspace;
    const book = ruleBookOf(ctx);
    const today = ctx.today();
    workspace.create('secretariat', DEMO_WORKSPACE_NAME, {
      isDemo: true,
      populate: (db) => {
        generateDemo(db, {
          seed: input.seed ?? DEMO_DEFAULT_SEED,
          scale: input.scale ?? 1,
          today,
          documentsDir: workspace.documentsDir,
        });
        // Every dossier's compliance result, in the same transaction as the demo's data.
        refreshCompliance(db, book, today, { all: true });
      },
    });
    return workspace.status();
  },
};
