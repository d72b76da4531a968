/**
 * `backprop-lab train`: records a run in the experiment database and trains it in a worker process
 * through the same supervisor the app uses, printing a progress line per iteration to stderr.
 */
import { accessSync, constants as fsConstants, existsSync, statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { dirname, resolve } from 'node:path';
import { inspectDataFile } from '../api/inspect-data';
import { StoreError, type CostHistory, type RunStatus } from '../store/types';
import { DataError } from '../data/errors';
import { parseIdxLabels } from '../data/idx';
import { peekIdxImages, readDataFile } from '../data/read';
import { DIGIT_CLASS_NAMES } from '../data/load';
import { loadCourseThetas } from '../data/mat/files';
import type { DataFileInfo } from '../api/table';
import {
  BUNDLED_DIGITS,
  checkDatasetFits,
  checkInitialThetas,
  networkSizes,
  type DataShape,
} from '../training/preflight';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { cliSupervisor, openCliStore, workerPath } from './context';
import { weightsJsonChunks, writeChunks, writeChunksToFile } from '../store/weights-stream';
import { visible } from '../store/visible-text';
import { tracePhase } from '../trace/phase-trace';
import { WarmWorkers } from '../training/node-worker';
import { defaultSplitSizes } from '../data/split';
import { flagOfField, planTraining, TRAIN_FLAGS, type TrainPlan } from './train-flags';

/** Runs `train`; `workers` may hold the worker main.ts forked before this module loaded. */
export async function trainCommand(argv: readonly string[], workers = new WarmWorkers(false)): Promise<number> {
  // The worker boots while this process checks the data and opens the store.
  workers.prewarm(workerPath());
  let args, plan, summary, width, height, store;
  try {
    args = parseArgs(argv, TRAIN_FLAGS);
    ({ plan, summary } = resolveSizes(planTraining(args)));
    let initialThetas;
    ({ width, height, initialThetas } = preflight(plan, args));
    plan = { ...plan, initialThetas };
    if (summary) process.stderr.write(`${summary}\n`);
    store = openCliStore(args.flags.db);
  } catch (e) {
    // Refused before anything was stored: the waiting worker has nothing to do.
    workers.dispose();
    throw e;
  }
  tracePhase('cli.store-open');
  const supervisor = cliSupervisor(store, 1, workers);
  const stop = stopOnSignals(supervisor);
  try {
    const { initFile: _read, ...request } = plan;
    const runId = supervisor.start({ ...request, width, height });
    tracePhase('cli.run-created');
    stop.runId = runId;
    const status = await follow(supervisor, runId, stop);
    tracePhase('cli.settled');
    if (!exists(store, runId)) {
      // `runs delete` in another terminal: the run, its history included, is gone by the user's wish.
      const message = `run ${runId} was deleted while it trained; nothing is left to report`;
      process.stdout.write(
        args.flags.json ? JSON.stringify({ runId, status: 'deleted', database: store.path, message }) + '\n' : '',
      );
      process.stderr.write(`${message}\n`);
      return 1;
    }
    report(store, runId, status, args);
    tracePhase('cli.output');
    if (status === 'finished') return 0;
    if (status !== 'cancelled') return 1;
    // The shell's convention for "ended by a signal": 128 + its number (Ctrl+C 130, SIGTERM 143, SIGHUP 129).
    return stop.signal ? 128 + osConstants.signals[stop.signal] : 130;
  } finally {
    await supervisor.close();
    workers.dispose();
    store.close();
    stop.remove();
  }
}

function exists(store: ReturnType<typeof openCliStore>, runId: number): boolean {
  try {
    store.getRun(runId);
    return true;
  } catch (e) {
    if (e instanceof StoreError && e.code === 'not-found') return false;
    throw e;
  }
}

interface SignalStop {
  runId?: number;
  /** The first signal received, if any. */
  signal?: NodeJS.Signals;
  /** Progress lines are no longer printed (the terminal hung up). */
  quiet: boolean;
  remove(): void;
}

/**
 * Ctrl+C (SIGINT), SIGTERM and a closed terminal (SIGHUP) all cancel the run the same way: the
 * supervisor asks the worker to stop, the history so far is kept, the run is recorded as cancelled and
 * --json still prints its result. A second signal ends the worker at once instead of waiting for it,
 * with the same outcome; it never kills the CLI midway through writing.
 */
function stopOnSignals(supervisor: ReturnType<typeof cliSupervisor>): SignalStop {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const stop: SignalStop = {
    quiet: false,
    remove: () => signals.forEach((s) => process.off(s, onSignal)),
  };
  function onSignal(signal: NodeJS.Signals) {
    const again = stop.signal !== undefined;
    stop.signal ??= signal;
    if (signal === 'SIGHUP') stop.quiet = true;
    if (!stop.quiet) process.stderr.write(again ? `\n${signal}: stopping now…\n` : `\n${signal}: cancelling…\n`);
    if (stop.runId !== undefined) supervisor.cancel(stop.runId, { now: again });
  }
  signals.forEach((s) => process.on(s, onSignal));
  // With the terminal gone, a write may fail (EIO); the result still goes to the database.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  return stop;
}

/**
 * Everything that can be known wrong before a run is stored, refused as a usage error naming the flag:
 * data and test files that don't read, sizes the data can't fill, initial weights of the wrong shape,
 * an --out file that could not be written after training. Returns the image size the run records.
 */
function preflight(plan: TrainPlan, args: ParsedArgs): { width: number; height: number; initialThetas?: number[][][] } {
  const { dataset, hyperparameters } = plan;
  const read = readOptions(plan);
  const data = dataset.source === 'mnist' ? BUNDLED_DIGITS : inspect('--data', dataset.file!, dataset.labels, read);
  const test = dataset.testFile ? inspect('--test-data', dataset.testFile, dataset.testLabels, read) : undefined;
  // Name the size the user chose; with the default sizes, the training size.
  const chosen = SIZE_FIELDS.find((field) => args.flags[flagOfField(field)!.slice(2)] !== undefined);
  const problem = checkDatasetFits(dataset, data, test, chosen ?? 'trainSize');
  if (problem) throw new UsageError(`${flagOfField(problem.field) ?? problem.field}: ${problem.message}`);
  let initialThetas = plan.initialThetas;
  if (plan.initFile) initialThetas = courseInitialThetas(plan, data, read);
  if (initialThetas) {
    const sizes = networkSizes(data.width, data.height, hyperparameters.hiddenLayers);
    const wrong = checkInitialThetas(initialThetas, sizes);
    if (wrong) throw new UsageError(`--init-file: ${wrong}`);
  }
  if (args.flags.out !== undefined) checkWritable(resolve(String(args.flags.out)));
  return { width: data.width, height: data.height, initialThetas };
}

/**
 * Θ₀ from a course weights file (Theta1, Theta2, … as ex4weights.mat holds them), turned into the lab's
 * layout for this run's data: its image's pixel order and its outputs' classes (mat/course.ts).
 */
function courseInitialThetas(plan: TrainPlan, data: DataShape, read: ReadOptions): number[][][] {
  const { dataset } = plan;
  const info = dataset.source === 'mnist' ? null : inspectOnce(dataset.file!, dataset.labels, read);
  const image = info?.featureNames ? null : { width: data.width, height: data.height };
  try {
    return loadCourseThetas(plan.initFile!, { image, classNames: info?.classNames ?? DIGIT_CLASS_NAMES });
  } catch (e) {
    if (e instanceof DataError) throw new UsageError(`--init-file: ${e.message}`);
    throw e;
  }
}

const SIZE_FIELDS = ['trainSize', 'validationSize', 'testSize'] as const;

function inspect(flag: string, file: string, labels: string | undefined, read: ReadOptions): DataShape {
  try {
    const info = inspectOnce(file, labels, read);
    return { count: info.count, width: info.width, height: info.height };
  } catch (e) {
    if (e instanceof DataError) throw new UsageError(`${flag}: ${e.message}`);
    throw e;
  }
}

type ReadOptions = ReturnType<typeof readOptions>;

type FileSummary = Pick<
  DataFileInfo,
  'count' | 'width' | 'height' | 'classNames' | 'classOrder' | 'featureNames' | 'dropped' | 'note'
>;
const inspected = new Map<string, FileSummary>();

/**
 * What train needs to know of a data file (sizes and classes), read once per command. IDX images are
 * judged by their header (peekIdxImages) and their labels file, without inflating the pixels; the
 * worker reads them in full, and a file that disagrees with its header is read in full here too, so
 * the error names what is wrong.
 */
function inspectOnce(file: string, labels: string | undefined, read: ReadOptions): FileSummary {
  const key = JSON.stringify([file, labels, read]);
  let info = inspected.get(key);
  if (!info) {
    info = (!read.folder && quickIdx(file, labels)) || inspectDataFile(file, labels, read);
    inspected.set(key, info);
  }
  return info;
}

function quickIdx(file: string, labels: string | undefined): FileSummary | null {
  const header = peekIdxImages(file);
  if (!header) return null;
  if (labels !== undefined && parseIdxLabels(readDataFile(labels), labels).length !== header.count) return null;
  return {
    count: header.count,
    width: header.cols,
    height: header.rows,
    classNames: [...DIGIT_CLASS_NAMES],
    classOrder: 'digits',
    featureNames: null,
    dropped: 0,
  };
}

function readOptions(plan: TrainPlan) {
  const { labelColumn, dropMissing, imageSize, source } = plan.dataset;
  return { labelColumn, dropMissing, imageSize, folder: source === 'folder' };
}

/**
 * Your own data: sizes not given as flags follow its size (70/15/15, or 90/10 and the whole test
 * file). Returns the plan with those sizes and a line describing the data, printed once the run has
 * passed every check (preflight refuses sizes the data cannot fill, naming the flag).
 */
function resolveSizes(plan: TrainPlan): { plan: TrainPlan; summary: string | null } {
  const { dataset, givenSizes } = plan;
  if (dataset.source === 'mnist') return { plan, summary: null };
  const options = readOptions(plan);
  const handwriting = dataset.testSource === 'handwriting';
  let info, testCount;
  try {
    info = inspectOnce(dataset.file!, dataset.labels, options);
    testCount = dataset.testFile
      ? inspectOnce(dataset.testFile, dataset.testLabels, options).count
      : handwriting
        ? 0
        : undefined;
  } catch (e) {
    if (e instanceof DataError) {
      throw new UsageError(`${e.file === dataset.testFile ? '--test-data' : '--data'}: ${e.message}`);
    }
    throw e;
  }
  const defaults = defaultSplitSizes(info.count, testCount);
  const sizes = {
    train: givenSizes.train ?? defaults.train,
    validation: givenSizes.validation ?? defaults.validation,
    test: handwriting ? dataset.testSize : (givenSizes.test ?? defaults.test),
  };
  const classes = info.classNames.length;
  const summary =
    `data: ${info.count} examples${info.dropped ? ` (${info.dropped} rows with a missing value dropped)` : ''}, ` +
    `${classes} classes in ${info.classOrder} order (${info.classNames
      .slice(0, 6)
      .map((c) => visible(c))
      .join(', ')}${classes > 6 ? ', …' : ''}), ` +
    `${info.featureNames ? `${info.featureNames.length} features` : `${info.width}×${info.height} images`}; ` +
    `split ${sizes.train}/${sizes.validation}/${sizes.test}, stratified by class` +
    `${dataset.standardize ? "; standardized with the training split's mean and sd" : ''}` +
    `${info.note ? `\n${info.note}` : ''}`;
  return {
    plan: {
      ...plan,
      dataset: { ...dataset, trainSize: sizes.train, validationSize: sizes.validation, testSize: sizes.test },
    },
    summary,
  };
}

/** --out must name a file that can be written: its folder exists and is writable, and it is no folder. */
function checkWritable(file: string): void {
  const folder = dirname(file);
  let stat;
  try {
    stat = statSync(folder);
  } catch {
    throw new UsageError(`--out: the folder ${folder} does not exist`);
  }
  if (!stat.isDirectory()) throw new UsageError(`--out: ${folder} is not a folder`);
  try {
    accessSync(folder, fsConstants.W_OK);
  } catch {
    throw new UsageError(`--out: the folder ${folder} is not writable`);
  }
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`--out: ${file} is a folder`);
}

