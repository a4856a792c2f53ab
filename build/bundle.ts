/**
 * Bundles everything that runs outside the renderer with esbuild: the Electron main process and
 * its sandboxed preload (one CommonJS file each), the test host with its bridge script, and the
 * `byline` command line.
 * `?raw` imports (SQL migrations, the sample article) become strings, as in Vite.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';

const raw: Plugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)),
      namespace: 'raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

const common: BuildOptions = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  plugins: [raw],
  target: 'node24',
};

/** Plain-Node ES modules (the test host, the command line); better-sqlite3 and other CommonJS dependencies call require(). */
const nodeEsm: BuildOptions = {
  ...common,
  outExtension: { '.js': '.mjs' },
  platform: 'node',
  format: 'esm',
  external: ['better-sqlite3'],
  // The binding is renamed so that a bundled module importing createRequire itself (fflate does) does not collide.
  banner: { js: "import { createRequire as __bylineCreateRequire } from 'node:module'; const require = __bylineCreateRequire(import.meta.url);" },
};

// A file an older build wrote and this one no longer does must not be packed or run.
await Promise.all(['dist/electron', 'dist/host', 'dist/cli'].map((dir) => rm(dir, { recursive: true, force: true })));

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'electron/main.ts', preload: 'electron/preload.ts', 'jobs-worker': 'electron/jobs/worker.ts' },
    minify: true,
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    external: ['electron', 'better-sqlite3'],
  }),
  build({
    ...nodeEsm,
    entryPoints: { server: 'e2e/host/main.ts', 'jobs-worker': 'electron/jobs/worker.ts' },
    outdir: 'dist/host',
  }),
  build({ ...nodeEsm, entryPoints: { byline: 'electron/cli.ts' }, outdir: 'dist/cli' }),
  build({
    ...common,
    entryPoints: { bridge: 'e2e/host/bridge.ts' },
    outdir: 'dist/host',
    platform: 'browser',
    format: 'iife',
    target: 'chrome140',
  }),
]);
