import { afterAll, describe, expect, it } from 'vitest';
import { smallResult, smallRun } from '../store/fixtures';
import { openTestApi } from './testing/test-api';

const t = openTestApi('backprop-lab-large-weights-');
afterAll(() => t.close());

describe('runs.weights of a network too large for one answer', () => {
  it('answers too-large naming the count instead of failing on a string V8 cannot hold', async () => {
    // 784-4096-1200-10: 8,143,770 weights, ~160 MB as JSON.
    const run = smallRun({ hiddenLayers: [4096, 1200] });
    const id = t.store.createRun({ ...run, width: 28, height: 28 });
    t.store.markRunning(id);
    t.store.finishRun(id, smallResult([4096, 1200], 784));
    expect(await t.failure('runs.weights', [id])).toEqual({
      code: 'too-large',
      message: `runs.weights: run ${id} has 8,143,770 weights, more than the 8,000,000 one answer carries; export the run to get them`,
    });
  }, 180_000);
});
