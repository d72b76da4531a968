/**
 * Cost and gradient in the lecture's matrix form, all m examples at once, with ml-matrix:
 *
 *   A(1) = [1 X];  Z(l+1) = A(l)·Θ(l)ᵀ;  A(l+1) = [1 g(Z(l+1))]  (no bias column on the output H)
 *   J = (1/m)·ΣΣ −Y.*log(H) − (1−Y).*log(1−H) + λ/(2m)·Σ Θ²  (bias columns excluded)
 *   D(L) = H − Y;  D(l) = (D(l+1)·Θ(l)(:, 2:end)) .* g′(Z(l));  Δ(l) = D(l+1)ᵀ·A(l)
 *
 * Another ModelChoice swaps g and g′ in the hidden layers and the cost's terms and D(L) (model-math.ts).
 * Rows of a matrix are examples. One matrix product replaces m small matrix–vector products of the
 * loop, and the products (row-products.ts) reuse every number they load, as BLAS does in Octave. [1 X]
 * is built once for all examples; every other matrix lives in a workspace made once per batch size m.
 */
import { Matrix } from 'ml-matrix';
import type { CostFunction, Examples } from './cost';
import { sigmoid } from './activation';
import { NG_MODEL, type ModelChoice } from './model';
import { modelMath } from './model-math';
import { regularizationCost, regularizeGradient } from './regularization';
import { rowsOf, timesColumnsFrom, timesTransposed, transposedTimes } from './row-products';
import { thetaLayout, type LayerSizes, type ThetaBlock } from './shape';
import { validateExamples, validateLambda, validateRows, validateThetaLength } from './validate';

/** The matrices of one evaluation over m examples: A(2)…A(L), D(1)…D(L) (D(1) unused) and, for a `rows` subset, its A(1). */
interface Workspace {
  readonly A: Matrix[];
  readonly D: Matrix[];
  selected?: Matrix;
}

/**
 * The regularized cost J(Θ) of `model` (default Ng's) and its gradient for a network of `sizes`,
 * computed with matrix products over all examples (or the given `rows`) at once.
 */
export function createVectorizedCost(
  sizes: LayerSizes,
  examples: Examples,
  lambda: number,
  model: ModelChoice = NG_MODEL,
): CostFunction {
  const { hidden, hiddenSlope, costTerm, outputDelta } = modelMath(model);
  validateLambda(lambda);
  validateExamples(sizes, examples);
  if (examples.m === 0) throw new Error('the vectorized cost needs at least 1 example, got m = 0');

  const layout = thetaLayout(sizes);
  const { y } = examples;
  const allA1 = inputsWithBias(examples);
  const thetas = layout.map(({ rows, cols }) => new Matrix(rows, cols));
  const gradients = layout.map(({ rows, cols }) => new Matrix(rows, cols));
  // Full batches and one mini-batch size are all that training asks for; keep the last few sizes.
  const workspaces = new Map<number, Workspace>();

  function workspace(m: number): Workspace {
    let w = workspaces.get(m);
    if (w === undefined) {
      if (workspaces.size >= 3) workspaces.delete(workspaces.keys().next().value as number);
      w = {
        A: sizes.slice(1).map((s, l) => new Matrix(m, l === sizes.length - 2 ? s : s + 1)),
        D: sizes.map((s) => new Matrix(m, s)),
      };
      workspaces.set(m, w);
    }
    return w;
  }

  function evaluate(theta: Float64Array, grad: Float64Array, rows?: Uint32Array): number {
    validateThetaLength(sizes, theta, grad);
    if (rows !== undefined) validateRows(rows, examples.m);
    const m = rows !== undefined ? rows.length : examples.m;
    const labels = rows !== undefined ? Uint8Array.from(rows, (i) => y[i]) : y;
    thetas.forEach((T, l) => readBlock(theta, layout[l], T));
    const w = workspace(m);
    const { D } = w;

    // Forward: A[l] is the activation matrix of layer l with its bias column (the output H has none).
    const A = [
      rows !== undefined ? selectRows(allA1, rows, (w.selected ??= new Matrix(m, allA1.columns))) : allA1,
      ...w.A,
    ];
    const last = thetas.length;
    for (let l = 0; l < last; l++) {
      const hasBias = l + 1 < last;
      timesTransposed(A[l], thetas[l], A[l + 1], hasBias ? 1 : 0); // Z(l+1) = A(l)·Θ(l)ᵀ
      activateInPlace(A[l + 1], hasBias ? hidden : sigmoid, hasBias); // A(l+1) = [1 g(Z(l+1))]
    }
    const H = A[last];

    // Cost, and D(L) = H − Y.
    let J = 0;
    const [Hrows, Drows] = [rowsOf(H), rowsOf(D[last])];
    for (let i = 0; i < m; i++) {
      const [h, d] = [Hrows[i], Drows[i]];
      for (let k = 0; k < h.length; k++) {
        const isTarget = k === labels[i];
        J += costTerm(h[k], isTarget);
        d[k] = outputDelta(h[k], isTarget);
      }
    }

    // Backward: Δ(l) = D(l+1)ᵀ·A(l) lands in grad in Θ's row-major layout, then D(l) from D(l+1).
    for (let l = last - 1; l >= 0; l--) {
      transposedTimes(D[l + 1], A[l], gradients[l]);
      writeBlock(grad, layout[l], gradients[l]);
      if (l === 0) break;
      timesColumnsFrom(D[l + 1], thetas[l], D[l], 1); // D(l+1)·Θ(l)(:, 2:end)
      multiplyBySlope(D[l], A[l], hiddenSlope); // .* g′(Z(l))
    }

    regularizeGradient(grad, theta, layout, lambda, m);
    return J / m + regularizationCost(theta, layout, lambda, m);
  }

  return { sizes, lambda, m: examples.m, evaluate, dispose: () => workspaces.clear() };
}

