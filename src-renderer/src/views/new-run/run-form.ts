/**
 * The New run form as data: what the user typed (strings, so a half-typed "0." is kept), Ng's
 * defaults, the presets, and the check that turns it into a training.start request. Every limit comes
 * from the same zod schemas the API enforces, so the form never accepts what the API would refuse;
 * only the message is worded for a person and placed next to the field.
 */
import { z } from 'zod';
import {
  LIMITS,
  OVERFIT_SETTINGS,
  type StartRequest,
  DEFAULT_DATASET,
  DEFAULT_HYPERPARAMETERS,
  datasetSpecSchema,
  hyperparametersSchema,
  type OptimizerName,
  type DatasetSpec,
  type Hyperparameters,
  type Implementation,
  type CostName,
  type HiddenActivation,
} from '../../../../src-main/api/table';

/** The bundled MNIST digits: how many examples a split of source 'mnist' can draw from. */
export const MNIST_EXAMPLES = 10_000;

export interface RunForm {
  name: string;
  /** Units per hidden layer, input side first: "25" or "25, 10". */
  hiddenLayers: string;
  lambda: string;
  optimizer: OptimizerName;
  iterations: string;
  batchSize: string;
  learningRate: string;
  momentum: string;
  init: 'uniform' | 'zeros';
  epsilon: string;
  /** ε per Θ (perLayerRule) instead of one ε for all. */
  epsilonPerLayer: boolean;
  /** The per-layer ε: 'per-layer' (Glorot) √6 / √(L_in + L_out), or 'he' √6 / √L_in for ReLU. */
  perLayerRule: 'per-layer' | 'he';
  /** The cost J: Ng's cross-entropy or the quadratic ½‖a − y‖². */
  cost: CostName;
  /** The hidden units' activation; the outputs stay sigmoid. */
  activation: HiddenActivation;
  seed: string;
  impl: Implementation;
  source: 'mnist' | 'csv' | 'idx' | 'folder';
  file: string;
  /** CSV: the class column's name or 1-based number; '' for the default (label/class/target/y, else the first). */
  labelColumn: string;
  /** CSV: leave out rows with a missing value. */
  dropMissing: boolean;
  /** Z-score the features with the training split's mean and sd. */
  standardize: boolean;
  /** Image folder: side of the square the images are resized to. */
  imageSize: string;
  labels: string;
  testFile: string;
  testLabels: string;
  /** 'data': the test set is split off the data (or is the test file); 'handwriting': the saved drawings of "My handwriting". */
  testSource: 'data' | 'handwriting';
  trainSize: string;
  validationSize: string;
  testSize: string;
  dataSeed: string;
  /** Runs to start, seeds seed, seed + 1, … */
  count: string;
}

export type FieldName = keyof RunForm;
/** Where a message is shown: a field, or 'split' for the sizes taken together. */
export type ErrorKey = FieldName | 'split';
export type FormErrors = Partial<Record<ErrorKey, string>>;

/**
 * The start users expect for a hidden activation: sigmoid keeps Ng's ε = 0.12, tanh takes Glorot's
 * per-layer ε, ReLU He's. The implementation stays as chosen: every one computes every model.
 */
export function followModel(form: RunForm, epsilonEdited: boolean): void {
  if (!epsilonEdited) {
    form.epsilonPerLayer = form.activation !== 'sigmoid';
    form.perLayerRule = form.activation === 'relu' ? 'he' : 'per-layer';
    if (form.activation === 'sigmoid') form.epsilon = '0.12';
  }
}

/** Ng's exercise 4 as a form: 25 hidden units, λ = 1, fmincg for 50 iterations. */
export function defaultForm(): RunForm {
  return formOf(DEFAULT_HYPERPARAMETERS, DEFAULT_DATASET);
}

/**
 * A run's settings as the form's text fields; a setting the dataset spec leaves out gets the form's
 * empty or default value. ε 'per-layer' keeps 0.12 in the ε field for when the box is unticked.
 */
export function formOf(h: Hyperparameters, d: DatasetSpec): RunForm {
  return {
    name: '',
    hiddenLayers: h.hiddenLayers.join(', '),
    lambda: String(h.lambda),
    optimizer: h.optimizer,
    iterations: String(h.iterations),
    batchSize: String(h.batchSize),
    learningRate: String(h.learningRate),
    momentum: String(h.momentum),
    init: h.init === 'zeros' ? 'zeros' : 'uniform',
    epsilon: typeof h.epsilon === 'number' ? String(h.epsilon) : '0.12',
    epsilonPerLayer: typeof h.epsilon !== 'number',
    perLayerRule: h.epsilon === 'he' || (h.epsilon !== 'per-layer' && h.activation === 'relu') ? 'he' : 'per-layer',
    cost: h.cost ?? 'cross-entropy',
    activation: h.activation ?? 'sigmoid',
    seed: String(h.seed),
    impl: h.impl,
    source: d.source,
    file: d.file ?? '',
    labelColumn: d.labelColumn ?? '',
    dropMissing: d.dropMissing ?? false,
    standardize: d.standardize ?? false,
    imageSize: d.imageSize === undefined ? '28' : String(d.imageSize),
    labels: d.labels ?? '',
    testFile: d.testFile ?? '',
    testLabels: d.testLabels ?? '',
    testSource: d.testSource ?? 'data',
    trainSize: String(d.trainSize),
    validationSize: String(d.validationSize),
    testSize: String(d.testSize),
    dataSeed: String(d.dataSeed),
    count: '1',
  };
}

