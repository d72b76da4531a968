import { decode, encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predict } from '../nn/predict';
import type { RunStore } from '../store/types';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { openTestApi, type TestApi } from './testing/test-api';
import type { ApiEvent } from './table';

let t: TestApi;
let store: RunStore;
let events: ApiEvent[];
let value: TestApi['value'];
let failure: TestApi['failure'];

beforeAll(() => {
  // These channels never train; sweeps with real training processes are in lesson-training.test.ts.
  t = openTestApi('api-lab-');
  ({ store, events, value, failure } = t);
});

afterAll(() => t.close());

/** A drawn "7": a top bar and a diagonal, full ink, on 28×28. */
function seven(): number[] {
  const x = new Array<number>(784).fill(0);
  for (let c = 6; c < 22; c++) x[6 * 28 + c] = 1;
  for (let r = 7; r < 24; r++) x[r * 28 + Math.round(21 - (r - 7) * 0.6)] = 1;
  x[7 * 28 + 20] = 0.5; // half ink is kept as byte 128 (0.5·255 = 127.5 rounds up)
  return x;
}

/** A finished 784-2-10 run written the way the supervisor writes one, with misclassified digits. */
function finishedRun(width = 28, height = 28): { id: number; theta: Float64Array; sizes: number[] } {
  const id = store.createRun({
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [2] },
    dataset: DEFAULT_DATASET,
    width,
    height,
  });
  store.markRunning(id);
  const sizes = [width * height, 2, 10];
  const theta = new Float64Array(2 * (width * height + 1) + 10 * 3).map((_, i) => Math.sin(i) / 3);
  const digit = (fill: number) =>
    encode({ width, height, data: new Uint8Array(width * height).fill(fill), channels: 1, depth: 8 });
  store.finishRun(id, {
    theta,
    sizes,
    metrics: {
      trainAccuracy: 0.5,
      validationAccuracy: null,
      testAccuracy: 0.5,
      finalCost: 3.25,
      durationMs: 5,
      costEvaluations: 3,
    },
    confusion: Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 1 : 0))),
    misclassified: [
      { position: 4, label: 3, predicted: 8, png: digit(30) },
      { position: 9, label: 5, predicted: 6, png: digit(90) },
    ],
  });
  return { id, theta, sizes };
}

