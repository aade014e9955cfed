/**
 * Browser end-to-end tests (tests/e2e): the real UI in Debian's Chromium against the real backend
 * (the CLI's browser shell) and real SQLite files. The global setup builds a demo workspace and
 * serves it; welcome-screen tests start their own server on an empty workspace.
 * The built renderer must exist: `npx electron-vite build` (done by `npm run test:e2e`).
 * The desktop smoke tests have their own configuration (playwright.electron.config.ts).
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 820 },
    locale: 'fr-BE',
    timezoneId: 'Europe/Brussels',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
