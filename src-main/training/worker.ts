/**
 * Entry of one training process (built to out/main/worker.js). It runs in an Electron utility
 * process (messages arrive on `process.parentPort` as `{ data }` events) or in a Node child forked
 * with `serialization: 'advanced'` (messages on `process.send` / 'message'), trains the one run its
 * start message describes, and exits.
 *
 * Progress is batched: the optimizer can report hundreds of iterations a second, and one IPC message
 * per iteration would cost more than the iteration itself for small networks.
 */
import { parseToWorker, type FromWorker, type StartMessage } from './protocol';
import { train } from './train';
import type { ProgressPoint } from '../run/record';
import { traceProcessStart, tracePhase } from '../trace/phase-trace';
import { warmUpKernel } from '../nn/fast/warm-up';
import { loadBundledTable } from '../data/mnist';
import { prepareDataSplit } from '../data/load';
import { parseDatasetSpec } from '../run/hyperparameters';

traceProcessStart('worker');

/** Longest time a progress point waits in the worker before it is sent. */
const PROGRESS_BATCH_MS = 50;

/** Electron's utility-process port, typed here because this file must not import `electron`. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

interface Channel {
  send(message: FromWorker): Promise<void>;
  onMessage(listener: (message: unknown) => void): void;
  /** Ends the process once the last message has left. */
  exit(code: number): void;
}

function connect(): Channel {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: async (m) => parentPort.postMessage(m),
      onMessage: (l) => parentPort.on('message', (e) => l(e.data)),
      // postMessage has no delivery callback; give the port a moment to hand the last message over.
      exit: (code) => setTimeout(() => process.exit(code), 100),
    };
  }
  if (process.send) {
    const send = process.send.bind(process);
    return {
      // The callback fires once the message is written to the pipe, so exiting after it loses nothing.
      send: (m) => new Promise((resolve) => send(m, undefined, undefined, () => resolve())),
      onMessage: (l) => {
        process.on('message', l);
        // The supervisor's process died (kill -9, crash): nobody will read the results, so stop at once.
        process.on('disconnect', () => process.exit(0));
      },
      exit: (code) => process.exit(code),
    };
  }
  process.stderr.write('backprop-lab worker: start me as a child process or an Electron utility process\n');
  process.exit(2);
}

async function run(channel: Channel, start: StartMessage, signal: AbortSignal): Promise<void> {
  let pending: ProgressPoint[] = [];
  let lastFlush = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    lastFlush = Date.now();
    if (pending.length === 0) return;
    void channel.send({ type: 'progress', points: pending });
    pending = [];
  };
  try {
    const outcome = await train(start, {
      signal,
      onStart: (info) => void channel.send({ type: 'started', ...info }),
      onProgress: ({ iteration, cost, elapsedMs }) => {
        pending.push({ iteration, cost, elapsedMs });
        // Inline as well as by timer: the optimizer may not return to the event loop for a while.
        if (Date.now() - lastFlush >= PROGRESS_BATCH_MS) flush();
        else timer ??= setTimeout(flush, PROGRESS_BATCH_MS);
      },
      onSnapshot: (s) => {
        flush();
        const { validationCost = null, validationAccuracy = null } = s;
        void channel.send({ type: 'snapshot', ...s, validationCost, validationAccuracy });
      },
    });
    flush();
    if (outcome.status === 'cancelled') {
      await channel.send({ type: 'cancelled' });
    } else {
      const { theta, initialTheta, sizes, metrics, confusion, misclassified } = outcome;
      await channel.send({ type: 'done', theta, initialTheta, sizes, metrics, confusion, misclassified });
      tracePhase('worker.done-sent');
    }
    channel.exit(0);
  } catch (e) {
    flush();
    await channel.send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    channel.exit(1);
  }
}

/**
 * While the process waits for its start message (the CLI forks it before opening the store; the host
 * keeps one spare), it does what any run will need: the kernel brought to full speed, then the
 * bundled digits read into memory, then the default run's split of them (which a run of the default
 * data then takes as it is). One small step per turn of the event loop, so that a start
 * message arriving meanwhile waits for one step at most; none are left once the run has begun.
 */
function warmUp(started: () => boolean): void {
  const steps = [() => warmUpKernel(), () => loadBundledTable(), () => prepareDataSplit(parseDatasetSpec({}))];
  const next = () => {
    const step = steps.shift();
    if (!step || started()) return;
    step();
    tracePhase('worker.warm-step');
    setImmediate(next);
  };
  setImmediate(next);
}

function main(): void {
  // Ctrl+C and a closed terminal signal the whole process group, this worker included. The worker is
  // its supervisor's to stop (cancel, or disconnect when the supervisor dies), so that a cancelled run
  // is recorded as cancelled with its history rather than as a training process killed by a signal.
  for (const signal of ['SIGINT', 'SIGHUP'] as const) process.on(signal, () => {});
  const channel = connect();
  tracePhase('worker.ready');
  const abort = new AbortController();
  let started = false;
  warmUp(() => started);
  channel.onMessage((raw) => {
    let message;
    try {
      message = parseToWorker(raw);
    } catch (e) {
      void channel.send({ type: 'error', message: (e as Error).message }).then(() => channel.exit(1));
      return;
    }
    if (message.type === 'cancel') {
      abort.abort();
      // Cancelled before the start arrived: nothing to stop but the process.
      if (!started) void channel.send({ type: 'cancelled' }).then(() => channel.exit(0));
      return;
    }
    if (started) {
      void channel.send({
        type: 'error',
        message: 'this training process already has a run; start one process per run',
      });
      return;
    }
    started = true;
    tracePhase('worker.start-message');
    void run(channel, message, abort.signal);
  });
}

main();
