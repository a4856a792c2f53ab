// Lets Node 24 run the project's TypeScript modules as they are (type stripping) for the
// reference script, resolving what the bundler (build/bundle.ts) resolves: imports without the
// .ts extension, folders by their index.ts, and `?raw` imports as strings.
//   node --import ./electron/review/reference/resolve-ts.mjs <script.ts>
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const relative = /^\.\.?\//;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (relative.test(specifier) && specifier.endsWith('?raw')) {
      return { url: `${new URL(specifier.slice(0, -'?raw'.length), context.parentURL).href}?raw`, shortCircuit: true };
    }
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!relative.test(specifier)) throw error;
      if (error?.code === 'ERR_MODULE_NOT_FOUND') return nextResolve(`${specifier}.ts`, context);
      if (error?.code === 'ERR_UNSUPPORTED_DIR_IMPORT') return nextResolve(`${specifier}/index.ts`, context);
      throw error;
    }
  },
  load(url, context, nextLoad) {
    if (!url.endsWith('?raw')) return nextLoad(url, context);
    const text = readFileSync(new URL(url.slice(0, -'?raw'.length)), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
  },
});
