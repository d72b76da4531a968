/**
 * Entry of the data-reading thread (built to out/main/data-reader.js): reads and parses one data file
 * with the loaders training uses and posts what the dataset chooser shows, or the DataError. It runs
 * in a worker thread so a large or hostile file never holds up the API's thread. Started with
 * `{ kind: 'serve' }` it is instead the API's long-lived data thread (data-thread-serve.ts): runs'
 * splits and the hidden-unit view's activations.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { inspectDataFile } from '../inspect-data';
import type { InspectReply, InspectRequest } from './data-reader';
import { failureReply as failure, serveDataRequests } from './data-thread-serve';

const request = workerData as InspectRequest | { kind: 'serve' };

if ('kind' in request && request.kind === 'serve') {
  serveDataRequests(parentPort!);
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
