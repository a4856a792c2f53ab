/**
 * `npm run bench [-- <id-prefix>]`: runs the benchmark scenarios (those whose id starts with the
 * prefix), prints a table and writes bench-results.json, `{ id: { value, unit, target, n, runs } }`
 * with value the median of n runs (or the percentile or maximum the id names) and runs the
 * figure of each run. Missing a target
 * is a figure, not a failure: the exit code is non-zero only when the harness or the app broke.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { analyticsScenarios } from './scenarios/analytics.ts';
import { corpusScenarios } from './scenarios/corpus.ts';
import { editorScenarios } from './scenarios/editor.ts';
import { exportScenarios } from './scenarios/export.ts';
import { reviewScenarios } from './scenarios/review.ts';
import { reviewOpenScenarios } from './scenarios/review-open.ts';
import { suggestScenarios } from './scenarios/suggest.ts';
import { teamScenarios } from './scenarios/team.ts';
import type { Measurement, Scenario, ScenarioGroup } from './scenario.ts';
import { round1 } from './stats.ts';

const RESULTS_FILE = 'bench-results.json';

interface Result {
  value: number | null;
  unit: string;
  target: number;
  better: 'lower' | 'higher';
  n: number;
  runs: number[];
  error?: string;
}

const prefix = process.argv[2] ?? '';
const groups: ScenarioGroup[] = [
  editorScenarios(),
  corpusScenarios(),
  exportScenarios(),
  reviewScenarios(),
  reviewOpenScenarios(),
  suggestScenarios(),
  teamScenarios(),
  analyticsScenarios(),
];
const selected = groups.flatMap((g) => g.scenarios).filter((s) => s.id.startsWith(prefix));
if (selected.length === 0) {
  const ids = groups.flatMap((g) => g.scenarios.map((s) => s.id)).join(', ');
  console.error(`No scenario id starts with "${prefix}". The ids: ${ids}.`);
  process.exit(2);
}

const results: Record<string, Result> = {};
const notes: string[] = [];
let broken = false;
for (const group of groups) {
  // Each group's browser, host and workspaces go as soon as its last scenario has run: left
  // open, they slowed every group after them (a whole run put the review open 60% over its
  // figure alone). A group none of whose scenarios ran has nothing to close.
  try {
    for (const scenario of group.scenarios.filter((s) => selected.includes(s))) await runScenario(scenario);
  } finally {
    await group.close();
  }
}

printTable(results);
for (const note of notes) console.log(`  ${note}`);
writeResults(results);
process.exit(broken ? 1 : 0);

async function runScenario(scenario: Scenario): Promise<void> {
  process.stderr.write(`[bench] ${scenario.id}…\n`);
  const outcome = await attempt(scenario);
  const result: Result = { value: null, unit: scenario.unit, target: scenario.target, better: scenario.better ?? 'lower', n: 0, runs: [] };
  if ('error' in outcome) {
    result.error = outcome.error;
    broken = true;
  } else {
    result.value = outcome.value;
    result.n = outcome.n;
    // A score keeps its three decimals; times and sizes one.
    result.runs = outcome.runs.map(scenario.unit === 'F1' ? (v) => Number(v.toFixed(3)) : round1);
    if (outcome.detail) notes.push(`${scenario.id}: ${outcome.detail}`);
    if (outcome.problem) {
      result.error = outcome.problem;
      broken = true;
    }
  }
  results[scenario.id] = result;
  process.stderr.write(`[bench] ${scenario.id}: ${result.value ?? 'failed'} ${scenario.unit}\n`);
}

async function attempt(scenario: Scenario): Promise<Measurement | { error: string }> {
  try {
    return await scenario.run();
  } catch (error) {
    console.error(`[bench] ${scenario.id} failed:`, error);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function printTable(results: Record<string, Result>): void {
  const rows = [
    ['id', 'value', 'unit', 'target', 'n', 'result', 'runs'],
    ...Object.entries(results).map(([id, r]) => [
      id,
      r.value === null ? '-' : String(r.value),
      r.unit,
      `${r.better === 'higher' ? '>=' : '<='} ${r.target}`,
      String(r.n),
      r.value === null ? 'ERROR' : r.error ? 'PROBLEM' : (r.better === 'higher' ? r.value >= r.target : r.value <= r.target) ? 'pass' : 'FAIL',
      r.runs.join(', '),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 1 || c === 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  console.log();
  console.log(line(rows[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
  for (const [id, r] of Object.entries(results)) if (r.error) console.log(`  ${id}: ${r.error}`);
}

/** A run of some scenarios keeps the other figures already in the file; a full run replaces it. */
function writeResults(results: Record<string, Result>): void {
  const previous =
    prefix && existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, Result>) : {};
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
  console.log(`\nWrote ${RESULTS_FILE}.`);
}
