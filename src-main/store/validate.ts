/**
 * Argument checks for the store's methods. Every failure is a StoreError 'invalid-argument' whose
 * message names the run, the argument and what was wrong, so the CLI and the API can show it as is.
 */
import { datasetSpecSchema, hyperparametersSchema } from '../run/hyperparameters';
import { parameterCount } from '../nn/shape';
import {
  StoreError,
  type NewRun,
  type ProgressPoint,
  type RunMetrics,
  type RunResult,
  type SnapshotInput,
} from './types';
import { firstSteering } from './visible-text';

export const MAX_NAME_LENGTH = 200;
export const MAX_NOTES_LENGTH = 100_000;
export const MAX_TAG_LENGTH = 100;
export const MAX_TAGS = 100;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function invalid(message: string): StoreError {
  return new StoreError('invalid-argument', message);
}

/** A run id: a whole number ≥ 1. */
export function checkId(id: unknown, what = 'run id'): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1)
    throw invalid(`${what} must be a whole number ≥ 1, got ${String(id)}`);
  return id;
}

/** A run name, trimmed; 1–200 characters. */
export function normalizeName(name: unknown, where: string): string {
  if (typeof name !== 'string') throw invalid(`${where}: name must be text, got ${typeof name}`);
  const trimmed = name.trim();
  if (trimmed === '') throw invalid(`${where}: name must not be empty`);
  if (trimmed.length > MAX_NAME_LENGTH)
    throw invalid(`${where}: name is ${trimmed.length} characters, at most ${MAX_NAME_LENGTH} allowed`);
  refuseSteering(trimmed, `${where}: name`);
  return trimmed;
}

export function checkNotes(notes: unknown, where: string): string {
  if (typeof notes !== 'string') throw invalid(`${where}: notes must be text, got ${typeof notes}`);
  if (notes.length > MAX_NOTES_LENGTH)
    throw invalid(`${where}: notes are ${notes.length} characters, at most ${MAX_NOTES_LENGTH} allowed`);
  return notes;
}

/**
 * Names and tags are one line of visible text: a control character (ESC, CR, newline, …) or a
 * bidirectional override would steer the terminal or the reader when shown.
 */
function refuseSteering(text: string, what: string): void {
  const found = firstSteering(text);
  if (found) {
    throw invalid(
      `${what} contains the control character ${found.escaped} at character ${found.position}; names and tags must be one line of visible text`,
    );
  }
}

/** Tags trimmed, empty ones dropped, duplicates ignoring case dropped (the first spelling stays), order kept. */
export function normalizeTags(tags: unknown, where: string): string[] {
  if (!Array.isArray(tags)) throw invalid(`${where}: tags must be a list of text`);
  const seen = new Set<string>();
  const out: string[] = [];
  tags.forEach((tag, i) => {
    if (typeof tag !== 'string') throw invalid(`${where}: tag ${i + 1} must be text, got ${typeof tag}`);
    const t = tag.trim();
    if (t === '') return;
    if (t.length > MAX_TAG_LENGTH)
      throw invalid(`${where}: tag "${t.slice(0, 20)}…" is ${t.length} characters, at most ${MAX_TAG_LENGTH} allowed`);
    refuseSteering(t, `${where}: tag ${i + 1}`);
    const key = t.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(t);
  });
  if (out.length > MAX_TAGS) throw invalid(`${where}: ${out.length} tags, at most ${MAX_TAGS} allowed`);
  return out;
}

/** The input of createRun, with the hyperparameters and dataset checked against the shared schemas. */
export function checkNewRun(input: NewRun): NewRun {
  if (typeof input !== 'object' || input === null) throw invalid('createRun: the run description must be an object');
  const hp = hyperparametersSchema.safeParse(input.hyperparameters);
  if (!hp.success) throw invalid(`createRun: hyperparameters.${issuePath(hp.error.issues[0])}`);
  const ds = datasetSpecSchema.safeParse(input.dataset);
  if (!ds.success) throw invalid(`createRun: dataset.${issuePath(ds.error.issues[0])}`);
  checkPositiveInt(input.width, 'createRun: width');
  checkPositiveInt(input.height, 'createRun: height');
  return {
    name: input.name === undefined ? undefined : normalizeName(input.name, 'createRun'),
    hyperparameters: hp.data,
    dataset: ds.data,
    width: input.width,
    height: input.height,
  };
}

