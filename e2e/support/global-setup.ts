import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findChromium, findElectron } from './browser';

export default function globalSetup(): void {
  for (const built of ['dist/renderer/index.html', 'dist/host/server.mjs', 'dist/electron/main.cjs']) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first.`);
  }
  console.log(`[e2e] chromium project: ${findChromium().description}`);
  const electron = findElectron();
  console.log(
    'path' in electron
      ? `[e2e] electron project: ${electron.path}`
      : `[e2e] electron project: its tests skip, ${electron.missing}`,
  );
  const shared = resolve('../shared');
  console.log(
    existsSync(shared)
      ? `[e2e] ${shared} is present: the specs over its articles run`
      : `[e2e] ${shared} is missing: the specs over its articles skip`,
  );
}
