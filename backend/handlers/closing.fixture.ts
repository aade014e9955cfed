/**
 * For the closing and decision handler tests: a demo workspace of its own for each test, served
 * by the given domains (with `workspace`, to load the demo), at a fixed day with the shipped rules.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Db } from '../../db/open';
import type { RpcError } from '../../shared/envelope';
import type { BackendContext } from '../context';
import { loadRuleBook, rulesFilePath } from '../rules';
import { createDispatcher, type Dispatcher, type DomainHandlers } from '../rpc/registry';
import { accepted, refusal } from '../rpc/testing';
import { Workspace } from '../workspace';
import { workspaceHandlers } from './workspace';

export const FIXTURE_TODAY = '2026-11-22';
const BOOK = loadRuleBook(rulesFilePath());

export interface DemoBackend {
  /** The workspace's database of the running test. */
  readonly db: Db;
  ok: <T>(method: string, input: unknown) => Promise<T>;
  refused: (method: string, input: unknown) => Promise<RpcError>;
  all: <T>(sql: string, ...params: unknown[]) => T[];
  one: <T>(sql: string, ...params: unknown[]) => T;
}

/** Registers the per-test setup and teardown; the returned helpers act on the running test's workspace. */
export function useDemoBackend(label: string, domains: Record<string, DomainHandlers<BackendContext>>): DemoBackend {
  let dir = '';
  let workspace: Workspace | null = null;
  let backend: Dispatcher | null = null;
  const running = () => {
    if (!workspace || !backend) throw new Error('No test is running.');
    return { db: workspace.requireDb(), backend };
  };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), `comes-${label}-`));
    workspace = new Workspace(dir);
    const ctx: BackendContext = { workspace, today: () => FIXTURE_TODAY, rules: BOOK };
    backend = createDispatcher(ctx, { ...domains, workspace: workspaceHandlers }, { requireAll: false, log: () => undefined });
    await accepted(backend, 'workspace.loadDemo', {});
  });
  afterEach(() => {
    workspace?.close();
    workspace = null;
    backend = null;
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get db() {
      return running().db;
    },
    ok: <T>(method: string, input: unknown) => accepted<T>(running().backend, method, input),
    refused: (method: string, input: unknown) => refusal(running().backend, method, input),
    all: <T>(sql: string, ...params: unknown[]) => running().db.prepare(sql).all(...params) as T[],
    one: <T>(sql: string, ...params: unknown[]) => running().db.prepare(sql).get(...params) as T,
  };
}
