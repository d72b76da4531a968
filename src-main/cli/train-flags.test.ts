import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { flagOfField, planTraining, TRAIN_FLAGS } from './train-flags';

const plan = (argv: string[], cwd = '/work/data') => planTraining(parseArgs(argv, TRAIN_FLAGS), cwd);

describe('planTraining', () => {
  it("defaults to Ng's exercise on the bundled digits", () => {
    const p = plan([]);
    expect(p.hyperparameters).toEqual({
      hiddenLayers: [25],
      lambda: 1,
      optimizer: 'cg',
      iterations: 50,
      batchSize: 100,
      learningRate: 0.5,
      momentum: 0.9,
      init: 'uniform',
      epsilon: 0.12,
      seed: 1,
      impl: 'fast',
    });
    expect(p.dataset).toEqual({ source: 'mnist', trainSize: 5000, validationSize: 2500, testSize: 2500, dataSeed: 1 });
    expect(p.initialThetas).toBeUndefined();
  });

  it('maps every flag', () => {
    const p = plan([
      '--hidden',
      '30,20',
      '--lambda',
      '0.3',
      '--optimizer',
      'sgd',
      '--iterations',
      '7',
      '--batch-size',
      '1',
      '--learning-rate',
      '0.1',
      '--momentum',
      '0',
      '--init',
      'zeros',
      '--epsilon',
      'per-layer',
      '--seed',
      '9',
      '--impl',
      'loop',
      '--train-size',
      '100',
      '--validation-size',
      '0',
      '--test-size',
      '50',
      '--data-seed',
      '4',
      '--name',
      'tiny',
    ]);
    expect(p.hyperparameters).toEqual({
      hiddenLayers: [30, 20],
      lambda: 0.3,
      optimizer: 'sgd',
      iterations: 7,
      batchSize: 1,
      learningRate: 0.1,
      momentum: 0,
      init: 'zeros',
      epsilon: 'per-layer',
      seed: 9,
      impl: 'loop',
    });
    expect(p.dataset).toEqual({ source: 'mnist', trainSize: 100, validationSize: 0, testSize: 50, dataSeed: 4 });
    expect(p.name).toBe('tiny');
  });

  it('resolves data files against the working folder and tells CSV from IDX', () => {
    expect(plan(['--data', 'digits.csv']).dataset).toMatchObject({ source: 'csv', file: '/work/data/digits.csv' });
    expect(
      plan(['--data', 'train.idx.gz', '--labels', '/abs/labels.idx', '--test-data', 't.csv']).dataset,
    ).toMatchObject({
      source: 'idx',
      file: '/work/data/train.idx.gz',
      labels: '/abs/labels.idx',
      testFile: '/work/data/t.csv',
    });
  });

  it('takes the saved handwriting as test data', () => {
    expect(plan(['--test-data', 'handwriting']).dataset).toMatchObject({ source: 'mnist', testSource: 'handwriting' });
    expect(() => plan(['--test-data', 'handwriting', '--test-size', '5'])).toThrow(
      '--test-size: the test set is every saved handwriting sample',
    );
  });

  it.each([
    [
      ['--data', 'images.idx'],
      '--labels: --data images.idx is not a .csv file, so it is read as IDX images and needs a labels file',
    ],
    [['--data', 'a.csv', '--labels', 'l'], '--labels: a CSV file carries its labels in its first column'],
    [['--labels', 'l'], '--labels: only used with an IDX file as --data'],
    [['--test-labels', 'l'], '--test-labels: only used with --test-data'],
    [['--epsilon', '0'], "--epsilon: expected a number > 0 and ≤ 10, per-layer or he, got '0'"],
    [['--epsilon', 'big'], "--epsilon: expected a number > 0 and ≤ 10, per-layer or he, got 'big'"],
    [['extra'], "train: unexpected argument 'extra'"],
    [['--init-file', '/no/such/file.json'], '--init-file: cannot read /no/such/file.json: ENOENT'],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => plan(argv)).toThrow(message);
  });

  it('reads an initial-weights file and sets init to file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bpl-init-'));
    const file = join(dir, 'w.json');
    writeFileSync(file, JSON.stringify({ thetas: [[[0.1, 0.2]], [[0.3, 0.4]]] }));
    const p = plan(['--init-file', file]);
    expect(p.hyperparameters.init).toBe('file');
    expect(p.initialThetas).toEqual([[[0.1, 0.2]], [[0.3, 0.4]]]);
    writeFileSync(file, '{"thetas": [[1, 2]]}');
    expect(() => plan(['--init-file', file])).toThrow(`--init-file: ${file} must hold {"thetas": [Θ1, Θ2, …]}`);
    writeFileSync(file, '{oops');
    expect(() => plan(['--init-file', file])).toThrow(`--init-file: ${file} is not valid JSON`);
    expect(() => plan(['--init-file', file, '--init', 'zeros'])).toThrow('give either --init or --init-file');
  });
});

