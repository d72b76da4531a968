/**
 * The drawing pad's and the lessons' channels: misclassified digits, "My handwriting", the gradient
 * check and sweeps. Everything here is cheap enough for the main process (a drawing is 784 bytes, a
 * gradient check is capped by LAB_LIMITS.gradientCheckWork, the gradient timing works in slices that
 * yield to the event loop, on synthetic digits); training itself always goes to the
 * supervisor's processes, and the main process never loads a dataset.
 */
import { modelOf } from '../run/hyperparameters';
import { encode } from 'fast-png';
import { gradientCheckLesson, type GradientCheckLessonOptions } from '../lessons/gradient-check';
import { timeGradients, TimingCancelled } from '../lessons/gradient-timing';
import { OVERFIT_SETTINGS } from '../lessons/overfit-settings';
import {
  distinctSweepName,
  implementationsPlan,
  learningCurvePlan,
  OVERFIT_ITERATIONS,
  OVERFIT_TRAIN_SIZE,
  overfitPlan,
  seedsPlan,
  symmetryPlan,
  validationCurvePlan,
  type PlannedRun,
} from '../lessons/sweeps';
import { confusionMatrix, predict } from '../nn/predict';
import { applyStandardization } from '../data/standardize';
import { PLANTED_BUGS } from '../nn/planted-bugs';
import { parameterCount } from '../nn/shape';
import {
  DEFAULT_DATASET,
  DEFAULT_HYPERPARAMETERS,
  datasetSpecSchema,
  hyperparametersSchema,
} from '../run/hyperparameters';
import { DIGIT_PNG_OPTIONS, handwritingDigits } from '../training/test-set-extras';
import type { RunStore, SweepKind } from '../store/types';
import type { InspectData } from './threads/data-reader';
import { checkFits, prepareDataset } from './datasets';
import { base64 } from './base64';
import { ApiError, formatArgPath, invalidArgument as invalid } from './errors';
import type { Implementations, TrainingSupervisor } from './implementations';
import { DRAWING_SIDE, LAB_LIMITS } from './draw-and-lesson-schemas';
import { sweepPoints } from './sweep-points';
import type { EventName, EventPayload, LabChannel } from './table';

export interface LabContext {
  store: RunStore;
  supervisor: TrainingSupervisor;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  allowed(path: string, what: string): string;
  /** Reads a data file (off the API's thread where the shell can). */
  inspect: InspectData;
}

/** What a sweep is called when the user gives no name. */
const SWEEP_TITLES: Record<SweepKind, string> = {
  'validation-curve': 'Validation curve',
  'learning-curve': 'Learning curve',
  seeds: 'Seeds',
  symmetry: 'Symmetry',
  implementations: 'Implementations',
  overfit: 'Overfit vs regularized',
};

