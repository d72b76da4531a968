/**
 * Θ as JSON text, produced one row at a time so that a network of any size can be written: a
 * 4096×3 network's weights are ~750 MB of text, more than V8 can hold in one string ("Invalid string
 * length"). Two layouts, byte for byte the ones the lab has always written:
 *   'export'  weights.json of an exported run: indented, each number exact (−0 kept)
 *   'compact' the CLI's --out file and --json field: JSON.stringify({sizes, thetas}) of the rolled Θ
 */
import fs from 'node:fs';
import { thetaLayout, type LayerSizes } from '../nn/shape';
import { exactNumber } from './codec';

export type WeightsJsonStyle = 'export' | 'compact';

/** Text chunks of {"sizes": …, "thetas": [Θ1, Θ2, …]}, each Θ(l) a list of rows with the bias in column 0. */
export function* weightsJsonChunks(sizes: LayerSizes, theta: Float64Array, style: WeightsJsonStyle): Generator<string> {
  const blocks = thetaLayout(sizes);
  const expanded = style === 'export';
  // JSON.stringify writes −0 as 0; the export keeps it.
  const num = expanded
    ? exactNumber
    : (v: number) => (Number.isFinite(v) ? (Object.is(v, -0) ? '0' : String(v)) : 'null');
  const sep = expanded ? ', ' : ',';
  yield expanded ? `{\n  "sizes": [${sizes.join(', ')}],\n  "thetas": [\n` : `{"sizes":[${sizes.join(',')}],"thetas":[`;
  for (let l = 0; l < blocks.length; l++) {
    const { rows, cols, offset } = blocks[l];
    if (l > 0) yield expanded ? ',\n' : ',';
    yield expanded ? '    [\n' : '[';
    for (let r = 0; r < rows; r++) {
      const start = offset + r * cols;
      const parts = new Array<string>(cols);
      for (let c = 0; c < cols; c++) parts[c] = num(theta[start + c]);
      const row = `[${parts.join(sep)}]`;
      yield expanded ? `${r > 0 ? ',\n' : ''}      ${row}` : `${r > 0 ? ',' : ''}${row}`;
    }
    yield expanded ? '\n    ]' : ']';
  }
  yield expanded ? '\n  ]\n}\n' : ']}';
}

/** Bytes gathered before each write: large enough for few system calls, small beside any Θ. */
const WRITE_BATCH_CHARS = 1 << 20;

/** Writes the chunks to an open file descriptor in batches, never holding more than about 1 MB of text. */
export function writeChunks(fd: number, chunks: Iterable<string>): void {
  let batch: string[] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    writeAll(fd, Buffer.from(batch.join(''), 'utf8'));
    batch = [];
    size = 0;
  };
  for (const chunk of chunks) {
    batch.push(chunk);
    size += chunk.length;
    if (size >= WRITE_BATCH_CHARS) flush();
  }
  flush();
}

/** Writes the chunks to `file`, created or replaced. */
export function writeChunksToFile(file: string, chunks: Iterable<string>): void {
  const fd = fs.openSync(file, 'w');
  try {
    writeChunks(fd, chunks);
  } finally {
    fs.closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let at = 0;
  while (at < bytes.length) {
    try {
      at += fs.writeSync(fd, bytes, at);
    } catch (e) {
      // A non-blocking pipe (stdout read slowly) is full: wait a moment and go on.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
