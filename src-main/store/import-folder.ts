/**
 * Reading a run folder written by exportRunFolder (transfer.ts describes the files). Every file is
 * checked (size before reading, then content) before anything reaches the store, and errors name the
 * file and the problem: an import is all or nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { datasetSpecSchema, hyperparametersSchema, type DatasetSpec } from '../run/hyperparameters';
import { layerHealthSchema } from '../run/health-schema';
import { checkPngData } from '../data/png-data';
import { unrollThetas } from '../nn/shape';
import { checkMisclassified } from './misclassified';
import { checkDataInfo } from './data-info';
import {
  checkConfusion,
  checkMetrics,
  checkNotes,
  checkProgress,
  checkSizes,
  isPng,
  normalizeName,
  normalizeTags,
} from './validate';
import {
  MAX_MISCLASSIFIED_PER_RUN,
  RUN_STATUSES,
  StoreError,
  type ConfusionMatrix,
  type MisclassifiedDigit,
  type ProgressPoint,
  type RunMetrics,
  type RunWeights,
  type SnapshotInput,
} from './types';

import {
  HISTORY_HEADER,
  RUN_FILE_FORMAT,
  RUN_FILE_VERSION,
  gridFile,
  misclassifiedFile,
  unitFile,
  type RunRecord,
} from './transfer';
import { visible } from './visible-text';

/** Largest file of each kind an import reads (checked before reading); a folder may hold at most IMPORT_TOTAL_BYTES. */
export const IMPORT_FILE_LIMITS = {
  'run.json': 16 * 2 ** 20,
  // V8 cannot hold a longer string, so a larger weights.json could not be parsed anyway.
  'weights.json': 512 * 2 ** 20,
  'history.csv': 64 * 2 ** 20,
  png: 16 * 2 ** 20,
} as const;
export const IMPORT_TOTAL_BYTES = 2 * 2 ** 30;
/** Most snapshots, and units per snapshot, an imported run may list (a hidden layer has at most 4,096 units). */
export const MAX_IMPORT_SNAPSHOTS = 100_001;
export const MAX_IMPORT_UNITS = 4096;
/** Characters of a bad value an error message quotes. */
const EXCERPT_CHARS = 40;

const nullableTime = z.number().int().min(0).nullable();
const runFileSchema = z.object({
  format: z.literal(RUN_FILE_FORMAT),
  formatVersion: z.literal(RUN_FILE_VERSION),
  name: z.string(),
  status: z.enum(RUN_STATUSES),
  createdAt: z.number().int().min(0),
  startedAt: nullableTime,
  finishedAt: nullableTime,
  failureReason: z.string().nullable(),
  hyperparameters: hyperparametersSchema,
  dataset: datasetSpecSchema,
  width: z.number().int().min(1).max(1_000_000),
  height: z.number().int().min(1).max(1_000_000),
  metrics: z.unknown().nullable(),
  confusion: z.unknown().nullable(),
  /** Absent in files exported before runs stored their data's meaning (digits). */
  classNames: z.unknown().optional(),
  featureNames: z.unknown().optional(),
  standardization: z.unknown().optional(),
  notes: z.string(),
  tags: z.array(z.string()),
  snapshots: z
    .array(
      z.object({
        index: z.number().int().min(0),
        iteration: z.number().int().min(0),
        unitCount: z.number().int().min(0).max(MAX_IMPORT_UNITS),
        // Absent in folders exported before validation cost was recorded.
        validationCost: z.number().min(0).nullable().optional(),
        validationAccuracy: z.number().min(0).max(1).nullable().optional(),
        // Absent in folders exported before training health was recorded.
        health: z.array(layerHealthSchema).nullable().optional(),
      }),
    )
    .max(MAX_IMPORT_SNAPSHOTS),
  misclassified: z
    .array(
      z.object({
        position: z.number().int().min(0),
        label: z.number().int().min(0),
        predicted: z.number().int().min(0),
      }),
    )
    .max(MAX_MISCLASSIFIED_PER_RUN)
    .optional(),
});

