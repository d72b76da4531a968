/**
 * Cost and gradient in the lecture's matrix form, all m examples at once, with ml-matrix:
 *
 *   A(1) = [1 X];  Z(l+1) = A(l)·Θ(l)ᵀ;  A(l+1) = [1 g(Z(l+1))]  (no bias column on the output H)
 *   J = (1/m)·ΣΣ −Y.*log(H) − (1−Y).*log(1−H) + λ/(2m)·Σ Θ²  (bias columns excluded)
 *   D(L) = H − Y;  D(l) = (D(l+1)·Θ(l)(:, 2:end)) .* g′(Z(l));  Δ(l) = D(l+1)ᵀ·A(l)
 *
 * Rows of a matrix are examples. [1 X] is built once for all examples; only a `rows` subset costs a copy.
 */
import { Matrix } from 'ml-matrix';
import type { CostFunction, Examples } from './cost';
import { crossEntropyTerm, outputDelta } from './cross-entropy';
import { sigmoid, sigmoidGradientFromActivation } from './activation';
import { regularizationCost, regularizeGradient } from './regularization';
import { thetaLayout, type LayerSizes, type ThetaBlock } from './shape';
import { validateExamples, validateLambda, validateRows, validateThetaLength } from './validate';

/**
 * Ng's regularized cost J(Θ) and its gradient for a network of `sizes`, computed with matrix
 * products over all examples (or the given `rows`) at once.
 */
export function createVectorizedCost(sizes: LayerSizes, examples: Examples, lambda: number): CostFunction {
  validateLambda(lambda);
  validateExamples(sizes, examples);
  if (examples.m === 0) throw new Error('the vectorized cost needs at least 1 example, got m = 0');

  const layout = thetaLayout(sizes);
  const { y } = examples;
  const allA1 = inputsWithBias(examples);

  function evaluate(theta: Float64Array, grad: Float64Array, rows?: Uint32Array): number {
    validateThetaLength(sizes, theta, grad);
    if (rows !== undefined) validateRows(rows, examples.m);
    const m = rows !== undefined ? rows.length : examples.m;
    const labels = rows !== undefined ? Uint8Array.from(rows, (i) => y[i]) : y;
    const thetas = layout.map((block) => thetaMatrix(theta, block));

    // Forward: A[l] is the activation matrix of layer l with its bias column (the output H has none).
    const A: Matrix[] = [rows !== undefined ? allA1.subMatrixRow(Array.from(rows)) : allA1];
    for (let l = 0; l < thetas.length; l++) {
      const Z = A[l].mmul(thetas[l].transpose());
      A.push(l + 1 < thetas.length ? sigmoidWithBias(Z) : sigmoidInPlace(Z));
    }
    const H = A[A.length - 1];

    // Cost, and D(L) = H − Y written over H (H is not needed afterwards).
    let J = 0;
    for (let i = 0; i < m; i++) {
      const h = H.getRow(i);
      for (let k = 0; k < H.columns; k++) {
        const isTarget = k === labels[i];
        J += crossEntropyTerm(h[k], isTarget);
        H.set(i, k, outputDelta(h[k], isTarget));
      }
    }

    // Backward: D(l) from D(l+1), then Δ(l) = D(l+1)ᵀ·A(l) lands in grad in Θ's row-major layout.
    let D = H;
    for (let l = thetas.length - 1; l >= 0; l--) {
      writeBlock(grad, layout[l], D.transpose().mmul(A[l]));
      if (l === 0) break;
      const withoutBias = thetas[l].subMatrix(0, thetas[l].rows - 1, 1, thetas[l].columns - 1);
      D = multiplyBySigmoidGradient(D.mmul(withoutBias), A[l]);
    }

    regularizeGradient(grad, theta, layout, lambda, m);
    return J / m + regularizationCost(theta, layout, lambda, m);
  }

  return { sizes, lambda, m: examples.m, evaluate, dispose() {} };
}

/** [1 X]: the m×(n+1) input matrix with the bias column in front. */
function inputsWithBias({ X, m, n }: Examples): Matrix {
  const A1 = new Matrix(m, n + 1);
  for (let i = 0; i < m; i++) {
    A1.set(i, 0, 1);
    for (let j = 0; j < n; j++) A1.set(i, j + 1, X[i * n + j]);
  }
  return A1;
}

/** Θ(l) as an s(l+1)×(s(l)+1) matrix read out of the unrolled θ. */
function thetaMatrix(theta: Float64Array, { rows, cols, offset }: ThetaBlock): Matrix {
  const M = new Matrix(rows, cols);
  for (let r = 0; r < rows; r++) M.setRow(r, theta.subarray(offset + r * cols, offset + (r + 1) * cols));
  return M;
}

/** Copies a Θ-shaped matrix into its place in the unrolled vector. */
function writeBlock(target: Float64Array, { rows, cols, offset }: ThetaBlock, M: Matrix): void {
  for (let r = 0; r < rows; r++) target.set(M.getRow(r), offset + r * cols);
}

/** [1 g(Z)]: applies the sigmoid and prepends the bias column in one pass. */
function sigmoidWithBias(Z: Matrix): Matrix {
  const A = new Matrix(Z.rows, Z.columns + 1);
  for (let i = 0; i < Z.rows; i++) {
    A.set(i, 0, 1);
    for (let j = 0; j < Z.columns; j++) A.set(i, j + 1, sigmoid(Z.get(i, j)));
  }
  return A;
}

/** g(Z) in place, for the output layer, which has no bias unit. */
function sigmoidInPlace(Z: Matrix): Matrix {
  for (let i = 0; i < Z.rows; i++) for (let j = 0; j < Z.columns; j++) Z.set(i, j, sigmoid(Z.get(i, j)));
  return Z;
}

/** P .* g′(Z) in place, reading g′(Z) = a(1 − a) from A = [1 g(Z)] (skipping its bias column). */
function multiplyBySigmoidGradient(P: Matrix, A: Matrix): Matrix {
  for (let i = 0; i < P.rows; i++) {
    for (let j = 0; j < P.columns; j++) P.set(i, j, P.get(i, j) * sigmoidGradientFromActivation(A.get(i, j + 1)));
  }
  return P;
}
