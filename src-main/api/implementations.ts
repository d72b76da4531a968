/**
 * What the request handlers (handlers.ts and the lessons' draw-and-lesson-handlers.ts) are written against: one
 * function per channel of the table, and the part of the training supervisor the API drives.
 */
import type { StartRequest as SupervisorStartRequest, SupervisorEvent } from '../training/supervisor';
import type { ParsedArgs, RequestChannel, RequestResult } from './table';

/** What the API needs of the supervisor (src-main/training/supervisor.ts fulfils it). */
export interface TrainingSupervisor {
  start(request: SupervisorStartRequest): number;
  cancel(runId: number): boolean;
  subscribe(listener: (event: SupervisorEvent) => void): () => void;
  activeRuns(): { running: number[]; queued: number[] };
}

/** One handler per request channel, taking the channel's arguments as its schema parsed them. */
export type Implementations = {
  [C in RequestChannel]: (...args: ParsedArgs<C>) => RequestResult<C> | Promise<RequestResult<C>>;
};