export interface Preset {
  id: string;
  label: string;
  /** What a student should look for when running it. */
  hint: string;
  values: Partial<RunForm>;
}

/** The overfitting lesson's settings (measured in lessons/overfit-settings.ts), as form fields. */
const overfitValues: Partial<RunForm> = {
  hiddenLayers: OVERFIT_SETTINGS.hiddenLayers.join(','),
  iterations: String(OVERFIT_SETTINGS.iterations),
  epsilon: String(OVERFIT_SETTINGS.epsilon),
  epsilonPerLayer: false,
  trainSize: String(OVERFIT_SETTINGS.trainSize),
  validationSize: String(OVERFIT_SETTINGS.validationSize),
  testSize: String(OVERFIT_SETTINGS.testSize),
};

export const PRESETS: readonly Preset[] = [
  {
    id: 'ng',
    label: "Ng's exercise (25 hidden, λ = 1, cg, 50 iterations)",
    hint: 'The network of exercise 4, with the settings of its handout.',
    values: {},
  },
  {
    id: 'overfit',
    label: `Overfit (λ = 0, ${OVERFIT_SETTINGS.trainSize} training examples, Θ₀ in ±${OVERFIT_SETTINGS.epsilon})`,
    hint: 'No regularization on little data: training accuracy climbs far above validation and test accuracy.',
    values: { ...overfitValues, lambda: '0' },
  },
  {
    id: 'regularized',
    label: `Regularized (λ = ${OVERFIT_SETTINGS.lambda}, ${OVERFIT_SETTINGS.trainSize} training examples, Θ₀ in ±${OVERFIT_SETTINGS.epsilon})`,
    hint: `The same data and start with λ = ${OVERFIT_SETTINGS.lambda}: compare it with the overfit run in Compare to see what λ gains on validation and test.`,
    values: { ...overfitValues, lambda: String(OVERFIT_SETTINGS.lambda) },
  },
];

/** The form of a preset: Ng's defaults with the preset's values on top (the dataset source kept). */
export function presetForm(
  preset: Preset,
  keep?: Pick<RunForm, 'source' | 'file' | 'labels' | 'testFile' | 'testLabels'> &
    Partial<Pick<RunForm, 'testSource' | 'labelColumn' | 'dropMissing' | 'standardize' | 'imageSize'>>,
): RunForm {
  return { ...defaultForm(), ...(keep ?? {}), ...preset.values };
}

export interface ValidationContext {
  /** Examples in the chosen file, once data.inspect has read it; null when not known. */
  fileExamples?: number | null;
  /** Examples in the separate test file, once inspected. */
  testFileExamples?: number | null;
  /** Drawings saved in "My handwriting", once known: testing on them needs at least one. */
  handwritingSamples?: number | null;
  /**
   * The class column data.inspect found in a table when none was chosen: sent with the run, so Run
   * detail can say which column it was trained on (not "—").
   */
  detectedLabelColumn?: string | null;
}

export interface Validated {
  errors: FormErrors;
  /** What a valid split will leave out (no validation or no test examples), said before Start; null when nothing. */
  warning: string | null;
  /** The request to send, or null while any field is wrong. */
  request: StartRequest | null;
}

const hp = hyperparametersSchema.shape;
const ds = datasetSpecSchema.shape;

/**
 * What a split without validation or test examples will leave out, in words, or null when both
 * parts have examples: said before Start, since the run would otherwise train with "0 validation ·
 * 0 test" and nothing telling how it does on data it did not train on.
 */
export function splitWarning(validationSize: number, testSize: number): string | null {
  const noValidation = 'no validation J or validation accuracy (the cost curve shows training J alone)';
  const noTest = 'no test accuracy, confusion matrix or misclassified examples';
  if (validationSize === 0 && testSize === 0)
    return `No validation or test examples: the run will have ${noValidation}, and ${noTest}. Nothing will tell how it does on examples it did not train on.`;
  if (validationSize === 0) return `No validation examples: the run will have ${noValidation}.`;
  if (testSize === 0) return `No test examples: the run will have ${noTest}.`;
  return null;
}

