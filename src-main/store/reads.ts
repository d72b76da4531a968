/**
 * The store's larger reads: cost histories of many runs in one query, a snapshot's images. Small lookups
 * stay in store.ts.
 */
import type Database from 'better-sqlite3';
import { toBytes } from './codec';
import { checkId, invalid } from './validate';
import {
  StoreError,
  type CostHistory,
  type LayerHealth,
  type RunHealth,
  type SnapshotImages,
  type TagCount,
} from './types';

/** Each run's cost J per iteration, in the order of `ids` (duplicates once); a missing id is 'not-found'. */
export function selectHistories(db: Database.Database, ids: readonly number[]): CostHistory[] {
  if (!Array.isArray(ids)) throw invalid('getHistories: ids must be a list of run ids');
  const unique = [...new Set(ids.map((id) => checkId(id)))];
  if (unique.length === 0) return [];
  const idsJson = JSON.stringify(unique);
  const found = new Set(
    db.prepare('SELECT id FROM runs WHERE id IN (SELECT value FROM json_each(?))').pluck().all(idsJson) as number[],
  );
  const missing = unique.find((id) => !found.has(id));
  if (missing !== undefined) throw notFound(missing);
  const histories = new Map<number, CostHistory>(
    unique.map((runId) => [runId, { runId, iteration: [], cost: [], elapsedMs: [] }]),
  );
  const rows = db
    .prepare(
      'SELECT run_id, iteration, cost, elapsed_ms FROM progress WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, iteration',
    )
    .raw()
    .iterate(idsJson) as IterableIterator<[number, number, number, number]>;
  for (const [runId, iteration, cost, elapsed] of rows) {
    const h = histories.get(runId) as CostHistory;
    h.iteration.push(iteration);
    h.cost.push(cost);
    h.elapsedMs.push(elapsed);
  }
  return unique.map((id) => histories.get(id) as CostHistory);
}

/** The error for a run id that is not in the store. */
export function notFound(id: number): StoreError {
  return new StoreError('not-found', `run ${id} does not exist`);
}

/** A snapshot's grid and unit PNGs with its validation J and accuracy; null when the run has no such snapshot. */
export function selectSnapshotImages(db: Database.Database, id: number, snapshotIndex: number): SnapshotImages | null {
  const row = db
    .prepare(
      `SELECT iteration, unit_count, grid_png, validation_cost, validation_accuracy
       FROM snapshots WHERE run_id = ? AND idx = ?`,
    )
    .get(id, snapshotIndex) as
    | {
        iteration: number;
        unit_count: number;
        grid_png: Buffer;
        validation_cost: number | null;
        validation_accuracy: number | null;
      }
    | undefined;
  if (!row) return null;
  const units = db
    .prepare('SELECT png FROM snapshot_units WHERE run_id = ? AND idx = ? ORDER BY unit')
    .pluck()
    .all(id, snapshotIndex) as Buffer[];
  return {
    index: snapshotIndex,
    iteration: row.iteration,
    unitCount: row.unit_count,
    validationCost: row.validation_cost,
    validationAccuracy: row.validation_accuracy,
    gridPng: toBytes(row.grid_png),
    unitPngs: units.map(toBytes),
  };
}

/** Training health of each run asked for, in that order (duplicates removed), snapshots in index order. */
export function selectHealth(db: Database.Database, ids: readonly number[]): RunHealth[] {
  const rows = db.prepare(
    'SELECT iteration, health FROM snapshots WHERE run_id = ? AND health IS NOT NULL ORDER BY idx',
  );
  return [...new Set(ids)].map((runId) => ({
    runId,
    health: (rows.all(runId) as { iteration: number; health: string }[]).map((r) => ({
      iteration: r.iteration,
      layers: JSON.parse(r.health) as LayerHealth[],
    })),
  }));
}

/**
 * Every tag in use with the number of runs carrying it, most used first (then A→Z), for suggesting
 * tags; spellings that differ only in case are one tag, shown as its first spelling A→Z.
 */
export function selectTagCounts(db: Database.Database): TagCount[] {
  return db
    .prepare(
      'SELECT min(tag) AS tag, count(*) AS runs FROM run_tags GROUP BY tag COLLATE NOCASE ORDER BY runs DESC, tag COLLATE NOCASE',
    )
    .all() as TagCount[];
}
