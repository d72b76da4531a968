import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DATASET,
  DEFAULT_HYPERPARAMETERS,
  startRequestSchema,
  type DatasetSpec,
  type Hyperparameters,
} from '../../../../src-main/api/table';
import { formFromRun } from './form-from-run';
import { validateRunForm } from './run-form';

/** The settings training.start would store for the form filled in from a run and started unchanged. */
function rerun(hyperparameters: Hyperparameters, dataset: DatasetSpec) {
  const { form, notes } = formFromRun({ name: 'original', hyperparameters, dataset });
  const { request, errors } = validateRunForm(form, {
    fileExamples: 1000,
    testFileExamples: 200,
    handwritingSamples: 3,
  });
  expect(errors).toEqual({});
  const parsed = startRequestSchema.parse(request);
  return { ...parsed, notes, form };
}

describe('formFromRun: started unchanged, the same settings reach training.start', () => {
  it("Ng's network with another seed, λ and split", () => {
    const h = { ...DEFAULT_HYPERPARAMETERS, lambda: 3, seed: 4242, iterations: 120, hiddenLayers: [40, 12] };
    const d = { ...DEFAULT_DATASET, trainSize: 700, validationSize: 300, testSize: 250, dataSeed: 9 };
    const r = rerun(h, d);
    expect(r.hyperparameters).toEqual(h);
    expect(r.dataset).toEqual(d);
    expect(r.count).toBe(1);
    expect(r.name).toBeUndefined();
    expect(r.notes).toEqual([]);
    expect(r.form.hiddenLayers).toBe('40, 12');
  });
  it('sgd with per-layer ε and the loop implementation', () => {
    const h: Hyperparameters = {
      ...DEFAULT_HYPERPARAMETERS,
      optimizer: 'sgd',
      batchSize: 32,
      learningRate: 0.05,
      momentum: 0.5,
      epsilon: 'per-layer',
      impl: 'loop',
      seed: 0,
    };
    expect(rerun(h, DEFAULT_DATASET).hyperparameters).toEqual(h);
  });
  it('zero Θ₀ (the symmetry lesson) and a test set of the saved drawings', () => {
    const h = { ...DEFAULT_HYPERPARAMETERS, init: 'zeros' as const };
    const d: DatasetSpec = { ...DEFAULT_DATASET, testSource: 'handwriting', testSize: 0 };
    const r = rerun(h, d);
    expect(r.hyperparameters.init).toBe('zeros');
    expect(r.dataset).toEqual(d);
  });
  it('a CSV with its class column, dropped rows, standardization and a separate test file', () => {
    const d: DatasetSpec = {
      source: 'csv',
      file: '/data/iris.csv',
      testFile: '/data/iris-test.csv',
      labelColumn: 'species',
      dropMissing: true,
      standardize: true,
      stratify: true,
      trainSize: 100,
      validationSize: 20,
      testSize: 30,
      dataSeed: 5,
    };
    expect(rerun({ ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [8] }, d).dataset).toEqual(d);
  });
  it('an image folder at its image size, and IDX files with their labels file', () => {
    const folder: DatasetSpec = {
      source: 'folder',
      file: '/data/photos',
      imageSize: 20,
      stratify: true,
      trainSize: 300,
      validationSize: 50,
      testSize: 50,
      dataSeed: 2,
    };
    expect(rerun(DEFAULT_HYPERPARAMETERS, folder).dataset).toEqual(folder);
    const idx: DatasetSpec = {
      source: 'idx',
      file: '/data/train-images.idx3-ubyte',
      labels: '/data/train-labels.idx1-ubyte',
      stratify: true,
      trainSize: 600,
      validationSize: 200,
      testSize: 200,
      dataSeed: 1,
    };
    expect(rerun(DEFAULT_HYPERPARAMETERS, idx).dataset).toEqual(idx);
  });
  it('says what it cannot carry over: weights from a file, an unstratified split of own data', () => {
    const d: DatasetSpec = { ...DEFAULT_DATASET, source: 'csv', file: '/d.csv', stratify: false, trainSize: 500 };
    const { notes, form } = formFromRun({
      name: 'x',
      hyperparameters: { ...DEFAULT_HYPERPARAMETERS, init: 'file' },
      dataset: d,
    });
    expect(form.init).toBe('uniform');
    expect(notes).toEqual([
      'This run started from weights read from a file, which New run does not offer: it starts from random weights.',
      'This run split its data by a plain shuffle; New run splits your own data by class (stratified), so the split will differ.',
    ]);
  });
});
