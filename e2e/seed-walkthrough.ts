/**
 * The lab a walkthrough meets after a session: runs of one's own (tagged), a run that drove J down to
 * 5.6659e-9, a cancelled run, and two lesson sweeps (the overfitting pair and three seeds), written
 * through the real store with tiny 4×4 networks so seeding takes a moment.
 */
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS, type Hyperparameters } from '../src-main/run/hyperparameters';
import { png, smallResult, smallRun } from '../src-main/store/fixtures';
import { openStore } from '../src-main/store/open';
import type { RunStore, SweepKind } from '../src-main/store/types';

export interface WalkthroughRuns {
  /** Finished, tagged experiment-1 and ng. */
  taggedA: number;
  /** Finished, tagged Experiment-2. */
  taggedB: number;
  /** Finished with final J = 5.6659e-9 after J fell from 7 to 1e-8, three misclassified digits; the best test accuracy. */
  tiny: number;
  /** Cancelled at iteration 2 of 50, two snapshots kept. */
  cancelled: number;
  /** The lesson runs: the overfitting pair, seeds 1–3, then the older sessions' 10 (curves, symmetry, implementations). */
  lessons: number[];
}

/** Writes the walkthrough's runs to the database at `file` (created if missing). */
export function seedWalkthrough(file: string): WalkthroughRuns {
  const store = openStore(file);
  try {
    const finished = (
      name: string,
      testAccuracy: number,
      finalCost = 0.31,
      sweep?: { id: number; x: number },
      hyperparameters: Partial<Hyperparameters> = {},
      trainSize?: number,
    ) => {
      const run = smallRun(hyperparameters, name);
      if (trainSize !== undefined) run.dataset = { ...run.dataset, trainSize };
      const id = store.createRun({ ...run, ...(sweep ? { sweep } : {}) });
      store.markRunning(id);
      store.appendProgress(id, [
        { iteration: 0, cost: 7, elapsedMs: 0 },
        { iteration: 1, cost: 2, elapsedMs: 4 },
        { iteration: 2, cost: finalCost, elapsedMs: 8 },
      ]);
      snapshots(store, id, 2);
      const result = smallResult([3]);
      store.finishRun(id, { ...result, metrics: { ...result.metrics, testAccuracy, finalCost } });
      return id;
    };
    const taggedA = finished('Tagged experiment A', 0.8);
    store.setTags(taggedA, ['experiment-1', 'ng']);
    const taggedB = finished('Tagged experiment B', 0.82);
    store.setTags(taggedB, ['Experiment-2']);

    const tiny = store.createRun(smallRun({ lambda: 0 }, 'Overfit to the last digit'));
    store.markRunning(tiny);
    store.appendProgress(
      tiny,
      [7, 0.3, 1e-2, 1e-4, 1e-6, 1e-8].map((cost, iteration) => ({ iteration, cost, elapsedMs: iteration * 5 })),
    );
    snapshots(store, tiny, 3);
    const result = smallResult([3]);
    store.finishRun(tiny, {
      ...result,
      metrics: { ...result.metrics, trainAccuracy: 1, testAccuracy: 0.95, finalCost: 5.6659e-9 },
      misclassified: [
        { position: 3, label: 7, predicted: 1, png: png(70) },
        { position: 8, label: 4, predicted: 9, png: png(40) },
        { position: 12, label: 5, predicted: 3, png: png(50) },
      ],
    });

    const cancelled = store.createRun(smallRun({}, 'Stopped early'));
    store.markRunning(cancelled);
    store.appendProgress(cancelled, [
      { iteration: 0, cost: 7, elapsedMs: 0 },
      { iteration: 1, cost: 3, elapsedMs: 5 },
      { iteration: 2, cost: 2.5, elapsedMs: 9 },
    ]);
    snapshots(store, cancelled, 2);
    store.cancelRun(cancelled);

    const base = { hyperparameters: DEFAULT_HYPERPARAMETERS, dataset: DEFAULT_DATASET };
    // Older sessions' lessons, so each lesson view has results to lay out.
    const sweep = (kind: SweepKind, values: number[]) => store.createSweep({ kind, base: { ...base, values } });
    const curve = sweep('validation-curve', [0, 0.3, 3]);
    const learning = sweep('learning-curve', [20, 60]);
    const symmetry = sweep('symmetry', [0, 1]);
    const implementations = sweep('implementations', [0, 1, 2]);
    const older = [
      ...[0, 0.3, 3].map((lambda) =>
        finished(`Validation curve · λ = ${lambda}`, 0.8, 0.3, { id: curve, x: lambda }, { lambda }),
      ),
      ...[20, 60].map((m) => finished(`Learning curve · m = ${m}`, 0.7, 0.3, { id: learning, x: m }, {}, m)),
      finished('Symmetry lesson · all-zero Θ₀', 0.1, 3.2, { id: symmetry, x: 0 }, { init: 'zeros' }),
      finished('Symmetry lesson · random Θ₀', 0.8, 0.3, { id: symmetry, x: 1 }),
      ...(['loop', 'vectorized', 'fast'] as const).map((impl, x) =>
        finished(`Loop vs vectorized · ${impl}`, 0.8, 0.3, { id: implementations, x }, { impl }),
      ),
    ];
    const overfit = store.createSweep({
      kind: 'overfit',
      name: 'Overfit vs regularized',
      base: { ...base, values: [0, 1] },
    });
    const seeds = store.createSweep({ kind: 'seeds', name: 'Seeds', base: { ...base, values: [1, 2, 3] } });
    const lessons = [
      finished('Overfitting lesson · no regularization λ = 0', 0.75, 0.05, { id: overfit, x: 0 }, { lambda: 0 }),
      finished('Overfitting lesson · regularized λ = 1', 0.84, 0.4, { id: overfit, x: 1 }),
      ...[1, 2, 3].map((seed) => finished(`Seeds · seed ${seed}`, 0.8, 0.3, { id: seeds, x: seed }, { seed })),
    ];
    return { taggedA, taggedB, tiny, cancelled, lessons: [...lessons, ...older] };
  } finally {
    store.close();
  }
}

function snapshots(store: RunStore, id: number, count: number): void {
  for (let k = 0; k < count; k++) {
    store.addSnapshot(id, {
      index: k,
      iteration: k,
      gridPng: png(10 * k + id),
      unitPngs: [png(k), png(k + 1), png(k + 2)],
    });
  }
}
