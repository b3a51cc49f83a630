import { defineConfig } from '@playwright/test'

/** Browser-mode e2e tests: Debian's Chromium against `castdesk serve` on a fresh library. */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.CASTDESK_E2E_URL,
    storageState: 'test-results/e2e-state.json',
    viewport: { width: 1360, height: 860 },
    // The app's CSP forbids inline scripts; axe-core is injected as one.
    bypassCSP: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
})
