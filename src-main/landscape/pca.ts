/**
 * The plane a training path mostly lies in: the first two principal directions of Θₜ − Θ* over the
 * snapshots (Li et al. 2018). A path has a few dozen snapshots of thousands of parameters, so the
 * directions come from the small snapshots × snapshots Gram matrix, whose eigenvectors (Jacobi's method)
 * combine the snapshots into Θ-space directions.
 */

/** Two orthonormal directions in Θ-space and the share of the variance each explains. */
export interface PrincipalPlane {
  directions: [Float64Array, Float64Array];
  explained: [number, number];
}

/**
 * The first two principal directions of the rows `vectors` (centred on their mean, as a PCA), each of
 * norm 1, and the share of the total variance along each. Needs at least 3 vectors that are not all on
 * one line.
 */
export function principalPlane(vectors: readonly Float64Array[]): PrincipalPlane {
  const k = vectors.length;
  if (k < 3) throw new Error(`a principal plane needs at least 3 snapshots, got ${k}`);
  const n = vectors[0].length;
  const mean = new Float64Array(n);
  for (const v of vectors) {
    if (v.length !== n) throw new Error(`every snapshot must have ${n} values, one has ${v.length}`);
    for (let i = 0; i < n; i++) mean[i] += v[i] / k;
  }
  const centred = vectors.map((v) => v.map((x, i) => x - mean[i]));
  const gram = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += centred[a][i] * centred[b][i];
      gram[a * k + b] = s;
      gram[b * k + a] = s;
    }
  }
  const { values, vectors: eig } = symmetricEigen(gram, k);
  const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a]);
  const total = values.reduce((s, v) => s + Math.max(0, v), 0);
  // A second variance at rounding level (relative to the first) is no direction at all.
  if (!(values[order[1]] > 1e-12 * total)) throw new Error('the snapshots lie on one line: no plane to draw');
  const direction = (e: number): Float64Array => {
    const d = new Float64Array(n);
    for (let a = 0; a < k; a++) {
      const w = eig[a * k + e];
      if (w === 0) continue;
      for (let i = 0; i < n; i++) d[i] += w * centred[a][i];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += d[i] * d[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) d[i] /= norm;
    return d;
  };
  return {
    directions: [direction(order[0]), direction(order[1])],
    explained: [values[order[0]] / total, values[order[1]] / total],
  };
}

/** Eigenvalues and eigenvectors (columns of a k×k row-major matrix) of a symmetric matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: Float64Array, k: number): { values: number[]; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q] ** 2;
    if (off < 1e-30 * (1 + diagonalSquares(a, k))) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q];
        if (apq === 0) continue;
        const theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p];
          const arq = a[r * k + q];
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r];
          const aqr = a[q * k + r];
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  return { values: Array.from({ length: k }, (_, i) => a[i * k + i]), vectors: v };
}

function diagonalSquares(a: Float64Array, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s += a[i * k + i] ** 2;
  return s;
}
