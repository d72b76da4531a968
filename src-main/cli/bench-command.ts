/**
 * `backprop-lab bench` (and `npm run bench`): every speed and memory figure the project promises,
 * printed for people or as one JSON object for machines. Tests never time anything; this does.
 */
import { runBench } from '../bench/compute-bench';
import { formatBench } from '../bench/compute-format';
import { benchDataLoading, type DataBenchResult } from '../data/loading-bench';
import { benchPreprocess } from '../draw/preprocess-bench';
import { formatStoreBench, runStoreBench } from '../store/store-bench';
import { benchHiddenUnits } from '../bench/hidden-units';
import path from 'node:path';
import { parseArgs, UsageError, type FlagSpecs } from './args';
import { jsonFlag } from './common-flags';
import { DENSE_FROM_DENSITY, defaultThreads } from '../nn/fast';

const PARTS = [
  'compute',
  'layout',
  'data',
  'store',
  'draw',
  'units',
  'backprop',
  'first-open',
  'startup',
  'landscape',
] as const;
type Part = (typeof PARTS)[number];

export const BENCH_FLAGS: FlagSpecs = {
  json: jsonFlag('one JSON object on stdout (progress goes nowhere)'),
  only: {
    kind: 'string',
    choices: PARTS,
    help: 'run one part: compute (cost+gradient, training, memory), layout (dense vs sparse inputs by density), data, store, draw, units (opening a hidden unit), backprop (the Backprop view), first-open (the first open of a run in the Backprop view and the hidden units, on the API thread and on a warm data thread; also part of startup), startup (fixed cost of a run) or landscape (the cost surface)',
  },
  'skip-large': { kind: 'boolean', help: 'skip the 60,000-example training (it needs about 1 GB and tens of seconds)' },
  evaluations: { kind: 'integer', min: 20, max: 10_000, help: 'timed evaluations of fast (default 50)' },
  peers: {
    kind: 'boolean',
    help: 'startup: also run the same jobs in numpy and scikit-learn (python3 with both) and print each ratio',
  },
  repeats: { kind: 'integer', min: 1, max: 50, help: 'startup: times the default run is timed (median; default 3)' },
  pairs: {
    kind: 'integer',
    min: 1,
    max: 20,
    help: 'startup --peers: turns each of the 60,000-photo command and scikit-learn take (the ratio is the median of the pairs; default 3)',
  },
};