describe('every new channel refuses malformed arguments, naming the argument and field', () => {
  const longInput = new Array(785).fill(0);
  it.each<[string, unknown, string, (string | number)[] | undefined]>([
    ['runs.misclassified', ['1'], 'runs.misclassified: id: expected a number, got "1"', ['id']],
    ['handwriting.save', [], 'handwriting.save: takes 1 argument [sample], got 0', undefined],
    [
      'handwriting.save',
      [{ label: 10, input: seven() }],
      'handwriting.save: sample.label: must be ≤ 9, got 10',
      ['sample', 'label'],
    ],
    [
      'handwriting.save',
      [{ label: -1, input: seven() }],
      'handwriting.save: sample.label: must be ≥ 0, got -1',
      ['sample', 'label'],
    ],
    [
      'handwriting.save',
      [{ label: 2.5, input: seven() }],
      'handwriting.save: sample.label: expected a whole number, got 2.5',
      ['sample', 'label'],
    ],
    [
      'handwriting.save',
      [{ label: '7', input: seven() }],
      'handwriting.save: sample.label: expected a number, got "7"',
      ['sample', 'label'],
    ],
    [
      'handwriting.save',
      [{ label: 7, input: longInput }],
      'handwriting.save: sample.input: must have at most 784 items, got 785',
      ['sample', 'input'],
    ],
    [
      'handwriting.save',
      [{ label: 7, input: new Array(1_000_000).fill(0) }],
      'handwriting.save: sample.input: must have at most 784 items, got 1000000',
      ['sample', 'input'],
    ],
    [
      'handwriting.save',
      [{ label: 7, input: [0.5] }],
      'handwriting.save: sample.input: must have at least 784 items, got 1',
      ['sample', 'input'],
    ],
    [
      'handwriting.save',
      [{ label: 7, input: Object.assign(seven(), { 3: NaN }) }],
      'handwriting.save: sample.input[3]: expected a number, got NaN',
      ['sample', 'input', 3],
    ],
    [
      'handwriting.save',
      [{ label: 7, input: Object.assign(seven(), { 5: 1.5 }) }],
      'handwriting.save: sample.input[5]: must be ≤ 1, got 1.5',
      ['sample', 'input', 5],
    ],
    [
      'handwriting.save',
      [{ label: 7, input: Object.assign(seven(), { 5: -0.1 }) }],
      'handwriting.save: sample.input[5]: must be ≥ 0, got -0.1',
      ['sample', 'input', 5],
    ],
    [
      'handwriting.save',
      [{ label: 7, input: Object.assign(seven(), { 6: Infinity }) }],
      'handwriting.save: sample.input[6]: expected a number, got Infinity',
      ['sample', 'input', 6],
    ],
    [
      'handwriting.save',
      [{ label: 7, input: seven(), strokes: [] }],
      'handwriting.save: sample: unknown field "strokes"',
      ['sample'],
    ],
    ['handwriting.list', [1], 'handwriting.list: takes 0 arguments [], got 1', undefined],
    ['handwriting.delete', [0], 'handwriting.delete: id: must be ≥ 1, got 0', ['id']],
    ['handwriting.evaluate', [null], 'handwriting.evaluate: runId: expected a number, got null', ['runId']],
    [
      'lessons.gradientCheck',
      [{ network: 'big', lambda: 0 }],
      'lessons.gradientCheck: options.network: must be one of "debug", got "big"',
      ['options', 'network'],
    ],
    [
      'lessons.gradientCheck',
      [{ network: 'debug', lambda: -1 }],
      'lessons.gradientCheck: options.lambda: must be ≥ 0, got -1',
      ['options', 'lambda'],
    ],
    [
      'lessons.gradientCheck',
      [{ network: 'debug', lambda: 0, bug: 'off-by-one' }],
      'lessons.gradientCheck: options.bug: must be one of "no-sigmoid-gradient", "regularize-bias", "forget-divide-by-m", got "off-by-one"',
      ['options', 'bug'],
    ],
    [
      'lessons.gradientCheck',
      [{ network: { hidden: [] }, lambda: 0 }],
      'lessons.gradientCheck: options.network.hidden: must have at least 1 items, got 0',
      ['options', 'network', 'hidden'],
    ],
    [
      'lessons.gradientCheck',
      [{ network: { hidden: [5, 5, 5, 5] }, lambda: 0 }],
      'lessons.gradientCheck: options.network.hidden: must have at most 3 items, got 4',
      ['options', 'network', 'hidden'],
    ],
    [
      'lessons.gradientCheck',
      [{ network: { hidden: [1000] }, lambda: 0 }],
      'lessons.gradientCheck: options.network.hidden[0]: must be ≤ 100, got 1000',
      ['options', 'network', 'hidden', 0],
    ],
    [
      'lessons.gradientCheck',
      [{ network: { hidden: [5], m: 51 }, lambda: 0 }],
      'lessons.gradientCheck: options.network.m: must be ≤ 50, got 51',
      ['options', 'network', 'm'],
    ],
    [
      'lessons.gradientCheck',
      [{ network: 'debug', lambda: 0, sample: 501 }],
      'lessons.gradientCheck: options.sample: must be ≤ 500, got 501',
      ['options', 'sample'],
    ],
    ['lessons.bugs', [{}], 'lessons.bugs: takes 0 arguments [], got 1', undefined],
    [
      'sweeps.start',
      [{ kind: 'grid' }],
      'sweeps.start: request.kind: must be one of "validation-curve", "learning-curve", "seeds", "symmetry", "implementations", "overfit", got "grid"',
      ['request', 'kind'],
    ],
    [
      'sweeps.start',
      [{ kind: 'validation-curve', lambdas: new Array(21).fill(1) }],
      'sweeps.start: request.lambdas: must have at most 20 items, got 21',
      ['request', 'lambdas'],
    ],
    [
      'sweeps.start',
      [{ kind: 'validation-curve', lambdas: [0, -1] }],
      'sweeps.start: request.lambdas[1]: must be ≥ 0, got -1',
      ['request', 'lambdas', 1],
    ],
    [
      'sweeps.start',
      [{ kind: 'validation-curve', trainSizes: [10] }],
      'sweeps.start: request.trainSizes: a validation-curve sweep takes only lambdas, not trainSizes',
      ['request', 'trainSizes'],
    ],
    [
      'sweeps.start',
      [{ kind: 'symmetry', seeds: 3 }],
      'sweeps.start: request.seeds: a symmetry sweep takes no values, not seeds',
      ['request', 'seeds'],
    ],
    [
      'sweeps.start',
      [{ kind: 'seeds', seeds: 21 }],
      'sweeps.start: request.seeds: must be ≤ 20, got 21',
      ['request', 'seeds'],
    ],
    [
      'sweeps.start',
      [{ kind: 'seeds', seedsPerPoint: 3 }],
      'sweeps.start: request.seedsPerPoint: only a validation curve, learning curve or overfit pair takes seedsPerPoint, not a seeds sweep (a seeds sweep takes seeds)',
      ['request', 'seedsPerPoint'],
    ],
    [
      'sweeps.start',
      [{ kind: 'validation-curve', seedsPerPoint: 6 }],
      'sweeps.start: request.seedsPerPoint: 10 points × 6 seeds = 60 runs, more than the 50 one sweep may start',
      ['request', 'seedsPerPoint'],
    ],
    [
      'sweeps.start',
      [{ kind: 'learning-curve', seedsPerPoint: 11 }],
      'sweeps.start: request.seedsPerPoint: must be ≤ 10, got 11',
      ['request', 'seedsPerPoint'],
    ],
    [
      'sweeps.start',
      [{ kind: 'overfit', lambda: 0 }],
      'sweeps.start: request.lambda: must be > 0, got 0',
      ['request', 'lambda'],
    ],
    [
      'sweeps.start',
      [{ kind: 'learning-curve', trainSizes: [0] }],
      'sweeps.start: request.trainSizes[0]: must be ≥ 1, got 0',
      ['request', 'trainSizes', 0],
    ],
    [
      'sweeps.start',
      [{ kind: 'seeds', base: { hyperparameters: { lambda: 'x' } } }],
      'sweeps.start: request.base.hyperparameters.lambda: expected a number, got "x"',
      ['request', 'base', 'hyperparameters', 'lambda'],
    ],
    [
      'sweeps.start',
      [{ kind: 'seeds', base: { extra: 1 } }],
      'sweeps.start: request.base: unknown field "extra"',
      ['request', 'base'],
    ],
    ['sweeps.get', [-3], 'sweeps.get: id: must be ≥ 1, got -3', ['id']],
    ['sweeps.delete', ['all'], 'sweeps.delete: id: expected a number, got "all"', ['id']],
  ])('%s %j', async (channel, args, message, where) => {
    const e = await failure(channel, args);
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toBe(message);
    expect(e.path).toEqual(where);
  });

  it('refuses a blank drawing and nothing is saved', async () => {
    const e = await failure('handwriting.save', [{ label: 1, input: new Array(784).fill(0.001) }]);
    expect(e).toEqual({
      code: 'invalid-argument',
      message:
        'handwriting.save: sample.input: the drawing is blank (no value reaches 1/255 of ink); draw a digit first',
      path: ['sample', 'input'],
    });
    expect(store.listHandwriting()).toEqual([]);
  });

  it('refuses a gradient check too costly for the main process, saying what to shrink', async () => {
    const e = await failure('lessons.gradientCheck', [
      { network: { hidden: [100, 100, 100], m: 50 }, lambda: 1, sample: 500 },
    ]);
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toBe(
      'lessons.gradientCheck: options: checking 500 of the 99710 parameters on 50 examples costs 4990.5 million parameter·example ' +
        'evaluations, at most 30 allowed; check fewer parameters (sample), use fewer examples (m) or a smaller network',
    );
  });

  it('refuses a sweep whose values the plan rejects, creating nothing', async () => {
    const e = await failure('sweeps.start', [{ kind: 'validation-curve', lambdas: [1, 1] }]);
    expect(e).toEqual({
      code: 'invalid-argument',
      message: 'sweeps.start: request.lambdas: λ values: 1 appears twice',
      path: ['request', 'lambdas'],
    });
    const csv = await failure('sweeps.start', [{ kind: 'seeds', base: { dataset: { source: 'csv' } } }]);
    expect(csv).toEqual({
      code: 'invalid-argument',
      message: 'sweeps.start: request.base.dataset.file: a csv dataset needs a file',
      path: ['request', 'base', 'dataset', 'file'],
    });
    const outside = await failure('sweeps.start', [
      { kind: 'seeds', base: { dataset: { source: 'csv', file: '/etc/passwd' } } },
    ]);
    expect(outside.code).toBe('forbidden-path');
    expect(store.listSweeps()).toEqual([]);
    expect(store.countRuns()).toBe(0);
  });
});

