/**
 * The `train` command's flags and their translation into the hyperparameters and dataset spec that
 * the store and the training worker share. Kept apart from running so it can be tested on its own.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { FlagSpec, FlagSpecs, ParsedArgs } from './args';
import { UsageError } from './args';
import { DB_FLAG, jsonFlag } from './common-flags';
import { flagSpecFromSchema } from './schema-flags';
import { isFolder } from '../data/image-folder';
import {
  DEFAULT_DATASET,
  DEFAULT_HYPERPARAMETERS,
  datasetSpecSchema,
  FieldError,
  hyperparametersSchema,
  parseDatasetSpec,
  parseHyperparameters,
  type DatasetSpec,
  type Hyperparameters,
} from '../run/hyperparameters';
import { MAX_NAME_LENGTH } from '../store/validate';

const d = DEFAULT_HYPERPARAMETERS;
const ds = DEFAULT_DATASET;
const hpField = hyperparametersSchema.shape;
const dsField = datasetSpecSchema.shape;

/** The hyperparameter or dataset field a flag sets, and whether its value goes there unchanged. */
interface FieldOfFlag {
  readonly section: 'hyperparameters' | 'dataset';
  readonly name: keyof Hyperparameters | keyof DatasetSpec;
  /** The flag's value is the field's value (others are read, checked or resolved first, in planTraining). */
  readonly copied: boolean;
}

interface TrainFlagRow {
  readonly flag: string;
  readonly spec: FlagSpec;
  readonly field?: FieldOfFlag;
}

/** --cost and --activation, shared with gradcheck and explain. */
export const COST_FLAG = flagSpecFromSchema(
  hpField.cost,
  'the cost J: cross-entropy (Ng’s) or quadratic, ½‖a − y‖² (default cross-entropy)',
);
export const ACTIVATION_FLAG = flagSpecFromSchema(
  hpField.activation,
  'the hidden units’ g; outputs stay sigmoid (default sigmoid; ε then defaults to per-layer for tanh, he for relu)',
);

const hp = (name: keyof Hyperparameters, copied = true): FieldOfFlag => ({ section: 'hyperparameters', name, copied });
const set = (name: keyof DatasetSpec, copied = true): FieldOfFlag => ({ section: 'dataset', name, copied });

/**
 * Every flag of `train`, in the order `help` lists them, with the field it sets: the one table of flag ↔
 * field. A flag that sets a field takes its kind, bounds and choices from that field's schema.
 */