export async function benchCommand(argv: readonly string[]): Promise<number> {
  const { flags, positionals } = parseArgs(argv, BENCH_FLAGS);
  if (positionals.length > 0) throw new UsageError(`bench: unexpected argument '${positionals[0]}'`);
  const json = flags.json === true;
  const wanted = (part: Part) => flags.only === undefined || flags.only === part;
  const say = (line: string) => (json ? undefined : process.stdout.write(line + '\n'));
  const result: Record<string, unknown> = {};

  // The compute bench measures a default run's peak memory first, so it runs before anything else loads.
  if (wanted('compute')) {
    const report = await runBench({
      json,
      large: flags['skip-large'] !== true,
      evaluations: flags.evaluations as number | undefined,
    });
    result.compute = report;
    say(formatBench(report));
  }
  if (wanted('layout')) {
    const { crossoverHeader, formatCrossoverRow, runLayoutCrossover } = await import('../bench/layout-crossover');
    const evaluations = Math.min(20, (flags.evaluations as number | undefined) ?? 9);
    say('');
    crossoverHeader(defaultThreads(), evaluations).forEach(say);
    const report = runLayoutCrossover(evaluations, (row) => say(formatCrossoverRow(row)));
    if (report.note) say(`  ${report.note}`);
    say(`  the fast cost stores inputs dense from ${DENSE_FROM_DENSITY * 100}% nonzero on (nn/fast/input-layout.ts)`);
    result.layout = report;
  }
  if (wanted('data')) {
    say('\nLoading data (median of 3; CPU ms is less disturbed by other busy processes):');
    result.data = benchDataLoading(3, (r: DataBenchResult) =>
      say(
        `  ${r.name.padEnd(44)} ${r.ms.toFixed(0).padStart(6)} ms  CPU ${r.cpuMs.toFixed(0).padStart(6)} ms  ${r.detail}`,
      ),
    );
  }
  if (wanted('store')) {
    say('\nExperiment store (temporary database, removed afterwards):');
    const report = runStoreBench();
    result.store = report;
    say(formatStoreBench(report));
  }
  if (wanted('draw')) {
    const timings = benchPreprocess();
    result.draw = timings;
    say('\nDrawing pad:');
    for (const t of timings) say(`  ${t.case.padEnd(44)} ${t.medianMs.toFixed(3)} ms median of ${t.repeats}`);
  }
  if (wanted('units')) {
    const u = await benchHiddenUnits();
    result.units = u;
    say(`\nOpening a hidden unit (784-${u.units}-10, ${u.trainSize.toLocaleString('en-US')} training digits):`);
    say(
      `  first unit of a run: ${u.firstClickMs.toFixed(0)} ms, CPU ${u.firstClickCpuMs.toFixed(0)} ms (reloading the data and forward passes: ${u.loadMs.toFixed(0)} ms)`,
    );
    say(
      `  each other unit:     ${u.clickMedianMs.toFixed(1)} ms median (CPU ${u.clickCpuMedianMs.toFixed(1)} ms), ${u.clickMaxMs.toFixed(1)} ms slowest; ${(u.answerBytes / 1024).toFixed(0)} KB of JSON`,
    );
  }
  if (wanted('backprop')) {
    const { benchBackprop } = await import('../bench/backprop');
    const timings = await benchBackprop();
    result.backprop = timings;
    say('\nBackprop view (one default 784-25-10 run in a temporary store):');
    for (const t of timings)
      say(`  ${t.case.padEnd(46)} ${t.medianMs.toFixed(1).padStart(8)} ms  (median of ${t.repeats}; ${t.detail})`);
  }
  if (flags.only === 'first-open') {
    const [{ benchFirstOpens, formatFirstOpen }, { workerPath }] = await Promise.all([
      import('../bench/first-open'),
      import('./worker-path'),
    ]);
    say('\nFirst open of a default run (one request each, a fresh API each time):');
    const timings = await benchFirstOpens(path.join(path.dirname(workerPath()), 'data-reader.js'));
    timings.forEach((t) => say(formatFirstOpen(t)));
    result.firstOpen = timings;
  }
  if (wanted('startup')) {
    const [{ formatTargets, runStartupBench }, { workerPath }] = await Promise.all([
      import('../bench/startup-report'),
      import('./worker-path'),
    ]);
    say('\nFixed cost of a run (real commands, temporary databases; BACKPROP_LAB_TRACE marks in each process):');
    const report = await runStartupBench(
      (flags.repeats as number | undefined) ?? 3,
      flags.peers === true,
      say,
      (flags.pairs as number | undefined) ?? 3,
      path.join(path.dirname(workerPath()), 'data-reader.js'),
    );
    result.startup = report;
    formatTargets(report.targets).forEach(say);
  }
  if (wanted('landscape')) {
    const [{ benchLandscape }, { workerPath }] = await Promise.all([
      import('../bench/landscape'),
      import('./worker-path'),
    ]);
    say('\nCost surface (the default run trained here, then forward-only J as the landscape thread computes it):');
    const timings = await benchLandscape(path.join(path.dirname(workerPath()), 'landscape.js'));
    result.landscape = timings;
    for (const t of timings)
      say(
        `  ${t.case.padEnd(50)} ${t.ms.toFixed(0).padStart(6)} ms  ${Number.isNaN(t.cpuMs) ? '' : `CPU ${t.cpuMs.toFixed(0).padStart(6)} ms  `}(target ≤ ${t.targetMs} ms; ${t.evaluations} evaluations of J; load ${t.loadAverage.toFixed(1)})`,
      );
  }
  if (json) process.stdout.write(JSON.stringify(result) + '\n');
  return 0;
}
