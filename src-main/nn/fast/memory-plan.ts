/**
 * Where everything the WebAssembly kernel touches lives in its one shared memory, and the header
 * that tells kernel.wat where to find it (the header's field list is at the top of kernel.wat).
 *
 * Order: header, Θ (kernel layout), the packed inputs by example and by block and the value table
 * (sparse layout) or every input as an f64 (dense layout), labels, then one Δ accumulator and one scratch area per thread, and last the list of rows for
 * mini-batches, so that a longer list only grows the end.
 */
import type { ModelChoice } from '../model';
import type { KernelInputs } from './input-layout';
import type { KernelLayout } from './layout';

/** kernel.wat reads per-layer fields for at most this many layers (input and output included). */
export const MAX_KERNEL_LAYERS = 16;
const HEADER_BYTES = 1024;
const PAGE_BYTES = 65536;
/** WebAssembly memories address at most 4 GiB; we stop a page short to keep offsets in i32 range. */
const MAX_BYTES = 65535 * PAGE_BYTES;

/** Byte offsets of every region of the kernel's memory. */
export interface MemoryPlan {
  readonly theta: number;
  readonly rowStart: number;
  readonly rowEntries: number;
  readonly valueTable: number;
  readonly labels: number;
  readonly blockColumnStart: number;
  /** Per column group: byte offset of its Δ(1) row, (column + 1) × row bytes. */
  readonly columnRow: number;
  readonly columnStart: number;
  readonly blockEntries: number;
  /** The dense inputs, m × n f64 by example (0 in the sparse layout, whose regions above are then empty). */
  readonly denseInputs: number;
  /** Byte offset, inside each scratch area, of the block's δ(2) buffer (block size × padded layer-2 units). */
  readonly blockDeltaOffset: number;
  /** Byte offset, inside each scratch area, of room for n u32 (dense layout): an example's nonzero columns. */
  readonly nonzeroListOffset: number;
  /** One Δ accumulator per job of an evaluation, `accumulatorBytes` each. */
  readonly accumulators: readonly number[];
  readonly accumulatorBytes: number;
  /** One scratch area (a(l) and δ(l) of one example, and a block's δ(2)) per thread. */
  readonly scratch: readonly number[];
  /** Byte offset of a(l) and δ(l) inside a scratch area, by layer (index 0 unused). */
  readonly activationOffset: readonly number[];
  readonly deltaOffset: readonly number[];
  /** The u32 list of rows for a mini-batch, the last region, so it can grow. */
  readonly rows: number;
}

const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** Lays out the memory for this network and these inputs, with `accumulators` Δ accumulators (one per job) and `threads` scratch areas. */
export function planMemory(
  layout: KernelLayout,
  inputs: KernelInputs,
  blockSize: number,
  accumulatorCount: number,
  threads: number,
): MemoryPlan {
  const sparse = inputs.kind === 'sparse' ? inputs : null;
  const layers = layout.sizes.length;
  if (layers > MAX_KERNEL_LAYERS) {
    throw new Error(`fast cost: the WebAssembly kernel handles at most ${MAX_KERNEL_LAYERS} layers, got ${layers}`);
  }
  let at = HEADER_BYTES;
  const take = (bytes: number) => {
    const start = at;
    at = align16(at + bytes);
    return start;
  };
  const theta = take(layout.length * 8);
  const rowStart = take((sparse?.packed.rowStart.length ?? 0) * 4);
  const rowEntries = take((sparse?.packed.entry.length ?? 0) * 4);
  const valueTable = take((sparse?.packed.values.length ?? 0) * 8);
  const labels = take(inputs.m);
  const blocked = sparse?.blocked;
  const blockColumnStart = take((blocked?.blockColumnStart.length ?? 0) * 4);
  const columnRow = take((blocked?.column.length ?? 0) * 4);
  const columnStart = take((blocked?.columnStart.length ?? 0) * 4);
  const blockEntries = take((blocked?.entry.length ?? 0) * 4);
  const denseInputs = sparse ? 0 : take(inputs.m * inputs.n * 8);
  const activationOffset = [0];
  const deltaOffset = [0];
  let scratchBytes = 0;
  for (let l = 1; l < layers; l++) {
    activationOffset.push(scratchBytes);
    scratchBytes += layout.padded[l] * 8;
    deltaOffset.push(scratchBytes);
    scratchBytes += layout.padded[l] * 8;
  }
  const blockDeltaOffset = scratchBytes;
  scratchBytes += blockSize * layout.padded[1] * 8;
  // The columns of one example's nonzero inputs, listed by the dense forward pass of predictions.
  const nonzeroListOffset = scratchBytes;
  if (!sparse) scratchBytes += align16(inputs.n * 4);
  const accumulatorBytes = layout.length * 8;
  const accumulators: number[] = [];
  const scratch: number[] = [];
  for (let j = 0; j < accumulatorCount; j++) accumulators.push(take(accumulatorBytes));
  for (let t = 0; t < threads; t++) scratch.push(take(scratchBytes));
  const rows = at;
  if (rows > MAX_BYTES) {
    throw new Error(
      `fast cost: these examples need ${Math.ceil(rows / 2 ** 20)} MiB, more than the 4 GiB a WebAssembly memory can hold`,
    );
  }
  return {
    theta,
    rowStart,
    rowEntries,
    valueTable,
    labels,
    blockColumnStart,
    columnRow,
    columnStart,
    blockEntries,
    denseInputs,
    blockDeltaOffset,
    nonzeroListOffset,
    accumulators,
    accumulatorBytes,
    scratch,
    activationOffset,
    deltaOffset,
    rows,
  };
}

