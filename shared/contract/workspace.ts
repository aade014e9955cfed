/** The workspace: its state, creating one, filling an empty one with the demo. */
import { z } from 'zod';
import { Profile } from '../domain';

export const WorkspaceStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('empty'), path: z.string() }),
  z.object({
    state: z.literal('ready'),
    path: z.string(),
    profile: Profile,
    name: z.string(),
    isDemo: z.boolean(),
    schemaVersion: z.number().int(),
  }),
]);
export type WorkspaceStatus = z.infer<typeof WorkspaceStatus>;

export const workspaceContract = {
  'workspace.status': { input: z.object({}), output: WorkspaceStatus },
  'workspace.create': {
    input: z.object({
      profile: Profile,
      name: z
        .string()
        .trim()
        .min(1, 'Indiquez un nom pour l’espace de travail.')
        .max(120, 'Le nom ne peut dépasser 120 caractères.'),
    }),
    output: WorkspaceStatus,
  },
  'workspace.loadDemo': {
    input: z.object({
      seed: z.number().int().min(0).max(2 ** 31).optional(),
      /** Volume multiplier, for benchmarks (the CLI's `demo --scale`). */
      scale: z.number().int().min(1).max(500).optional(),
    }),
    output: WorkspaceStatus,
  },
} as const;
