/**
 * A textbook, one-example-at-a-time backprop on Ng's rolled Θ, used only by the tests as an
 * independent check of the fast kernels (it shares no code with them but the shape helpers).
 */
import { rollThetas, unrollThetas, type LayerSizes } from '../shape';
import type { Examples } from '../cost';

/** J(Θ) and its gradient by the formulas of ex4, written for clarity, not speed. */
export function denseReferenceCost(
  sizes: LayerSizes,
  examples: Examples,
  lambda: number,
  theta: Float64Array,
  rows?: Uint32Array,
): { cost: number; grad: Float64Array } {
  const thetas = rollThetas(theta, sizes);
  const deltas = thetas.map((t) => t.map((row) => row.map(() => 0)));
  const order = rows ? Array.from(rows) : Array.from({ length: examples.m }, (_, i) => i);
  const m = order.length;
  const K = sizes[sizes.length - 1];
  let cost = 0;
  for (const i of order) {
    const a: number[][] = [Array.from(examples.X.subarray(i * examples.n, (i + 1) * examples.n))];
    for (const t of thetas) {
      const prev = a[a.length - 1];
      a.push(t.map((row) => 1 / (1 + Math.exp(-row.reduce((s, w, c) => s + w * (c === 0 ? 1 : prev[c - 1]), 0)))));
    }
    const h = a[a.length - 1];
    const yk = Array.from({ length: K }, (_, k) => (k === examples.y[i] ? 1 : 0));
    for (let k = 0; k < K; k++) cost += yk[k] === 1 ? -Math.log(h[k]) : -Math.log(1 - h[k]);
    let delta = h.map((hk, k) => hk - yk[k]);
    for (let l = thetas.length - 1; l >= 0; l--) {
      const input = [1, ...a[l]];
      deltas[l].forEach((row, r) => row.forEach((_, c) => (row[c] += delta[r] * input[c])));
      if (l > 0) {
        const d = delta;
        delta = a[l].map((al, j) => thetas[l].reduce((s, row, r) => s + row[j + 1] * d[r], 0) * al * (1 - al));
      }
    }
  }
  let squares = 0;
  const grads = deltas.map((D, l) =>
    D.map((row, r) =>
      row.map((v, c) => {
        if (c === 0) return v / m;
        squares += thetas[l][r][c] ** 2;
        return v / m + (lambda / m) * thetas[l][r][c];
      }),
    ),
  );
  return { cost: cost / m + (lambda / (2 * m)) * squares, grad: unrollThetas(grads, sizes) };
}
