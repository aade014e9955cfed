/**
 * Migration 7: an opinion keeps the administration's proposal it answered (issue 6).
 *
 * The proposal lives on the dossier and changes when an adjourned dossier is proposed again for a
 * later session; the decision summary of the earlier session must still print the proposal the
 * commission had before it. `proposal_text` NULL means « not recorded » (opinions given before
 * this migration): the summary then falls back to the dossier's proposal.
 */
import { OPINION_OUTCOMES } from '../../shared/domain';
import type { Migration } from './types';

export const migration0007: Migration = {
  version: 7,
  name: 'opinions keep their proposal',
  up: `
ALTER TABLE opinions ADD COLUMN proposal_outcome TEXT CHECK (proposal_outcome IS NULL OR proposal_outcome IN (${OPINION_OUTCOMES.map((o) => `'${o}'`).join(', ')}));
ALTER TABLE opinions ADD COLUMN proposal_text TEXT;
`,
};
