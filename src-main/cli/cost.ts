/**
 * `backprop-lab cost --data FILE --weights FILE [--lambda L] [--json]`: the regularized cost J(Θ) and
 * the accuracy of given weights on every example of a data file, without training — what ex4's
 * nnCostFunction prints for ex4data1.mat and ex4weights.mat (the course states 0.287629 at λ = 0,
 * 0.383770 at λ = 1). The data is any file train reads; the weights a course .mat file (Theta1, Theta2,
 * …) or the lab's weights.json ({"thetas": [Θ1, Θ2, …]}, rows with the bias first).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataError } from '../data/errors';
import { DIGIT_CLASS_NAMES, loadTable } from '../data/load';
import { loadCourseThetas } from '../data/mat/files';
import { gatherDigits } from '../data/pixel-table';
import { createCostFunction } from '../nn/implementations';
import { accuracy, predict } from '../nn/predict';
import { unrollThetas } from '../nn/shape';
import { parseArgs, UsageError, type FlagSpecs } from './args';
import { hyperparametersSchema } from '../run/hyperparameters';
import { jsonFlag } from './common-flags';
import { flagSpecFromSchema } from './schema-flags';

export const COST_FLAGS: FlagSpecs = {
  data: { kind: 'string', help: 'examples: a .mat file holding X and y (as ex4data1.mat), or any file train reads' },
  labels: { kind: 'string', help: 'the labels file of IDX images given as --data' },
  weights: {
    kind: 'string',
    help: 'Θ: a .mat file holding Theta1, Theta2, … (as ex4weights.mat), or weights.json of an export',
  },
  lambda: flagSpecFromSchema(hyperparametersSchema.shape.lambda, 'regularization strength λ (default 0)'),
  json: jsonFlag(),
};

/** Prints J(Θ) at λ and the accuracy of Θ on the data's examples; exit code 0. */
export function costCommand(argv: readonly string[], cwd = process.cwd()): number {
  const { flags, positionals } = parseArgs(argv, COST_FLAGS);
  if (positionals.length > 0) throw new UsageError(`cost: unexpected argument '${positionals[0]}'`);
  if (flags.data === undefined) throw new UsageError('--data: a data file is required (e.g. ex4data1.mat)');
  if (flags.weights === undefined) throw new UsageError('--weights: a weights file is required (e.g. ex4weights.mat)');
  const dataFile = resolve(cwd, String(flags.data));
  const weightsFile = resolve(cwd, String(flags.weights));
  const lambda = (flags.lambda as number | undefined) ?? 0;
  const table = asUsage('--data', () =>
    loadTable(dataFile, flags.labels === undefined ? undefined : resolve(cwd, String(flags.labels))),
  );
  const classNames = table.classNames ?? DIGIT_CLASS_NAMES;
  const image = table.featureNames ? null : { width: table.width, height: table.height };
  const thetas = asUsage('--weights', () =>
    /\.mat$/i.test(weightsFile) ? loadCourseThetas(weightsFile, { image, classNames }) : readWeightsJson(weightsFile),
  );
  const sizes = [thetas[0][0].length - 1, ...thetas.map((t) => t.length)];
  const n = table.width * table.height;
  if (sizes[0] !== n) {
    throw new UsageError(`--weights: Theta1 takes ${sizes[0]} inputs (plus the bias) but the data has ${n} features`);
  }
  if (sizes[sizes.length - 1] !== classNames.length) {
    throw new UsageError(
      `--weights: the last Θ has ${sizes[sizes.length - 1]} outputs but the data has ${classNames.length} classes`,
    );
  }
  const theta = asUsage('--weights', () => unrollThetas(thetas, sizes));
  const examples = gatherDigits(table);
  const f = createCostFunction('vectorized', sizes, examples, lambda);
  let cost: number;
  try {
    cost = f.evaluate(theta, new Float64Array(theta.length));
  } finally {
    f.dispose();
  }
  const acc = accuracy(predict(theta, sizes, examples.X, examples.m), examples.y);
  const digitZero = classNames.length === 10 && classNames[9] === '0';
  if (flags.json) {
    const out = { cost, lambda, accuracy: acc, m: examples.m, sizes, classNames, data: dataFile, weights: weightsFile };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    process.stdout.write(
      `J = ${cost} (λ = ${lambda}) for the network ${sizes.join('-')} on ${examples.m} examples of ${dataFile}\n` +
        `accuracy ${(acc * 100).toFixed(2)}% (${Math.round(acc * examples.m)} of ${examples.m})` +
        `${digitZero ? '; y = 10 is the digit 0, shown as 0' : ''}\n`,
    );
  }
  return 0;
}

/** The lab's weights.json: {"thetas": [Θ1, Θ2, …]}, each Θ an array of rows with the bias in column 0. */
function readWeightsJson(file: string): number[][][] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DataError(file, `is neither a .mat file nor readable JSON (${(e as Error).message})`);
  }
  const thetas = (json as { thetas?: unknown })?.thetas;
  const isMatrix = (m: unknown) =>
    Array.isArray(m) && m.length > 0 && m.every((r) => Array.isArray(r) && r.every((v) => typeof v === 'number'));
  if (!Array.isArray(thetas) || thetas.length === 0 || !thetas.every(isMatrix)) {
    throw new DataError(file, 'must hold {"thetas": [Θ1, Θ2, …]}, each Θ an array of rows of numbers');
  }
  return thetas as number[][][];
}

/** A data problem with a flag's file, as the usage error naming the flag. */
function asUsage<T>(flag: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DataError || (e instanceof Error && /^Θ\d|^expected \d+ weight/.test(e.message))) {
      throw new UsageError(`${flag}: ${e.message}`);
    }
    throw e;
  }
}
