/**
 * Entry of the sum-check thread (built to out/main/sum-check.js): runs one SumCheckJob and posts its
 * SumCheckJson, or the error's message. The check takes seconds over 5,000 examples; in a thread it
 * never holds up the API's thread (in the app, Electron's main process and every window with it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computeSumCheck, type SumCheckJob, type SumCheckReply } from './sum-check';

let reply: SumCheckReply;
try {
  reply = { ok: true, result: computeSumCheck(workerData as SumCheckJob) };
} catch (e) {
  reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
}
parentPort!.postMessage(reply);
