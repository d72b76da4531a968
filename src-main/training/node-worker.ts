/**
 * Runs the training worker as a Node child process (the CLI, the web host and the tests; the desktop
 * app uses Electron's utilityProcess instead). `serialization: 'advanced'` makes Float64Array weights
 * and PNG bytes cross the channel as typed arrays instead of JSON objects of indices.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { tracePhase } from '../trace/phase-trace';
import type { ToWorker } from './protocol';
import type { WorkerHandle } from './worker-handle';

export interface NodeWorkerOptions {
  /** Extra environment for the worker (merged over process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where the worker's stdout/stderr go; default: this process's (so crash traces are visible). */
  stdio?: 'inherit' | 'ignore';
}

/** Forks `workerPath` (a built worker.js) as a child process and wraps it as a WorkerHandle. */
export function spawnNodeWorker(workerPath: string, options: NodeWorkerOptions = {}): WorkerHandle {
  return new NodeWorker(forkWorker(workerPath, options));
}

function forkWorker(workerPath: string, options: NodeWorkerOptions): ChildProcess {
  tracePhase('worker.fork');
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  // Inside Electron, process.execPath is the Electron binary: make it behave as plain Node.
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
  const out = options.stdio ?? 'inherit';
  return fork(workerPath, [], {
    serialization: 'advanced',
    // The parent's flags (test loaders, inspectors) are not meant for the worker.
    execArgv: [],
    env,
    stdio: ['ignore', out, out, 'ipc'],
  });
}

/**
 * Training processes forked ahead of need. Booting Node and loading the worker's modules takes a
 * good part of a short run's start; a spare process that did it already, idle until a run claims it,
 * takes that off the time between Start and the first point. The CLI forks its one worker at once,
 * while it opens the store; the web host keeps one spare after every start.
 *
 * An idle spare doesn't keep this process alive (its handle and channel are unref'd), and exits by
 * itself when this process ends (the worker leaves on 'disconnect').
 */
export class WarmWorkers {
  private spare: { path: string; child: ChildProcess } | null = null;

  /** keepSpare: fork a new spare each time one is claimed (the host), or not (the CLI's one run). */
  constructor(
    private readonly keepSpare: boolean,
    private readonly options: NodeWorkerOptions = {},
  ) {}

  /** Forks a spare for `workerPath` unless one is waiting already. */
  prewarm(workerPath: string): void {
    if (this.spare && this.spare.path === workerPath && alive(this.spare.child)) return;
    // No file, nothing to warm: a spare would only die printing "Cannot find module"; a claim forks
    // afresh and its run fails saying so.
    if (!fs.existsSync(workerPath)) return;
    this.spare?.child.kill('SIGKILL');
    const child = forkWorker(workerPath, this.options);
    // A spare that fails to fork is just not used: the claim below forks afresh and reports the error.
    child.on('error', () => {});
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
    this.spare = { path: workerPath, child };
  }

  /** A SpawnWorker: the waiting spare when it is alive and for this file, else a fresh process. */
  readonly spawn = (workerPath: string): WorkerHandle => {
    const spare = this.spare;
    this.spare = null;
    let child: ChildProcess;
    if (spare && spare.path === workerPath && alive(spare.child)) {
      child = spare.child;
      child.ref();
      (child.channel as { ref?: () => void } | undefined)?.ref?.();
    } else {
      spare?.child.kill('SIGKILL');
      child = forkWorker(workerPath, this.options);
    }
    if (this.keepSpare) setImmediate(() => this.prewarm(workerPath));
    return new NodeWorker(child);
  };

  /** Ends the waiting spare, if any. */
  dispose(): void {
    this.spare?.child.kill('SIGKILL');
    this.spare = null;
  }
}

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null && child.connected;
}

class NodeWorker implements WorkerHandle {
  constructor(private readonly child: ChildProcess) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  postMessage(message: ToWorker): void {
    if (!this.child.connected) return;
    // With a callback, a send racing the child's exit reports here instead of as an 'error' event.
    this.child.send(message, () => {});
  }

  onMessage(listener: (message: unknown) => void): void {
    this.child.on('message', listener);
  }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    // 'close', not 'exit': 'exit' can overtake messages still in the IPC pipe (such as the final
    // weights), while 'close' waits until the channel is drained and closed.
    this.child.once('close', listener);
  }

  onError(listener: (error: Error) => void): void {
    this.child.on('error', listener);
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