function issuePath(issue: { path: PropertyKey[]; message: string }): string {
  return `${issue.path.map(String).join('.') || '(whole object)'}: ${issue.message}`;
}

function checkPositiveInt(v: unknown, what: string): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 1_000_000)
    throw invalid(`${what} must be a whole number from 1 to 1000000, got ${String(v)}`);
}

/** Progress points: whole iterations increasing strictly and after `after`, finite costs, elapsed ≥ 0. */
export function checkProgress(id: number, points: readonly ProgressPoint[], after: number | null): void {
  if (!Array.isArray(points)) throw invalid(`appendProgress: run ${id}: points must be a list`);
  let previous = after;
  points.forEach((p, i) => {
    const where = `appendProgress: run ${id}: point ${i + 1}`;
    if (typeof p !== 'object' || p === null) throw invalid(`${where} must be an object {iteration, cost, elapsedMs}`);
    if (!Number.isSafeInteger(p.iteration) || p.iteration < 0)
      throw invalid(`${where}: iteration must be a whole number ≥ 0, got ${String(p.iteration)}`);
    if (previous !== null && p.iteration <= previous)
      throw invalid(`${where}: iteration ${p.iteration} does not come after iteration ${previous}`);
    if (typeof p.cost !== 'number' || !Number.isFinite(p.cost))
      throw invalid(`${where}: cost must be a finite number, got ${String(p.cost)}`);
    if (typeof p.elapsedMs !== 'number' || !Number.isFinite(p.elapsedMs) || p.elapsedMs < 0)
      throw invalid(`${where}: elapsedMs must be a finite number ≥ 0, got ${String(p.elapsedMs)}`);
    previous = p.iteration;
  });
}

export function isPng(bytes: unknown): bytes is Uint8Array {
  return (
    bytes instanceof Uint8Array && bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b)
  );
}

export function checkSnapshot(id: number, s: SnapshotInput): void {
  const where = `addSnapshot: run ${id}`;
  if (typeof s !== 'object' || s === null) throw invalid(`${where}: snapshot must be an object`);
  if (!Number.isSafeInteger(s.index) || s.index < 0)
    throw invalid(`${where}: index must be a whole number ≥ 0, got ${String(s.index)}`);
  if (!Number.isSafeInteger(s.iteration) || s.iteration < 0)
    throw invalid(`${where}: iteration must be a whole number ≥ 0, got ${String(s.iteration)}`);
  if (!isPng(s.gridPng)) throw invalid(`${where}: snapshot ${s.index}: gridPng is not PNG bytes`);
  if (!Array.isArray(s.unitPngs)) throw invalid(`${where}: snapshot ${s.index}: unitPngs must be a list of PNG bytes`);
  s.unitPngs.forEach((png, u) => {
    if (!isPng(png)) throw invalid(`${where}: snapshot ${s.index}: unit ${u} is not PNG bytes`);
  });
  if (s.theta != null && !(s.theta instanceof Float32Array && s.theta.length > 0))
    throw invalid(`${where}: snapshot ${s.index}: theta must be a non-empty Float32Array or null`);
  const { validationCost: cost, validationAccuracy: acc } = s;
  if (cost != null && !(Number.isFinite(cost) && cost >= 0))
    throw invalid(
      `${where}: snapshot ${s.index}: validationCost must be a finite number ≥ 0 or null, got ${String(cost)}`,
    );
  if (acc != null && !(acc >= 0 && acc <= 1))
    throw invalid(
      `${where}: snapshot ${s.index}: validationAccuracy must be a fraction from 0 to 1 or null, got ${String(acc)}`,
    );
}