/** Checks every field; each message says what is wrong with that field in words, e.g. "Must be at least 1." */
export function validateRunForm(form: RunForm, context: ValidationContext = {}): Validated {
  const errors: FormErrors = {};
  const num = (key: FieldName, schema: z.ZodType, raw: string): number | undefined => {
    const r = parseNumber(raw);
    if (typeof r === 'string') {
      errors[key] = r;
      return undefined;
    }
    const message = schemaMessage(schema, r);
    if (message) errors[key] = message;
    return message ? undefined : r;
  };

  const hiddenLayers = parseLayers(form.hiddenLayers);
  if (typeof hiddenLayers === 'string') errors.hiddenLayers = hiddenLayers;

  const name = form.name.trim();
  if (name.length > 200) errors.name = `At most 200 characters (this is ${name.length}).`;

  const lambda = num('lambda', hp.lambda, form.lambda);
  const iterations = num('iterations', hp.iterations, form.iterations);
  const sgd = form.optimizer === 'sgd';
  // sgd's settings are sent only with sgd, so a stray value in a hidden field cannot block a cg run.
  const batchSize = sgd ? num('batchSize', hp.batchSize, form.batchSize) : undefined;
  const learningRate = sgd ? num('learningRate', hp.learningRate, form.learningRate) : undefined;
  const momentum = sgd ? num('momentum', hp.momentum, form.momentum) : undefined;
  const epsilon =
    form.init === 'uniform' && !form.epsilonPerLayer ? num('epsilon', hp.epsilon.options[0], form.epsilon) : undefined;
  const seed = num('seed', hp.seed, form.seed);
  const trainSize = num('trainSize', ds.trainSize, form.trainSize);
  const validationSize = num('validationSize', ds.validationSize, form.validationSize);
  const onHandwriting = form.testSource === 'handwriting';
  // Testing on the drawings takes nothing from the data for a test set, so the test field is not read.
  const testSize = onHandwriting ? 0 : num('testSize', ds.testSize, form.testSize);
  const dataSeed = num('dataSeed', ds.dataSeed, form.dataSeed);
  const count = num('count', countSchema, form.count);
  if (seed !== undefined && count !== undefined && seed + count - 1 > 2 ** 32 - 1) {
    errors.count = `Seeds ${seed}…${seed + count - 1} go past 4,294,967,295; lower the seed or the count.`;
  }

  const imageSize = form.source === 'folder' ? num('imageSize', ds.imageSize.unwrap(), form.imageSize) : undefined;
  const file = form.file.trim();
  const labels = form.labels.trim();
  const testFile = form.testFile.trim();
  const testLabels = form.testLabels.trim();
  if (form.source !== 'mnist') {
    if (!file)
      errors.file =
        form.source === 'folder'
          ? 'Choose the image folder to train on.'
          : `Choose the ${form.source.toUpperCase()} file to train on.`;
    else if (!isAbsolutePath(file)) errors.file = 'Give the full path of the file (e.g. /home/me/digits.csv).';
    for (const [key, value] of [
      ['labels', labels],
      ['testFile', testFile],
      ['testLabels', testLabels],
    ] as const) {
      if (value && !isAbsolutePath(value)) errors[key] = 'Give the full path of the file.';
    }
    if (testLabels && !testFile) errors.testLabels = 'A test labels file needs a test file.';
  }

  if (onHandwriting) {
    if (form.source !== 'mnist' && testFile)
      errors.testFile = 'Testing on My handwriting replaces the test file; clear one of them.';
    if (context.handwritingSamples === 0)
      errors.testSource = 'No drawings are saved yet: draw and save some digits in Draw first.';
  }

  if (trainSize !== undefined && validationSize !== undefined && testSize !== undefined) {
    const separateTest = (form.source !== 'mnist' && testFile !== '') || onHandwriting;
    const available = form.source === 'mnist' ? MNIST_EXAMPLES : (context.fileExamples ?? null);
    const wanted = trainSize + validationSize + (separateTest ? 0 : testSize);
    if (available !== null && wanted > available) {
      const parts = separateTest ? 'train + validation' : 'train + validation + test';
      const what = form.source === 'mnist' ? 'the bundled MNIST set has' : 'the file has';
      errors.split = `${parts} = ${wanted.toLocaleString('en-US')} examples, but ${what} ${available.toLocaleString('en-US')}.`;
    }
    const testAvailable = context.testFileExamples ?? null;
    if (separateTest && testAvailable !== null && testSize > testAvailable) {
      errors.testSize = `The test file has ${testAvailable.toLocaleString('en-US')} ${testAvailable === 1 ? 'example' : 'examples'}.`;
    }
  }
  const warning =
    validationSize !== undefined && testSize !== undefined
      ? splitWarning(validationSize, onHandwriting ? 1 : testSize)
      : null;

  if (Object.keys(errors).length > 0 || typeof hiddenLayers === 'string') return { errors, warning, request: null };

  const request: StartRequest = {
    hyperparameters: {
      hiddenLayers,
      lambda: lambda!,
      optimizer: form.optimizer,
      iterations: iterations!,
      init: form.init,
      seed: seed!,
      impl: form.impl,
      // Ng's own choice is left out, as the API stores it: one JSON for every Ng run.
      ...(form.cost !== 'cross-entropy' ? { cost: form.cost } : {}),
      ...(form.activation !== 'sigmoid' ? { activation: form.activation } : {}),
      ...(sgd ? { batchSize: batchSize!, learningRate: learningRate!, momentum: momentum! } : {}),
      ...(form.init === 'uniform' ? { epsilon: form.epsilonPerLayer ? form.perLayerRule : epsilon! } : {}),
    },
    dataset: {
      source: form.source,
      trainSize: trainSize!,
      validationSize: validationSize!,
      testSize: testSize!,
      dataSeed: dataSeed!,
      ...(onHandwriting ? { testSource: 'handwriting' as const } : {}),
      ...(form.standardize ? { standardize: true } : {}),
      ...(form.source === 'csv' && (form.labelColumn.trim() || context.detectedLabelColumn)
        ? { labelColumn: form.labelColumn.trim() || context.detectedLabelColumn! }
        : {}),
      ...(form.source === 'csv' && form.dropMissing ? { dropMissing: true } : {}),
      ...(form.source === 'folder' && imageSize !== undefined ? { imageSize } : {}),
      ...(form.source !== 'mnist'
        ? {
            // Your own files are split so each part holds the classes in the data's proportions.
            stratify: true,
            file,
            ...(labels ? { labels } : {}),
            ...(testFile ? { testFile } : {}),
            ...(testLabels ? { testLabels } : {}),
          }
        : {}),
    },
    count: count!,
    ...(name ? { name } : {}),
  };
  return { errors, warning, request };
}

