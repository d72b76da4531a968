/**
 * Entry of the data-reading thread (built to out/main/data-reader.js): reads and parses one data file
 * with the loaders training uses and posts what the dataset chooser shows, or the DataError; or, for
 * a split request, loads a run's whole train / validation / test split and hands its arrays over
 * (transferred, not copied); for an activations request, loads a run's training set and runs its
 * network forward over every example (the hidden-unit view's m forward passes). It runs in a worker
 * thread so a large or hostile file, or a long computation, never holds up the API's thread. Started
 * with `{ kind: 'serve' }` it is instead the API's long-lived data thread (data-thread-serve.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDataSplit } from '../../data/load';
import { inspectDataFile } from '../inspect-data';
import type { InspectReply, InspectRequest } from './data-reader';
import type { ReaderReply, SplitReply, SplitRequest } from './split-loader';
import { activationsOf, type ActivationsRequest, type LoadedActivations } from './activation-loader';
import { buffersOf, failureReply as failure, serveDataRequests } from './data-thread-serve';

const request = workerData as InspectRequest | SplitRequest | ActivationsRequest | { kind: 'serve' };

if ('kind' in request && request.kind === 'serve') {
  serveDataRequests(parentPort!);
} else if ('kind' in request && request.kind === 'activations') {
  let reply: ReaderReply<LoadedActivations>;
  let transfer: ArrayBuffer[] = [];
  try {
    const value = activationsOf(loadDataSplit(request.spec).train, request.target);
    reply = { ok: true, value };
    const { train, activations } = value;
    transfer = buffersOf([train.X, train.y, ...(activations ? [...activations.layers, activations.predicted] : [])]);
  } catch (e) {
    reply = failure(e);
  }
  parentPort!.postMessage(reply, transfer);
} else if ('kind' in request && request.kind === 'split') {
  let reply: SplitReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const split = loadDataSplit(request.spec);
    reply = { ok: true, value: split };
    transfer = buffersOf([split.train, split.validation, split.test].flatMap((d) => [d.X, d.y]));
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
