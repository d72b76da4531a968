/**
 * A run as a folder of plain files, for sharing and backups:
 *   run.json      hyperparameters, dataset, metrics, confusion, notes, tags, times, snapshot list
 *   weights.json  {"sizes": [...], "thetas": [Θ1, Θ2, …]}, each Θ an array of rows with the bias in
 *                 column 0 (what the CLI's --init-file reads); only for finished runs
 *   initial-weights.json  Θ₀ the run started from, in the same form; only when the store kept it
 *   model.onnx, preprocessing.json, predict.py   the network for use outside the lab (export/files.ts); only
 *                 for finished runs, and not read back by an import
 *   weights.mat, initial-weights.mat   Θ and Θ₀ as the course's Theta1, Theta2, … (export/course-weights.ts),
 *                 for Octave, MATLAB and scipy; not read back (data.mat is added by export/course-data.ts)
 *   notebook.ipynb, train.py, data/   the run rebuilt in Python (export/python-files.ts); finished runs with Θ₀
 *   history.csv   iteration,cost,elapsed_ms
 *   images/snapshot-<k>-grid.png, images/snapshot-<k>-unit-<u>.png
 *   images/misclassified-<position>.png   the misclassified test digits of a finished run, listed
 *                 in run.json's `misclassified` (absent in files of older versions: none)
 * Numbers are written so they read back bit-identical. Reading (import-folder.ts) checks every file before anything is
 * stored, and the store inserts the run in one transaction: an import is all or nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type DatasetSpec, type Hyperparameters } from '../run/hyperparameters';
import { exactNumber } from './codec';
import { weightsJsonChunks, writeChunksToFile } from './weights-stream';
import { networkFiles } from '../export/files';
import { networkOfRun } from '../export/network';
import { INITIAL_WEIGHTS_MAT_FILE, WEIGHTS_MAT_FILE, weightsMat } from '../export/course-weights';
import { pythonFilesOrNone } from '../export/python-files';
import {
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
  type SnapshotHealth,
  type SnapshotInput,
} from './types';

export const RUN_FILE_FORMAT = 'backprop-lab-run';
export const RUN_FILE_VERSION = 1;
export const HISTORY_HEADER = 'iteration,cost,elapsed_ms';

/** Everything of one run, as exportRun gathers it from the store. */
export interface RunExport {
  detail: RunDetail;
  history: CostHistory;
  weights: RunWeights | null;
  snapshots: SnapshotImages[];
  /** Training health at the snapshots that kept it, written beside each in run.json. */
  health: SnapshotHealth[];
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
    const healthAt = new Map(run.health.map((h) => [h.iteration, h.layers]));
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
      // A snapshot without health (runs recorded before it was kept) is written as before.
      snapshots: detail.snapshots.map((s) => {
        const layers = healthAt.get(s.iteration);
        return layers ? { ...s, health: layers } : s;
      }),
      misclassified: misclassified.map(({ position, label, predicted }) => ({ position, label, predicted })),
    };
    fs.writeFileSync(path.join(temp, 'run.json'), `${JSON.stringify(runJson, null, 2)}\n`);
    if (weights) {
      writeChunksToFile(path.join(temp, 'weights.json'), weightsJsonChunks(weights.sizes, weights.theta, 'export'));
      if (weights.initialTheta) {
        const chunks = weightsJsonChunks(weights.sizes, weights.initialTheta, 'export');
        writeChunksToFile(path.join(temp, 'initial-weights.json'), chunks);
      }
      fs.writeFileSync(path.join(temp, WEIGHTS_MAT_FILE), weightsMat(weights.theta, weights.sizes, detail));
      if (weights.initialTheta) {
        fs.writeFileSync(
          path.join(temp, INITIAL_WEIGHTS_MAT_FILE),
          weightsMat(weights.initialTheta, weights.sizes, detail),
        );
      }
      const network = networkOfRun(weights, detail);
      for (const [name, contents] of Object.entries(networkFiles(network))) {
        fs.writeFileSync(path.join(temp, name), contents);
      }
      for (const [name, contents] of Object.entries(pythonFilesOrNone(detail, weights))) {
        fs.mkdirSync(path.dirname(path.join(temp, name)), { recursive: true });
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
