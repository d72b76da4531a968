/**
 * How the fast kernel stores the inputs X: sparse (only the nonzero pixels, packed.ts) or dense
 * (every pixel as an f64, example by example). Both give the same bits: a zero pixel adds exactly 0
 * to z(2) and to Δ(1), and both layouts add the rest in the same order (kernel/dense.wat).
 *
 * Which one is faster depends on the share of nonzero inputs. The sparse layout pays for every
 * nonzero an entry to decode and a scattered row of Θ(1); the dense layout pays a multiply-add for
 * every zero. `npm run bench -- --only layout` measures both over a range of densities on this
 * machine; DENSE_FROM_DENSITY is where the measured curves cross.
 */
import { packBlocks, packRows, type PackedBlocks, type PackedRows } from './packed';

/** The two ways of storing X; 'auto' lets the data's density decide (chooseInputLayout). */
export type InputLayoutName = 'sparse' | 'dense';

/**
 * From this share of nonzero inputs on, the dense layout is faster. Measured with `npm run bench --
 * --only layout` (784-25-10, 10,000 examples, 2 threads, 2-core AMD EPYC, CPU ms per evaluation): the
 * sparse layout's time grows with the nonzeros (36 ms at MNIST's 19%, 78 ms at 50%, 99 ms at 70%,
 * 127 ms at 100%), the dense one's does not (~98 ms); they cross near 70%. On a 2-core Intel Xeon
 * (Node 22, quiet) they cross between 80% and 85% (sparse 52.6 ms and dense 55.0 ms at 80%), so 0.75
 * sits between the two machines. MNIST digits (19%) and Fashion-MNIST photos (50%) stay sparse;
 * standardized features (no zeros left) go dense.
 */
export const DENSE_FROM_DENSITY = 0.75;

/** The inputs as the WebAssembly kernel will hold them. */
export type KernelInputs =
  | {
      readonly kind: 'sparse';
      readonly m: number;
      readonly n: number;
      readonly packed: PackedRows;
      /** The nonzeros by block and column, for full evaluations; null for forward passes only. */
      readonly blocked: PackedBlocks | null;
    }
  | {
      readonly kind: 'dense';
      readonly m: number;
      readonly n: number;
      readonly X: Float64Array;
      /**
       * Nonzero inputs of the examples before example i (m + 1 counts), as packed rows' rowStart: the
       * evaluation is cut into jobs by these counts in both layouts, so they sum in the same groups.
       * Empty for forward passes only (forwardInputs), which are not cut into jobs.
       */
      readonly nonzerosBefore: Uint32Array;
    };

/** Share of the m×n inputs that are not 0 (1 for an empty matrix, which has nothing to skip). */
export function inputDensity(X: Float64Array): number {
  let nonzeros = 0;
  for (let i = 0; i < X.length; i++) if (X[i] !== 0) nonzeros++;
  return density(nonzeros, X.length);
}

const density = (nonzeros: number, inputs: number) => (inputs === 0 ? 1 : nonzeros / inputs);

/** The faster layout for inputs with this share of nonzeros: dense from DENSE_FROM_DENSITY on. */
export function chooseInputLayout(density: number): InputLayoutName {
  if (!(density >= 0 && density <= 1)) throw new Error(`density must be a share from 0 to 1, got ${density}`);
  return density >= DENSE_FROM_DENSITY ? 'dense' : 'sparse';
}

/**
 * X in the requested layout ('auto': by its density). The sparse layout needs at most 65,536 inputs
 * and distinct values (packed.ts); inputs beyond that (standardized features, say) are stored dense,
 * which has no such limit. `blockSize` is the examples per block of a full evaluation; 0 builds what
 * forward passes (predictions) need only.
 */
export function kernelInputs(
  X: Float64Array,
  m: number,
  n: number,
  requested: InputLayoutName | 'auto',
  blockSize: number,
): KernelInputs {
  // Packing counts the nonzeros as it goes: for 'auto', the density comes with it.
  const packed = requested === 'dense' ? null : packRows(X, m, n);
  if (packed && (requested === 'sparse' || chooseInputLayout(density(packed.entry.length, m * n)) === 'sparse')) {
    return { kind: 'sparse', m, n, packed, blocked: blockSize > 0 ? packBlocks(packed, blockSize) : null };
  }
  if (X.length !== m * n) throw new Error(`X must hold m×n = ${m}×${n} = ${m * n} values, got ${X.length}`);
  if (packed) return { kind: 'dense', m, n, X, nonzerosBefore: packed.rowStart };
  const nonzerosBefore = new Uint32Array(m + 1);
  let nonzeros = 0;
  for (let i = 0; i < m; i++) {
    nonzerosBefore[i] = nonzeros;
    const end = (i + 1) * n;
    for (let j = i * n; j < end; j++) if (X[j] !== 0) nonzeros++;
  }
  nonzerosBefore[m] = nonzeros;
  return { kind: 'dense', m, n, X, nonzerosBefore };
}

/**
 * X for forward passes only (predictions), stored dense as it is: the kernel's dense forward pass skips
 * the zero inputs as the sparse one does (same bits), so packing (most of a from-scratch prediction's
 * time) buys nothing here. No job counts: predictions run in one thread.
 */
export function forwardInputs(X: Float64Array, m: number, n: number): KernelInputs {
  if (X.length !== m * n) throw new Error(`X must hold m×n = ${m}×${n} = ${m * n} values, got ${X.length}`);
  return { kind: 'dense', m, n, X, nonzerosBefore: new Uint32Array(0) };
}
