import { describe, expect, it } from 'vitest';
import { runBench, summarize } from './run';

const timing = { median: expect.any(Number), p95: expect.any(Number) };

describe('the benchmark', () => {
  it('summarises samples as median and p95', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, p95: 5 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, p95: 4 });
  });

  it('builds a workspace, measures every operation through the dispatcher and directly, and reports JSON', async () => {
    const result = await runBench({ scale: 1, runs: 2 });
    const json = JSON.parse(JSON.stringify(result)) as typeof result;
    expect(json.machine).toEqual(expect.objectContaining({ node: process.version, cpus: expect.any(Number) }));
    expect(json.machine.cpus).toBeGreaterThan(0);
    expect(json.workspace).toMatchObject({ scale: 1, kept: null });
    expect(json.workspace.dossiers).toBeGreaterThan(100);
    expect(json.runs).toBe(2);
    expect(Object.keys(json.operations).sort()).toEqual([
      'complianceDossier',
      'complianceRefreshAll',
      'complianceRefreshDay',
      'deadlinesFirstPage',
      'dossierPage',
      'dossiersList',
      'dossiersListFiltered',
      'openWorkspace',
      'search',
    ]);
    for (const operation of Object.values(json.operations)) {
      expect(operation).toEqual(expect.objectContaining({ method: expect.any(String), direct: expect.any(String), dispatcher: timing, directSql: timing, ratio: expect.any(Number) }));
      expect(operation.dispatcher.p95).toBeGreaterThanOrEqual(operation.dispatcher.median);
    }
    expect(json.operations.dossiersList?.method).toBe('dossiers.list');
    expect(json.operations.dossiersListFiltered?.input).toMatchObject({ filters: { schemes: ['EI'] } });
    expect(['dossiers.review', 'dossiers.get']).toContain(json.operations.dossierPage?.method);
  }, 120_000);
});
