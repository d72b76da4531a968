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