describe('My handwriting', () => {
  it('saves a drawing as MNIST bytes, lists it with its image, evaluates runs on it and deletes it', async () => {
    events.length = 0;
    const { id: sevenId } = await value('handwriting.save', [{ label: 7, input: seven() }]);
    const flipped = seven().map((v) => 1 - v);
    const { id: otherId } = await value('handwriting.save', [{ label: 1, input: flipped }]);
    expect(events.filter((e) => e.name === 'handwriting.changed').map((e) => e.payload)).toEqual([
      { ids: [sevenId], change: 'created' },
      { ids: [otherId], change: 'created' },
    ]);

    const list = await value('handwriting.list', []);
    expect(list.map((s: { id: number; label: number }) => [s.id, s.label])).toEqual([
      [sevenId, 7],
      [otherId, 1],
    ]);
    const image = decode(Buffer.from(list[0].imagePng, 'base64'));
    expect([image.width, image.height, image.channels]).toEqual([28, 28, 1]);
    expect(Array.from(image.data)).toEqual(seven().map((v) => Math.round(v * 255)));
    expect(image.data[7 * 28 + 20]).toBe(128);
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);

    const { id: runId, theta, sizes } = finishedRun();
    const evaluation = await value('handwriting.evaluate', [runId]);
    const X = Float64Array.from([...seven(), ...flipped].map((v) => Math.round(v * 255) / 255));
    const expected = predict(theta, sizes, X, 2);
    expect(evaluation.predictions).toEqual([
      { id: sevenId, label: 7, predicted: expected[0] },
      { id: otherId, label: 1, predicted: expected[1] },
    ]);
    expect(evaluation.count).toBe(2);
    expect(evaluation.accuracy).toBe(((expected[0] === 7 ? 1 : 0) + (expected[1] === 1 ? 1 : 0)) / 2);
    // Rows are true labels: each drawing adds 1 at [label][predicted].
    expect([evaluation.confusion[7][expected[0]], evaluation.confusion[1][expected[1]]]).toEqual([1, 1]);
    expect(evaluation.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(2);

    await value('handwriting.delete', [sevenId]);
    await value('handwriting.delete', [otherId]);
    expect(await failure('handwriting.delete', [sevenId])).toEqual({
      code: 'not-found',
      message: `handwriting.delete: handwriting sample ${sevenId} does not exist`,
    });
    // With no drawings there is nothing to judge: count 0, accuracy null, all-zero confusion.
    expect(await value('handwriting.evaluate', [runId])).toEqual({
      runId,
      count: 0,
      accuracy: null,
      confusion: Array.from({ length: 10 }, () => new Array(10).fill(0)),
      predictions: [],
    });
  });

  // That a run then records how many drawings it was tested on is checked with real training in supervisor-test-sets.test.ts.
  it("training.start with testSource 'handwriting' needs saved drawings", async () => {
    const before = store.countRuns();
    const none = await failure('training.start', [{ dataset: { testSource: 'handwriting' } }]);
    expect(none).toEqual({
      code: 'invalid-argument',
      message:
        "training.start: dataset.testSource is 'handwriting' but no handwriting samples are saved yet; draw and save some digits first",
      path: ['request'],
    });
    expect(store.countRuns()).toBe(before);
  });

  it('evaluates only finished 28×28 runs', async () => {
    const queued = store.createRun({
      hyperparameters: DEFAULT_HYPERPARAMETERS,
      dataset: DEFAULT_DATASET,
      width: 28,
      height: 28,
    });
    expect(await failure('handwriting.evaluate', [queued])).toEqual({
      code: 'invalid-state',
      message: `handwriting.evaluate: run ${queued} is queued; only a finished run has a network to judge drawings with`,
    });
    const { id: small } = finishedRun(20, 20);
    expect(await failure('handwriting.evaluate', [small])).toEqual({
      code: 'invalid-state',
      message: `handwriting.evaluate: run ${small} reads 20×20 images; drawings are 28×28`,
    });
    expect((await failure('handwriting.evaluate', [987_654])).code).toBe('not-found');
  });
});