describe('the train flags come from one table of flag ↔ field', () => {
  it("takes each field flag's bounds and choices from the field's schema", () => {
    // The schema says momentum ∈ [0, 1), learningRate ∈ (0, 1000], hiddenLayers' units 1…4096.
    expect(TRAIN_FLAGS.momentum).toMatchObject({ kind: 'number', min: 0, max: 1, exclusiveMax: true });
    expect(TRAIN_FLAGS['learning-rate']).toMatchObject({ kind: 'number', min: 0, exclusiveMin: true, max: 1000 });
    expect(TRAIN_FLAGS.hidden).toMatchObject({ kind: 'integer-list', min: 1, max: 4096 });
    expect(TRAIN_FLAGS.impl.choices).toEqual(['loop', 'vectorized', 'fast']);
    expect(TRAIN_FLAGS.init.choices).toEqual(['uniform', 'zeros']);
    expect(() => parseArgs(['--momentum', '1'], TRAIN_FLAGS)).toThrow(
      "--momentum: expected a number ≥ 0 and < 1, got '1'",
    );
  });

  it('names the flag of a field the schema refuses, and of a field a check after planning refuses', () => {
    // Nine hidden layers pass the flag's own check (each 1…4096) and fail the schema's 8-layer limit.
    expect(() => plan(['--hidden', '1,1,1,1,1,1,1,1,1'])).toThrow(
      /^--hidden: Too big: expected array to have <=8 items$/,
    );
    expect(flagOfField('trainSize')).toBe('--train-size');
    expect(flagOfField('testFile')).toBe('--test-data');
    expect(flagOfField('stratify')).toBeUndefined();
  });
});

describe('--cost and --activation', () => {
  it('set the model; ε follows the activation and the implementation stays fast unless given', () => {
    expect(plan(['--cost', 'quadratic']).hyperparameters).toMatchObject({
      cost: 'quadratic',
      epsilon: 0.12,
      impl: 'fast',
    });
    expect(plan(['--activation', 'tanh', '--impl', 'fast']).hyperparameters).toMatchObject({
      activation: 'tanh',
      impl: 'fast',
    });
    expect(plan(['--activation', 'tanh']).hyperparameters).toMatchObject({ activation: 'tanh', epsilon: 'per-layer' });
    expect(plan(['--activation', 'relu', '--impl', 'loop']).hyperparameters).toMatchObject({
      activation: 'relu',
      epsilon: 'he',
      impl: 'loop',
    });
    expect(plan(['--activation', 'relu', '--epsilon', '0.05']).hyperparameters.epsilon).toBe(0.05);
  });

  it('store nothing for Ng’s own choice, so an Ng run has one JSON', () => {
    const p = plan(['--cost', 'cross-entropy', '--activation', 'sigmoid']);
    expect(p.hyperparameters).toEqual(plan([]).hyperparameters);
    expect('cost' in p.hyperparameters || 'activation' in p.hyperparameters).toBe(false);
  });

  it.each([
    [['--cost', 'hinge'], "--cost: expected one of cross-entropy, quadratic, got 'hinge'"],
    [['--activation', 'swish'], "--activation: expected one of sigmoid, tanh, relu, got 'swish'"],
  ])('%j is refused: %s', (argv, message) => {
    expect(() => plan(argv)).toThrow(message);
  });
});
