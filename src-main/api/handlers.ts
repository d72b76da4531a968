/**
 * The one implementation of the table: every request answered from the store and the supervisor,
 * every supervisor event turned into the table's events. Shells (Electron IPC, the web host) only
 * move `dispatch(channel, args)` and the event stream across their boundary.
 *
 * `dispatch` never throws: an unknown channel, a payload that fails its schema, a forbidden path or a
 * failing store call all come back as `{ ok: false, error }` naming the channel, the argument and what
 * was wrong, so no input can crash the app or the host.
 */
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { z } from 'zod';
import { DataError } from '../data/errors';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { FINAL_STATUSES, StoreError, type RunStatus, type RunStore } from '../store/types';
import {
  ApiError,
  formatArgPath as formatPath,
  invalidArgument as invalid,
  type ApiErrorInfo,
  type ApiResult,
} from './errors';
import { checkFits, prepareDataset } from './datasets';
import type { SupervisorEvent } from '../training/supervisor';
import type { Implementations, TrainingSupervisor } from './implementations';
import { inspectInThread, type InspectData } from './threads/data-reader';
import { hiddenUnitImplementation } from './hidden-unit';
import { explainImplementations } from './explain-handlers';
import { landscapeImplementations } from './landscape-handlers';
import type { LandscapeRunner } from './threads/landscape-runner';
import type { SumCheckRunner } from './threads/sum-check-runner';
import { exportRunZip } from './export-zip';
import { exportRunWithData } from '../export/course-data';
import { labImplementations } from './draw-and-lesson-handlers';
import { friendlyMessage, tellingIssue } from './messages';
import { allowedDataset, datasetPathProblem } from './dataset-paths';
import { RunActivationCache } from './run-activations';
import type { LoadSplit } from './threads/split-loader';
import type { LoadActivations } from './threads/activation-loader';
import { checkAllowedPath } from './paths';
import { isPathError, pathErrorInfo } from './fs-errors';
import { base64 } from './base64';
import {
  REQUEST_CHANNELS,
  isRequestChannel,
  requests,
  type ApiEvent,
  type AppInfo,
  type EventName,
  type EventPayload,
  type FilePurpose,
  type RequestChannel,
} from './table';

export interface ApiOptions {
  store: RunStore;
  supervisor: TrainingSupervisor;
  /** Folders that export, import and data paths must lie inside (see paths.ts defaultAllowedRoots). */
  allowedRoots: readonly string[];
  shell: AppInfo['shell'];
  version: string;
  /** How long runs.delete waits for a training run to stop before deleting it; default 5000 ms. */
  cancelTimeoutMs?: number;
  /**
   * The shell's open-file dialog (the desktop app's), resolving to the chosen absolute path or null
   * when cancelled. Without it data.pickFile answers that there is no dialog (the browser uploads).
   */
  pickFile?: (purpose: FilePurpose) => Promise<string | null>;
  /** How data files are read (default: in the calling thread; the app and host use a worker thread). */
  inspectData?: InspectData;
  /** How explain loads a run's split (default: the calling thread; the shells use a thread). */
  loadSplit?: LoadSplit;
  /** Where the hidden-unit view loads a run's training set and its m forward passes (default: the calling thread; the shells use a thread). */
  loadActivations?: LoadActivations;
  /** Where explain.sumCheck computes (default: the calling thread; the app and host use a worker thread). */
  sumCheck?: SumCheckRunner;
  /** Where the landscape.* channels compute (default: the calling thread; the app and host use a worker thread). */
  landscape?: LandscapeRunner;
  /**
   * The shell's save dialog (the desktop app's) offering `fileName`, resolving to the chosen absolute
   * path or null when cancelled. Without it runs.saveExport answers that a browser downloads instead.
   */
  pickSavePath?: (fileName: string) => Promise<string | null>;
}

/** Most weights runs.weights sends in one answer (about 200 MB of JSON). */
export const MAX_WEIGHTS_SENT = 8_000_000;

/** How many files chosen in the dialog stay usable outside the allowed folders (oldest forgotten first). */
const PICKED_FILES_KEPT = 256;

export interface Api {
  /** Validates `args` against the channel's row and runs it; resolves to a result envelope, never rejects. */
  dispatch(channel: unknown, args: unknown): Promise<ApiResult<unknown>>;
  /** Every event of the table (run progress, status, …) as it happens; returns the unsubscribe function. */
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /** Sends an event of the shell's own (e.g. app.navigate from the menu) to every subscriber. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Stops listening to the supervisor. */
  close(): void;
}