const TRAIN_FLAG_ROWS: readonly TrainFlagRow[] = [
  {
    flag: 'hidden',
    field: hp('hiddenLayers'),
    spec: flagSpecFromSchema(
      hpField.hiddenLayers,
      `units per hidden layer, comma list for up to 8 layers (default ${d.hiddenLayers})`,
    ),
  },
  {
    flag: 'lambda',
    field: hp('lambda'),
    spec: flagSpecFromSchema(hpField.lambda, `regularization strength λ (default ${d.lambda})`),
  },
  {
    flag: 'optimizer',
    field: hp('optimizer'),
    spec: flagSpecFromSchema(hpField.optimizer, `optimizer (default ${d.optimizer})`),
  },
  {
    flag: 'iterations',
    field: hp('iterations'),
    spec: flagSpecFromSchema(hpField.iterations, `iterations; epochs for sgd (default ${d.iterations})`),
  },
  {
    flag: 'batch-size',
    field: hp('batchSize'),
    spec: flagSpecFromSchema(hpField.batchSize, `sgd: examples per mini-batch, 1 = online (default ${d.batchSize})`),
  },
  {
    flag: 'learning-rate',
    field: hp('learningRate'),
    spec: flagSpecFromSchema(hpField.learningRate, `sgd: step size (default ${d.learningRate})`),
  },
  {
    flag: 'momentum',
    field: hp('momentum'),
    spec: flagSpecFromSchema(hpField.momentum, `sgd: momentum in [0, 1) (default ${d.momentum})`),
  },
  {
    flag: 'init',
    field: hp('init'),
    // 'file' is not offered: --init-file sets it, with the weights.
    spec: flagSpecFromSchema(hpField.init, 'initial weights: uniform in [-ε, ε] or zeros (default uniform)', [
      'uniform',
      'zeros',
    ]),
  },
  {
    flag: 'epsilon',
    field: hp('epsilon', false),
    spec: {
      kind: 'string',
      help: `ε of uniform init, a number, per-layer for √6/√(L_in+L_out) or he for √6/√L_in (default ${d.epsilon}; per-layer with tanh, he with relu)`,
    },
  },
  {
    flag: 'init-file',
    spec: {
      kind: 'string',
      help:
        'JSON {"thetas": [Θ1, Θ2, …]} to start from, each Θ an array of rows, bias in column 0; ' +
        "or a .mat file holding Theta1, Theta2, … as the course's ex4weights.mat",
    },
  },
  {
    flag: 'seed',
    field: hp('seed'),
    spec: flagSpecFromSchema(hpField.seed, `seed of the initial weights and sgd shuffling (default ${d.seed})`),
  },
  {
    flag: 'impl',
    field: hp('impl'),
    spec: flagSpecFromSchema(hpField.impl, `cost+gradient implementation (default ${d.impl})`),
  },
  { flag: 'cost', field: hp('cost'), spec: COST_FLAG },
  { flag: 'activation', field: hp('activation'), spec: ACTIVATION_FLAG },
  {
    flag: 'data',
    field: set('file', false),
    spec: {
      kind: 'string',
      help: 'mnist (bundled 10,000 digits), FILE.csv (digits, or a table with a class column), IMAGES.idx[.gz], or a FOLDER with one sub-folder of images per class (default mnist)',
    },
  },
  {
    flag: 'label-column',
    field: set('labelColumn', false),
    spec: {
      kind: 'string',
      help: 'CSV: the class column, a header name or a 1-based number (default: a column named label/class/target/y, else the only text column, else the first)',
    },
  },
  {
    flag: 'drop-missing',
    field: set('dropMissing', false),
    spec: { kind: 'boolean', help: 'CSV: leave out rows with a missing value (otherwise they are refused)' },
  },
  {
    flag: 'standardize',
    field: set('standardize'),
    spec: flagSpecFromSchema(
      dsField.standardize,
      "z-score each feature with the training split's mean and sd (stored with the run)",
    ),
  },
  {
    flag: 'image-size',
    field: set('imageSize', false),
    spec: flagSpecFromSchema(dsField.imageSize, 'image folder: resize images to N×N (default 28)'),
  },
  { flag: 'labels', field: set('labels', false), spec: { kind: 'string', help: 'labels file (idx1) for IDX --data' } },
  {
    flag: 'test-data',
    field: set('testFile', false),
    spec: {
      kind: 'string',
      help: 'separate test data: CSV or IDX, or handwriting (the digits saved on the drawing pad); otherwise split off --data',
    },
  },
  {
    flag: 'test-labels',
    field: set('testLabels', false),
    spec: { kind: 'string', help: 'labels file for IDX --test-data' },
  },
  {
    flag: 'train-size',
    field: set('trainSize'),
    spec: flagSpecFromSchema(
      dsField.trainSize,
      `training examples (default ${ds.trainSize} for mnist; 70% of your data, 90% with --test-data)`,
    ),
  },
  {
    flag: 'validation-size',
    field: set('validationSize'),
    spec: flagSpecFromSchema(
      dsField.validationSize,
      `validation examples (default ${ds.validationSize} for mnist; 15% of your data, 10% with --test-data)`,
    ),
  },
  {
    flag: 'test-size',
    field: set('testSize'),
    spec: flagSpecFromSchema(
      dsField.testSize,
      `test examples (default ${ds.testSize} for mnist; 15% of your data, or all of --test-data)`,
    ),
  },
  {
    flag: 'data-seed',
    field: set('dataSeed'),
    spec: flagSpecFromSchema(dsField.dataSeed, `seed of the train/validation/test split (default ${ds.dataSeed})`),
  },
  { flag: 'name', spec: { kind: 'string', help: `a name for the run (at most ${MAX_NAME_LENGTH} characters)` } },
  { flag: 'out', spec: { kind: 'string', help: 'also write the trained weights as JSON to this file' } },
  { flag: 'db', spec: DB_FLAG },
  { flag: 'json', spec: jsonFlag('one JSON object with the results on stdout') },
];

export const TRAIN_FLAGS: FlagSpecs = Object.fromEntries(TRAIN_FLAG_ROWS.map((row) => [row.flag, row.spec]));

const FLAG_OF_FIELD = new Map(TRAIN_FLAG_ROWS.filter((row) => row.field).map((row) => [row.field!.name, row.flag]));

/** The flag that sets a hyperparameter or dataset field, as `--name` (for messages), or undefined if none does. */
export function flagOfField(field: string): string | undefined {
  const flag = FLAG_OF_FIELD.get(field as keyof Hyperparameters);
  return flag === undefined ? undefined : `--${flag}`;
}

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
  const hp = copiedFields(f, 'hyperparameters');
  if (f.epsilon !== undefined) hp.epsilon = parseEpsilon(String(f.epsilon));

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

/** The fields of one section whose flags are given and go there unchanged, by the table. */
function copiedFields(f: ParsedArgs['flags'], section: FieldOfFlag['section']): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const { flag, field } of TRAIN_FLAG_ROWS) {
    if (field?.section === section && field.copied && f[flag] !== undefined) fields[field.name] = f[flag];
  }
  return fields;
}

function planDataset(f: ParsedArgs['flags'], cwd: string): Record<string, unknown> {
  const spec = copiedFields(f, 'dataset');
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

function parseEpsilon(raw: string): number | 'per-layer' | 'he' {
  if (raw === 'per-layer' || raw === 'he') return raw;
  const v = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) ? Number(raw) : NaN;
  if (!(v > 0) || v > 10)
    throw new UsageError(`--epsilon: expected a number > 0 and ≤ 10, per-layer or he, got '${raw}'`);
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

/**
 * Hyperparameter validation errors are the user's flags being wrong: report them as usage errors,
 * named by the flag ("--hidden: …") rather than the schema's field ("hyperparameters: hiddenLayers: …").
 */
function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    const flag = e.field === undefined ? undefined : flagOfField(e.field);
    throw new UsageError(flag ? `${flag}: ${e.problem}` : e.message);
  }
}
