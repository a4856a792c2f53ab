/**
 * Packaging: electron-builder itself packs the built app (dist/, from `npm run build`, which is
 * why this is a Playwright spec: it runs after the build) with the real configs, into an unpacked
 * Linux app, and the spec reads what came out: the files in app.asar and app.asar.unpacked, and
 * the fuse wire of the binary.
 *
 * No Electron binary can be downloaded here, so the build packs a stand-in Electron folder
 * (through ELECTRON_DIST, as an offline build would): an "electron" file carrying a fuse wire in
 * the format of Electron's binary (sentinel, version, length, one byte per fuse), with Electron's
 * default states. electron-builder flips it with @electron/fuses exactly as it flips a real one.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { expect, test, type TestInfo } from '@playwright/test';

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults, fuse by fuse in FuseV1Options order ("1" on, "0" off). */
const ELECTRON_DEFAULT_FUSES = '10110001';
/** The one native binary Byline needs: better-sqlite3's Node-API prebuild for the target. */
const SQLITE_BINARY = `node_modules/better-sqlite3/prebuilds/linux-${process.arch}.node`;

const RELEASE_FUSES = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
  EnableCookieEncryption: false,
};

const ONCE = 'packaging drives no app: it runs once, in the chromium project';
test.describe.configure({ timeout: 120_000 });

test('the release build packs the app and better-sqlite3 only, with the fuses of a release', async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'chromium', ONCE);
  const app = await packLinuxDir('build/electron-builder.config.ts', testInfo);

  const files = listPackage(app.asar, { isPack: false })
    .filter((entry) => !('files' in statFile(app.asar, entry.slice(1))))
    .map((entry) => entry.slice(1).split(sep).join('/'));
  const builtApp = [...filesUnder('dist/electron'), ...filesUnder('dist/renderer')].filter((f) => !f.endsWith('.map'));
  expect(builtApp).toEqual(
    expect.arrayContaining([
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/electron/jobs-worker.cjs',
      'dist/electron/export-lane.cjs',
      'dist/renderer/index.html',
    ]),
  );
  expect(builtApp.some((f) => /^dist\/renderer\/assets\/.+\.js$/.test(f))).toBe(true);
  expect.soft(files).toEqual(expect.arrayContaining([...builtApp, 'package.json', 'node_modules/better-sqlite3/lib/index.js']));

  const allowed = [
    /^package\.json$/,
    /^dist\/(electron|renderer)\//,
    /^node_modules\/better-sqlite3\/(package\.json|LICENSE|lib\/.+\.js)$/,
    new RegExp(`^${SQLITE_BINARY.replaceAll('.', '\\.')}$`),
  ];
  expect.soft(files.filter((f) => !allowed.some((pattern) => pattern.test(f))), 'packed files that do not belong').toEqual([]);
  expect.soft(files.filter((f) => /\.map$|\.ts$|\.test\.|^e2e\/|^dist\/(host|cli)\//.test(f)), 'sources, tests, maps, test host').toEqual([]);

  // Electron loads a .node only from the real file system, next to the archive.
  expect.soft(existsSync(join(app.resources, 'app.asar.unpacked', SQLITE_BINARY)), `${SQLITE_BINARY} unpacked`).toBe(true);
  const unpacked = join(app.resources, 'app.asar.unpacked');
  const nativeFiles = filesUnder(unpacked, unpacked).filter((f) => f.endsWith('.node'));
  expect.soft(nativeFiles).toEqual([SQLITE_BINARY]);

  expect(await fuses(app.binary)).toEqual(expect.objectContaining(RELEASE_FUSES));
});

test('the test build differs from the release only by honoring --inspect, which Playwright needs to drive it', async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'chromium', ONCE);
  const app = await packLinuxDir('build/electron-builder.test-build.config.ts', testInfo);
  expect(await fuses(app.binary)).toEqual(
    expect.objectContaining({ ...RELEASE_FUSES, EnableNodeCliInspectArguments: true }),
  );
});

/** Runs the electron-builder command line as `npm run dist` does, for an unpacked Linux app. */
async function packLinuxDir(config: string, testInfo: TestInfo) {
  const electronDist = testInfo.outputPath('electron-stand-in');
  mkdirSync(electronDist, { recursive: true });
  const stub = join(electronDist, 'electron');
  writeFileSync(stub, `#!/bin/sh\nexit 1\n${FUSE_SENTINEL}\x01\x08${ELECTRON_DEFAULT_FUSES}\n`);
  chmodSync(stub, 0o755);
  writeFileSync(join(electronDist, 'LICENSE'), 'stand-in\n');
  writeFileSync(join(electronDist, 'LICENSES.chromium.html'), 'stand-in\n');

  const output = testInfo.outputPath('release');
  const env = {
    ...process.env,
    ELECTRON_DIST: electronDist,
    NO_UPDATE_NOTIFIER: '1',
    // Any request the build made would go to a closed port and fail it: packing must be offline.
    NODE_USE_ENV_PROXY: '1',
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    npm_config_offline: 'true',
  };
  const args = ['node_modules/electron-builder/cli.js', '--dir', '--linux', '--config', config];
  try {
    await promisify(execFile)(process.execPath, [...args, `-c.directories.output=${output}`], { env });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    throw new Error(`electron-builder ${args.slice(1).join(' ')} failed:\n${stdout}\n${stderr}`, { cause: error });
  }
  const resources = join(output, 'linux-unpacked', 'resources');
  return { binary: join(output, 'linux-unpacked', 'byline'), resources, asar: join(resources, 'app.asar') };
}

/** Files under `dir`, relative to `root`, with / separators. */
function filesUnder(dir: string, root = '.'): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** The fuse wire of `binary`, by fuse name: true where on. */
async function fuses(binary: string): Promise<Record<string, boolean>> {
  const wire = await getCurrentFuseWire(binary);
  return Object.fromEntries(
    Object.entries(wire)
      .filter(([key]) => key !== 'version')
      .map(([index, state]) => [FuseV1Options[Number(index)], state === '1'.charCodeAt(0)]),
  );
}
