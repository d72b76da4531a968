/**
 * `npm run bench -- --only startup`: the fixed cost of a run, phase by phase, for the default CLI run
 * and a 60,000-photo IDX .gz run; Start → first Live point through the web host; final predictions of
 * 10,000 examples; and each target of issue 9, met or missed. With `--peers`, the same jobs in numpy
 * and scikit-learn (peers.ts) for the ratios.
 */
import { loadBundledDigits } from '../data/mnist';
import { createFastCost } from '../nn/fast';
import { DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { timeEvaluations } from './measure';
import { defaultTrainingDigits } from './mnist-examples';
import { findPython, numpyEvaluation, sklearnScript, type NumpyPeer, type SklearnPeer } from './peers';
import { predictFast } from '../nn/fast/predict';
import { initialTheta } from '../nn/init';
import { predict } from '../nn/predict';
import { timeHostStart, type HostStartTiming } from './host-start';
import { photoData, type PhotoData } from './photo-data';
import { formatPhases, medianTiming, timeTrainCommand, type CommandTiming } from './startup';

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
  readonly host: HostStartTiming & { readonly medianMs: number };
  readonly predictions: { readonly examples: number; readonly fastMs: number; readonly referenceMs: number };
  readonly peers:
    | { readonly note: string }
    | {
        readonly python: string;
        /** fast vs numpy: J and ∇J of 784-25-10 on the default run's 5,000 training digits, at Θ₀. */
        readonly evaluation: { readonly fastMs: number; readonly numpy: NumpyPeer; readonly ratio: number };
        /** The 60,000-photo command vs scikit-learn's whole script on the same files and Θ₀. */
        readonly photos: { readonly commandMs: number; readonly sklearn: SklearnPeer; readonly ratio: number };
      }
    | null;
  readonly targets: Target[];
}

export const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timeMs(repeats: number, job: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    job();
    times.push(performance.now() - start);
  }
  return median(times);
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
): Promise<StartupReport> {
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
  ];
  let peers: StartupReport['peers'] = null;
  if (withPeers) {
    const found = findPython();
    if ('note' in found) {
      peers = found;
      say(`\n${found.note}`);
    } else {
      // The CLI run's Θ₀ (default init: uniform in [−0.12, 0.12], seed 1) and λ.
      const { epsilon, seed, lambda } = DEFAULT_HYPERPARAMETERS;
      const theta0 = initialTheta(sizes, { init: 'uniform', epsilon, seed });
      const train = defaultTrainingDigits();
      const fast = createFastCost(sizes, train, lambda);
      const fastMs = timeEvaluations(fast, theta0, 10, 50).medianMs;
      fast.dispose();
      const numpy = numpyEvaluation(found.python, train, theta0);
      const sklearn = sklearnScript(found.python, photos, theta0);
      peers = {
        python: found.python,
        evaluation: { fastMs, numpy, ratio: fastMs / numpy.medianMs },
        photos: { commandMs: photoRun.wallMs, sklearn, ratio: photoRun.wallMs / sklearn.wholeMs },
      };
      say('');
      say(`peers (${found.python}; OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for them):`);
      say(
        `  J and ∇J on 5,000 digits: fast ${fastMs.toFixed(2)} ms, numpy float64 ${numpy.medianMs.toFixed(2)} ms ` +
          `(J ${numpy.cost.toFixed(6)}); ratio ${peers.evaluation.ratio.toFixed(2)}; BLAS ${JSON.stringify(numpy.blas)}`,
      );
      say(
        `  60,000 photos, L-BFGS 100: backprop-lab command → JSON ${s(photoRun.wallMs)}; scikit-learn whole script ` +
          `${s(sklearn.wholeMs)} (load ${s(sklearn.loadMs)}, fit ${s(sklearn.fitMs)} for ${sklearn.iterations} iterations, ` +
          `score ${s(sklearn.scoreMs)}; final loss ${sklearn.finalLoss.toFixed(6)}, train ${(sklearn.trainAccuracy * 100).toFixed(2)}%, ` +
          `test ${(sklearn.testAccuracy * 100).toFixed(2)}%); ratio ${peers.photos.ratio.toFixed(2)}`,
      );
    }
  }
  const measured = peers && 'python' in peers ? peers : null;
  targets.push(
    {
      what: '60,000 photos: command → JSON vs scikit-learn script',
      goal: '≤ 0.60×',
      measured: measured ? `${measured.photos.ratio.toFixed(2)}×` : 'no peer',
      met: measured ? measured.photos.ratio <= 0.6 : null,
    },
    {
      what: 'kernel: fast J and ∇J vs numpy float64',
      goal: '≤ 0.50×',
      measured: measured ? `${measured.evaluation.ratio.toFixed(2)}×` : 'no peer',
      met: measured ? measured.evaluation.ratio <= 0.5 : null,
    },
  );
  return {
    defaultRun,
    defaultRuns: repeats,
    photoRun,
    photoData: photos.description,
    host,
    predictions,
    peers,
    targets,
  };
}

/** The targets as a table, met or missed. */
export function formatTargets(targets: readonly Target[]): string[] {
  return [
    '',
    'targets (issue 9):',
    ...targets.map(
      (t) =>
        `  ${t.what.padEnd(52)}${t.goal.padStart(12)}${t.measured.padStart(12)}  ${t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED'}`,
    ),
  ];
}
