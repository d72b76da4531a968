import { test } from 'vitest';
import { performance } from 'node:perf_hooks';
import { loadDataSplit } from '../data/load';
import { parseDatasetSpec, DEFAULT_HYPERPARAMETERS as hp } from '../run/hyperparameters';
import { createCostFunction } from '../nn/implementations';
import { initialTheta } from '../nn/init';
import { healthSampleRows, networkHealth } from '../nn/health';
import { NG_MODEL } from '../nn/model';
test('prof', () => {
  const { train } = loadDataSplit(parseDatasetSpec({}));
  const sizes = [train.n, 25, 10];
  const f = createCostFunction('fast', sizes, train, 1);
  const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 1 });
  const grad = new Float64Array(theta.length);
  for (let k = 0; k < 3; k++) {
    let t = performance.now(); f.evaluate(theta, grad); const g = performance.now() - t;
    for (const S of [0, 1, 200]) {
      const rows = healthSampleRows(train.m, S);
      t = performance.now();
      networkHealth({ theta, grad, previousTheta: theta, sizes, sample: train, rows, model: NG_MODEL });
      console.log(`m=${train.m} grad ${g.toFixed(1)}ms  health S=${S} ${(performance.now() - t).toFixed(1)}ms`);
    }
  }
});
