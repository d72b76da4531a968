/**
 * Entry of the data-reading thread (built to out/main/data-reader.js): reads and parses one data file
 * with the loaders training uses and posts what the dataset chooser shows, or the DataError; or, for
 * a split request, loads a run's whole train / validation / test split and hands its arrays over
 * (transferred, not copied). It runs in a worker thread so a large or hostile file never holds up the
 * API's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DataError } from '../data/errors';
import { loadDataSplit } from '../data/load';
import { inspectDataFile } from './inspect-data';
import type { InspectReply, InspectRequest } from './data-reader';
import type { SplitReply, SplitRequest } from './split-loader';

const request = workerData as InspectRequest | SplitRequest;
const failure = (e: unknown) =>
  e instanceof DataError
    ? ({ ok: false, dataError: { file: e.file, problem: e.problem, location: e.location } } as const)
    : ({ ok: false, message: (e as Error).message ?? String(e) } as const);

if ('kind' in request && request.kind === 'split') {
  let reply: SplitReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const split = loadDataSplit(request.spec);
    reply = { ok: true, split };
    transfer = [
      ...new Set([split.train, split.validation, split.test].flatMap((d) => [d.X.buffer, d.y.buffer])),
    ].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  } catch (e) {
    reply = failure(e);
  }
  parentPort!.postMessage(reply, transfer);
} else {
  const { file, labels, options } = request as InspectRequest;
  let reply: InspectReply;
  try {
    reply = { ok: true, info: inspectDataFile(file, labels, options) };
  } catch (e) {
    reply = failure(e);
  }
  parentPort!.postMessage(reply);
}
