/**
 * Writes schema/exchange.schema.json from the zod schemas in schema/exchange.ts, for tools that
 * read exchange files without Byline. `--check` only compares, and fails when the file is stale
 * (a test does the same, so the shipped file cannot drift from the schema).
 *
 *   node_modules/.bin/node build/exchange-schema.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exchangeJsonSchemaText } from '../schema/exchange.ts';

const path = fileURLToPath(new URL('../schema/exchange.schema.json', import.meta.url));
const text = exchangeJsonSchemaText();

if (process.argv.includes('--check')) {
  let shipped = '';
  try {
    shipped = readFileSync(path, 'utf8');
  } catch {
    // A missing file is as stale as a different one.
  }
  if (shipped !== text) {
    console.error(`${path} is stale: run node_modules/.bin/node build/exchange-schema.ts to regenerate it.`);
    process.exit(1);
  }
  console.log(`${path} is up to date.`);
} else {
  writeFileSync(path, text);
  console.log(`Wrote ${path}.`);
}
