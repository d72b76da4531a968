/**
 * The `train` command's flags and their translation into the hyperparameters and dataset spec that
 * the store and the training worker share. Kept apart from running so it can be tested on its own.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { FlagSpecs, ParsedArgs } from './args';
import { UsageError } from './args';
import { isFolder } from '../data/image-folder';
import { IMPLEMENTATIONS } from '../nn/cost';
import {
  DEFAULT_DATASET,
  DEFAULT_HYPERPARAMETERS,
  OPTIMIZERS,
  parseDatasetSpec,
  parseHyperparameters,
  type DatasetSpec,
  type Hyperparameters,
} from '../run/hyperparameters';
import { MAX_NAME_LENGTH } from '../store/validate';

const d = DEFAULT_HYPERPARAMETERS;
const ds = DEFAULT_DATASET;

export const TRAIN_FLAGS: FlagSpecs = {
  hidden: {
    kind: 'integer-list',
    min: 1,
    max: 4096,
    help: `units per hidden layer, comma list for up to 8 layers (default ${d.hiddenLayers})`,
  },
  lambda: { kind: 'number', min: 0, max: 1e6, help: `regularization strength λ (default ${d.lambda})` },
  optimizer: { kind: 'string', choices: OPTIMIZERS, help: `optimizer (default ${d.optimizer})` },
  iterations: { kind: 'integer', min: 1, max: 100_000, help: `iterations; epochs for sgd (default ${d.iterations})` },
  'batch-size': {
    kind: 'integer',
    min: 1,
    max: 1_000_000,
    help: `sgd: examples per mini-batch, 1 = online (default ${d.batchSize})`,
  },
  'learning-rate': {
    kind: 'number',
    min: 0,
    exclusiveMin: true,
    max: 1000,
    help: `sgd: step size (default ${d.learningRate})`,
  },
  momentum: { kind: 'number', min: 0, max: 0.999999, help: `sgd: momentum in [0, 1) (default ${d.momentum})` },
  init: {
    kind: 'string',
    choices: ['uniform', 'zeros'],
    help: 'initial weights: uniform in [-ε, ε] or zeros (default uniform)',
  },
  epsilon: {
    kind: 'string',
    help: `ε of uniform init, a number or per-layer for √6/√(L_in+L_out) (default ${d.epsilon})`,
  },
  'init-file': {
    kind: 'string',
    help:
      'JSON {"thetas": [Θ1, Θ2, …]} to start from, each Θ an array of rows, bias in column 0; ' +
      "or a .mat file holding Theta1, Theta2, … as the course's ex4weights.mat",
  },
  seed: {
    kind: 'integer',
    min: 0,
    max: 2 ** 32 - 1,
    help: `seed of the initial weights and sgd shuffling (default ${d.seed})`,
  },
  impl: {
    kind: 'string',
    choices: IMPLEMENTATIONS,
    help: `cost+gradient implementation (default ${d.impl})`,
  },
  data: {
    kind: 'string',
    help: 'mnist (bundled 10,000 digits), FILE.csv (digits, or a table with a class column), IMAGES.idx[.gz], or a FOLDER with one sub-folder of images per class (default mnist)',
  },
  'label-column': {
    kind: 'string',
    help: 'CSV: the class column, a header name or a 1-based number (default: a column named label/class/target/y, else the only text column, else the first)',
  },
  'drop-missing': { kind: 'boolean', help: 'CSV: leave out rows with a missing value (otherwise they are refused)' },
  standardize: {
    kind: 'boolean',
    help: "z-score each feature with the training split's mean and sd (stored with the run)",
  },
  'image-size': { kind: 'integer', min: 2, max: 256, help: 'image folder: resize images to N×N (default 28)' },
  labels: { kind: 'string', help: 'labels file (idx1) for IDX --data' },
  'test-data': {
    kind: 'string',
    help: 'separate test data: CSV or IDX, or handwriting (the digits saved on the drawing pad); otherwise split off --data',
  },
  'test-labels': { kind: 'string', help: 'labels file for IDX --test-data' },
  'train-size': {
    kind: 'integer',
    min: 1,
    max: 10_000_000,
    help: `training examples (default ${ds.trainSize} for mnist; 70% of your data, 90% with --test-data)`,
  },
  'validation-size': {
    kind: 'integer',
    min: 0,
    max: 10_000_000,
    help: `validation examples (default ${ds.validationSize} for mnist; 15% of your data, 10% with --test-data)`,
  },
  'test-size': {
    kind: 'integer',
    min: 0,
    max: 10_000_000,
    help: `test examples (default ${ds.testSize} for mnist; 15% of your data, or all of --test-data)`,
  },
  'data-seed': {
    kind: 'integer',
    min: 0,
    max: 2 ** 32 - 1,
    help: `seed of the train/validation/test split (default ${ds.dataSeed})`,
  },
  name: { kind: 'string', help: `a name for the run (at most ${MAX_NAME_LENGTH} characters)` },
  out: { kind: 'string', help: 'also write the trained weights as JSON to this file' },
  db: { kind: 'string', help: 'experiment database (default: the app data folder, or $BACKPROP_LAB_DB)' },
  json: { kind: 'boolean', help: 'print one JSON object with the results on stdout' },
};

export interface TrainPlan {
  readonly hyperparameters: Hyperparameters;
  readonly dataset: DatasetSpec;
  readonly initialThetas?: number[][][];
  /** A course .mat weights file (Theta1, Theta2, …), read into initialThetas once the data's shape is known. */
  readonly initFile?: string;
  readonly name?: string;
  /** The split sizes given as flags; the others take defaults (for your own data, from its size). */
  readonly givenSizes: { train?: number; validation?: number; test?: number };
}

