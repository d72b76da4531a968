/**
 * Bytes and text for numbers that must come back bit-identical: Θ as raw little-endian doubles in
 * SQLite, and doubles as text in exported files (shortest round-trip form, keeping −0).
 */
import os from 'node:os';

if (os.endianness() !== 'LE')
  throw new Error('the run store stores Θ as little-endian doubles and needs a little-endian machine');

/** The bytes of Θ, sharing its memory (SQLite copies them on insert). */
export function thetaToBlob(theta: Float64Array): Buffer {
  return Buffer.from(theta.buffer, theta.byteOffset, theta.byteLength);
}

/** Θ from stored bytes; copied because a Buffer need not be 8-byte aligned. */
export function blobToTheta(blob: Uint8Array): Float64Array {
  if (blob.byteLength % 8 !== 0) throw new Error(`stored weights have ${blob.byteLength} bytes, not a multiple of 8`);
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float64Array(copy.buffer);
}

/** A finite double as JSON/CSV text that parses back to the same bits (JSON.stringify would turn −0 into 0). */
export function exactNumber(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`cannot write ${v} as a number`);
  return Object.is(v, -0) ? '-0' : String(v);
}

/** Bytes of a Uint8Array or Buffer as a fresh Uint8Array (what the store returns for images). */
export function toBytes(b: Uint8Array): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
