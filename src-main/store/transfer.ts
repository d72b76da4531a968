/**
 * A run as a folder of plain files, for sharing and backups:
 *   run.json      hyperparameters, dataset, metrics, confusion, notes, tags, times, snapshot list
 *   weights.json  {"sizes": [...], "thetas": [Θ1, Θ2, …]}, each Θ an array of rows with the bias in
 *                 column 0 (what the CLI's --init-file reads); only for finished runs
 *   model.onnx, preprocessing.json, predict.py   the network for use outside the lab (export/files.ts); only
 *                 for finished runs, and not read back by an import
 *   history.csv   iteration,cost,elapsed_ms
 *   images/snapshot-<k>-grid.png, images/snapshot-<k>-unit-<u>.png
 *   images/misclassified-<position>.png   the misclassified test digits of a finished run, listed
 *                 in run.json's `misclassified` (absent in files of older versions: none)
 * Numbers are written so they read back bit-identical. Reading checks every file before anything is
 * stored, and the store inserts the run in one transaction: an import is all or nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  datasetSpecSchema,
  hyperparametersSchema,
  type DatasetSpec,
  type Hyperparameters,
} from '../run/hyperparameters';
import { rollThetas, unrollThetas } from '../nn/shape';
import { networkFiles } from '../export/files';
import { networkOfRun } from '../export/network';
import { exactNumber, thetasToJson } from './codec';
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
  type CostHistory,
  type MisclassifiedDigit,
  type ProgressPoint,
  type RunDataInfo,
  type RunDetail,
  type RunMetrics,
  type RunStatus,
  type RunWeights,
  type SnapshotImages,
  type SnapshotInput,
} from './types';

export const RUN_FILE_FORMAT = 'backprop-lab-run';
export const RUN_FILE_VERSION = 1;
const HISTORY_HEADER = 'iteration,cost,elapsed_ms';

/** Everything of one run, as exportRun gathers it from the store. */
export interface RunExport {
  detail: RunDetail;
  history: CostHistory;
  weights: RunWeights | null;
  snapshots: SnapshotImages[];
  misclassified: MisclassifiedDigit[];
}

/** Everything of one run, as read from a folder and ready to insert. */
export interface RunRecord {
  name: string;
  status: RunStatus;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  failureReason: string | null;
  notes: string;
  tags: string[];
  hyperparameters: Hyperparameters;
  dataset: DatasetSpec;
  width: number;
  height: number;
  metrics: RunMetrics | null;
  confusion: ConfusionMatrix | null;
  /** null for digits runs made before data info was stored (and files exported then). */
  dataInfo: RunDataInfo | null;
  history: ProgressPoint[];
  snapshots: SnapshotInput[];
  weights: RunWeights | null;
  misclassified: MisclassifiedDigit[];
}

export const gridFile = (k: number) => `images/snapshot-${k}-grid.png`;
export const unitFile = (k: number, u: number) => `images/snapshot-${k}-unit-${u}.png`;
export const misclassifiedFile = (position: number) => `images/misclassified-${position}.png`;