/** Pages of 64 KiB needed to hold the plan plus a list of `rowCount` rows. */
export function pagesFor(plan: MemoryPlan, rowCount: number): number {
  const bytes = plan.rows + rowCount * 4;
  if (bytes > MAX_BYTES) throw new Error(`fast cost: a list of ${rowCount} rows does not fit in a WebAssembly memory`);
  return Math.ceil(bytes / PAGE_BYTES);
}

/** The kernel's codes for the cost (header field 56) and the hidden activation (field 60); Ng's are 0. */
export const COST_CODES = { 'cross-entropy': 0, quadratic: 1 } as const;
export const ACTIVATION_CODES = { sigmoid: 0, tanh: 1, relu: 2 } as const;

/**
 * Writes the header (with the model's cost and hidden activation), the inputs (both groupings and the
 * value table, or dense) and the labels (once, at construction). `blockSize` 0 marks memory for
 * forward passes only (predictions), whose dense layer-1 step then skips the zero inputs.
 */
export function writeStaticData(
  buffer: ArrayBufferLike,
  plan: MemoryPlan,
  layout: KernelLayout,
  inputs: KernelInputs,
  blockSize: number,
  labels: Uint8Array,
  model: ModelChoice,
): void {
  const header = new Int32Array(buffer, 0, HEADER_BYTES / 4);
  const layers = layout.sizes.length;
  const fields = [
    layers,
    plan.rowStart,
    plan.rowEntries,
    plan.valueTable,
    plan.labels,
    plan.theta,
    plan.accumulatorBytes,
    blockSize,
    plan.blockColumnStart,
    plan.columnRow,
    plan.columnStart,
    plan.blockEntries,
    plan.denseInputs,
    plan.blockDeltaOffset,
    COST_CODES[model.cost],
    ACTIVATION_CODES[model.activation],
  ];
  header.set(fields, 0);
  for (let l = 0; l < layers; l++) {
    header[16 + l] = layout.sizes[l];
    header[32 + l] = layout.padded[l];
    header[64 + l] = plan.activationOffset[l];
    header[80 + l] = plan.deltaOffset[l];
  }
  for (let l = 0; l + 1 < layers; l++) header[48 + l] = layout.offset[l] * 8;
  // Built for forward passes only (no blocks): the dense forward pass skips zero inputs, as packing did.
  header[96] = plan.nonzeroListOffset;
  header[97] = inputs.kind === 'dense' && blockSize === 0 ? 1 : 0;
  new Uint8Array(buffer, plan.labels, labels.length).set(labels);
  if (inputs.kind === 'dense') {
    new Float64Array(buffer, plan.denseInputs, inputs.X.length).set(inputs.X);
    return;
  }
  const { packed, blocked } = inputs;
  new Uint32Array(buffer, plan.rowStart, packed.rowStart.length).set(packed.rowStart);
  new Uint32Array(buffer, plan.rowEntries, packed.entry.length).set(packed.entry);
  new Float64Array(buffer, plan.valueTable, packed.values.length).set(packed.values);
  // Built for forward passes only: no groupings by block.
  if (!blocked) return;
  new Uint32Array(buffer, plan.blockColumnStart, blocked.blockColumnStart.length).set(blocked.blockColumnStart);
  const rowBytes = layout.padded[1] * 8;
  const columnRow = new Uint32Array(buffer, plan.columnRow, blocked.column.length);
  for (let g = 0; g < blocked.column.length; g++) columnRow[g] = (blocked.column[g] + 1) * rowBytes;
  new Uint32Array(buffer, plan.columnStart, blocked.columnStart.length).set(blocked.columnStart);
  new Uint32Array(buffer, plan.blockEntries, blocked.entry.length).set(blocked.entry);
}
