/**
 * `backprop-lab train`: records a run in the experiment database and trains it in a worker process
 * through the same supervisor the app uses, printing a progress line per iteration to stderr.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inspectDataFile } from '../api/inspect-data';
import { rollThetas } from '../nn/shape';
import type { CostHistory, RunStatus } from '../store/types';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { DataError } from '../data/errors';
import { checkSplitSizes, defaultSplitSizes } from '../data/split';
import { cliSupervisor, openCliStore } from './context';
import { planTraining, TRAIN_FLAGS, type TrainPlan } from './train-flags';

export async function trainCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, TRAIN_FLAGS);
  const plan = resolveSizes(planTraining(args));
  const { width, height } = inputShape(plan);
  const store = openCliStore(args.flags.db);
  const supervisor = cliSupervisor(store);
  try {
    const runId = supervisor.start({ ...plan, width, height });
    const status = await follow(supervisor, runId);
    report(store, runId, status, args);
    return status === 'finished' ? 0 : status === 'cancelled' ? 130 : 1;
  } finally {
    await supervisor.close();
    store.close();
  }
}

/** MNIST is 28×28; a user's file is read once here so the run records its image size. */
function inputShape(plan: TrainPlan): { width: number; height: number } {
  const { dataset } = plan;
  if (dataset.source === 'mnist') return { width: 28, height: 28 };
  const info = inspectDataFile(dataset.file!, dataset.labels, readOptions(plan));
  return { width: info.width, height: info.height };
}

function readOptions(plan: TrainPlan) {
  const { labelColumn, dropMissing, imageSize, source } = plan.dataset;
  return { labelColumn, dropMissing, imageSize, folder: source === 'folder' };
}

/**
 * Your own data: sizes not given as flags follow its size (70/15/15, or 90/10 and the whole test
 * file), and sizes it cannot fill are refused naming the flags before any run is stored.
 */
function resolveSizes(plan: TrainPlan): TrainPlan {
  const { dataset, givenSizes } = plan;
  if (dataset.source === 'mnist') return plan;
  const options = readOptions(plan);
  const handwriting = dataset.testSource === 'handwriting';
  try {
    const info = inspectDataFile(dataset.file!, dataset.labels, options);
    const testCount = dataset.testFile
      ? inspectDataFile(dataset.testFile, dataset.testLabels, options).count
      : handwriting
        ? 0
        : undefined;
    const defaults = defaultSplitSizes(info.count, testCount);
    const sizes = {
      train: givenSizes.train ?? defaults.train,
      validation: givenSizes.validation ?? defaults.validation,
      test: handwriting ? dataset.testSize : (givenSizes.test ?? defaults.test),
    };
    checkSplitSizes(handwriting ? { ...sizes, test: 0 } : sizes, info.count, dataset.file!, testCount);
    const classes = info.classNames.length;
    process.stderr.write(
      `data: ${info.count} examples${info.dropped ? ` (${info.dropped} rows with a missing value dropped)` : ''}, ` +
        `${classes} classes in ${info.classOrder} order (${info.classNames.slice(0, 6).join(', ')}${classes > 6 ? ', …' : ''}), ` +
        `${info.featureNames ? `${info.featureNames.length} features` : `${info.width}×${info.height} images`}; ` +
        `split ${sizes.train}/${sizes.validation}/${sizes.test}, stratified by class` +
        `${dataset.standardize ? "; standardized with the training split's mean and sd" : ''}\n`,
    );
    return {
      ...plan,
      dataset: { ...dataset, trainSize: sizes.train, validationSize: sizes.validation, testSize: sizes.test },
    };
  } catch (e) {
    if (e instanceof DataError && /requested|holds only/.test(e.problem)) {
      const flags = (['train', 'validation', 'test'] as const)
        .filter((k) => givenSizes[k] !== undefined)
        .map((k) => `--${k}-size`);
      throw new UsageError(`${flags.join('/') || '--train-size'}: ${e.message}`);
    }
    throw e;
  }
}

/** Prints progress until the run settles; Ctrl+C cancels it (its history so far is kept). */
function follow(supervisor: ReturnType<typeof cliSupervisor>, runId: number): Promise<RunStatus> {
  return new Promise((done) => {
    const onSigint = () => {
      process.stderr.write('\ncancelling…\n');
      supervisor.cancel(runId);
    };
    process.once('SIGINT', onSigint);
    const unsubscribe = supervisor.subscribe((event) => {
      if (event.runId !== runId) return;
      if (event.type === 'progress') {
        for (const p of event.points) {
          process.stderr.write(
            `iteration ${String(p.iteration).padStart(4)} | cost ${p.cost.toFixed(6)} | ${(p.elapsedMs / 1000).toFixed(2)} s\n`,
          );
        }
      } else if (event.type === 'status' && event.status !== 'queued' && event.status !== 'running') {
        if (event.reason) process.stderr.write(`run ${runId} ${event.status}: ${event.reason}\n`);
        process.off('SIGINT', onSigint);
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
  const thetas = weights ? rollThetas(weights.theta, weights.sizes) : null;
  let weightsFile: string | undefined;
  if (thetas && args.flags.out !== undefined) {
    weightsFile = resolve(String(args.flags.out));
    writeFileSync(weightsFile, JSON.stringify({ sizes: weights!.sizes, thetas }));
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
      ...(weightsFile ? { weightsFile } : { weights: thetas ? { sizes: weights!.sizes, thetas } : null }),
    };
    process.stdout.write(JSON.stringify(out) + '\n');
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
      `  classes             ${run.classNames.join(', ')}`,
      `  training time       ${(m.durationMs / 1000).toFixed(2)} s, ${m.costEvaluations} cost evaluations`,
    );
  }
  if (weightsFile) lines.push(`  weights written to  ${weightsFile}`);
  process.stdout.write(lines.join('\n') + '\n');
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