/**
 * Reads and checks a folder written by exportRunFolder; throws StoreError 'invalid-import' naming the
 * file and problem. `checkDataset`, when given, vets the files the run's dataset names (the API
 * refuses one outside its allowed folders) and returns the problem, or null.
 */
export function readRunFolder(folder: string, checkDataset?: (dataset: DatasetSpec) => string | null): RunRecord {
  const root = path.resolve(folder);
  const fail = (file: string, problem: string) =>
    new StoreError('invalid-import', `cannot import ${root}: ${file}: ${problem}`);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory())
    throw new StoreError('invalid-import', `cannot import ${root}: it is not a folder`);
  let total = 0;
  const read = (file: string): Buffer => {
    const limit = file.endsWith('.png') ? IMPORT_FILE_LIMITS.png : IMPORT_FILE_LIMITS[file as 'run.json'];
    const bytes = readInside(root, file, limit, (problem) => fail(file, problem));
    total += bytes.length;
    if (total > IMPORT_TOTAL_BYTES)
      throw fail(
        file,
        `the folder's files add up to more than ${IMPORT_TOTAL_BYTES / 2 ** 30} GiB, more than an import may read`,
      );
    return bytes;
  };
  const inFile = <T>(file: string, check: () => T): T => {
    try {
      return check();
    } catch (e) {
      if (e instanceof StoreError && e.code === 'invalid-import') throw e;
      throw fail(file, (e as Error).message);
    }
  };
  const json = (file: string): unknown => {
    const text = read(file).toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      // V8's message quotes the text unescaped; say where instead, with a short escaped excerpt.
      throw fail(file, `is not valid JSON; it starts ${excerpt(text)}`);
    }
  };

  const parsed = runFileSchema.safeParse(json('run.json'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail('run.json', `${issue.path.map(String).join('.') || '(whole file)'}: ${issue.message}`);
  }
  const run = parsed.data;
  const datasetProblem = checkDataset?.(run.dataset);
  if (datasetProblem) throw fail('run.json', datasetProblem);
  const hp = run.hyperparameters;
  const finished = run.status === 'finished';
  const record = inFile('run.json', () => {
    if (finished && (run.metrics === null || run.confusion === null))
      throw new Error('a finished run needs metrics and confusion');
    if (!finished && (run.metrics !== null || run.confusion !== null))
      throw new Error(`a ${run.status} run has no metrics or confusion`);
    if (finished) checkMetrics(run.metrics as RunMetrics, 'metrics');
    const indexes = new Set(run.snapshots.map((s) => s.index));
    if (indexes.size !== run.snapshots.length) throw new Error('snapshots: the same index appears twice');
    return {
      // Control characters from a file made elsewhere are kept, but escaped visibly (`\x1b`), never live.
      name: normalizeName(visible(run.name), 'name'),
      notes: checkNotes(visible(run.notes, true), 'notes'),
      tags: normalizeTags(
        run.tags.map((t) => visible(t)),
        'tags',
      ),
    };
  });

  let weights: RunWeights | null = null;
  const hasWeightsFile = lstatOrUndefined(path.join(root, 'weights.json')) !== undefined;
  if (finished) {
    const w = json('weights.json') as { sizes?: unknown; thetas?: unknown };
    weights = inFile('weights.json', () => {
      if (typeof w !== 'object' || w === null || !Array.isArray(w.thetas))
        throw new Error('must be {"sizes": [...], "thetas": [...]}');
      checkSizes(w.sizes, hp.hiddenLayers, run.width * run.height, 'sizes');
      return { sizes: w.sizes, theta: unrollThetas(w.thetas, w.sizes) };
    });
    const sizes = weights.sizes;
    if (fs.existsSync(path.join(root, 'initial-weights.json'))) {
      const w0 = json('initial-weights.json') as { sizes?: unknown; thetas?: unknown };
      weights.initialTheta = inFile('initial-weights.json', () => {
        if (typeof w0 !== 'object' || w0 === null || !Array.isArray(w0.thetas))
          throw new Error('must be {"sizes": [...], "thetas": [...]}');
        if (JSON.stringify(w0.sizes) !== JSON.stringify(sizes))
          throw new Error(`sizes ${JSON.stringify(w0.sizes)} differ from weights.json's ${JSON.stringify(sizes)}`);
        return unrollThetas(w0.thetas, sizes);
      });
    }
    inFile('run.json', () => checkConfusion(run.confusion, sizes[sizes.length - 1], 'confusion'));
  } else if (hasWeightsFile) {
    throw fail('weights.json', `is present, but the run is ${run.status}; only finished runs have weights`);
  }

  const dataInfo =
    run.classNames === undefined
      ? null
      : inFile('run.json', () =>
          checkDataInfo(
            {
              classNames: run.classNames,
              featureNames: run.featureNames ?? null,
              standardization: run.standardization ?? null,
            },
            'run.json',
          ),
        );
  if (dataInfo && weights) {
    const K = weights.sizes[weights.sizes.length - 1];
    if (dataInfo.classNames.length !== K)
      throw fail('run.json', `classNames has ${dataInfo.classNames.length} names but the network has ${K} outputs`);
  }
  const history = readHistory(read('history.csv').toString('utf8'), (problem) => fail('history.csv', problem));

  // A unit or digit image is one input's size; a grid lays out at most unitCount of them with borders.
  const checkedPng = (file: string, maxPixels: number) => {
    const bytes = read(file);
    if (!isPng(bytes)) throw fail(file, 'is not a PNG image');
    const problem = pngSizeProblem(bytes, maxPixels);
    if (problem) throw fail(file, problem);
    // The renderer decodes it: image data inflating past the header's size (a zlib bomb) stays out.
    const data = checkPngData(bytes);
    if ('problem' in data) throw fail(file, data.problem);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  const unitPixels = (run.width + 2) * (run.height + 2);
  const snapshots: SnapshotInput[] = run.snapshots.map((s) => {
    const png = (file: string) => checkedPng(file, unitPixels);
    return {
      index: s.index,
      iteration: s.iteration,
      gridPng: checkedPng(gridFile(s.index), 2 * Math.max(1, s.unitCount) * unitPixels),
      unitPngs: Array.from({ length: s.unitCount }, (_, u) => png(unitFile(s.index, u))),
      validationCost: s.validationCost ?? null,
      validationAccuracy: s.validationAccuracy ?? null,
      health: s.health ?? null,
    };
  });

  const listed = run.misclassified ?? [];
  if (!finished && listed.length > 0)
    throw fail('run.json', `misclassified: a ${run.status} run has no misclassified digits`);
  const misclassified: MisclassifiedDigit[] = listed.map((d) => {
    const file = misclassifiedFile(d.position);
    return { ...d, png: checkedPng(file, unitPixels) };
  });
  if (weights) {
    const classes = weights.sizes[weights.sizes.length - 1];
    inFile('run.json', () => checkMisclassified(misclassified, classes, 'misclassified'));
  }

  // A run that was live when exported cannot be resumed here.
  const wasLive = run.status === 'queued' || run.status === 'running';
  return {
    ...record,
    status: wasLive ? 'interrupted' : run.status,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: wasLive ? (run.finishedAt ?? run.startedAt ?? run.createdAt) : run.finishedAt,
    failureReason: wasLive ? `exported while it was ${run.status}` : run.failureReason,
    hyperparameters: hp,
    dataset: run.dataset,
    width: run.width,
    height: run.height,
    metrics: finished ? (run.metrics as RunMetrics) : null,
    confusion: finished ? (run.confusion as ConfusionMatrix) : null,
    dataInfo,
    history,
    snapshots,
    weights,
    misclassified,
  };
}

/** Most pixels an imported PNG may declare, whatever its run says: what the lab decodes of one image. */
export const MAX_IMPORT_PNG_PIXELS = 64e6;

/**
 * Why a PNG's IHDR makes it unfit to import (no header, or more pixels than `maxPixels` or the
 * 64-megapixel budget), or '' when it fits: the renderer decodes every snapshot it is shown, so a
 * 16 MB file declaring 30000×30000 would take gigabytes there.
 */
export function pngSizeProblem(bytes: Uint8Array, maxPixels: number): string {
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR')
    return 'is not a PNG image (no IHDR header after the signature)';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const limit = Math.min(maxPixels, MAX_IMPORT_PNG_PIXELS);
  if (width >= 1 && height >= 1 && width * height <= limit) return '';
  return (
    `declares ${width}×${height} = ${(width * height).toLocaleString('en-US')} pixels; an image of this run ` +
    `may have at most ${Math.floor(limit).toLocaleString('en-US')}`
  );
}

function readHistory(text: string, fail: (problem: string) => StoreError): ProgressPoint[] {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== HISTORY_HEADER)
    throw fail(`the first line must be "${HISTORY_HEADER}", got ${excerpt(lines[0] ?? '')}`);
  const points = lines.slice(1).map((line, i) => {
    const fields = line.split(',');
    const nums = fields.map((f) => (f.trim() === '' ? NaN : Number(f)));
    if (fields.length !== 3 || nums.some((v) => Number.isNaN(v)))
      throw fail(`line ${i + 2} must be three numbers iteration,cost,elapsed_ms, got ${excerpt(line)}`);
    return { iteration: nums[0], cost: nums[1], elapsedMs: nums[2] };
  });
  try {
    checkProgress(0, points, null);
  } catch (e) {
    throw fail((e as Error).message.replace('appendProgress: run 0: point', 'data row'));
  }
  return points;
}

