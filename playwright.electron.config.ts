/**
 * Playwright configuration of the desktop smoke test (tests/electron), separate from the browser
 * end-to-end configuration (playwright.config.ts). One Electron app at a time.
 *
 *   npx electron-vite build && npx playwright test -c playwright.electron.config.ts
 *
 * The tests skip, with the reason, when the Electron binary is not downloaded or better-sqlite3
 * is not built for Electron (see scripts/fetch-electron.mjs). On Linux without a display, run
 * them under `xvfb-run`.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests/electron',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results/electron',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./tests/electron/skip-reasons.reporter.ts']],
});
