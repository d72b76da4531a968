/**
 * Runs the training worker as a Node child process (the CLI, the web host and the tests; the desktop
 * app uses Electron's utilityProcess instead). `serialization: 'advanced'` makes Float64Array weights
 * and PNG bytes cross the channel as typed arrays instead of JSON objects of indices.
 */
import { fork, type ChildProcess } from 'node:child_process';
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
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  // Inside Electron, process.execPath is the Electron binary: make it behave as plain Node.
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
  const out = options.stdio ?? 'inherit';
  const child = fork(workerPath, [], {
    serialization: 'advanced',
    // The parent's flags (test loaders, inspectors) are not meant for the worker.
    execArgv: [],
    env,
    stdio: ['ignore', out, out, 'ipc'],
  });
  return new NodeWorker(child);
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
