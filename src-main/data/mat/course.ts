/**
 * The course's conventions for MAT-files (ex4data1.mat, ex4weights.mat), and the lab's, and the one
 * place that translates between them. No file I/O here.
 *
 * - Data: X is m×n, one example per row (double or uint8; uint8 is read as its numbers, as double(X)
 *   in Octave); y is m×1 with the classes 1…K. Output k of the network (1-based, row k of the last
 *   Θ) means y = k. With K = 10 the course's digits are meant: y = 10 is the digit 0, so the lab names
 *   the outputs 1, 2, …, 9, 0.
 * - Images: when n is a square (side ≥ 4), each row of X is a side×side image stored column-major, as
 *   Octave's reshape(X(i, :), 20, 20) reads it. The lab keeps images row-major (pixel (r, c) at
 *   r·width + c), so rows of X are transposed on the way in and out, and Θ(1)'s columns with them: the
 *   network and J are the same, and every picture of the lab is drawn upright.
 * - Weights: Theta1, Theta2, … with the bias in column 1, Theta_l of s(l+1) rows and s(l) + 1 columns.
 */
import type { PixelTable } from '../pixel-table';
import { DataError } from '../errors';
import type { MatMatrix } from './format';
import type { MatVariable } from './write';

/** Fewest and most classes a course data file may hold. */
const MIN_CLASSES = 2;
const MAX_CLASSES = 100;

/** A course data file as the lab reads it, plus one line telling the learner what was read. */
export type CourseTable = PixelTable & { readonly classNames: string[]; readonly note: string };

/** Names the data and weights files hold their variables under. */
export const wantsCourseData = (name: string) => name === 'X' || name === 'y';
export const wantsCourseWeights = (name: string) => /^Theta[1-9]\d*$/.test(name);

/** The side of the square images whose pixels n features are, or null when they are a table. */
export function imageSide(n: number): number | null {
  const side = Math.round(Math.sqrt(n));
  return side >= 4 && side * side === n ? side : null;
}

/** Where lab feature p (row-major r·width + c) sits in the course's column-major row: c·height + r. */
export function courseFeatureOrder(width: number, height: number): Uint32Array {
  const order = new Uint32Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) order[r * width + c] = c * height + r;
  return order;
}

/**
 * The course label (1…K, row of the last Θ) of each lab output: the digits '0'…'9' in any order map
 * digit d to d and 0 to 10, as ex4 does; classes named '1'…'K' to their number; any others to their
 * output index + 1.
 */
export function courseLabels(classNames: readonly string[]): number[] {
  const K = classNames.length;
  const numbers = classNames.map((c) => (/^\d+$/.test(c) ? Number(c) : NaN));
  const isRange = (from: number) => [...numbers].sort((a, b) => a - b).every((v, i) => v === from + i);
  if (K === 10 && isRange(0)) return numbers.map((d) => (d === 0 ? 10 : d));
  if (isRange(1)) return numbers;
  return classNames.map((_, i) => i + 1);
}

/** The lab's class names for course labels 1…K: with K = 10 the digits 1…9 and 0 (y = 10 is digit 0). */
export function classNamesOfCourse(K: number): string[] {
  return Array.from({ length: K }, (_, i) => (K === 10 && i === 9 ? '0' : String(i + 1)));
}

/** X and y of a course data file as a table the lab trains on; errors name the variable. */
export function courseTable(vars: ReadonlyMap<string, MatMatrix>, file: string): CourseTable {
  const X = vars.get('X');
  const y = vars.get('y');
  if (!X) throw new DataError(file, 'has no variable X (the examples, m×n, one per row, as in ex4data1.mat)');
  if (!y) throw new DataError(file, 'has no variable y (the labels 1…K, m×1, as in ex4data1.mat)');
  const fail = (name: string, problem: string): never => {
    throw new DataError(file, problem, `variable ${name}`);
  };
  if (X.className !== 'double' && X.className !== 'uint8') fail('X', `is ${X.className}; X must be double or uint8`);
  const { rows: m, cols: n } = X;
  if (m < 1 || n < 1) fail('X', `is ${m}×${n}; it needs at least one example and one feature`);
  if (y.rows !== m || y.cols !== 1) {
    fail(
      'y',
      `is ${y.rows}×${y.cols}; it must be ${m}×1, one label per row of X${y.cols === m && y.rows === 1 ? " (y = y' turns it)" : ''}`,
    );
  }
  let K = 0;
  for (let i = 0; i < m; i++) {
    const k = y.data[i];
    if (!Number.isInteger(k) || k < 1 || k > MAX_CLASSES) {
      fail('y', `row ${i + 1} is ${k}; labels must be whole numbers 1…K (K ≤ ${MAX_CLASSES}), y = 10 for the digit 0`);
    }
    if (k > K) K = k;
  }
  if (K < MIN_CLASSES) fail('y', `has only the class 1; a network needs at least ${MIN_CLASSES} classes`);
  const side = imageSide(n);
  const order = side ? courseFeatureOrder(side, side) : null;
  const pixels = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < n; p++) {
      const v = X.data[i + (order ? order[p] : p) * m];
      if (!Number.isFinite(v))
        fail('X', `row ${i + 1}, column ${(order ? order[p] : p) + 1} is ${v}, not a finite number`);
      pixels[i * n + p] = v;
    }
  }
  const labels = Uint8Array.from(y.data, (k) => k - 1);
  const what = side ? `${side}×${side} images stored column-major as Octave's reshape reads them` : `${n} features`;
  const digits = K === 10 ? '; y = 10 is the digit 0, shown as 0' : '';
  return {
    kind: 'values',
    pixels,
    labels,
    m,
    width: side ?? n,
    height: side ?? 1,
    classNames: classNamesOfCourse(K),
    featureNames: side ? null : Array.from({ length: n }, (_, j) => `x${j + 1}`),
    note: `MAT-file: X ${m}×${n} (${what}), y ${m}×1 with classes 1…${K}${digits}.`,
  };
}

