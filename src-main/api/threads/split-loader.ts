/**
 * Loading a run's whole data split (explain's examples, the hidden-unit view's training set) off the
 * API's thread: a 60,000-row file takes seconds to parse, and a run imported from elsewhere may name
 * a file of hundreds of megabytes; meanwhile every other request must still be answered. The split
 * is built in a data-reading thread (the same built data-reader.js as data.inspect) and its arrays are
 * transferred back; in tests without a built thread, and in the CLI, it loads in the calling thread.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DataError } from '../../data/errors';
import { loadDataSplit, type LoadedSplit } from '../../data/load';
import type { DatasetSpec } from '../../run/hyperparameters';
import { READER_TIMEOUT_MS } from './data-reader';

/** The train / validation / test split of `spec`, or a DataError naming the file. */
export type LoadSplit = (spec: DatasetSpec) => Promise<LoadedSplit>;

export interface SplitRequest {
  kind: 'split';
  spec: DatasetSpec;
}

export type SplitReply = ReaderReply<LoadedSplit>;

/** Loads in the calling thread. */
export const loadSplitInThread: LoadSplit = async (spec) => loadDataSplit(spec);

/**
 * Loads each split in a fresh worker thread running `threadFile` (the built data-reader.js), stopped
 * after `timeoutMs`. Falls back to the calling thread when the file is not built.
 */
export function threadSplitLoader(threadFile: string, timeoutMs = READER_TIMEOUT_MS): LoadSplit {
  if (!fs.existsSync(threadFile)) return loadSplitInThread;
  return (spec) => {
    const request: SplitRequest = { kind: 'split', spec };
    return inReaderThread<LoadedSplit>(threadFile, request, spec.file ?? 'the bundled digits', timeoutMs);
  };
}

/** What a reader thread posts back: its value, or the DataError (or other error) it met. */
export type ReaderReply<T> =
  | { ok: true; value: T }
  | { ok: false; dataError: { file: string; problem: string; location?: string } }
  | { ok: false; message: string };

/**
 * Runs one `request` in a fresh thread of `threadFile` (heap capped at 1 GiB, stopped after
 * `timeoutMs`) and settles with its reply; `what` names the data in the errors of a thread that
 * fails, stops or takes too long.
 */
export function inReaderThread<T>(threadFile: string, request: object, what: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(threadFile, { workerData: request, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const timer = setTimeout(
      () =>
        settle(() => {
          void worker.terminate();
          reject(new DataError(what, `loading it took longer than ${timeoutMs / 1000} s and was stopped`));
        }),
      timeoutMs,
    );
    worker.once('message', (reply: ReaderReply<T>) =>
      settle(() => {
        if (reply.ok) resolve(reply.value);
        else if ('dataError' in reply) {
          const { file, problem, location } = reply.dataError;
          reject(new DataError(file, problem, location));
        } else reject(new Error(reply.message));
      }),
    );
    worker.once('error', (e) => settle(() => reject(new DataError(what, `could not be loaded: ${e.message}`))));
    worker.once('exit', (code) =>
      settle(() => reject(new DataError(what, `the data-reading thread stopped (exit code ${code})`))),
    );
  });
}
