/**
 * Directions to look at J along. A random direction in Θ-space means little by itself: a unit whose
 * weights are small is changed far more by the same step than one whose weights are large. Li et al.
 * (2018) scale each unit's part of the direction ("filter") to the norm of that unit's weights, so a step
 * of 1 moves every unit by as much as its own weights; slices of different networks then compare.
 */
import { seededRandom } from '../nn/random';
import { parameterCount, thetaLayout, type LayerSizes } from '../nn/shape';

/** Standard normal numbers from `seed` (Box–Muller on the lab's seeded generator), as many as Θ has. */
export function gaussianDirection(count: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const d = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const u1 = 1 - random(); // in (0, 1], so the log is finite
    const u2 = random();
    const r = Math.sqrt(-2 * Math.log(u1));
    d[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < count) d[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return d;
}

/**
 * `direction` filter-normalized against `theta`: each unit's incoming non-bias weights in the direction
 * are scaled to the norm of the same unit's non-bias weights in Θ; bias entries become 0 (as Li et al.).
 * A unit whose weights in the direction are all 0 stays 0.
 */
export function filterNormalize(sizes: LayerSizes, direction: Float64Array, theta: Float64Array): Float64Array {
  const count = parameterCount(sizes);
  if (direction.length !== count || theta.length !== count) {
    throw new Error(
      `filter normalization: layers ${sizes.join('-')} have ${count} parameters, got ${direction.length} and ${theta.length}`,
    );
  }
  const out = new Float64Array(count);
  for (const { rows, cols, offset } of thetaLayout(sizes)) {
    for (let r = 0; r < rows; r++) {
      const row = offset + r * cols;
      let dNorm = 0;
      let tNorm = 0;
      for (let c = 1; c < cols; c++) {
        dNorm += direction[row + c] * direction[row + c];
        tNorm += theta[row + c] * theta[row + c];
      }
      if (dNorm === 0) continue;
      const scale = Math.sqrt(tNorm) / Math.sqrt(dNorm);
      for (let c = 1; c < cols; c++) out[row + c] = direction[row + c] * scale;
    }
  }
  return out;
}

/** The two filter-normalized random directions of a plane around Θ: seeds `seed` and `seed + 1` (mod 2³²). */
export function randomPlaneDirections(
  sizes: LayerSizes,
  theta: Float64Array,
  seed: number,
): [Float64Array, Float64Array] {
  const count = parameterCount(sizes);
  const second = (seed + 1) % 2 ** 32;
  return [
    filterNormalize(sizes, gaussianDirection(count, seed), theta),
    filterNormalize(sizes, gaussianDirection(count, second), theta),
  ];
}
