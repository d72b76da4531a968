/**
 * `backprop-lab bench` (and `npm run bench`): every speed and memory figure the project promises,
 * printed for people or as one JSON object for machines. Tests never time anything; this does.
 */
import { formatBench, runBench } from '../bench';
import { benchDataLoading, type DataBenchResult } from '../data/bench';
import { benchPreprocess } from '../draw/bench';
import { formatStoreBench, runStoreBench } from '../store/bench';
import { benchHiddenUnits } from '../bench/hidden-units';
import { parseArgs, UsageError, type FlagSpecs } from './args';

const PARTS = ['compute', 'data', 'store', 'draw', 'units'] as const;
type Part = (typeof PARTS)[number];

export const BENCH_FLAGS: FlagSpecs = {
  json: { kind: 'boolean', help: 'print one JSON object on stdout (progress goes nowhere)' },
  only: {
    kind: 'string',
    choices: PARTS,
    help: 'run one part: compute (cost+gradient, training, memory), data, store, draw or units (opening a hidden unit)',
  },
  'skip-large': { kind: 'boolean', help: 'skip the 60,000-example training (it needs about 1 GB and tens of seconds)' },
  evaluations: { kind: 'integer', min: 20, max: 10_000, help: 'timed evaluations of fast (default 50)' },
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
    const u = benchHiddenUnits();
    result.units = u;
    say(`\nOpening a hidden unit (784-${u.units}-10, ${u.trainSize.toLocaleString('en-US')} training digits):`);
    say(
      `  first unit of a run: ${u.firstClickMs.toFixed(0)} ms, CPU ${u.firstClickCpuMs.toFixed(0)} ms (reloading the data and forward passes: ${u.loadMs.toFixed(0)} ms)`,
    );
    say(
      `  each other unit:     ${u.clickMedianMs.toFixed(1)} ms median (CPU ${u.clickCpuMedianMs.toFixed(1)} ms), ${u.clickMaxMs.toFixed(1)} ms slowest; ${(u.answerBytes / 1024).toFixed(0)} KB of JSON`,
    );
  }
  if (json) process.stdout.write(JSON.stringify(result) + '\n');
  return 0;
}