/**
 * A file of the folder, read only when it and every folder on its way from `root` are real (no
 * symbolic link may lead an import outside the folder), it is a regular file (a FIFO would block)
 * and it is at most `limit` bytes (checked before anything is allocated).
 */
function readInside(root: string, file: string, limit: number, fail: (problem: string) => StoreError): Buffer {
  const parts = file.split('/');
  let at = root;
  for (let i = 0; i < parts.length; i++) {
    at = path.join(at, parts[i]);
    const stat = lstatOrUndefined(at);
    const what = i === parts.length - 1 ? 'it' : `${parts.slice(0, i + 1).join('/')}/`;
    if (!stat) throw fail(i === parts.length - 1 ? 'is missing' : `is missing (${what} does not exist)`);
    if (stat.isSymbolicLink())
      throw fail(`${what === 'it' ? 'is' : `${what} is`} a symbolic link; an exported run holds only real files`);
    if (i < parts.length - 1 && !stat.isDirectory()) throw fail(`${what} is not a folder`);
    if (i === parts.length - 1 && !stat.isFile())
      throw fail('is not a regular file (a folder, pipe, device or socket cannot be imported)');
    if (i === parts.length - 1 && stat.size > limit)
      throw fail(
        `is ${stat.size.toLocaleString('en-US')} bytes, more than the ${limit / 2 ** 20} MiB such a file may have`,
      );
  }
  let fd: number | undefined;
  try {
    fd = fs.openSync(at, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > limit) throw fail('changed while it was being imported');
    return fs.readFileSync(fd);
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw fail(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}

/** At most EXCERPT_CHARS of a bad value, quoted with control characters escaped (never a whole file). */
export function excerpt(value: string): string {
  const clipped = value.length > EXCERPT_CHARS ? value.slice(0, EXCERPT_CHARS) : value;
  return `${JSON.stringify(clipped)}${value.length > EXCERPT_CHARS ? '…' : ''}`;
}