/** Weights, metrics and confusion matrix of finishRun, checked against the run's shape. */
export function checkResult(id: number, r: RunResult, hiddenLayers: readonly number[], inputSize: number): void {
  const where = `finishRun: run ${id}`;
  if (typeof r !== 'object' || r === null) throw invalid(`${where}: result must be an object`);
  if (!(r.theta instanceof Float64Array)) throw invalid(`${where}: theta must be a Float64Array`);
  checkSizes(r.sizes, hiddenLayers, inputSize, where);
  const expected = parameterCount(r.sizes);
  if (r.theta.length !== expected)
    throw invalid(`${where}: theta has ${r.theta.length} values, layers ${r.sizes.join('-')} need ${expected}`);
  const bad = r.theta.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw invalid(`${where}: theta[${bad}] is ${r.theta[bad]}, weights must be finite`);
  if (r.initialTheta !== undefined) {
    if (!(r.initialTheta instanceof Float64Array) || r.initialTheta.length !== expected)
      throw invalid(`${where}: initialTheta must be a Float64Array of ${expected} values like theta`);
    const bad0 = r.initialTheta.findIndex((v) => !Number.isFinite(v));
    if (bad0 >= 0) throw invalid(`${where}: initialTheta[${bad0}] is ${r.initialTheta[bad0]}, weights must be finite`);
  }
  checkMetrics(r.metrics, where);
  checkConfusion(r.confusion, r.sizes[r.sizes.length - 1], where);
}

export function checkSizes(
  sizes: unknown,
  hiddenLayers: readonly number[],
  inputSize: number,
  where: string,
): asserts sizes is number[] {
  if (!Array.isArray(sizes) || sizes.length < 2 || !sizes.every((s) => Number.isInteger(s) && s >= 1)) {
    throw invalid(`${where}: sizes must be a list of at least 2 whole numbers ≥ 1`);
  }
  const shape = `${inputSize}-${hiddenLayers.join('-')}-K`;
  if (
    sizes[0] !== inputSize ||
    sizes.length !== hiddenLayers.length + 2 ||
    hiddenLayers.some((h, i) => sizes[i + 1] !== h)
  ) {
    throw invalid(
      `${where}: sizes ${sizes.join('-')} do not match the run's network ${shape} (width×height, hidden layers, classes)`,
    );
  }
}

export function checkMetrics(m: RunMetrics, where: string): void {
  if (typeof m !== 'object' || m === null) throw invalid(`${where}: metrics must be an object`);
  const fraction = (v: unknown, name: string, nullable: boolean) => {
    if (nullable && v === null) return;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1))
      throw invalid(
        `${where}: metrics.${name} must be a fraction in [0, 1]${nullable ? ' or null' : ''}, got ${String(v)}`,
      );
  };
  fraction(m.trainAccuracy, 'trainAccuracy', false);
  fraction(m.validationAccuracy, 'validationAccuracy', true);
  fraction(m.testAccuracy, 'testAccuracy', true);
  if (typeof m.finalCost !== 'number' || !Number.isFinite(m.finalCost))
    throw invalid(`${where}: metrics.finalCost must be a finite number, got ${String(m.finalCost)}`);
  if (typeof m.durationMs !== 'number' || !Number.isFinite(m.durationMs) || m.durationMs < 0)
    throw invalid(`${where}: metrics.durationMs must be a finite number ≥ 0, got ${String(m.durationMs)}`);
  if (!Number.isSafeInteger(m.costEvaluations) || m.costEvaluations < 0)
    throw invalid(`${where}: metrics.costEvaluations must be a whole number ≥ 0, got ${String(m.costEvaluations)}`);
}

export function checkConfusion(c: unknown, k: number, where: string): void {
  if (!Array.isArray(c) || c.length !== k)
    throw invalid(
      `${where}: confusion must be ${k}×${k} (one row per class), got ${Array.isArray(c) ? c.length : typeof c} rows`,
    );
  c.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== k) throw invalid(`${where}: confusion row ${i} must have ${k} counts`);
    row.forEach((v, j) => {
      if (!Number.isSafeInteger(v) || v < 0)
        throw invalid(`${where}: confusion[${i}][${j}] must be a count ≥ 0, got ${String(v)}`);
    });
  });
}
