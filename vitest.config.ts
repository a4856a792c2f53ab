import { playwright } from '@vitest/browser-playwright';
import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * The browser to run renderer tests in: $CHROMIUM_PATH, else the system Chromium, else
 * (undefined) the one Playwright downloads for itself.
 */
const chromiumPath =
  process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['schema/**/*.test.ts', 'electron/**/*.test.ts', 'e2e/host/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
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
                executablePath: chromiumPath,
                args: [
                  '--no-sandbox',
                  '--disable-gpu',
                  '--no-first-run',
                  '--disable-background-networking',
                  '--disable-component-update',
                  '--disable-sync',
                ],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
