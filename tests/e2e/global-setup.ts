/**
 * Builds the demo workspace once with the CLI and serves it for every test that only reads it.
 * Its address reaches the workers through COMES_E2E_DEMO_URL; the returned function stops it.
 * If the demo cannot be built, the tests that need it fail with the reason
 * (COMES_E2E_DEMO_ERROR) while the others still run.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createDemoWorkspace, ROOT, startShell, tempWorkspaceDir } from './server';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('The renderer is not built: run `npx electron-vite build` first (npm run test:e2e does it).');
  }
  const dir = tempWorkspaceDir('demo');
  try {
    await createDemoWorkspace(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    process.env.COMES_E2E_DEMO_ERROR = `comes demo failed: ${[stdout, stderr].filter(Boolean).join('\n').slice(0, 2_000)}`;
    return async () => undefined;
  }
  const shell = await startShell(dir);
  process.env.COMES_E2E_DEMO_URL = shell.url;
  return async () => {
    await shell.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
