/**
 * The store's INSERTs of a run and what it owns (settings, snapshots, tags, weights, an imported
 * record). Callers hold the write transaction; these only write rows.
 */
import type Database from 'better-sqlite3';
import type { DatasetSpec, Hyperparameters } from '../run/hyperparameters';
import { thetaToBlob } from './codec';
import { insertMisclassified } from './misclassified';
import type { RunRecord } from './transfer';
import type { RunStatus, SnapshotInput } from './types';

/** A run's row: its settings as JSON and, for queries, as columns. Returns the new run id. */
export function insertRun(
  db: Database.Database,
  r: {
    name: string;
    status: RunStatus;
    createdAt: number;
    hyperparameters: Hyperparameters;
    dataset: DatasetSpec;
    width: number;
    height: number;
  },
): number {
  const hp = r.hyperparameters;
  const ds = r.dataset;
  const info = db
    .prepare(
      `INSERT INTO runs (name, status, created_at, hyperparameters, dataset, width, height, optimizer, lambda, hidden_layers,
         hidden_size, layer_count, iterations, batch_size, learning_rate, momentum, init, epsilon, seed, impl,
         train_size, validation_size, test_size, data_seed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      r.name,
      r.status,
      r.createdAt,
      JSON.stringify(hp),
      JSON.stringify(ds),
      r.width,
      r.height,
      hp.optimizer,
      hp.lambda,
      JSON.stringify(hp.hiddenLayers),
      hp.hiddenLayers[0],
      hp.hiddenLayers.length + 2,
      hp.iterations,
      hp.batchSize,
      hp.learningRate,
      hp.momentum,
      hp.init,
      typeof hp.epsilon === 'number' ? hp.epsilon : null,
      hp.seed,
      hp.impl,
      ds.trainSize,
      ds.validationSize,
      ds.testSize,
      ds.dataSeed,
    );
  return Number(info.lastInsertRowid);
}

/** A snapshot's grid and unit images (and validation J, accuracy) under (run, index). */
export function insertSnapshot(db: Database.Database, id: number, s: SnapshotInput): void {
  db.prepare(
    `INSERT INTO snapshots (run_id, idx, iteration, unit_count, grid_png, validation_cost, validation_accuracy, theta, health)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    s.index,
    s.iteration,
    s.unitPngs.length,
    s.gridPng,
    s.validationCost ?? null,
    s.validationAccuracy ?? null,
    s.theta ? float32Bytes(s.theta) : null,
    s.health ? JSON.stringify(s.health) : null,
  );
  const unit = db.prepare('INSERT INTO snapshot_units (run_id, idx, unit, png) VALUES (?, ?, ?, ?)');
  s.unitPngs.forEach((png, u) => unit.run(id, s.index, u, png));
}

/** A float32 Θ as little-endian bytes (a BLOB), whatever the machine's byte order. */
function float32Bytes(theta: Float32Array): Buffer {
  const bytes = Buffer.alloc(theta.length * 4);
  for (let i = 0; i < theta.length; i++) bytes.writeFloatLE(theta[i], i * 4);
  return bytes;
}

/** Replaces a run's tags, keeping their order. */
export function writeTags(db: Database.Database, id: number, tags: readonly string[]): void {
  db.prepare('DELETE FROM run_tags WHERE run_id = ?').run(id);
  const insert = db.prepare('INSERT INTO run_tags (run_id, position, tag) VALUES (?, ?, ?)');
  tags.forEach((tag, i) => insert.run(id, i, tag));
}

/** One imported run with everything it owns; the caller wraps it in a transaction. */
export function insertRecord(db: Database.Database, r: RunRecord): number {
  const id = insertRun(db, r);
  const m = r.metrics;
  const last = r.history.length ? r.history[r.history.length - 1] : null;
  db.prepare(
    `UPDATE runs SET started_at = ?, finished_at = ?, failure_reason = ?, notes = ?, last_iteration = ?, last_cost = ?,
         train_accuracy = ?, validation_accuracy = ?, test_accuracy = ?, final_cost = ?, duration_ms = ?, cost_evaluations = ?,
         confusion = ?, data_info = ? WHERE id = ?`,
  ).run(
    r.startedAt,
    r.finishedAt,
    r.failureReason,
    r.notes,
    last?.iteration ?? null,
    last?.cost ?? null,
    m?.trainAccuracy ?? null,
    m?.validationAccuracy ?? null,
    m?.testAccuracy ?? null,
    m?.finalCost ?? null,
    m?.durationMs ?? null,
    m?.costEvaluations ?? null,
    r.confusion === null ? null : JSON.stringify(r.confusion),
    r.dataInfo === null ? null : JSON.stringify(r.dataInfo),
    id,
  );
  const point = db.prepare('INSERT INTO progress (run_id, iteration, cost, elapsed_ms) VALUES (?, ?, ?, ?)');
  for (const p of r.history) point.run(id, p.iteration, p.cost, p.elapsedMs);
  for (const s of r.snapshots) insertSnapshot(db, id, s);
  if (r.weights) insertWeights(db, id, r.weights.sizes, r.weights.theta, r.weights.initialTheta);
  insertMisclassified(db, id, r.misclassified);
  writeTags(db, id, r.tags);
  return id;
}

/** Final Θ and, when known, Θ₀ of a run, as little-endian float64 blobs. */
export function insertWeights(
  db: Database.Database,
  id: number,
  sizes: number[],
  theta: Float64Array,
  initialTheta: Float64Array | null | undefined,
): void {
  db.prepare('INSERT INTO weights (run_id, sizes, theta, theta0) VALUES (?, ?, ?, ?)').run(
    id,
    JSON.stringify(sizes),
    thetaToBlob(theta),
    initialTheta ? thetaToBlob(initialTheta) : null,
  );
}