/** Prints progress until the run settles; a signal cancels it (see stopOnSignals). */
function follow(supervisor: ReturnType<typeof cliSupervisor>, runId: number, stop: SignalStop): Promise<RunStatus> {
  return new Promise((done) => {
    const unsubscribe = supervisor.subscribe((event) => {
      if (event.runId !== runId) return;
      if (event.type === 'progress') {
        if (event.points[0]?.iteration === 0) tracePhase('cli.first-progress');
        if (stop.quiet) return;
        for (const p of event.points) {
          process.stderr.write(
            `iteration ${String(p.iteration).padStart(4)} | cost ${p.cost.toFixed(6)} | ${(p.elapsedMs / 1000).toFixed(2)} s\n`,
          );
        }
      } else if (event.type === 'status' && event.status !== 'queued' && event.status !== 'running') {
        if (event.reason && !stop.quiet) process.stderr.write(`run ${runId} ${event.status}: ${event.reason}\n`);
        unsubscribe();
        done(event.status);
      }
    });
  });
}

function report(store: ReturnType<typeof openCliStore>, runId: number, status: RunStatus, args: ParsedArgs): void {
  const run = store.getRun(runId);
  const [history] = store.getHistories([runId]);
  const weights = run.hasWeights ? store.getWeights(runId) : null;
  let weightsFile: string | undefined;
  if (weights && args.flags.out !== undefined) {
    weightsFile = resolve(String(args.flags.out));
    writeChunksToFile(weightsFile, weightsJsonChunks(weights.sizes, weights.theta, 'compact'));
  }
  const m = run.metrics;
  const curve = afterEachIteration(history);
  if (args.flags.json) {
    const out = {
      runId,
      status,
      database: store.path,
      hyperparameters: run.hyperparameters,
      dataset: run.dataset,
      // The store keeps J(Θ₀) as iteration 0; costHistory is the cost after each iteration, as in fmincg's printout.
      initialCost: curve.initialCost,
      costHistory: curve.cost,
      elapsedMs: curve.elapsedMs,
      trainAccuracy: m?.trainAccuracy ?? null,
      validationAccuracy: m?.validationAccuracy ?? null,
      testAccuracy: m?.testAccuracy ?? null,
      finalCost: m?.finalCost ?? null,
      seconds: m ? m.durationMs / 1000 : null,
      costEvaluations: m?.costEvaluations ?? null,
      confusion: run.confusion,
      classNames: run.classNames,
      featureNames: run.featureNames,
      standardization: run.standardization,
      failureReason: run.failureReason,
      ...(weightsFile ? { weightsFile } : {}),
    };
    // Weights go last, streamed: a large network's would not fit in one string.
    const head = JSON.stringify(out);
    if (weightsFile || !weights) {
      process.stdout.write(`${weightsFile ? head : `${head.slice(0, -1)},"weights":null}`}\n`);
      return;
    }
    writeChunks(1, withWeights(head, weightsJsonChunks(weights.sizes, weights.theta, 'compact')));
    return;
  }
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)}%`);
  const lines = [`run ${runId} ${status} (${store.path})`];
  if (m) {
    lines.push(
      `  final cost J        ${m.finalCost.toFixed(6)}`,
      `  training accuracy   ${pct(m.trainAccuracy)}`,
      `  validation accuracy ${pct(m.validationAccuracy)}`,
      `  test accuracy       ${pct(m.testAccuracy)}`,
      `  classes             ${run.classNames.map((c) => visible(c)).join(', ')}`,
      `  training time       ${(m.durationMs / 1000).toFixed(2)} s, ${m.costEvaluations} cost evaluations`,
    );
  }
  if (weightsFile) lines.push(`  weights written to  ${weightsFile}`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** The --json object text with a "weights" field added last, as chunks. */
function* withWeights(head: string, weights: Iterable<string>): Generator<string> {
  yield `${head.slice(0, -1)},"weights":`;
  yield* weights;
  yield '}\n';
}

/** Splits a stored history into J(Θ₀) and the costs after iterations 1, 2, …. */
function afterEachIteration(history: CostHistory | undefined): {
  initialCost: number | null;
  cost: number[];
  elapsedMs: number[];
} {
  const out = { initialCost: null as number | null, cost: [] as number[], elapsedMs: [] as number[] };
  if (!history) return out;
  history.iteration.forEach((it, i) => {
    if (it === 0) out.initialCost = history.cost[i];
    else {
      out.cost.push(history.cost[i]);
      out.elapsedMs.push(history.elapsedMs[i]);
    }
  });
  return out;
}
