/**
 * A database of many finished runs for the run browser's scale test, written through the real store
 * (same schema, same transitions as training would leave). Runs are tiny (4×4 images, 3 hidden
 * units) so seeding 1,000 takes about a second; their settings vary so sorting and filtering mean
 * something: run k has λ = k mod 10, optimizer cg/lbfgs/sgd by k mod 3, tag "even" when k is even.
 */
import { png, smallResult, smallRun } from '../src-main/store/fixtures';
import { openStore } from '../src-main/store/open';
import type { OptimizerName } from '../src-main/run/hyperparameters';

const OPTIMIZERS: OptimizerName[] = ['cg', 'lbfgs', 'sgd'];

/** Writes `count` finished runs named "Seeded run 1" … to the database at `file`. */
export function seedRuns(file: string, count: number): void {
  const store = openStore(file);
  try {
    for (let k = 1; k <= count; k++) {
      const id = store.createRun(
        smallRun({ lambda: k % 10, optimizer: OPTIMIZERS[k % 3], seed: k }, `Seeded run ${k}`),
      );
      store.markRunning(id);
      store.appendProgress(id, [
        { iteration: 0, cost: 7, elapsedMs: 0 },
        { iteration: 1, cost: 3 + (k % 7) / 10, elapsedMs: 5 },
        { iteration: 2, cost: 1 + (k % 5) / 10, elapsedMs: 9 },
      ]);
      store.addSnapshot(id, { index: 0, iteration: 0, gridPng: png(k), unitPngs: [png(k), png(k + 1), png(k + 2)] });
      const result = smallResult([3]);
      // Accuracies spread over [0.80, 0.999] so sorting by them is visible.
      result.metrics = {
        ...result.metrics,
        trainAccuracy: 0.8 + (k % 200) / 1000,
        testAccuracy: 0.75 + (k % 150) / 1000,
      };
      store.finishRun(id, result);
      if (k % 2 === 0) store.setTags(id, ['even']);
    }
  } finally {
    store.close();
  }
}

/** Test accuracies of the seeded groups: λ = 0 and λ = 3 over seeds 1–5 (Welch's t = 8.22, p = 5.6e-5 by scipy). */
export const GROUP_TEST_ACCURACY = {
  0: [0.871, 0.865, 0.878, 0.869, 0.874],
  3: [0.894, 0.899, 0.89, 0.896, 0.891],
} as const;

/**
 * Two groups of five finished runs that differ only in seed (λ = 0 and λ = 3, seeds 1–5, test
 * accuracies GROUP_TEST_ACCURACY) and one run of λ = 10 alone; returns their ids.
 */
export function seedSeedGroups(file: string): { zero: number[]; three: number[]; alone: number } {
  const store = openStore(file);
  const add = (lambda: number, seed: number, testAccuracy: number): number => {
    const id = store.createRun(smallRun({ lambda, seed }, `Seeded λ = ${lambda} · seed ${seed}`));
    store.markRunning(id);
    store.appendProgress(
      id,
      Array.from({ length: 11 }, (_, i) => ({
        iteration: i,
        cost: (2.3 + lambda / 10 + seed / 10) * Math.exp(-i / 4) + 0.3 + seed * 0.03 * (i / 10),
        elapsedMs: i * 5,
      })),
    );
    store.addSnapshot(id, {
      index: 0,
      iteration: 10,
      gridPng: png(seed),
      unitPngs: [png(seed), png(seed + 1), png(seed + 2)],
    });
    const result = smallResult([3]);
    result.metrics = {
      ...result.metrics,
      trainAccuracy: 1 - lambda / 100,
      validationAccuracy: testAccuracy + 0.005,
      testAccuracy,
    };
    store.finishRun(id, result);
    return id;
  };
  try {
    const zero = GROUP_TEST_ACCURACY[0].map((a, k) => add(0, k + 1, a));
    const three = GROUP_TEST_ACCURACY[3].map((a, k) => add(3, k + 1, a));
    return { zero, three, alone: add(10, 1, 0.85) };
  } finally {
    store.close();
  }
}
