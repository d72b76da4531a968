import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'node:v8';
import { parseFromWorker, parseToWorker } from './protocol';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';

const start = { type: 'start', runId: 7, hyperparameters: DEFAULT_HYPERPARAMETERS, dataset: DEFAULT_DATASET };
const metrics = {
  trainAccuracy: 0.953,
  validationAccuracy: null,
  testAccuracy: 0.9,
  finalCost: 0.3245,
  durationMs: 1200,
  costEvaluations: 51,
};

/** What a message looks like after crossing a Node child-process channel with serialization: 'advanced'. */
const viaChannel = <T>(m: T): unknown => deserialize(serialize(m));

describe('parseToWorker', () => {
  it('accepts a start with initial Θ and a cancel', () => {
    const m = parseToWorker(viaChannel({ ...start, initialThetas: [[[0, 1]], [[2, 3]]] }));
    expect(m).toEqual({ ...start, initialThetas: [[[0, 1]], [[2, 3]]] });
    expect(parseToWorker({ type: 'cancel' })).toEqual({ type: 'cancel' });
  });

  it('carries handwriting samples as bytes and refuses them as plain arrays', () => {
    const handwriting = { width: 2, height: 1, labels: new Uint8Array([7]), pixels: new Uint8Array([0, 255]) };
    const m = parseToWorker(viaChannel({ ...start, handwriting }));
    expect(m.type === 'start' && m.handwriting).toEqual(handwriting);
    expect(() => parseToWorker({ ...start, handwriting: { ...handwriting, pixels: [0, 255] } })).toThrow(
      /\(start\): handwriting\.pixels: /,
    );
    expect(() => parseToWorker({ ...start, handwriting: { ...handwriting, width: 0 } })).toThrow(
      /\(start\): handwriting\.width: /,
    );
  });

  it('names the offending field', () => {
    expect(() => parseToWorker({ ...start, hyperparameters: { ...DEFAULT_HYPERPARAMETERS, lambda: -1 } })).toThrow(
      /^invalid message to the training process \(start\): hyperparameters\.lambda: /,
    );
    expect(() => parseToWorker({ ...start, runId: 1.5 })).toThrow(/\(start\): runId: /);
    expect(() => parseToWorker({ ...start, initialThetas: [[[0, NaN]]] })).toThrow(/initialThetas\.0\.0\.1: /);
    expect(() => parseToWorker({ type: 'train' })).toThrow(
      /^invalid message to the training process \(train\): type: /,
    );
    expect(() => parseToWorker(null)).toThrow(/^invalid message to the training process: /);
    expect(() => parseToWorker({ type: 'cancel', now: true })).toThrow(/\(cancel\): .*now/);
  });
});

describe('parseFromWorker', () => {
  it('keeps typed arrays intact across the channel', () => {
    const theta = new Float64Array([0.1, -0.2, 1e-300]);
    const wrong = { position: 2, label: 1, predicted: 0, png: new Uint8Array([137, 80]) };
    const done = viaChannel({
      type: 'done',
      theta,
      initialTheta: new Float64Array([0.5, 0, -0.5]),
      sizes: [1, 1],
      metrics,
      confusion: [
        [3, 1],
        [0, 4],
      ],
      misclassified: [wrong],
    });
    const m = parseFromWorker(done);
    expect(m.type).toBe('done');
    if (m.type !== 'done') return;
    expect(m.theta).toBeInstanceOf(Float64Array);
    expect(Array.from(m.theta)).toEqual([0.1, -0.2, 1e-300]);
    expect(m.initialTheta).toBeInstanceOf(Float64Array);
    expect(Array.from(m.initialTheta)).toEqual([0.5, 0, -0.5]);
    expect(m.metrics).toEqual(metrics);
    expect(m.misclassified).toEqual([wrong]);
    expect(m.misclassified[0].png).toBeInstanceOf(Uint8Array);

    const snap = parseFromWorker(
      viaChannel({
        type: 'snapshot',
        index: 0,
        iteration: 0,
        gridPng: new Uint8Array([1, 2]),
        unitPngs: [new Uint8Array([3])],
        validationCost: 0.6931471805599453,
        validationAccuracy: 0.25,
      }),
    );
    expect(snap.type === 'snapshot' && Array.from(snap.unitPngs[0])).toEqual([3]);
    expect(snap).toMatchObject({ validationCost: 0.6931471805599453, validationAccuracy: 0.25 });
    // Without a validation set both are null; a missing or infinite J_cv is refused.
    const bare = { type: 'snapshot', index: 1, iteration: 2, gridPng: new Uint8Array([1]), unitPngs: [] };
    expect(parseFromWorker({ ...bare, validationCost: null, validationAccuracy: null })).toMatchObject({
      validationCost: null,
    });
    expect(() => parseFromWorker(bare)).toThrow('validationCost');
    expect(() => parseFromWorker({ ...bare, validationCost: Infinity, validationAccuracy: null })).toThrow(
      'validationCost',
    );
  });

  it('accepts every other message kind', () => {
    const started = {
      type: 'started',
      sizes: [784, 25, 10],
      width: 28,
      height: 28,
      trainSize: 300,
      validationSize: 0,
      testSize: 100,
      data: { classNames: ['0', '1'], featureNames: ['a', 'b'], standardization: { mean: [1, 2], sd: [1, 0.5] } },
    };
    expect(parseFromWorker(started)).toEqual(started);
    expect(parseFromWorker({ type: 'progress', points: [] })).toEqual({ type: 'progress', points: [] });
    expect(parseFromWorker({ type: 'cancelled' })).toEqual({ type: 'cancelled' });
    expect(parseFromWorker({ type: 'error', message: 'x.csv: line 3: bad' })).toEqual({
      type: 'error',
      message: 'x.csv: line 3: bad',
    });
  });

  it('rejects non-finite costs, plain arrays for weights and accuracies above 1', () => {
    expect(() => parseFromWorker({ type: 'progress', points: [{ iteration: 1, cost: NaN, elapsedMs: 3 }] })).toThrow(
      /^invalid message from the training process \(progress\): points\.0\.cost: /,
    );
    expect(() =>
      parseFromWorker({ type: 'progress', points: [{ iteration: 1, cost: Infinity, elapsedMs: 3 }] }),
    ).toThrow(/points\.0\.cost/);
    expect(() => parseFromWorker({ type: 'done', theta: [0.1], sizes: [1, 1], metrics, confusion: [] })).toThrow(
      /\(done\): theta: /,
    );
    expect(() =>
      parseFromWorker({
        type: 'done',
        theta: new Float64Array(2),
        initialTheta: new Float64Array(2),
        sizes: [1, 1],
        metrics: { ...metrics, trainAccuracy: 95.3 },
        confusion: [],
      }),
    ).toThrow(/metrics\.trainAccuracy: /);
    const done = {
      type: 'done',
      theta: new Float64Array(2),
      initialTheta: new Float64Array(2),
      sizes: [1, 1],
      metrics,
      confusion: [],
    };
    expect(() => parseFromWorker(done)).toThrow(/\(done\): misclassified: /);
    const digit = { position: 0, label: 1, predicted: 0, png: new Uint8Array([1]) };
    expect(() => parseFromWorker({ ...done, misclassified: Array(101).fill(digit) })).toThrow(
      /\(done\): misclassified: /,
    );
    expect(() => parseFromWorker({ ...done, misclassified: [{ ...digit, label: -1 }] })).toThrow(
      /misclassified\.0\.label: /,
    );
  });
});
