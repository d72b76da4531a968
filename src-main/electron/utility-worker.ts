/**
 * The supervisor's WorkerHandle over Electron's utilityProcess: the desktop app trains in utility
 * processes (Chromium's service processes, Node inside) rather than forking the Electron binary.
 * Messages use structured clone, so Float64Array weights and PNG bytes arrive as typed arrays, the
 * same as with the Node child's 'advanced' serialization.
 */
import { utilityProcess, type UtilityProcess } from 'electron';
import type { ToWorker } from '../training/protocol';
import type { SpawnWorker, WorkerHandle } from '../training/worker-handle';

/** Starts `workerPath` in a utility process named for the task manager. */
export const spawnUtilityWorker: SpawnWorker = (workerPath) =>
  new UtilityWorker(utilityProcess.fork(workerPath, [], { serviceName: 'Backprop Lab training', stdio: 'inherit' }));

class UtilityWorker implements WorkerHandle {
  private exited = false;
  private lastPid: number | undefined;

  constructor(private readonly child: UtilityProcess) {
    child.once('spawn', () => (this.lastPid = child.pid));
    child.once('exit', () => (this.exited = true));
  }

  get pid(): number | undefined {
    return this.child.pid ?? this.lastPid;
  }

  postMessage(message: ToWorker): void {
    if (this.exited) return;
    try {
      this.child.postMessage(message);
    } catch {
      // The process is going away; its exit is reported through onExit.
    }
  }

  onMessage(listener: (message: unknown) => void): void {
    this.child.on('message', listener);
  }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    // utilityProcess reports only an exit code.
    this.child.once('exit', (code) => listener(code, null));
  }

  onError(listener: (error: Error) => void): void {
    this.child.on('error', (type, location) => listener(new Error(`${type} at ${location}`)));
  }

  kill(): void {
    if (this.exited) return;
    const pid = this.child.pid;
    // utilityProcess.kill() sends SIGTERM; a runaway run must stop at once.
    if (pid !== undefined && process.platform !== 'win32') {
      try {
        process.kill(pid, 'SIGKILL');
        return;
      } catch {
        // Already gone, or not ours to signal: fall back to Electron's own kill.
      }
    }
    this.child.kill();
  }
}