describe('runs.misclassified and the run list filters the drawing pad needs', () => {
  it('returns the stored digits with base64 PNGs, [] for a run without any', async () => {
    const { id } = finishedRun();
    const digits = await value('runs.misclassified', [id]);
    expect(
      digits.map((d: { position: number; label: number; predicted: number }) => [d.position, d.label, d.predicted]),
    ).toEqual([
      [4, 3, 8],
      [9, 5, 6],
    ]);
    expect(Array.from(decode(Buffer.from(digits[1].imagePng, 'base64')).data.slice(0, 3))).toEqual([90, 90, 90]);
    const queued = store.createRun({
      hyperparameters: DEFAULT_HYPERPARAMETERS,
      dataset: DEFAULT_DATASET,
      width: 28,
      height: 28,
    });
    expect(await value('runs.misclassified', [queued])).toEqual([]);
    expect(await failure('runs.misclassified', [123_456])).toEqual({
      code: 'not-found',
      message: 'runs.misclassified: run 123456 does not exist',
    });
  });

  it('finds the best finished 28×28 network in one query', async () => {
    finishedRun();
    const found = await value('runs.list', [
      { status: 'finished', width: 28, height: 28, sort: 'testAccuracy', order: 'desc', limit: 1 },
    ]);
    expect(found).toHaveLength(1);
    expect([found[0].width, found[0].height, found[0].status]).toEqual([28, 28, 'finished']);
    const small = await value('runs.list', [{ width: 20, height: 20 }]);
    expect(small.every((r: { width: number }) => r.width === 20)).toBe(true);
    expect(small.length).toBeGreaterThan(0);
  });
});

