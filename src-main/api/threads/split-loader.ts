/**
 * Loading a run's whole data split (explain's examples, the hidden-unit view's training set) off the
 * API's thread: a 60,000-row file takes seconds to parse, and a run imported from elsewhere may name
 * a file of hundreds of megabytes; meanwhile every other request must still be answered. The split
 * is built in the API's long-lived data thread (data-thread.ts) and its arrays are handed back; in
 * tests without a built thread, and in the CLI, it loads in the calling thread.
 */
import { loadDataSplit, type LoadedSplit } from '../../data/load';
import type { DatasetSpec } from '../../run/hyperparameters';

/** The train / validation / test split of `spec`, or a DataError naming the file. */
export type LoadSplit = (spec: DatasetSpec) => Promise<LoadedSplit>;

export interface SplitRequest {
  kind: 'split';
  spec: DatasetSpec;
}

/** Loads in the calling thread. */
export const loadSplitInThread: LoadSplit = async (spec) => loadDataSplit(spec);

/** What the data thread posts back for a request: its value, or the DataError (or other error) it met. */
export type ReaderReply<T> =
  | { ok: true; value: T }
  | { ok: false; dataError: { file: string; problem: string; location?: string } }
  | { ok: false; message: string };
