/**
 * Runs the built command line as bin/byline.mjs does (imports the bundle, calls its main() with
 * this process's arguments), for the export benchmarks, and on exit writes what the bench cannot
 * see from outside to the file $BYLINE_BENCH_PROBE:
 *   { loaded, exited, cpuMs, maxRssKb, code }
 * with `loaded` and `exited` in ms since the process started (performance.now()), so
 * exited - loaded is the command's own work without Node's start-up and the bundle's loading;
 * cpuMs the CPU time (user and system, all threads) the process spent meanwhile, which other
 * work on the machine disturbs less than it does the elapsed time; maxRssKb the process's peak
 * resident memory (process.resourceUsage().maxRSS).
 * $BYLINE_BENCH_CLI names the bundle (dist/cli/byline.mjs, or a copy of it).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const cli = process.env.BYLINE_BENCH_CLI;
const probe = process.env.BYLINE_BENCH_PROBE;
if (!cli || !probe) {
  console.error('cli-probe: set BYLINE_BENCH_CLI (the built command line) and BYLINE_BENCH_PROBE (where to write).');
  process.exit(2);
}

const { main } = (await import(pathToFileURL(cli).href)) as { main(): Promise<void> };
const loaded = performance.now();
const cpuAtLoad = process.cpuUsage();
process.once('exit', (code) => {
  const exited = performance.now();
  const cpu = process.cpuUsage(cpuAtLoad);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  writeFileSync(probe, JSON.stringify({ loaded, exited, cpuMs, maxRssKb: process.resourceUsage().maxRSS, code }));
});
await main();
