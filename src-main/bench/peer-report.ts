/**
 * The peers part of `npm run bench -- --only startup --peers`: fast ÷ numpy on J and ∇J, and the
 * 60,000-photo command ÷ scikit-learn's whole script, each measured in turns (interleave.ts) with the
 * load beside the ratio.
 */
import { createFastCost } from '../nn/fast';
import { initialTheta } from '../nn/init';
import { DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { formatLoad, formatRatio, pairedRatio, pause, watchLoad, type LoadReading, type Pair } from './interleave';
import type { PairedRatio } from './interleave';
import { defaultTrainingDigits } from './mnist-examples';
import { findPython, interleavedKernelRatio, sklearnScript, type KernelPeerRatio, type SklearnPeer } from './peers';
import type { PhotoData } from './photo-data';
import { timeTrainCommand } from './startup';

export type PeerReport =
  | { readonly note: string }
  | {
      readonly python: string;
      /** fast vs numpy: J and ∇J of 784-25-10 on the default run's 5,000 training digits, at Θ₀. */
      readonly evaluation: KernelPeerRatio;
      /** The 60,000-photo command vs scikit-learn's whole script on the same files and Θ₀, in turns. */
      readonly photos: { readonly ratio: PairedRatio; readonly load: LoadReading; readonly sklearn: SklearnPeer };
    };

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Measures both peer ratios; `photoArgs` is the photo run's command line, `photoPairs` its turns each. */
export async function runPeers(
  photos: PhotoData,
  photoArgs: string[],
  photoPairs: number,
  say: (line: string) => void,
): Promise<PeerReport> {
  const found = findPython();
  if ('note' in found) {
    say(`\n${found.note}`);
    return found;
  }
  say('');
  say(`peers (${found.python}; OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for them), ours and theirs in turns:`);
  // The CLI run's Θ₀ (default init: uniform in [−0.12, 0.12], seed 1) and λ.
  const sizes = [784, 25, 10];
  const { epsilon, seed, lambda } = DEFAULT_HYPERPARAMETERS;
  const theta0 = initialTheta(sizes, { init: 'uniform', epsilon, seed });
  const train = defaultTrainingDigits();
  const fast = createFastCost(sizes, train, lambda);
  let evaluation: KernelPeerRatio;
  try {
    evaluation = await interleavedKernelRatio(found.python, train, theta0, fast);
  } finally {
    fast.dispose();
  }
  const e = evaluation.ratio;
  say(
    `  J and ∇J on 5,000 digits: fast ${e.oursMedianMs.toFixed(2)} ms, numpy float64 ${e.theirsMedianMs.toFixed(2)} ms ` +
      `(J ${evaluation.cost.toFixed(6)}); ${formatRatio(e)}`,
  );
  say(`    ${formatLoad(evaluation.load)}; BLAS ${JSON.stringify(evaluation.blas)}`);
  if (evaluation.load.warning) say(`    ${evaluation.load.warning}`);

  const watch = watchLoad();
  const pairs: Pair[] = [];
  let sklearn: SklearnPeer | undefined;
  for (let p = 0; p < photoPairs; p++) {
    const ours = await timeTrainCommand('60,000 photos', photoArgs);
    await pause(250);
    sklearn = sklearnScript(found.python, photos, theta0);
    pairs.push({ oursMs: ours.wallMs, theirsMs: sklearn.wholeMs });
    say(`    pair ${p + 1}: backprop-lab ${seconds(ours.wallMs)}, scikit-learn ${seconds(sklearn.wholeMs)}`);
  }
  const ratio = pairedRatio(pairs);
  const load = watch.done();
  const last = sklearn!;
  say(
    `  60,000 photos, L-BFGS 100: backprop-lab command → JSON ${seconds(ratio.oursMedianMs)}; scikit-learn whole script ` +
      `${seconds(ratio.theirsMedianMs)} (last: load ${seconds(last.loadMs)}, fit ${seconds(last.fitMs)} for ${last.iterations} ` +
      `iterations, score ${seconds(last.scoreMs)}; final loss ${last.finalLoss.toFixed(6)}, train ` +
      `${(last.trainAccuracy * 100).toFixed(2)}%, test ${(last.testAccuracy * 100).toFixed(2)}%); ${formatRatio(ratio)}`,
  );
  say(`    ${formatLoad(load)}`);
  if (load.warning) say(`    ${load.warning}`);
  return { python: found.python, evaluation, photos: { ratio, load, sklearn: last } };
}