/** [1 X]: the m×(n+1) input matrix with the bias column in front. */
function inputsWithBias({ X, m, n }: Examples): Matrix {
  const A1 = new Matrix(m, n + 1);
  rowsOf(A1).forEach((row, i) => {
    row[0] = 1;
    row.set(X.subarray(i * n, (i + 1) * n), 1);
  });
  return A1;
}

/** The chosen rows of [1 X], copied into the workspace's A(1). */
function selectRows(all: Matrix, rows: Uint32Array, into: Matrix): Matrix {
  for (let i = 0; i < rows.length; i++) rowsOf(into)[i].set(rowsOf(all)[rows[i]]);
  return into;
}

/** Θ(l) as an s(l+1)×(s(l)+1) matrix read out of the unrolled θ. */
function readBlock(theta: Float64Array, { rows, cols, offset }: ThetaBlock, into: Matrix): void {
  for (let r = 0; r < rows; r++) rowsOf(into)[r].set(theta.subarray(offset + r * cols, offset + (r + 1) * cols));
}

/** Copies a Θ-shaped matrix into its place in the unrolled vector. */
function writeBlock(target: Float64Array, { cols, offset }: ThetaBlock, M: Matrix): void {
  rowsOf(M).forEach((row, r) => target.set(row, offset + r * cols));
}

/** g(Z) in place; with `bias`, column 0 is the bias unit, set to 1 instead. */
function activateInPlace(Z: Matrix, g: (z: number) => number, bias: boolean): void {
  for (const row of rowsOf(Z)) {
    for (let j = bias ? 1 : 0; j < row.length; j++) row[j] = g(row[j]);
    if (bias) row[0] = 1;
  }
}

/** P .* g′(Z) in place, reading g′(Z) (a(1 − a) for the sigmoid) from A = [1 g(Z)] (skipping its bias column). */
function multiplyBySlope(P: Matrix, A: Matrix, slope: (a: number) => number): void {
  const [Prows, Arows] = [rowsOf(P), rowsOf(A)];
  for (let i = 0; i < P.rows; i++) {
    const [p, a] = [Prows[i], Arows[i]];
    for (let j = 0; j < p.length; j++) p[j] *= slope(a[j + 1]);
  }
}
