/**
 * How the API reads a user's data file: in a worker thread (the app and the web host), so parsing
 * 60,000 digits or refusing a gzip bomb never freezes other requests, or in the calling thread
 * (tests that have no built thread file, and the CLI, where nothing else waits).
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DataError } from '../../data/errors';
import { inspectDataFile } from '../inspect-data';
import type { DataFileInfo, InspectOptions } from '../table';

/** Counts and image size of a data file (and its labels file), or a DataError naming the file. */
export type InspectData = (file: string, labels?: string, options?: InspectOptions) => Promise<DataFileInfo>;

export interface InspectRequest {
  file: string;
  labels?: string;
  options?: InspectOptions;
}

export type InspectReply =
  | { ok: true; info: DataFileInfo }
  | { ok: false; dataError: { file: string; problem: string; location?: string } }
  | { ok: false; message: string };

/** Files read at once; more requests wait their turn, so a burst cannot start a thread each. */
export const MAX_READER_THREADS = 2;
/**
 * How long one read may take before its thread is stopped and its slot freed: a file that never ends
 * (whatever got past the regular-file check) must not hold a slot, and so every later read, forever.
 */
export const READER_TIMEOUT_MS = 120_000;

/** Reads in the calling thread. */
export const inspectInThread: InspectData = async (file, labels, options) => inspectDataFile(file, labels, options);

/**
 * Reads each file in a fresh worker thread running `threadFile` (the built data-reader.js), at most
 * MAX_READER_THREADS at once. Falls back to the calling thread when the file is not built.
 */
export function threadInspector(threadFile: string, timeoutMs = READER_TIMEOUT_MS): InspectData {
  if (!fs.existsSync(threadFile)) return inspectInThread;
  let active = 0;
  const waiting: (() => void)[] = [];
  const slot = async (): Promise<void> => {
    if (active < MAX_READER_THREADS) {
      active++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return async (file, labels, options) => {
    await slot();
    try {
      return await readInWorker(threadFile, { file, labels, options }, timeoutMs);
    } finally {
      release();
    }
  };
}

function readInWorker(threadFile: string, request: InspectRequest, timeoutMs: number): Promise<DataFileInfo> {
  return new Promise((resolve, reject) => {
    // A heap cap: a CSV that would take gigabytes of JS objects ends this thread, not the app.
    const worker = new Worker(threadFile, { workerData: request, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(new DataError(request.file, `reading it took longer than ${timeoutMs / 1000} s and was stopped`));
    }, timeoutMs);
    worker.once('exit', () => clearTimeout(timer));
    worker.once('message', (reply: InspectReply) => {
      if (settled) return;
      settled = true;
      if (reply.ok) resolve(reply.info);
      else if ('dataError' in reply) {
        const { file, problem, location } = reply.dataError;
        reject(new DataError(file, problem, location));
      } else reject(new Error(reply.message));
    });
    worker.once('error', (e) => {
      if (settled) return;
      settled = true;
      reject(new DataError(request.file, `could not be read: ${e.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new DataError(request.file, `the data-reading thread stopped (exit code ${code})`));
    });
  });
}
