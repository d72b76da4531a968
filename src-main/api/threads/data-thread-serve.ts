/**
 * The long-lived data thread's side (data-thread.ts is the API's): it answers split and activation
 * requests one after the other for as long as the API lives, and keeps the last split it loaded, so
 * that opening a run in the Backprop view and then its hidden units reads the data once. The kept
 * split's arrays live in SharedArrayBuffers: handed to the API thread they are shared, not copied, and
 * the thread keeps them too.
 */
import fs from 'node:fs';
import type { MessagePort } from 'node:worker_threads';
import { DataError } from '../../data/errors';
import type { Digits } from '../../data/digits';
import { loadDataSplit, type LoadedSplit } from '../../data/load';
import { DEFAULT_DATASET, type DatasetSpec } from '../../run/hyperparameters';
import { parameterCount } from '../../nn/shape';
import { activationsOf, type ActivationsRequest } from './activation-loader';
import type { ReaderReply, SplitRequest } from './split-loader';

/** A request to the long-lived thread, numbered so that its answer finds its way back. */
export interface DataThreadRequest {
  readonly id: number;
  readonly request: SplitRequest | ActivationsRequest;
}

export interface DataThreadReply {
  readonly id: number;
  readonly reply: ReaderReply<unknown>;
}

/** The reply for an error: a DataError keeps its file and place, anything else its message. */
export const failureReply = (e: unknown): Extract<ReaderReply<never>, { ok: false }> =>
  e instanceof DataError
    ? { ok: false, dataError: { file: e.file, problem: e.problem, location: e.location } }
    : { ok: false, message: (e as Error).message ?? String(e) };

/** The distinct ArrayBuffers behind `arrays`, to transfer rather than copy (shared ones are shared anyway). */
export const buffersOf = (arrays: ArrayBufferView[]): ArrayBuffer[] =>
  [...new Set(arrays.map((a) => a.buffer))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);

function shared<T extends Float64Array | Uint8Array>(a: T): T {
  const copy = new (a.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}

const sharedDigits = (d: Digits): Digits => ({ ...d, X: shared(d.X), y: shared(d.y) });

/**
 * What identifies a loaded split: its spec and, for each file it names, the file's size and time of
 * last change, so that a file rewritten since is read again rather than served from memory.
 */
function splitKey(spec: DatasetSpec): string {
  // Field order and absent fields do not make another split: a run's stored spec and the default must meet.
  const fields = Object.entries(spec)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const stamp = (file: string | undefined) => {
    if (!file) return null;
    try {
      const s = fs.statSync(file);
      return [s.size, s.mtimeMs];
    } catch {
      return 'missing';
    }
  };
  return JSON.stringify([fields, stamp(spec.file), stamp(spec.labels), stamp(spec.testFile), stamp(spec.testLabels)]);
}

/**
 * Answers requests on `port` until the thread is stopped. Idle after it starts, it reads the default
 * split (the bundled digits, as a new run uses them) ahead of the first request, as a training process
 * does while it waits for its run: that is most first opens.
 */
export function serveDataRequests(port: MessagePort): void {
  let kept: { key: string; split: LoadedSplit } | null = null;
  const splitOf = (spec: DatasetSpec): LoadedSplit => {
    const key = splitKey(spec);
    if (kept?.key === key) return kept.split;
    kept = null; // let the old split go before the new one is read
    const split = loadDataSplit(spec);
    const sharedSplit = {
      ...split,
      train: sharedDigits(split.train),
      validation: sharedDigits(split.validation),
      test: sharedDigits(split.test),
    };
    kept = { key, split: sharedSplit };
    return sharedSplit;
  };
  setImmediate(() => {
    try {
      if (kept !== null) return;
      const { train } = splitOf(DEFAULT_DATASET);
      // And runs the forward pass over a few of them once, so that the first open finds it compiled.
      const sizes = [train.n, 25, 10];
      const few = { ...train, m: 64, X: train.X.subarray(0, 64 * train.n) };
      activationsOf(few, { theta: new Float64Array(parameterCount(sizes)), sizes, trainSize: 64 });
    } catch {
      // Read again, and its error reported, when a request asks for it.
    }
  });
  port.on('message', ({ id, request }: DataThreadRequest) => {
    let reply: ReaderReply<unknown>;
    let transfer: ArrayBuffer[] = [];
    try {
      if (request.kind === 'split') {
        reply = { ok: true, value: splitOf(request.spec) };
      } else {
        const value = activationsOf(splitOf(request.spec).train, request.target);
        reply = { ok: true, value };
        if (value.activations) transfer = buffersOf([...value.activations.layers, value.activations.predicted]);
      }
    } catch (e) {
      reply = failureReply(e);
    }
    port.postMessage({ id, reply } satisfies DataThreadReply, transfer);
  });
}
