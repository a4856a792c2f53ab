#!/usr/bin/env node
// The `byline` command: runs the bundled command line (npm run build makes it).
import { existsSync } from 'node:fs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`byline: needs Node 24, not ${process.version}: run it as \`npx byline\` in the Byline folder, which uses the project's Node.`);
  process.exit(1);
}
const cli = new URL('../dist/cli/byline.mjs', import.meta.url);
if (!existsSync(cli)) {
  console.error('byline: the command line is not built yet: run `npm run build` in the Byline folder.');
  process.exit(1);
}
const { main } = await import(cli.href);
await main();