describe('lessons', () => {
  it("gradientCheck on Ng's debug network gives the lesson's numbers; a planted bug fails", async () => {
    const r = await value('lessons.gradientCheck', [{ network: 'debug', lambda: 3 }]);
    expect(r.sizes).toEqual([3, 5, 3]);
    expect(r.rows).toHaveLength(38);
    expect(r.cost).toBeCloseTo(2.1463598150243586, 13);
    expect(r.passed).toBe(true);
    const bug = await value('lessons.gradientCheck', [{ network: 'debug', lambda: 3, bug: 'regularize-bias' }]);
    expect(bug.passed).toBe(false);
    expect(bug.relativeDifference).toBeCloseTo(0.1111433817, 8);
    expect(JSON.parse(JSON.stringify(bug))).toEqual(bug);
  });

  it('gradientCheck on a chosen architecture: 784-25-10 by default, 20 sampled parameters', async () => {
    const r = await value('lessons.gradientCheck', [{ network: { hidden: [25] }, lambda: 1 }]);
    expect(r.sizes).toEqual([784, 25, 10]);
    expect([r.m, r.parameterCount, r.rows.length, r.passed]).toEqual([5, 19885, 20, true]);
    const tiny = await value('lessons.gradientCheck', [
      { network: { hidden: [4, 3], inputs: 6, outputs: 2, m: 1 }, lambda: 0, bug: 'forget-divide-by-m' },
    ]);
    // With a single example, dividing by m = 1 changes nothing: the bug is invisible, as its description says.
    expect([tiny.sizes, tiny.m, tiny.passed]).toEqual([[6, 4, 3, 2], 1, true]);
    const both = await failure('lessons.gradientCheck', [
      { network: 'debug', lambda: 0, bug: 'regularize-bias', impl: 'vectorized' },
    ]);
    expect(both).toEqual({
      code: 'invalid-argument',
      message:
        'lessons.gradientCheck: options: gradient check: a planted bug lives in the loop implementation; leave impl out when choosing a bug',
      path: ['options'],
    });
  });

  it('bugs lists the three planted bugs', async () => {
    const bugs = await value('lessons.bugs', []);
    expect(bugs.map((b: { id: string; needsLambda: boolean }) => [b.id, b.needsLambda])).toEqual([
      ['no-sigmoid-gradient', false],
      ['regularize-bias', true],
      ['forget-divide-by-m', false],
    ]);
  });
});