/** Writes the run into `folder` (absent or empty), via a temporary sibling folder renamed at the end. */
export function exportRunFolder(folder: string, run: RunExport): void {
  const target = path.resolve(folder);
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0)) {
    throw new StoreError('invalid-argument', `exportRun: ${target} exists and is not an empty folder`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = fs.mkdtempSync(`${target}.partial-`);
  try {
    const { detail, history, weights, snapshots, misclassified } = run;
    const runJson = {
      format: RUN_FILE_FORMAT,
      formatVersion: RUN_FILE_VERSION,
      name: detail.name,
      status: detail.status,
      createdAt: detail.createdAt,
      startedAt: detail.startedAt,
      finishedAt: detail.finishedAt,
      failureReason: detail.failureReason,
      hyperparameters: detail.hyperparameters,
      dataset: detail.dataset,
      width: detail.width,
      height: detail.height,
      metrics: detail.metrics,
      confusion: detail.confusion,
      classNames: detail.classNames,
      featureNames: detail.featureNames,
      standardization: detail.standardization,
      notes: detail.notes,
      tags: detail.tags,
      snapshots: detail.snapshots,
      misclassified: misclassified.map(({ position, label, predicted }) => ({ position, label, predicted })),
    };
    fs.writeFileSync(path.join(temp, 'run.json'), `${JSON.stringify(runJson, null, 2)}\n`);
    if (weights) {
      fs.writeFileSync(
        path.join(temp, 'weights.json'),
        thetasToJson(weights.sizes, rollThetas(weights.theta, weights.sizes)),
      );
      const network = networkOfRun(weights, detail);
      for (const [name, contents] of Object.entries(networkFiles(network))) {
        fs.writeFileSync(path.join(temp, name), contents);
      }
    }
    const lines = history.iteration.map(
      (it, i) => `${it},${exactNumber(history.cost[i])},${exactNumber(history.elapsedMs[i])}`,
    );
    fs.writeFileSync(path.join(temp, 'history.csv'), `${[HISTORY_HEADER, ...lines].join('\n')}\n`);
    fs.mkdirSync(path.join(temp, 'images'));
    for (const s of snapshots) {
      fs.writeFileSync(path.join(temp, gridFile(s.index)), s.gridPng);
      s.unitPngs.forEach((png, u) => fs.writeFileSync(path.join(temp, unitFile(s.index, u)), png));
    }
    for (const d of misclassified) fs.writeFileSync(path.join(temp, misclassifiedFile(d.position)), d.png);
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw e;
  }
}

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
  snapshots: z.array(
    z.object({
      index: z.number().int().min(0),
      iteration: z.number().int().min(0),
      unitCount: z.number().int().min(0),
    }),
  ),
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

/** Reads and checks a folder written by exportRunFolder; throws StoreError 'invalid-import' naming the file and problem. */
export function readRunFolder(folder: string): RunRecord {
  const root = path.resolve(folder);
  const fail = (file: string, problem: string) =>
    new StoreError('invalid-import', `cannot import ${root}: ${file}: ${problem}`);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory())
    throw new StoreError('invalid-import', `cannot import ${root}: it is not a folder`);
  const read = (file: string): Buffer => {
    try {
      return fs.readFileSync(path.join(root, file));
    } catch (e) {
      throw fail(file, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : (e as Error).message);
    }
  };
  const inFile = <T>(file: string, check: () => T): T => {
    try {
      return check();
    } catch (e) {
      if (e instanceof StoreError && e.code === 'invalid-import') throw e;
      throw fail(file, (e as Error).message);
    }
  };
  const json = (file: string): unknown => inFile(file, () => JSON.parse(read(file).toString('utf8')));

  const parsed = runFileSchema.safeParse(json('run.json'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail('run.json', `${issue.path.map(String).join('.') || '(whole file)'}: ${issue.message}`);
  }
  const run = parsed.data;
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
      name: normalizeName(run.name, 'name'),
      notes: checkNotes(run.notes, 'notes'),
      tags: normalizeTags(run.tags, 'tags'),
    };
  });

  let weights: RunWeights | null = null;
  const hasWeightsFile = fs.existsSync(path.join(root, 'weights.json'));
  if (finished) {
    const w = json('weights.json') as { sizes?: unknown; thetas?: unknown };
    weights = inFile('weights.json', () => {
      if (typeof w !== 'object' || w === null || !Array.isArray(w.thetas))
        throw new Error('must be {"sizes": [...], "thetas": [...]}');
      checkSizes(w.sizes, hp.hiddenLayers, run.width * run.height, 'sizes');
      return { sizes: w.sizes, theta: unrollThetas(w.thetas, w.sizes) };
    });
    const sizes = weights.sizes;
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

  const snapshots: SnapshotInput[] = run.snapshots.map((s) => {
    const png = (file: string) => {
      const bytes = read(file);
      if (!isPng(bytes)) throw fail(file, 'is not a PNG image');
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    };
    return {
      index: s.index,
      iteration: s.iteration,
      gridPng: png(gridFile(s.index)),
      unitPngs: Array.from({ length: s.unitCount }, (_, u) => png(unitFile(s.index, u))),
    };
  });

  const listed = run.misclassified ?? [];
  if (!finished && listed.length > 0)
    throw fail('run.json', `misclassified: a ${run.status} run has no misclassified digits`);
  const misclassified: MisclassifiedDigit[] = listed.map((d) => {
    const file = misclassifiedFile(d.position);
    const bytes = read(file);
    if (!isPng(bytes)) throw fail(file, 'is not a PNG image');
    return { ...d, png: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
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

function readHistory(text: string, fail: (problem: string) => StoreError): ProgressPoint[] {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== HISTORY_HEADER)
    throw fail(`the first line must be "${HISTORY_HEADER}", got "${(lines[0] ?? '').slice(0, 40)}"`);
  const points = lines.slice(1).map((line, i) => {
    const fields = line.split(',');
    const nums = fields.map((f) => (f.trim() === '' ? NaN : Number(f)));
    if (fields.length !== 3 || nums.some((v) => Number.isNaN(v)))
      throw fail(`line ${i + 2} must be three numbers iteration,cost,elapsed_ms, got "${line.slice(0, 60)}"`);
    return { iteration: nums[0], cost: nums[1], elapsedMs: nums[2] };
  });
  try {
    checkProgress(0, points, null);
  } catch (e) {
    throw fail((e as Error).message.replace('appendProgress: run 0: point', 'data row'));
  }
  return points;
}
