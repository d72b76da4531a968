import { describe, expect, it } from 'vitest';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS, startRequestSchema } from '../../../../src-main/api/table';
import {
  PRESETS,
  defaultForm,
  followModel,
  formOf,
  parseLayers,
  parseNumber,
  presetForm,
  splitWarning,
  validateRunForm,
  type RunForm,
} from './run-form';

const form = (over: Partial<RunForm> = {}): RunForm => ({ ...defaultForm(), ...over });

describe('defaultForm', () => {
  it("is Ng's exercise and passes the API's own schema unchanged", () => {
    const { errors, request } = validateRunForm(defaultForm());
    expect(errors).toEqual({});
    expect(request).toEqual({
      hyperparameters: {
        hiddenLayers: [25],
        lambda: 1,
        optimizer: 'cg',
        iterations: 50,
        init: 'uniform',
        epsilon: 0.12,
        seed: 1,
        impl: 'fast',
      },
      dataset: { source: 'mnist', trainSize: 5000, validationSize: 2500, testSize: 2500, dataSeed: 1 },
      count: 1,
    });
    const parsed = startRequestSchema.parse(request);
    expect(parsed.hyperparameters).toEqual({
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
  });
});

describe('presets', () => {
  it('set exactly the values their labels promise', () => {
    const [ng, overfit, regularized] = PRESETS.map((p) => validateRunForm(presetForm(p)).request!);
    expect(ng.hyperparameters).toMatchObject({ hiddenLayers: [25], lambda: 1, optimizer: 'cg', iterations: 50 });
    // The overfitting lesson's measured settings, the pair differing only in λ.
    const lesson = { hiddenLayers: [25], iterations: 400, epsilon: 2, init: 'uniform' };
    const split = { trainSize: 300, validationSize: 1000, testSize: 1000 };
    expect(overfit.hyperparameters).toMatchObject({ ...lesson, lambda: 0 });
    expect(overfit.dataset).toMatchObject(split);
    expect(regularized.hyperparameters).toMatchObject({ ...lesson, lambda: 1 });
    expect(regularized.dataset).toMatchObject(split);
    expect(PRESETS[1].label).toBe('Overfit (λ = 0, 300 training examples, Θ₀ in ±2)');
    expect(PRESETS[2].label).toBe('Regularized (λ = 1, 300 training examples, Θ₀ in ±2)');
  });
  it('reset fields the user changed, but keep the chosen data file', () => {
    const keep = { source: 'csv' as const, file: '/data/d.csv', labels: '', testFile: '', testLabels: '' };
    const f = presetForm(PRESETS[1], keep);
    expect(f).toMatchObject({ source: 'csv', file: '/data/d.csv', lambda: '0', hiddenLayers: '25', seed: '1' });
  });
});

describe('validateRunForm messages', () => {
  it('names the limit of the schema next to each field', () => {
    const { errors, request } = validateRunForm(
      form({ lambda: '-1', iterations: '0', seed: '4294967296', dataSeed: '1.5', trainSize: '', count: '21' }),
    );
    expect(request).toBeNull();
    expect(errors).toEqual({
      lambda: 'Must be at least 0.',
      iterations: 'Must be at least 1.',
      seed: 'Must be at most 4,294,967,295.',
      dataSeed: 'Must be a whole number.',
      trainSize: 'Enter a number.',
      count: 'Must be at most 20.',
    });
  });
  it('checks the sgd settings only for sgd, with exclusive bounds worded as such', () => {
    const bad = { learningRate: '0', momentum: '1', batchSize: 'ten' };
    expect(validateRunForm(form(bad)).errors).toEqual({});
    expect(validateRunForm(form({ ...bad, optimizer: 'sgd' })).errors).toEqual({
      learningRate: 'Must be greater than 0.',
      momentum: 'Must be less than 1.',
      batchSize: '“ten” is not a number.',
    });
  });
  it('sends ε only for uniform init, and per-layer when chosen', () => {
    expect(validateRunForm(form({ epsilon: '0' })).errors).toEqual({ epsilon: 'Must be greater than 0.' });
    expect(validateRunForm(form({ epsilon: '0', epsilonPerLayer: true })).request!.hyperparameters!.epsilon).toBe(
      'per-layer',
    );
    const zeros = validateRunForm(form({ epsilon: '0', init: 'zeros' })).request!;
    expect(zeros.hyperparameters).not.toHaveProperty('epsilon');
  });
  it('refuses a split larger than the 10,000 bundled digits', () => {
    expect(validateRunForm(form({ trainSize: '6000', validationSize: '2500', testSize: '2500' })).errors).toEqual({
      split: 'train + validation + test = 11,000 examples, but the bundled MNIST set has 10,000.',
    });
    expect(validateRunForm(form({ trainSize: '5000', validationSize: '2500', testSize: '2500' })).errors).toEqual({});
  });
  it('needs an absolute file path for CSV and IDX data, and checks the split against the inspected file', () => {
    expect(validateRunForm(form({ source: 'csv' })).errors).toEqual({ file: 'Choose the CSV file to train on.' });
    expect(validateRunForm(form({ source: 'idx', file: 'digits.idx' })).errors).toEqual({
      file: 'Give the full path of the file (e.g. /home/me/digits.csv).',
    });
    const csv = form({ source: 'csv', file: '/d/x.csv', trainSize: '80', validationSize: '10', testSize: '10' });
    expect(validateRunForm(csv, { fileExamples: 99 }).errors).toEqual({
      split: 'train + validation + test = 100 examples, but the file has 99.',
    });
    expect(validateRunForm(csv, { fileExamples: 100 }).request!.dataset).toEqual({
      source: 'csv',
      file: '/d/x.csv',
      stratify: true,
      trainSize: 80,
      validationSize: 10,
      testSize: 10,
      dataSeed: 1,
    });
  });
  it('sends the class column, dropped rows and standardization of a table, and the image size of a folder', () => {
    const table = form({
      source: 'csv',
      file: '/d/wine.csv',
      labelColumn: ' cultivar ',
      dropMissing: true,
      standardize: true,
    });
    expect(validateRunForm(table).request!.dataset).toMatchObject({
      labelColumn: 'cultivar',
      dropMissing: true,
      standardize: true,
      stratify: true,
    });
    // No column chosen: the one data.inspect found is sent, so the run records what it was trained on.
    const found = form({ source: 'csv', file: '/d/wine.csv' });
    expect(validateRunForm(found, { detectedLabelColumn: 'cultivar' }).request!.dataset).toMatchObject({
      labelColumn: 'cultivar',
    });
    expect(validateRunForm(table, { detectedLabelColumn: 'other' }).request?.dataset?.labelColumn).toBe('cultivar');
    const folder = form({ source: 'folder', file: '/d/pics', imageSize: '16' });
    // A 2-row file split 2 · 0 · 0 is valid, but Start is told what will be missing.
    const tiny = validateRunForm(
      form({ source: 'csv', file: '/d/two.csv', trainSize: '2', validationSize: '0', testSize: '0' }),
      {
        fileExamples: 2,
      },
    );
    expect(tiny.request).not.toBeNull();
    expect(tiny.warning).toBe(
      'No validation or test examples: the run will have no validation J or validation accuracy (the cost curve shows training J alone), and no test accuracy, confusion matrix or misclassified examples. Nothing will tell how it does on examples it did not train on.',
    );
    expect(splitWarning(10, 0)).toBe(
      'No test examples: the run will have no test accuracy, confusion matrix or misclassified examples.',
    );
    expect(splitWarning(0, 10)).toBe(
      'No validation examples: the run will have no validation J or validation accuracy (the cost curve shows training J alone).',
    );
    expect(splitWarning(1, 1)).toBeNull();
    expect(validateRunForm(folder).request!.dataset).toMatchObject({ source: 'folder', imageSize: 16 });
    expect(validateRunForm(form({ source: 'folder', file: '/d/pics', imageSize: '1' })).errors.imageSize).toBeTruthy();
    expect(validateRunForm(form({ source: 'folder' })).errors).toEqual({
      file: 'Choose the image folder to train on.',
    });
  });
  it('counts only train + validation against the file when the test set has its own file', () => {
    const f = form({
      source: 'csv',
      file: '/d/a.csv',
      testFile: '/d/t.csv',
      trainSize: '90',
      validationSize: '10',
      testSize: '50',
    });
    expect(validateRunForm(f, { fileExamples: 100, testFileExamples: 40 }).errors).toEqual({
      testSize: 'The test file has 40 examples.',
    });
  });
  it('keeps the seeds of several runs inside 32 bits', () => {
    expect(validateRunForm(form({ seed: '4294967295', count: '2' })).errors).toEqual({
      count: 'Seeds 4294967295…4294967296 go past 4,294,967,295; lower the seed or the count.',
    });
  });
  it('trims the name and leaves it out when empty', () => {
    expect(validateRunForm(form({ name: '  my run ' })).request!.name).toBe('my run');
    expect(validateRunForm(form({ name: '   ' })).request).not.toHaveProperty('name');
    expect(validateRunForm(form({ name: 'x'.repeat(201) })).errors).toEqual({
      name: 'At most 200 characters (this is 201).',
    });
  });
});

describe('parseNumber and parseLayers', () => {
  it('reads decimal numbers only', () => {
    expect(parseNumber(' 0.12 ')).toBe(0.12);
    expect(parseNumber('1e-3')).toBe(0.001);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('0x10')).toBe('“0x10” is not a number.');
    expect(parseNumber('')).toBe('Enter a number.');
    expect(parseNumber('1e999')).toBe('“1e999” is too large.');
  });
  it('reads one or several hidden layers', () => {
    expect(parseLayers('25')).toEqual([25]);
    expect(parseLayers('25, 10')).toEqual([25, 10]);
    expect(parseLayers('100 50,25')).toEqual([100, 50, 25]);
    expect(parseLayers('')).toBe('Enter the units of at least one hidden layer, e.g. 25.');
    expect(parseLayers('25, 0')).toBe('Layer 2: must be at least 1.');
    expect(parseLayers('4097')).toBe('Must be at most 4,096.');
    expect(parseLayers('2.5')).toBe('Must be a whole number.');
    expect(parseLayers('1 2 3 4 5 6 7 8 9')).toBe('At most 8 hidden layers.');
  });
});

describe('testing on My handwriting', () => {
  it('sends testSource handwriting, takes no test set from the data, and passes the API schema', () => {
    const { errors, request } = validateRunForm(
      form({ testSource: 'handwriting', trainSize: '6000', validationSize: '4000', testSize: 'ignored' }),
      { handwritingSamples: 12 },
    );
    expect(errors).toEqual({});
    expect(request!.dataset).toEqual({
      source: 'mnist',
      trainSize: 6000,
      validationSize: 4000,
      testSize: 0,
      dataSeed: 1,
      testSource: 'handwriting',
    });
    expect(startRequestSchema.parse(request).dataset.testSource).toBe('handwriting');
  });
  it('still counts training and validation against the 10,000 bundled digits', () => {
    const { errors } = validateRunForm(form({ testSource: 'handwriting', trainSize: '8000', validationSize: '2500' }));
    expect(errors.split).toBe('train + validation = 10,500 examples, but the bundled MNIST set has 10,000.');
  });
  it('says so when no drawing is saved yet, and refuses a test file beside it', () => {
    expect(validateRunForm(form({ testSource: 'handwriting' }), { handwritingSamples: 0 }).errors.testSource).toBe(
      'No drawings are saved yet: draw and save some digits in Draw first.',
    );
    const csv = form({ testSource: 'handwriting', source: 'csv', file: '/d/a.csv', testFile: '/d/t.csv' });
    expect(validateRunForm(csv).errors.testFile).toBe(
      'Testing on My handwriting replaces the test file; clear one of them.',
    );
  });
});

describe('cost and hidden activation', () => {
  it('Ng’s choice sends neither field; another sends both it and the ε users expect', () => {
    const ng = validateRunForm(form()).request!.hyperparameters!;
    expect(ng).not.toHaveProperty('cost');
    expect(ng).not.toHaveProperty('activation');
    const relu = form({ activation: 'relu', cost: 'quadratic' });
    followModel(relu, false);
    expect([relu.epsilonPerLayer, relu.perLayerRule, relu.impl]).toEqual([true, 'he', 'fast']);
    const hp = validateRunForm(relu).request!.hyperparameters!;
    expect(hp).toMatchObject({ cost: 'quadratic', activation: 'relu', epsilon: 'he', impl: 'fast' });
    expect(startRequestSchema.safeParse(validateRunForm(relu).request).success).toBe(true);
  });

  it('tanh takes Glorot’s per-layer ε, back to sigmoid takes 0.12; an ε set by hand stays', () => {
    const f = form({ activation: 'tanh' });
    followModel(f, false);
    expect([f.epsilonPerLayer, f.perLayerRule]).toEqual([true, 'per-layer']);
    f.activation = 'sigmoid';
    followModel(f, false);
    expect([f.epsilonPerLayer, f.epsilon]).toEqual([false, '0.12']);
    const mine = form({ activation: 'relu', epsilon: '0.3' });
    followModel(mine, true);
    expect([mine.epsilonPerLayer, mine.epsilon]).toEqual([false, '0.3']);
  });

  it('a stored ReLU run comes back into the form with its own rule', () => {
    const back = formOf(
      { ...DEFAULT_HYPERPARAMETERS, activation: 'relu', epsilon: 'he', impl: 'loop' },
      DEFAULT_DATASET,
    );
    expect([back.activation, back.cost, back.epsilonPerLayer, back.perLayerRule]).toEqual([
      'relu',
      'cross-entropy',
      true,
      'he',
    ]);
  });
});
