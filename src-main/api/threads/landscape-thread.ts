/**
 * Entry of the landscape thread (built to out/main/landscape.js): computes landscape jobs one after
 * another, posting progress, and keeps the last dataset loaded for the next job. A 41 × 41 plane is
 * seconds of arithmetic; here it never holds up the API's thread (in the app, every window).
 */
import { parentPort } from 'node:worker_threads';
import { SplitCache } from '../../explain/examples';
import { LandscapeCancelled } from '../../landscape/surfaces';
import { computeLandscape, type LandscapeThreadJob, type LandscapeThreadReply } from './landscape-jobs';

const splits = new SplitCache();
const port = parentPort!;

port.on('message', ({ id, job, stop }: LandscapeThreadJob) => {
  const flag = new Int32Array(stop);
  const post = (reply: LandscapeThreadReply) => port.postMessage(reply);
  try {
    const outcome = computeLandscape(job, splits, {
      report: (done, total) => post({ type: 'progress', id, done, total }),
      stopped: () => Atomics.load(flag, 0) !== 0,
    });
    post({ type: 'done', id, outcome });
  } catch (e) {
    if (e instanceof LandscapeCancelled) post({ type: 'cancelled', id });
    else post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) });
  }
});
