/**
 * `npm run bench -- --only startup`: the fixed cost of a run, phase by phase, for the default CLI run
 * and a 60,000-photo IDX .gz run, and one evaluation of that run's J and ∇J by kernel phase; Start → first Live point through the web host; final predictions of
 * 10,000 examples; and each target of issues 9 and 23, met or missed. With `--peers`, the same jobs in
 * numpy and scikit-learn (peer-report.ts), in turns with ours, for the ratios.
 */
import { loadBundledDigits } from '../data/mnist';
import { cpus, loadavg } from 'node:os';
import { benchFirstOpens, formatFirstOpen, type FirstOpenTiming } from './first-open';
import type { PairedRatio } from './interleave';
import { runPeers, type PeerReport } from './peer-report';
import { predictFast } from '../nn/fast/predict';
import { initialTheta } from '../nn/init';
import { predict } from '../nn/predict';
import { timeHostStart, type HostStartTiming } from './host-start';
import { photoData, type PhotoData } from './photo-data';
import { formatPhotoPhases, type PhotoPhases } from './photo-phases';
import { measurePhotoPhases } from './photo-phases-measure';
import { formatPhases, medianTiming, timeTrainCommand, type CommandTiming } from './startup';
import { median, timeCalls } from './measure';

export interface Target {
  readonly what: string;
  readonly goal: string;
  readonly measured: string;
  /** null when it could not be measured here (the peer is missing). */
  readonly met: boolean | null;
}

export interface StartupReport {
  readonly defaultRun: CommandTiming;
  readonly defaultRuns: number;
  readonly photoRun: CommandTiming;
  readonly photoData: string;
  /** One evaluation of the photo run's J and ∇J: forward, backward, reduction, threads, FLOP rates. */
  readonly photoPhases: PhotoPhases;
  readonly host: HostStartTiming & { readonly medianMs: number };
  readonly predictions: { readonly examples: number; readonly fastMs: number; readonly referenceMs: number };
  readonly firstOpens: readonly FirstOpenTiming[];
  readonly peers: PeerReport | null;
  /** The machine, and its 1-minute load average when the bench began (before any of its own work). */
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly node: string;
    readonly loadAtStart: number;
  };
  readonly targets: Target[];
}

function timeMs(repeats: number, job: () => void): number {
  return median(timeCalls(repeats, job).wallMs);
}

/** The 60,000-photo run's command line (also what the peers run, on the same files). */
export function photoArgs(data: PhotoData): string[] {
  return [
    '--data',
    data.trainImages,
    '--labels',
    data.trainLabels,
    '--test-data',
    data.testImages,
    '--test-labels',
    data.testLabels,
    '--train-size',
    '60000',
    '--validation-size',
    '0',
    '--test-size',
    '10000',
    '--optimizer',
    'lbfgs',
    '--iterations',
    '100',
  ];
}