/** Turns parsed `train` flags into validated hyperparameters and a dataset spec with absolute file paths. */
export function planTraining(args: ParsedArgs, cwd = process.cwd()): TrainPlan {
  const f = args.flags;
  if (args.positionals.length > 0) throw new UsageError(`train: unexpected argument '${args.positionals[0]}'`);
  const hp: Record<string, unknown> = {};
  if (f.hidden !== undefined) hp.hiddenLayers = f.hidden;
  if (f.lambda !== undefined) hp.lambda = f.lambda;
  if (f.optimizer !== undefined) hp.optimizer = f.optimizer;
  if (f.iterations !== undefined) hp.iterations = f.iterations;
  if (f['batch-size'] !== undefined) hp.batchSize = f['batch-size'];
  if (f['learning-rate'] !== undefined) hp.learningRate = f['learning-rate'];
  if (f.momentum !== undefined) hp.momentum = f.momentum;
  if (f.init !== undefined) hp.init = f.init;
  if (f.epsilon !== undefined) hp.epsilon = parseEpsilon(String(f.epsilon));
  if (f.seed !== undefined) hp.seed = f.seed;
  if (f.impl !== undefined) hp.impl = f.impl;

  let initialThetas: number[][][] | undefined;
  let initFile: string | undefined;
  if (f['init-file'] !== undefined) {
    if (f.init !== undefined) throw new UsageError('--init-file: give either --init or --init-file, not both');
    const file = resolve(cwd, String(f['init-file']));
    if (/\.mat$/i.test(file)) initFile = file;
    else initialThetas = readInitFile(file);
    hp.init = 'file';
  }

  const dataset = planDataset(f, cwd);
  return {
    hyperparameters: asUsage(() => parseHyperparameters(hp)),
    dataset: asUsage(() => parseDatasetSpec(dataset)),
    initialThetas,
    ...(initFile ? { initFile } : {}),
    name: f.name === undefined ? undefined : checkName(String(f.name)),
    givenSizes: {
      train: f['train-size'] as number | undefined,
      validation: f['validation-size'] as number | undefined,
      test: f['test-size'] as number | undefined,
    },
  };
}

function planDataset(f: ParsedArgs['flags'], cwd: string): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  const data = f.data === undefined ? 'mnist' : String(f.data);
  if (data === 'mnist') {
    spec.source = 'mnist';
    if (f.labels !== undefined) throw new UsageError('--labels: only used with an IDX file as --data');
  } else {
    spec.source = kindOf(data, f.labels, '--data', '--labels', cwd);
    spec.file = absolute(data, cwd);
    if (f.labels !== undefined) spec.labels = absolute(String(f.labels), cwd);
    // Your own files are split so each part holds the classes in the data's proportions.
    spec.stratify = true;
  }
  if (f['label-column'] !== undefined) {
    if (spec.source !== 'csv') throw new UsageError('--label-column: only used with a CSV file as --data');
    spec.labelColumn = String(f['label-column']);
  }
  if (f['drop-missing']) {
    if (spec.source !== 'csv') throw new UsageError('--drop-missing: only used with a CSV file as --data');
    spec.dropMissing = true;
  }
  if (f.standardize) spec.standardize = true;
  if (f['image-size'] !== undefined) {
    if (spec.source !== 'folder') throw new UsageError('--image-size: only used with an image folder as --data');
    spec.imageSize = f['image-size'];
  }
  if (f['test-data'] === 'handwriting') {
    // The drawings live in the experiment database; the supervisor hands them to the worker.
    if (f['test-labels'] !== undefined) throw new UsageError('--test-labels: handwriting samples carry their labels');
    if (f['test-size'] !== undefined)
      throw new UsageError('--test-size: the test set is every saved handwriting sample');
    spec.testSource = 'handwriting';
  } else if (f['test-data'] !== undefined) {
    const test = String(f['test-data']);
    const testKind = kindOf(test, f['test-labels'], '--test-data', '--test-labels', cwd);
    if ((testKind === 'folder') !== (spec.source === 'folder'))
      throw new UsageError('--test-data: an image folder is tested on an image folder, a file on a file');
    spec.testFile = absolute(test, cwd);
    if (f['test-labels'] !== undefined) spec.testLabels = absolute(String(f['test-labels']), cwd);
  } else if (f['test-labels'] !== undefined) {
    throw new UsageError('--test-labels: only used with --test-data');
  }
  if (f['train-size'] !== undefined) spec.trainSize = f['train-size'];
  if (f['validation-size'] !== undefined) spec.validationSize = f['validation-size'];
  if (f['test-size'] !== undefined) spec.testSize = f['test-size'];
  if (f['data-seed'] !== undefined) spec.dataSeed = f['data-seed'];
  return spec;
}

