/**
 * Where explain.sumCheck's arithmetic runs: in a worker thread (the app and the web host), one check
 * at a time, or in the calling thread (tests without a built thread file, and the CLI).
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { computeSumCheck, type SumCheckJob, type SumCheckReply } from '../../explain/sum-check';
import type { SumCheckJson } from '../../explain/types';

/** Computes one sum check. */
export type SumCheckRunner = (job: SumCheckJob) => Promise<SumCheckJson>;

/** Computes in the calling thread. */
export const sumCheckInCallingThread: SumCheckRunner = async (job) => computeSumCheck(job);

/**
 * Computes each check in a fresh worker thread running `threadFile` (the built sum-check.js), one after
 * another: each takes a core for seconds, and training runs need the others. Falls back to the calling
 * thread when the file is not built.
 */
export function threadSumChecker(threadFile: string): SumCheckRunner {
  if (!fs.existsSync(threadFile)) return sumCheckInCallingThread;
  let previous: Promise<unknown> = Promise.resolve();
  return (job) => {
    // `previous` never rejects (a failed check is caught below), so each check starts when the one before ends.
    const mine = previous.then(() => checkInWorker(threadFile, job));
    previous = mine.catch(() => {});
    return mine;
  };
}

function checkInWorker(threadFile: string, job: SumCheckJob): Promise<SumCheckJson> {
  return new Promise((resolve, reject) => {
    // The examples are copied into the thread (structured clone): 5,000 digits are 31 MB, ~20 ms to copy.
    const worker = new Worker(threadFile, { workerData: job });
    let settled = false;
    worker.once('message', (reply: SumCheckReply) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.message));
    });
    worker.once('error', (e) => {
      settled = true;
      reject(new Error(`the sum check failed: ${e.message}`));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the sum-check thread stopped (exit code ${code}) before answering`));
    });
  });
}
