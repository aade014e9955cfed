/**
 * The catalogue of rules (`compliance.rules`): fetched once while the app is open, shared by every
 * screen that names a rule from its identifier (the Dossiers table's tooltips, the operator's
 * trend, the agenda). A failed fetch is forgotten, so the next screen asks again.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { RuleId, RuleInfo } from '../../../shared/compliance/model';
import { call } from '../api/client';

export interface RuleCatalogue {
  version: string;
  byId: ReadonlyMap<RuleId, RuleInfo>;
}

let catalogue: RuleCatalogue | null = null;
let pending: Promise<void> | null = null;
const listeners = new Set<() => void>();

function load(): void {
  if (catalogue || pending) return;
  pending = call('compliance.rules', {}).then(
    (output) => {
      catalogue = { version: output.version, byId: new Map(output.rules.map((rule) => [rule.id, rule])) };
      pending = null;
      for (const listener of listeners) listener();
    },
    () => {
      // No catalogue (workspace closed, backend busy): titles fall back to the identifiers.
      pending = null;
    },
  );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => catalogue;

/** The catalogue, or null while it loads (or if it could not be loaded). */
export function useRuleCatalogue(): RuleCatalogue | null {
  const value = useSyncExternalStore(subscribe, snapshot);
  useEffect(load, []);
  return value;
}

/** A rule's French title from the catalogue, or its identifier while the catalogue is missing. */
export function ruleTitle(catalogue: RuleCatalogue | null, id: RuleId): string {
  return catalogue?.byId.get(id)?.title ?? id;
}