/** The table's training.start count: 1 to LIMITS.runsPerStart. */
const countSchema = z.number().int().min(1).max(LIMITS.runsPerStart);

/** A decimal number as typed ("0.12", "1e-3", "  3 "), or the message saying why it is not one. */
export function parseNumber(raw: string): number | string {
  const s = raw.trim();
  if (s === '') return 'Enter a number.';
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return `“${clip(s)}” is not a number.`;
  const n = Number(s);
  return Number.isFinite(n) ? n : `“${clip(s)}” is too large.`;
}

/** Hidden layer sizes typed as "25" or "25, 10" (commas or spaces between), or the message saying what is wrong. */
export function parseLayers(raw: string): number[] | string {
  const parts = raw.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length === 0) return 'Enter the units of at least one hidden layer, e.g. 25.';
  const sizes: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const n = parseNumber(parts[i]);
    const inLayer = (m: string) => (parts.length > 1 ? `Layer ${i + 1}: ${m[0].toLowerCase()}${m.slice(1)}` : m);
    if (typeof n === 'string') return inLayer(n);
    const message = schemaMessage(hp.hiddenLayers.element, n);
    if (message) return inLayer(message);
    sizes.push(n);
  }
  const message = schemaMessage(hp.hiddenLayers, sizes);
  return message ? message.replace('Must be at most 8.', 'At most 8 hidden layers.') : sizes;
}

/** The first problem `schema` finds with `value`, in words; null when it passes. */
function schemaMessage(schema: z.ZodType, value: unknown): string | null {
  const r = schema.safeParse(value);
  if (r.success) return null;
  const issue = r.error.issues[0] as z.core.$ZodIssue & {
    minimum?: number | bigint;
    maximum?: number | bigint;
    inclusive?: boolean;
    expected?: string;
    origin?: string;
  };
  const bound = (v: number | bigint | undefined) => Number(v).toLocaleString('en-US');
  if (issue.origin === 'array') {
    if (issue.code === 'too_big') return `At most ${bound(issue.maximum)} hidden layers.`;
    if (issue.code === 'too_small') return 'Enter the units of at least one hidden layer, e.g. 25.';
  }
  switch (issue.code) {
    case 'too_small':
      return issue.inclusive
        ? `Must be at least ${bound(issue.minimum)}.`
        : `Must be greater than ${bound(issue.minimum)}.`;
    case 'too_big':
      return issue.inclusive
        ? `Must be at most ${bound(issue.maximum)}.`
        : `Must be less than ${bound(issue.maximum)}.`;
    case 'invalid_type':
      return issue.expected === 'int' ? 'Must be a whole number.' : 'Enter a number.';
    default:
      return issue.message;
  }
}

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

function clip(s: string): string {
  return s.length > 20 ? `${s.slice(0, 20)}…` : s;
}