/** Builds the API over a store and a supervisor. */
export function createApi(options: ApiOptions): Api {
  const { store, supervisor, allowedRoots, shell, version } = options;
  const cancelTimeoutMs = options.cancelTimeoutMs ?? 5000;
  const inspect = options.inspectData ?? inspectInThread;
  const listeners = new Set<(event: ApiEvent) => void>();

  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    const event = { name, payload } as ApiEvent;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (e) {
        // A listener that throws (a closed window, a dead socket) must not starve the others.
        process.stderr.write(`backprop-lab api: an event listener threw: ${(e as Error).message}\n`);
      }
    }
  };

  const unsubscribeSupervisor = supervisor.subscribe((e) => {
    for (const event of eventsOf(e)) emit(event.name, event.payload as never);
  });

  // A file the user chose in the system's dialog may be read wherever it lies: the choice was theirs,
  // made outside the page, so a compromised page cannot forge it. Only its exact real path is let in.
  const pickedFiles = new Set<string>();
  const allowed = (path: string, what: string) => {
    try {
      return checkAllowedPath(path, allowedRoots, what);
    } catch (e) {
      const real = realPathOf(path);
      if (real !== undefined && pickedFiles.has(real)) return real;
      throw e;
    }
  };

  /** Cancels a queued or running run and waits until the supervisor has written its final status. */
  const stopTraining = (id: number): Promise<void> => {
    const { running, queued } = supervisor.activeRuns();
    if (!running.includes(id) && !queued.includes(id)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, cancelTimeoutMs);
      const unsubscribe = supervisor.subscribe((e) => {
        if (e.type === 'status' && e.runId === id && FINAL_STATUSES.includes(e.status)) done();
      });
      function done() {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
      supervisor.cancel(id);
    });
  };

  const impl: Implementations = {
    'runs.list': (query) => store.listRuns(query),
    'runs.count': (filter) => store.countRuns(filter),
    'runs.tags': () => store.listTags(),
    'runs.get': (id) => store.getRun(id),
    'runs.histories': (ids) => store.getHistories(ids),
    'runs.health': (ids) => store.getHealth(ids),
    'runs.snapshot': (id, index) => {
      const s = store.getSnapshotImages(id, index);
      return {
        index: s.index,
        iteration: s.iteration,
        unitCount: s.unitCount,
        validationCost: s.validationCost,
        validationAccuracy: s.validationAccuracy,
        gridPng: base64(s.gridPng),
        unitPngs: s.unitPngs.map(base64),
      };
    },
    'runs.weights': (id) => {
      const w = store.getWeights(id);
      if (w.theta.length > MAX_WEIGHTS_SENT) {
        // As JSON these would pass V8's longest string; the folder export streams them instead.
        throw new ApiError({
          code: 'too-large',
          message: `runs.weights: run ${id} has ${w.theta.length.toLocaleString('en-US')} weights, more than the ${MAX_WEIGHTS_SENT.toLocaleString('en-US')} one answer carries; export the run to get them`,
        });
      }
      return { sizes: [...w.sizes], theta: Array.from(w.theta) };
    },
    'runs.rename': (id, name) => {
      store.rename(id, name);
      emit('runs.changed', { runIds: [id], change: 'updated' });
      return null;
    },
    'runs.setNotes': (id, notes) => {
      store.setNotes(id, notes);
      emit('runs.changed', { runIds: [id], change: 'updated' });
      return null;
    },
    'runs.setTags': (id, tags) => {
      const stored = store.setTags(id, tags);
      emit('runs.changed', { runIds: [id], change: 'updated' });
      return stored;
    },
    'runs.delete': async (id) => {
      store.getRun(id); // not-found before anything is cancelled
      await stopTraining(id);
      store.deleteRun(id);
      emit('runs.changed', { runIds: [id], change: 'deleted' });
      return null;
    },
    'runs.export': (id, folder) => {
      const real = allowed(folder, 'runs.export: folder');
      exportRunWithData(store, id, real);
      return { folder: real };
    },
    'runs.exportZip': (id) => {
      const { fileName, bytes } = exportRunZip(store, id);
      return { fileName, base64: base64(bytes), bytes: bytes.length };
    },
    'runs.saveExport': async (id) => {
      if (!options.pickSavePath) {
        throw new ApiError({
          code: 'invalid-state',
          message: 'runs.saveExport: the lab in a browser has no save dialog; use runs.exportZip to download',
        });
      }
      const { fileName, bytes } = exportRunZip(store, id);
      const chosen = await options.pickSavePath(fileName);
      if (chosen === null) return null;
      // Written beside the target and renamed, so a full disk never leaves half a zip under the chosen name.
      const partial = `${chosen}.partial`;
      try {
        fs.writeFileSync(partial, bytes);
        fs.renameSync(partial, chosen);
      } catch (e) {
        fs.rmSync(partial, { force: true });
        throw e;
      }
      return { path: chosen, bytes: bytes.length };
    },
    'runs.import': (folder) => {
      const id = store.importRun(allowed(folder, 'runs.import: folder'), (dataset) =>
        datasetPathProblem(dataset, allowed),
      );
      emit('runs.changed', { runIds: [id], change: 'created' });
      return { id };
    },
    'training.start': async (request) => {
      const { hyperparameters, count, name } = request;
      const { dataset, shape, shapes } = await prepareDataset(request.dataset, allowed, inspect, 'training.start', [
        'request',
        'dataset',
      ]);
      checkFits(dataset, shapes, 'training.start', ['request', 'dataset']);
      const lastSeed = hyperparameters.seed + count - 1;
      if (lastSeed > 2 ** 32 - 1) {
        throw invalid(`training.start: request.count: seeds ${hyperparameters.seed}…${lastSeed} go past 4294967295`, [
          'request',
          'count',
        ]);
      }
      const ids: number[] = [];
      for (let k = 0; k < count; k++) {
        const seed = hyperparameters.seed + k;
        const runName = name !== undefined && count > 1 ? `${name} · seed ${seed}` : name;
        try {
          ids.push(
            supervisor.start({ name: runName, hyperparameters: { ...hyperparameters, seed }, dataset, ...shape }),
          );
        } catch (e) {
          if (e instanceof StoreError || e instanceof ApiError) throw e;
          throw invalid(`training.start: ${(e as Error).message}`, ['request']);
        }
      }
      emit('runs.changed', { runIds: ids, change: 'created' });
      return { ids };
    },
    'training.cancel': (id) => {
      if (!supervisor.cancel(id)) {
        const status = store.getRun(id).status;
        throw new ApiError({
          code: 'invalid-state',
          message: `training.cancel: run ${id} is ${status}, not queued or running`,
        });
      }
      return null;
    },
    'data.inspect': (file, labels, options) =>
      inspect(
        allowed(file, 'data.inspect: file'),
        labels === undefined || labels === null ? undefined : allowed(labels, 'data.inspect: labels'),
        options,
      ),
    'data.pickFile': async ({ purpose }) => {
      if (!options.pickFile) {
        throw new ApiError({
          code: 'invalid-state',
          message: "data.pickFile: the lab in a browser has no file dialog; type the file's path or drop the file",
        });
      }
      const chosen = await options.pickFile(purpose);
      if (chosen === null) return null;
      const real = realPathOf(chosen);
      if (real === undefined)
        throw new ApiError({ code: 'not-found', message: `data.pickFile: "${clip(chosen, 200)}" cannot be found` });
      pickedFiles.delete(real);
      pickedFiles.add(real);
      if (pickedFiles.size > PICKED_FILES_KEPT) pickedFiles.delete(pickedFiles.values().next().value!);
      return { path: chosen };
    },
    ...labImplementations({ store, supervisor, emit, allowed, inspect }),
    ...hiddenUnitImplementation(
      store,
      new RunActivationCache(store, undefined, (d, what) => allowedDataset(d, allowed, what), options.loadActivations),
    ),
    ...explainImplementations(store, options.sumCheck, allowed, options.loadSplit),
    ...landscapeImplementations(store, emit, options.landscape),
    'app.info': () => ({
      name: 'Backprop Lab',
      version,
      shell,
      databasePath: store.path,
      cores: os.availableParallelism(),
      platform: process.platform,
      allowedRoots: [...allowedRoots],
      defaults: { hyperparameters: DEFAULT_HYPERPARAMETERS, dataset: DEFAULT_DATASET },
      readOnly: store.readOnly,
    }),
  };

  const dispatch = async (channel: unknown, args: unknown): Promise<ApiResult<unknown>> => {
    try {
      if (!isRequestChannel(channel)) throw unknownChannel(channel);
      const parsed = parseArgs(channel, args);
      const run = impl[channel] as (...a: unknown[]) => unknown;
      return { ok: true, value: await run(...parsed) };
    } catch (e) {
      return { ok: false, error: toErrorInfo(e, typeof channel === 'string' ? clip(channel, 80) : '?') };
    }
  };

  return {
    dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit,
    close() {
      unsubscribeSupervisor();
      listeners.clear();
    },
  };
}