/** CSV files carry their labels; IDX image files need a separate labels file; folders name classes by sub-folder. */
function kindOf(
  file: string,
  labels: unknown,
  flag: string,
  labelsFlag: string,
  cwd: string,
): 'csv' | 'idx' | 'folder' {
  if (isFolder(absolute(file, cwd))) {
    if (labels !== undefined) throw new UsageError(`${labelsFlag}: an image folder names its classes by sub-folder`);
    return 'folder';
  }
  if (/\.(csv|tsv|txt|mat)$/i.test(file)) {
    // A .mat file holds X and y together, as the course's ex4data1.mat; it is read like a CSV: by content.
    if (labels !== undefined && /\.mat$/i.test(file))
      throw new UsageError(`${labelsFlag}: a .mat file holds its labels in y`);
    if (labels !== undefined) throw new UsageError(`${labelsFlag}: a CSV file carries its labels in its first column`);
    return 'csv';
  }
  if (labels === undefined)
    throw new UsageError(
      `${labelsFlag}: ${flag} ${file} is not a .csv file, so it is read as IDX images and needs a labels file`,
    );
  return 'idx';
}

function absolute(file: string, cwd: string): string {
  return isAbsolute(file) ? file : resolve(cwd, file);
}

function parseEpsilon(raw: string): number | 'per-layer' {
  if (raw === 'per-layer') return raw;
  const v = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) ? Number(raw) : NaN;
  if (!(v > 0) || v > 10) throw new UsageError(`--epsilon: expected a number > 0 and ≤ 10, or per-layer, got '${raw}'`);
  return v;
}

function readInitFile(file: string): number[][][] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `--init-file: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--init-file: ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const thetas = (json as { thetas?: unknown })?.thetas;
  const isMatrix = (m: unknown) =>
    Array.isArray(m) && m.length > 0 && m.every((r) => Array.isArray(r) && r.every((v) => typeof v === 'number'));
  if (!Array.isArray(thetas) || thetas.length === 0 || !thetas.every(isMatrix)) {
    throw new UsageError(`--init-file: ${file} must hold {"thetas": [Θ1, Θ2, …]}, each Θ an array of rows of numbers`);
  }
  return thetas as number[][][];
}

function checkName(name: string): string {
  const length = name.trim().length;
  if (length === 0) throw new UsageError('--name: expected a name, got only spaces');
  if (length > MAX_NAME_LENGTH)
    throw new UsageError(`--name: a name has at most ${MAX_NAME_LENGTH} characters, got ${length}`);
  return name;
}

/** The flag that sets each hyperparameter and dataset field, for messages. */
const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  hiddenLayers: '--hidden',
  lambda: '--lambda',
  optimizer: '--optimizer',
  iterations: '--iterations',
  batchSize: '--batch-size',
  learningRate: '--learning-rate',
  momentum: '--momentum',
  init: '--init',
  epsilon: '--epsilon',
  seed: '--seed',
  impl: '--impl',
  file: '--data',
  labels: '--labels',
  testFile: '--test-data',
  testLabels: '--test-labels',
  trainSize: '--train-size',
  validationSize: '--validation-size',
  testSize: '--test-size',
  dataSeed: '--data-seed',
};

/**
 * Hyperparameter validation errors are the user's flags being wrong: report them as usage errors,
 * named by the flag ("--hidden: …") rather than the schema's field ("hyperparameters: hiddenLayers: …").
 */
function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const message = (e as Error).message;
    const field = /^(?:hyperparameters|dataset): ([A-Za-z]+)[.\d]*: (.*)$/s.exec(message);
    const flag = field && FLAG_OF_FIELD[field[1]];
    throw new UsageError(flag ? `${flag}: ${field[2]}` : message);
  }
}