/** Runs every startup measurement; `say` gets each part's lines as it is done. */
export async function runStartupBench(
  repeats: number,
  withPeers: boolean,
  say: (line: string) => void,
  photoPairs: number,
  readerFile: string,
): Promise<StartupReport> {
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown CPU',
    cores: cpus().length,
    node: process.version,
    loadAtStart: loadavg()[0],
  };
  say(
    `machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average ${machine.loadAtStart.toFixed(2)} ` +
      `before the bench began (${(machine.loadAtStart / machine.cores).toFixed(2)}/core)`,
  );
  const runs: CommandTiming[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await timeTrainCommand('default run', []));
  const defaultRun = medianTiming(runs);
  say('');
  formatPhases(defaultRun, repeats).forEach(say);

  const photos = photoData();
  const photoRun = await timeTrainCommand('60,000 photos', photoArgs(photos));
  say('');
  formatPhases(photoRun, 1).forEach(say);
  say(`  data: ${photos.description}`);
  const photoPhases = measurePhotoPhases(photos, photoRun);
  say('');
  formatPhotoPhases(photoPhases).forEach(say);

  const hostTiming = await timeHostStart(5);
  const host = { ...hostTiming, medianMs: median(hostTiming.startToFirstPointMs) };
  say('');
  say(
    `lab (web host already running): Start → first Live point ${hostTiming.startToFirstPointMs.map((v) => v.toFixed(0)).join(', ')} ms ` +
      `(median ${host.medianMs.toFixed(0)}); Start → done ${hostTiming.startToDoneMs.map((v) => v.toFixed(0)).join(', ')} ms`,
  );

  const digits = loadBundledDigits();
  const sizes = [784, 25, 10];
  const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 1 });
  predictFast(theta, sizes, digits);
  const predictions = {
    examples: digits.m,
    fastMs: timeMs(7, () => predictFast(theta, sizes, digits)),
    referenceMs: timeMs(3, () => predict(theta, sizes, digits.X, digits.m)),
  };
  say(
    `final predictions of ${digits.m.toLocaleString('en-US')} digits from scratch: fast kernel ${predictions.fastMs.toFixed(1)} ms ` +
      `(reference forward pass ${predictions.referenceMs.toFixed(0)} ms), median of 7 and 3`,
  );

  // The run's own final predictions: training and validation sets through the layouts training built,
  // the test set packed afresh, the misclassified digits' PNGs; 10,000 examples in all.
  const runPredictions = defaultRun.phases.find((p) => p.name.startsWith('final predictions'))!;
  say(
    `the default run's final predictions (5,000 train + 2,500 validation + 2,500 test): ${runPredictions.ms.toFixed(1)} ms ` +
      `(CPU ${runPredictions.cpuMs?.toFixed(1)} ms), median of ${repeats}`,
  );
  const firstOpens = await benchFirstOpens(readerFile);
  firstOpens.forEach((t) => say(formatFirstOpen(t)));
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const cost0 = photoRun.phases.find((p) => p.name === 'J(Θ₀)')!.endMs!;
  const targets: Target[] = [
    {
      what: 'default CLI run: command → first progress line',
      goal: '≤ 0.80 s',
      measured: s(defaultRun.firstProgressMs),
      met: defaultRun.firstProgressMs <= 800,
    },
    {
      what: 'default CLI run: command → JSON',
      goal: '≤ 1.80 s',
      measured: s(defaultRun.wallMs),
      met: defaultRun.wallMs <= 1800,
    },
    {
      what: 'lab: Start → first Live point (host running)',
      goal: '≤ 0.40 s',
      measured: s(host.medianMs),
      met: host.medianMs <= 400,
    },
    { what: '60,000 photos: command → iteration 0 (J(Θ₀))', goal: '≤ 2.50 s', measured: s(cost0), met: cost0 <= 2500 },
    {
      what: 'default run: final predictions (5,000 + 2,500 + 2,500)',
      goal: '≤ 30 ms',
      measured: `${runPredictions.ms.toFixed(1)} ms`,
      met: runPredictions.ms <= 30,
    },
    {
      what: 'final predictions of 10,000 digits, from scratch',
      goal: '≤ 30 ms',
      measured: `${predictions.fastMs.toFixed(1)} ms`,
      met: predictions.fastMs <= 30,
    },
    ...firstOpens
      .filter((t) => t.where === 'data thread')
      .map((t) => ({
        what: `first open in the ${t.view}, warm data thread`,
        goal: '≤ 100 ms',
        measured: `${t.ms.toFixed(0)} ms (API ${t.apiThreadMs.toFixed(0)})`,
        met: t.ms <= 100,
      })),
  ];
  const peers = withPeers ? await runPeers(photos, photoArgs(photos), photoPairs, say) : null;
  const measured = peers && 'python' in peers ? peers : null;
  targets.push(
    {
      what: '60,000 photos: command → JSON vs scikit-learn script',
      goal: '≤ 0.50×',
      measured: measured ? spread(measured.photos.ratio) : 'no peer',
      met: measured ? measured.photos.ratio.median <= 0.5 : null,
    },
    {
      what: 'kernel: fast J and ∇J vs numpy float64',
      goal: '≤ 0.35×',
      measured: measured ? spread(measured.evaluation.ratio) : 'no peer',
      met: measured ? measured.evaluation.ratio.median <= 0.35 : null,
    },
  );
  return {
    defaultRun,
    defaultRuns: repeats,
    photoRun,
    photoData: photos.description,
    photoPhases,
    host,
    predictions,
    firstOpens,
    peers,
    machine,
    targets,
  };
}

/** A ratio for the targets table: its median and, in brackets, the lowest and highest pairwise ratio. */
const spread = (r: PairedRatio) => `${r.median.toFixed(2)}× (${r.min.toFixed(2)}–${r.max.toFixed(2)})`;

/** The targets as a table, met or missed. */
export function formatTargets(targets: readonly Target[]): string[] {
  return [
    '',
    'targets (issues 9 and 23):',
    ...targets.map(
      (t) =>
        `  ${t.what.padEnd(56)}${t.goal.padStart(12)}${t.measured.padStart(22)}  ${t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED'}`,
    ),
  ];
}
