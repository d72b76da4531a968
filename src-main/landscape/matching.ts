/**
 * Matching hidden units across two networks of one shape. Relabelling the hidden units of a layer (with
 * their outgoing weights) leaves the function unchanged: a 25-unit layer has 25! ≈ 1.55 × 10²⁵ labellings
 * of every minimum. Two seeds' minima may differ only by such a relabelling, so B's units are reordered to
 * be most like A's before the line between them is drawn (Ainsworth et al. 2022, weight matching).
 */
import { parameterCount, thetaLayout, type LayerSizes } from '../nn/shape';

/**
 * An optimal assignment (the Hungarian algorithm, O(n³)): for an n×n `cost` (row-major), the column
 * assigned[i] of each row i such that Σᵢ cost[i][assigned[i]] is smallest.
 */
export function optimalAssignment(cost: Float64Array, n: number): Int32Array {
  if (cost.length !== n * n)
    throw new Error(`assignment: cost has ${cost.length} values, an ${n}×${n} matrix needs ${n * n}`);
  // Potentials u (rows), v (columns); p[j] = row assigned to column j (1-based, 0 = none); way = augmenting path.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[(i0 - 1) * n + (j - 1)] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const assigned = new Int32Array(n);
  for (let j = 1; j <= n; j++) assigned[p[j] - 1] = j - 1;
  return assigned;
}

/**
 * Θ with each hidden layer's units reordered: new unit i of hidden layer l (l = 0 for the first hidden
 * layer) is old unit permutation[l][i] (from 0). Its incoming row of Θ(l+1) and its outgoing column of
 * Θ(l+2) move with it, so every output is the same function of the input (only sums run in another order).
 */
export function permuteHiddenUnits(
  sizes: LayerSizes,
  theta: Float64Array,
  permutation: readonly Int32Array[],
): Float64Array {
  const layout = thetaLayout(sizes);
  if (theta.length !== parameterCount(sizes))
    throw new Error(`permute: Θ has ${theta.length} values, layers ${sizes.join('-')} need ${parameterCount(sizes)}`);
  if (permutation.length !== sizes.length - 2) {
    throw new Error(`permute: ${permutation.length} permutations for ${sizes.length - 2} hidden layers`);
  }
  permutation.forEach((perm, l) => checkPermutation(perm, sizes[l + 1], l));
  const out = new Float64Array(theta.length);
  layout.forEach(({ rows, cols, offset }, l) => {
    // Rows of Θ(l) are the units of layer l+1 (hidden when l < hidden count); columns 1… the units of layer l.
    const rowPerm = l < permutation.length ? permutation[l] : null;
    const colPerm = l > 0 ? permutation[l - 1] : null;
    for (let r = 0; r < rows; r++) {
      const from = offset + (rowPerm ? rowPerm[r] : r) * cols;
      const to = offset + r * cols;
      out[to] = theta[from];
      for (let c = 1; c < cols; c++) out[to + c] = theta[from + (colPerm ? colPerm[c - 1] + 1 : c)];
    }
  });
  return out;
}

function checkPermutation(perm: Int32Array, n: number, layer: number): void {
  if (perm.length !== n)
    throw new Error(`permute: hidden layer ${layer + 1} has ${n} units, its permutation ${perm.length}`);
  const seen = new Uint8Array(n);
  for (const k of perm) {
    if (k < 0 || k >= n || seen[k])
      throw new Error(`permute: hidden layer ${layer + 1}'s order is not a permutation of 0…${n - 1}`);
    seen[k] = 1;
  }
}

/** At most this many passes over the layers when there are several hidden layers (each pass can only raise the similarity). */
const MAX_ROUNDS = 20;

/**
 * For each hidden layer, the order of B's units that matches A's best: new unit i is B's unit perm[l][i]
 * (from 0), chosen by an optimal assignment maximizing Σᵢ ⟨w_A,i, w_B,perm(i)⟩, a unit's w being its
 * incoming row of Θ(l) (bias included; inputs in the previous layer's matched order) and its outgoing
 * column of Θ(l+1) (outputs in the next layer's matched order). Layers are revisited until nothing changes.
 */
export function matchHiddenUnits(sizes: LayerSizes, thetaA: Float64Array, thetaB: Float64Array): Int32Array[] {
  const layout = thetaLayout(sizes);
  const count = parameterCount(sizes);
  if (thetaA.length !== count || thetaB.length !== count) {
    throw new Error(
      `match: Θ_A has ${thetaA.length} and Θ_B ${thetaB.length} values, layers ${sizes.join('-')} need ${count}`,
    );
  }
  const hidden = sizes.length - 2;
  const perms: Int32Array[] = Array.from({ length: hidden }, (_, l) =>
    Int32Array.from({ length: sizes[l + 1] }, (_, i) => i),
  );
  for (let round = 0; round < (hidden > 1 ? MAX_ROUNDS : 1); round++) {
    let changed = false;
    for (let l = 0; l < hidden; l++) {
      const n = sizes[l + 1];
      const inBlock = layout[l];
      const outBlock = layout[l + 1];
      const prev = l > 0 ? perms[l - 1] : null;
      const next = l + 1 < hidden ? perms[l + 1] : null;
      const cost = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          // Incoming: bias, then inputs (B's inputs taken in the matched order of the layer below).
          const ra = inBlock.offset + i * inBlock.cols;
          const rb = inBlock.offset + j * inBlock.cols;
          s += thetaA[ra] * thetaB[rb];
          for (let c = 1; c < inBlock.cols; c++) s += thetaA[ra + c] * thetaB[rb + (prev ? prev[c - 1] + 1 : c)];
          // Outgoing: column i (j) of Θ(l+1), its rows in the matched order of the layer above.
          for (let r = 0; r < outBlock.rows; r++) {
            const rowA = outBlock.offset + r * outBlock.cols;
            const rowB = outBlock.offset + (next ? next[r] : r) * outBlock.cols;
            s += thetaA[rowA + 1 + i] * thetaB[rowB + 1 + j];
          }
          cost[i * n + j] = -s;
        }
      }
      const assigned = optimalAssignment(cost, n);
      for (let i = 0; i < n; i++) if (assigned[i] !== perms[l][i]) changed = true;
      perms[l] = assigned;
    }
    if (!changed) break;
  }
  return perms;
}