/** What the lab's data looks like, for turning weights between the course's layout and its own. */
export interface LabDataShape {
  /** The input image's size, or null for a table of features (their order is the same in both). */
  image: { width: number; height: number } | null;
  classNames: readonly string[];
}

/**
 * Theta1, Theta2, … of a course weights file as the lab's Θ (arrays of rows, bias in column 0,
 * columns in the lab's feature order, rows of the last Θ in the lab's output order). Checks that each
 * Θ feeds the next; whether they fit the run's network is checked where the run's sizes are known.
 */
export function labThetasOfCourse(
  vars: ReadonlyMap<string, MatMatrix>,
  file: string,
  shape: LabDataShape,
): number[][][] {
  const thetas: MatMatrix[] = [];
  for (let l = 1; vars.has(`Theta${l}`); l++) thetas.push(vars.get(`Theta${l}`)!);
  if (thetas.length === 0) throw new DataError(file, 'has no variable Theta1 (Theta1, Theta2, … as in ex4weights.mat)');
  const extra = [...vars.keys()].find((k) => wantsCourseWeights(k) && Number(k.slice(5)) > thetas.length);
  if (extra) throw new DataError(file, `has ${extra} but no Theta${thetas.length + 1}`, `variable ${extra}`);
  thetas.forEach((t, l) => {
    const where = `variable ${t.name}`;
    if (t.className !== 'double' && t.className !== 'single') {
      throw new DataError(file, `is ${t.className}; weights must be double or single`, where);
    }
    if (t.rows < 1 || t.cols < 2)
      throw new DataError(file, `is ${t.rows}×${t.cols}; a Θ needs a bias column and at least one weight`, where);
    const before = thetas[l - 1];
    if (before && t.cols !== before.rows + 1) {
      throw new DataError(
        file,
        `is ${t.rows}×${t.cols} but ${before.name} has ${before.rows} rows, so it needs ${before.rows + 1} columns (bias first)`,
        where,
      );
    }
    const bad = t.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0)
      throw new DataError(
        file,
        `(${(bad % t.rows) + 1}, ${Math.floor(bad / t.rows) + 1}) is ${t.data[bad]}, not a finite number`,
        where,
      );
  });
  const last = thetas.length - 1;
  const labels = courseLabels(shape.classNames);
  return thetas.map((t, l) => {
    const order =
      l === 0 && shape.image && shape.image.width * shape.image.height === t.cols - 1
        ? courseFeatureOrder(shape.image.width, shape.image.height)
        : null;
    const rowOf = (i: number) => (l === last && labels.length === t.rows ? labels[i] - 1 : i);
    return Array.from({ length: t.rows }, (_, i) => {
      const r = rowOf(i);
      const row = new Array<number>(t.cols);
      row[0] = t.data[r];
      for (let p = 0; p < t.cols - 1; p++) row[1 + p] = t.data[r + (1 + (order ? order[p] : p)) * t.rows];
      return row;
    });
  });
}

/** The lab's Θ (rolled, as rows) as the course's Theta1, Theta2, …: the inverse of labThetasOfCourse. */
export function courseThetasOfLab(
  thetas: readonly (readonly (readonly number[])[])[],
  shape: LabDataShape,
): MatVariable[] {
  const last = thetas.length - 1;
  const labels = courseLabels(shape.classNames);
  return thetas.map((t, l) => {
    const rows = t.length;
    const cols = t[0].length;
    const order =
      l === 0 && shape.image && shape.image.width * shape.image.height === cols - 1
        ? courseFeatureOrder(shape.image.width, shape.image.height)
        : null;
    const data = new Float64Array(rows * cols);
    t.forEach((row, i) => {
      const r = l === last && labels.length === rows ? labels[i] - 1 : i;
      data[r] = row[0];
      for (let p = 0; p < cols - 1; p++) data[r + (1 + (order ? order[p] : p)) * rows] = row[1 + p];
    });
    return { name: `Theta${l + 1}`, rows, cols, data };
  });
}

/**
 * Examples of the lab (X row-major with class indices y) as the course's X (m×n, its feature order)
 * and y (m×1, labels 1…K), under the names given (X and y; Xval, yval, …).
 */
export function courseDataOfLab(
  examples: { X: Float64Array; y: Uint8Array; m: number; n: number },
  shape: LabDataShape,
  names: { X: string; y: string } = { X: 'X', y: 'y' },
): MatVariable[] {
  const { m, n } = examples;
  const order =
    shape.image && shape.image.width * shape.image.height === n
      ? courseFeatureOrder(shape.image.width, shape.image.height)
      : null;
  const X = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < n; p++) X[i + (order ? order[p] : p) * m] = examples.X[i * n + p];
  }
  const labels = courseLabels(shape.classNames);
  const y = Float64Array.from(examples.y, (k) => labels[k]);
  return [
    { name: names.X, rows: m, cols: n, data: X },
    { name: names.y, rows: m, cols: 1, data: y },
  ];
}