/** Implementations of the lab's rows of the table. */
export function labImplementations(ctx: LabContext): Pick<Implementations, LabChannel> {
  const { store, supervisor, emit } = ctx;
  // The gradient timing in progress, if any: its work is sliced, so the process stays responsive and can stop it.
  let timing: AbortController | null = null;
  return {
    'runs.misclassified': (id) =>
      store
        .getMisclassified(id)
        .map((d) => ({ position: d.position, label: d.label, predicted: d.predicted, imagePng: base64(d.png) })),

    'handwriting.save': ({ label, input }) => {
      // MNIST's own resolution: the network learned from bytes k/255, and this is what a test set will hold.
      const pixels = Uint8Array.from(input, (v) => Math.round(v * 255));
      if (pixels.every((p) => p === 0)) {
        throw invalid(
          'handwriting.save: sample.input: the drawing is blank (no value reaches 1/255 of ink); draw a digit first',
          ['sample', 'input'],
        );
      }
      const id = store.saveHandwriting({ label, width: DRAWING_SIDE, height: DRAWING_SIDE, pixels });
      emit('handwriting.changed', { ids: [id], change: 'created' });
      return { id };
    },

    'handwriting.list': () =>
      store.listHandwriting().map((s) => ({
        id: s.id,
        label: s.label,
        createdAt: s.createdAt,
        imagePng: base64(greyPng(s.pixels, s.width, s.height)),
      })),

    'handwriting.delete': (id) => {
      store.deleteHandwriting(id);
      emit('handwriting.changed', { ids: [id], change: 'deleted' });
      return null;
    },

    'handwriting.evaluate': (runId) => {
      const run = store.getRun(runId);
      if (run.status !== 'finished' || !run.hasWeights) {
        throw new ApiError({
          code: 'invalid-state',
          message: `handwriting.evaluate: run ${runId} is ${run.status}; only a finished run has a network to judge drawings with`,
        });
      }
      if (run.width !== DRAWING_SIDE || run.height !== DRAWING_SIDE) {
        throw new ApiError({
          code: 'invalid-state',
          message: `handwriting.evaluate: run ${runId} reads ${run.width}×${run.height} images; drawings are ${DRAWING_SIDE}×${DRAWING_SIDE}`,
        });
      }
      if (run.classNames.join() !== '0,1,2,3,4,5,6,7,8,9') {
        throw new ApiError({
          code: 'invalid-state',
          message: `handwriting.evaluate: run ${runId} learned the classes ${run.classNames.slice(0, 5).join(', ')}…, not the digits 0–9 the drawings are labelled with`,
        });
      }
      const { sizes, theta } = store.getWeights(runId);
      const K = sizes[sizes.length - 1];
      const samples = store.listHandwriting().filter((s) => s.width === DRAWING_SIDE && s.height === DRAWING_SIDE);
      if (samples.length === 0) {
        return {
          runId,
          count: 0,
          accuracy: null,
          confusion: confusionMatrix(new Uint8Array(0), new Uint8Array(0), K),
          predictions: [],
        };
      }
      const n = DRAWING_SIDE * DRAWING_SIDE;
      const pixels = new Uint8Array(samples.length * n);
      samples.forEach((s, i) => pixels.set(s.pixels, i * n));
      const digits = handwritingDigits({
        width: DRAWING_SIDE,
        height: DRAWING_SIDE,
        labels: Uint8Array.from(samples, (s) => s.label),
        pixels,
      });
      // A standardized run reads drawings through the z-scores it trained with.
      const input = run.standardization ? applyStandardization(digits, run.standardization) : digits;
      const predicted = predict(theta, sizes, input.X, input.m, modelOf(run.hyperparameters));
      const right = samples.filter((s, i) => predicted[i] === s.label).length;
      return {
        runId,
        count: samples.length,
        accuracy: right / samples.length,
        confusion: confusionMatrix(predicted, digits.y, K),
        predictions: samples.map((s, i) => ({ id: s.id, label: s.label, predicted: predicted[i] })),
      };
    },

    'lessons.gradientCheck': (options) => {
      const { network, lambda, bug, sample, seed, impl } = options;
      const lesson: GradientCheckLessonOptions = {
        network:
          network === 'debug'
            ? 'debug'
            : {
                sizes: [network.inputs ?? DRAWING_SIDE * DRAWING_SIDE, ...network.hidden, network.outputs ?? 10],
                m: network.m ?? 5,
              },
        lambda,
        ...(bug !== undefined ? { bug } : {}),
        ...(sample !== undefined ? { sample } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(impl !== undefined ? { impl } : {}),
      };
      if (lesson.network !== 'debug') {
        const count = parameterCount(lesson.network.sizes);
        const checked = Math.min(sample ?? 20, count);
        const work = count * (lesson.network.m ?? 5) * (2 * checked + 1);
        if (work > LAB_LIMITS.gradientCheckWork) {
          throw invalid(
            `lessons.gradientCheck: options: checking ${checked} of the ${count} parameters on ${lesson.network.m} examples costs ` +
              `${(work / 1e6).toFixed(1)} million parameter·example evaluations, at most ${LAB_LIMITS.gradientCheckWork / 1e6} allowed; ` +
              'check fewer parameters (sample), use fewer examples (m) or a smaller network',
            ['options'],
          );
        }
      }
      try {
        return gradientCheckLesson(lesson);
      } catch (e) {
        throw invalid(`lessons.gradientCheck: options: ${(e as Error).message}`, ['options']);
      }
    },

    'lessons.bugs': () => PLANTED_BUGS.map((b) => ({ ...b })),

    'lessons.gradientTiming': async ({ m = 10 }) => {
      timing?.abort();
      const controller = new AbortController();
      timing = controller;
      try {
        return await timeGradients({
          m,
          signal: controller.signal,
          onProgress: (done, total, elapsedMs) => emit('lessons.gradientTiming', { done, total, elapsedMs }),
        });
      } catch (e) {
        if (e instanceof TimingCancelled) return null;
        throw e;
      } finally {
        if (timing === controller) timing = null;
      }
    },

    'lessons.cancelGradientTiming': () => {
      if (!timing) return false;
      timing.abort();
      timing = null;
      return true;
    },

    'sweeps.start': async (request) => {
      const { kind, name } = request;
      const overfit = kind === 'overfit';
      const hp = hyperparametersSchema.safeParse({
        ...DEFAULT_HYPERPARAMETERS,
        ...(overfit
          ? {
              iterations: OVERFIT_ITERATIONS,
              epsilon: OVERFIT_SETTINGS.epsilon,
              hiddenLayers: [...OVERFIT_SETTINGS.hiddenLayers],
            }
          : {}),
        ...request.base?.hyperparameters,
      });
      if (!hp.success) throw invalidField(hp.error.issues[0], ['request', 'base', 'hyperparameters']);
      if (hp.data.init === 'file')
        throw invalid("sweeps.start: request.base.hyperparameters.init: 'file' init is not offered by the app yet", [
          'request',
          'base',
          'hyperparameters',
          'init',
        ]);
      const ds = datasetSpecSchema.safeParse({
        ...DEFAULT_DATASET,
        ...(overfit
          ? {
              trainSize: OVERFIT_TRAIN_SIZE,
              validationSize: OVERFIT_SETTINGS.validationSize,
              testSize: OVERFIT_SETTINGS.testSize,
            }
          : {}),
        ...request.base?.dataset,
      });
      if (!ds.success) throw invalidField(ds.error.issues[0], ['request', 'base', 'dataset']);
      const { dataset, shape, shapes } = await prepareDataset(ds.data, ctx.allowed, ctx.inspect, 'sweeps.start', [
        'request',
        'base',
        'dataset',
      ]);
      const base = { hyperparameters: hp.data, dataset };

      let plan: PlannedRun[];
      const valuesKey = {
        'validation-curve': 'lambdas',
        'learning-curve': 'trainSizes',
        seeds: 'seeds',
        overfit: 'lambda',
      }[kind as string];
      try {
        plan =
          kind === 'validation-curve'
            ? validationCurvePlan(base, request.lambdas, request.seedsPerPoint)
            : kind === 'learning-curve'
              ? learningCurvePlan(base, request.trainSizes, request.seedsPerPoint)
              : kind === 'seeds'
                ? seedsPlan(base, request.seeds ?? 5)
                : kind === 'overfit'
                  ? overfitPlan(base, request.lambda, request.seedsPerPoint)
                  : kind === 'symmetry'
                    ? symmetryPlan(base)
                    : implementationsPlan(base);
      } catch (e) {
        throw invalid(`sweeps.start: request${valuesKey ? `.${valuesKey}` : ''}: ${(e as Error).message}`, [
          'request',
          ...(valuesKey ? [valuesKey] : []),
        ]);
      }

      // Every point must fit the data (a learning curve's largest m included) before the sweep exists.
      for (const p of plan) {
        const at = kind === 'learning-curve' ? ['request', 'trainSizes'] : undefined;
        checkFits(p.dataset, shapes, 'sweeps.start', ['request', 'base', 'dataset'], at);
      }

      const sweepId = store.createSweep({
        kind,
        name:
          name ??
          distinctSweepName(
            SWEEP_TITLES[kind],
            store.listSweeps().map((s) => s.name),
          ),
        base: { ...base, values: plan.map((p) => p.x) },
      });
      const runIds: number[] = [];
      const alone = request.sequential ?? kind === 'implementations';
      for (const p of plan) {
        const runName = name === undefined ? p.name : `${name} · ${p.name.slice(p.name.indexOf(' · ') + 3)}`;
        try {
          runIds.push(
            supervisor.start({
              name: runName,
              hyperparameters: p.hyperparameters,
              dataset: p.dataset,
              ...shape,
              sweep: { id: sweepId, x: p.x },
              alone,
            }),
          );
        } catch (e) {
          // Plans are checked before the sweep exists, so this is the data or the supervisor refusing:
          // an empty sweep is removed; runs already queued are stopped and stay visible in their sweep.
          if (runIds.length === 0) store.deleteSweep(sweepId);
          for (const id of runIds) supervisor.cancel(id);
          if (e instanceof ApiError) throw e;
          throw invalid(`sweeps.start: ${(e as Error).message}`, ['request']);
        }
      }
      emit('runs.changed', { runIds, change: 'created' });
      emit('sweeps.changed', { sweepIds: [sweepId], change: 'created' });
      return { sweepId, runIds };
    },

    'sweeps.list': () => store.listSweeps(),

    'sweeps.get': (id) => {
      const sweep = store.getSweep(id);
      const order = new Map(sweep.runIds.map((runId, i) => [runId, i]));
      const runs = store.listRuns({ sweepId: id }).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      return { sweep, runs, points: sweepPoints(sweep.kind, runs, store) };
    },

    'sweeps.delete': (id) => {
      const { runIds } = store.getSweep(id);
      store.deleteSweep(id);
      emit('sweeps.changed', { sweepIds: [id], change: 'deleted' });
      if (runIds.length) emit('runs.changed', { runIds, change: 'updated' });
      return null;
    },
  };
}

/** An 8-bit greyscale PNG of width×height bytes (ink light on black, as MNIST's files). */
function greyPng(pixels: Uint8Array, width: number, height: number): Uint8Array {
  return encode({ width, height, data: pixels, channels: 1, depth: 8 }, DIGIT_PNG_OPTIONS);
}

function invalidField(issue: { path: PropertyKey[]; message: string }, where: string[]): ApiError {
  const path = [...where, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  return invalid(`sweeps.start: ${formatArgPath(path)}: ${issue.message}`, path);
}
