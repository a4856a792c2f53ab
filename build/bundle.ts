/**
 * Bundles everything that runs outside the renderer with esbuild: the Electron main process and
 * its sandboxed preload (one CommonJS file each), the test host with its bridge script, and the
 * `byline` command line, each with the export's second lane beside it.
 */
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { common, nodeEsm } from './esbuild-options.ts';

// A file an older build wrote and this one no longer does must not be packed or run.
await Promise.all(['dist/electron', 'dist/host', 'dist/cli'].map((dir) => rm(dir, { recursive: true, force: true })));

await Promise.all([
  build({
    ...common,
    entryPoints: {
      main: 'electron/main.ts',
      preload: 'electron/preload.ts',
      'jobs-worker': 'electron/jobs/worker.ts',
      'export-lane': 'electron/export/lane-worker.ts',
    },
    minify: true,
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    external: ['electron', 'better-sqlite3'],
  }),
  build({
    ...nodeEsm,
    entryPoints: { server: 'e2e/host/main.ts', 'jobs-worker': 'electron/jobs/worker.ts', 'export-lane': 'electron/export/lane-worker.ts' },
    outdir: 'dist/host',
  }),
  build({ ...nodeEsm, entryPoints: { byline: 'electron/cli.ts', 'export-lane': 'electron/export/lane-worker.ts' }, outdir: 'dist/cli' }),
  build({
    ...common,
    entryPoints: { bridge: 'e2e/host/bridge.ts' },
    outdir: 'dist/host',
    platform: 'browser',
    format: 'iife',
    target: 'chrome140',
  }),
]);
