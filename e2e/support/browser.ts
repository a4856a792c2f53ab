import { existsSync } from 'node:fs';

/**
 * How every test and benchmark starts Chromium: headless, and quiet on the network (without
 * these flags it keeps trying to reach Google's services, which a closed network refuses).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/**
 * The Chromium the e2e suite drives: CHROMIUM_PATH, else a system Chromium or Chrome, else
 * Playwright's own (undefined path), which `npx playwright install chromium` provides.
 */
export function findChromium(): { path: string | undefined; description: string } {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is ${fromEnv}, but no file is there.`);
    return { path: fromEnv, description: `${fromEnv} (CHROMIUM_PATH)` };
  }
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system) return { path: system, description: `${system} (system browser)` };
  return {
    path: undefined,
    description:
      "Playwright's own Chromium (no CHROMIUM_PATH and no system Chromium or Chrome found; " +
      'if it is missing, run `npx playwright install chromium` or set CHROMIUM_PATH)',
  };
}

/** The Electron binary for the `electron` project, or why there is none. */
export function findElectron(): { path: string } | { missing: string } {
  const fromEnv = process.env.ELECTRON_EXEC_PATH;
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { path: fromEnv }
      : { missing: `ELECTRON_EXEC_PATH is ${fromEnv}, but no file is there` };
  }
  const candidates = [
    'node_modules/electron/dist/electron',
    'node_modules/electron/dist/electron.exe',
    'node_modules/electron/dist/Electron.app/Contents/MacOS/Electron',
  ];
  const found = candidates.find((path) => existsSync(path));
  return found
    ? { path: found }
    : {
        missing:
          'no Electron binary: set ELECTRON_EXEC_PATH, or let `npx electron --version` download it ' +
          'into node_modules/electron/dist (needs network)',
      };
}
