/**
 * The esbuild options the bundles share (build/bundle.ts), and the unit tests that bundle the
 * export's second lane to run it as a real worker.
 * `?raw` imports (SQL migrations, the sample article) become strings, as in Vite.
 */
import type { BuildOptions, Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
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

export const common: BuildOptions = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  plugins: [raw],
  target: 'node24',
};

/** Plain-Node ES modules (the test host, the command line); better-sqlite3 and other CommonJS dependencies call require(). */
export const nodeEsm: BuildOptions = {
  ...common,
  outExtension: { '.js': '.mjs' },
  platform: 'node',
  format: 'esm',
  external: ['better-sqlite3'],
  // The binding is renamed so that a bundled module importing createRequire itself (fflate does) does not collide.
  banner: { js: "import { createRequire as __bylineCreateRequire } from 'node:module'; const require = __bylineCreateRequire(import.meta.url);" },
};
