/**
 * Entry of the data-reading thread (built to out/main/data-reader.js): reads and parses one data file
 * with the loaders training uses and posts what the dataset chooser shows, or the DataError. It runs
 * in a worker thread so a large or hostile file never holds up the API's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DataError } from '../data/errors';
import { inspectDataFile } from './inspect-data';
import type { InspectReply, InspectRequest } from './data-reader';

const { file, labels, options } = workerData as InspectRequest;
let reply: InspectReply;
try {
  reply = { ok: true, info: inspectDataFile(file, labels, options) };
} catch (e) {
  reply =
    e instanceof DataError
      ? { ok: false, dataError: { file: e.file, problem: e.problem, location: e.location } }
      : { ok: false, message: (e as Error).message ?? String(e) };
}
parentPort!.postMessage(reply);