/** Validates a payload against its row's argument tuple; the error names the argument and the field. */
export function parseArgs<C extends RequestChannel>(channel: C, args: unknown): unknown[] {
  const schema = requests[channel].args as unknown as z.ZodTuple;
  const names = argNames(schema);
  if (!Array.isArray(args)) {
    throw invalid(`${channel}: expected the arguments as an array [${names.join(', ')}], got ${kindOf(args)}`);
  }
  const required = schema.def.items.filter((item) => !(item as z.ZodType).safeParse(undefined).success).length;
  if (args.length < required || args.length > names.length) {
    const count = required === names.length ? `${required}` : `${required} to ${names.length}`;
    throw invalid(
      `${channel}: takes ${count} argument${names.length === 1 ? '' : 's'} [${names.join(', ')}], got ${args.length}`,
    );
  }
  const r = schema.safeParse(args, { error: friendlyMessage });
  if (r.success) return r.data as unknown[];
  const issue = tellingIssue(r.error.issues[0]);
  const [index, ...fields] = issue.path;
  if (typeof index !== 'number') throw invalid(`${channel}: ${issue.message}`);
  const path = [names[index] ?? `argument ${index + 1}`, ...fields.map((f) => (typeof f === 'symbol' ? String(f) : f))];
  throw invalid(`${channel}: ${formatPath(path)}: ${issue.message}`, path);
}

