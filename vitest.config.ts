import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, findChromium } from './e2e/support/browser';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['schema/**/*.test.ts', 'electron/**/*.test.ts', 'e2e/host/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          globalSetup: ['./e2e/support/vitest-temp.ts'],
        },
      },
      {
        // Renderer code measures and selects real DOM text, so it runs in real Chromium.
        test: {
          name: 'browser',
          include: ['renderer/**/*.test.ts'],
          testTimeout: 20_000,
          browser: {
            enabled: true,
            headless: true,
            // The tests check text and offsets; a screenshot of a failure adds nothing and would
            // be written into the work tree (.vitest/attachments).
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: findChromium().path,
                args: CHROMIUM_ARGS,
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
