import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { loadDataSplit } from '../data/load';
import { predict } from '../nn/predict';
import { labPerTest, quickRun, SMALL_DATA, statusOf } from './testing/harness';

const labs = labPerTest();

describe('Supervisor: what a real training process reports about its test set', () => {
  it('stores the misclassified test digits with the finished run, in test-set order', async () => {
    const lab = labs.open();
    const { supervisor, store } = lab;
    const id = supervisor.start(quickRun({ iterations: 3 }));
    await lab.waitFor('the run to finish', statusOf(id, 'finished'));

    const run = store.getRun(id);
    const wrong = store.getMisclassified(id);
    const offDiagonal = run.confusion!.flatMap((row, t) => row.filter((_, p) => p !== t)).reduce((a, b) => a + b, 0);
    expect(wrong.length).toBe(Math.min(100, offDiagonal));
    expect(wrong.length).toBeGreaterThan(0);
    // The main process checks them against the data the worker used, loaded here only for the test.
    const test = loadDataSplit(SMALL_DATA).test;
    const { sizes, theta } = store.getWeights(id);
    const predictions = predict(theta, sizes, test.X, test.m);
    const expected = [...predictions.keys()].filter((i) => predictions[i] !== test.y[i]).slice(0, 100);
    expect(wrong.map((d) => d.position)).toEqual(expected);
    expect(wrong.map((d) => [d.label, d.predicted])).toEqual(expected.map((i) => [test.y[i], predictions[i]]));
    const first = decode(wrong[0].png);
    expect(Array.from(first.data)).toEqual(
      Array.from(test.X.subarray(expected[0] * 784, expected[0] * 784 + 784), (v) => Math.round(v * 255)),
    );
  }, 120_000);

  it("tests a run on every saved handwriting sample when testSource is 'handwriting'", async () => {
    const lab = labs.open();
    const { supervisor, store } = lab;
    const donor = loadDataSplit({ ...SMALL_DATA, trainSize: 6, validationSize: 0, testSize: 0, dataSeed: 42 }).train;
    for (let i = 0; i < donor.m; i++) {
      const pixels = Uint8Array.from(donor.X.subarray(i * 784, i * 784 + 784), (v) => Math.round(v * 255));
      store.saveHandwriting({ label: donor.y[i], width: 28, height: 28, pixels });
    }
    const request = quickRun({ iterations: 3 });
    const id = supervisor.start({ ...request, dataset: { ...request.dataset, testSource: 'handwriting' } });
    // Saved after the start: not part of this run's test set.
    store.saveHandwriting({ label: 1, width: 28, height: 28, pixels: new Uint8Array(784).fill(200) });
    await lab.waitFor('the run to finish', statusOf(id, 'finished'));

    const run = store.getRun(id);
    expect(run.dataset).toEqual({ ...SMALL_DATA, testSize: 6, testSource: 'handwriting' });
    expect(run.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(6);
    const { sizes, theta } = store.getWeights(id);
    const predictions = predict(theta, sizes, donor.X, donor.m);
    const right = predictions.filter((p, i) => p === donor.y[i]).length;
    expect(run.metrics!.testAccuracy).toBe(right / 6);
    expect(store.getMisclassified(id).map((d) => d.position)).toEqual(
      [...predictions.keys()].filter((i) => predictions[i] !== donor.y[i]),
    );
  }, 120_000);

  it('refuses a handwriting test source while no sample is saved, before creating any run', () => {
    const lab = labs.open();
    const request = quickRun();
    expect(() =>
      lab.supervisor.start({ ...request, dataset: { ...request.dataset, testSource: 'handwriting' } }),
    ).toThrow(
      "dataset.testSource is 'handwriting' but no handwriting samples are saved yet; draw and save some digits first",
    );
    expect(lab.store.countRuns()).toBe(0);
  });
});