/** The names of a row's arguments, from the `.describe` each carries (looking through `.optional()`). */
function argNames(schema: z.ZodTuple): string[] {
  return schema.def.items.map((item, i) => {
    let s = item as z.ZodType;
    while (!s.description && 'unwrap' in s && typeof s.unwrap === 'function')
      s = (s as z.ZodOptional).unwrap() as z.ZodType;
    return s.description ?? `argument ${i + 1}`;
  });
}

/** Maps anything thrown by an implementation to the error data the caller sees. */
export function toErrorInfo(e: unknown, channel: string): ApiErrorInfo {
  if (e instanceof ApiError) return e.toInfo();
  if (e instanceof StoreError) return { code: e.code, message: `${channel}: ${e.message}` };
  if (e instanceof DataError) return { code: 'unusable-file', message: `${channel}: ${e.message}` };
  if (isPathError(e)) return pathErrorInfo(e, channel);
  const message = e instanceof Error ? e.message : String(e);
  // A full disk is the machine's state, not a bug: SQLite rolled the write back, and it works again once
  // there is room (the store's recovery tests show nothing committed is lost).
  if ((e as { code?: unknown })?.code === 'SQLITE_FULL') {
    return {
      code: 'unusable-file',
      message: `${channel}: the disk holding the lab's database is full (SQLite: "${message}"); nothing was written, free some space and try again`,
    };
  }
  return { code: 'internal', message: `${channel}: ${message}` };
}

/** The table's events for one supervisor event (progress batches become one event per point). */
export function eventsOf(e: SupervisorEvent): ApiEvent[] {
  switch (e.type) {
    case 'status': {
      const failureReason = e.reason ?? null;
      const events: ApiEvent[] = [{ name: 'run.status', payload: { runId: e.runId, status: e.status, failureReason } }];
      // 'finished' follows the supervisor's 'done', which already carried the metrics.
      if (isFinal(e.status) && e.status !== 'finished') {
        events.push({ name: 'run.done', payload: { runId: e.runId, status: e.status, metrics: null, failureReason } });
      }
      return events;
    }
    case 'progress':
      return e.points.map((p) => ({
        name: 'run.progress',
        payload: { runId: e.runId, iteration: p.iteration, cost: p.cost, elapsedMs: p.elapsedMs },
      }));
    case 'snapshot':
      return [
        {
          name: 'run.snapshot',
          payload: {
            runId: e.runId,
            index: e.index,
            iteration: e.iteration,
            validationCost: e.validationCost,
            validationAccuracy: e.validationAccuracy,
          },
        },
      ];
    case 'done':
      return [
        { name: 'run.done', payload: { runId: e.runId, status: 'finished', metrics: e.metrics, failureReason: null } },
      ];
    case 'started':
      return [];
  }
}

function isFinal(status: RunStatus): status is Exclude<RunStatus, 'queued' | 'running'> {
  return FINAL_STATUSES.includes(status);
}

function unknownChannel(channel: unknown): ApiError {
  const shown = typeof channel === 'string' ? `'${clip(channel, 80)}'` : kindOf(channel);
  return new ApiError({
    code: 'unknown-channel',
    message: `unknown channel ${shown}; the channels are ${REQUEST_CHANNELS.join(', ')}`,
  });
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v}`;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** The real absolute path of an existing file, or undefined (relative, NUL, missing). */
function realPathOf(p: string): string | undefined {
  if (p.includes('\0') || !nodePath.isAbsolute(p)) return undefined;
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}
