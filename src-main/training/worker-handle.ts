/**
 * The supervisor's view of one training process, small enough that Node's child_process.fork
 * (node-worker.ts) and Electron's utilityProcess (src-main/electron/) both fit behind it.
 */
import type { ToWorker } from './protocol';

export interface WorkerHandle {
  /** OS process id; undefined when the process could not be spawned. */
  readonly pid: number | undefined;
  /** Sends a message; silently dropped when the process has already gone (its exit is reported instead). */
  postMessage(message: ToWorker): void;
  /** Every message the process sends, still unvalidated (the supervisor checks it with parseFromWorker). */
  onMessage(listener: (message: unknown) => void): void;
  /**
   * Called once when the process has ended: exit code, or the signal that ended it (e.g. 'SIGKILL').
   * Electron's utilityProcess reports only a code; pass null for the signal there.
   */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** The process itself failed (could not spawn, channel broken); an exit may or may not follow. */
  onError(listener: (error: Error) => void): void;
  /** Ends the process at once (SIGKILL where the platform has it); no effect once it has exited. */
  kill(): void;
}

/** Starts one training process running the built worker file. */
export type SpawnWorker = (workerPath: string) => WorkerHandle;
