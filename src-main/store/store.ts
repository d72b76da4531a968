/**
 * The experiment store on one SQLite connection: the supervisor's guarded writes, the app's queries
 * and the user's edits. State transitions are single `UPDATE … WHERE status IN (…)` statements, so a
 * run can never slip from a final status back to an active one, even with two writers.
 */
import type Database from 'better-sqlite3';
import { currentOwner, isOrphaned, ownerIsAlive, type OwnerCheck } from './owner';
import { blobToTheta } from './codec';
import { SUMMARY_COLUMNS, orderAndPage, toSummary, whereClause, type SummaryRow } from './query';
import { insertHandwriting, removeHandwriting, selectHandwriting } from './handwriting';
import { checkMisclassified, insertMisclassified, selectMisclassified } from './misclassified';
import { checkMembership, insertSweep, removeSweep, selectSweep, selectSweeps } from './sweeps';
import { exportRunFolder } from './transfer';
import { readRunFolder } from './import-folder';
import type { DatasetSpec } from '../run/hyperparameters';
import { notFound, selectHealth, selectHistories, selectSnapshotImages, selectTagCounts } from './reads';
import { insertRecord, insertRun, insertSnapshot, insertWeights, writeTags } from './inserts';
import { checkDataInfo, dataInfoOf } from './data-info';
import {
  checkId,
  checkNewRun,
  checkNotes,
  checkProgress,
  checkResult,
  checkSnapshot,
  invalid,
  normalizeName,
  normalizeTags,
} from './validate';
import {
  StoreError,
  type CostHistory,
  type HandwritingSample,
  type ListQuery,
  type MisclassifiedDigit,
  type NewHandwriting,
  type NewRun,
  type NewSweep,
  type ProgressPoint,
  type RunDataInfo,
  type RunDetail,
  type RunHealth,
  type RunFilter,
  type RunResult,
  type RunStatus,
  type RunStore,
  type SnapshotTheta,
  type RunSummary,
  type RunWeights,
  type SnapshotImages,
  type SnapshotInput,
  type SweepDetail,
  type SweepSummary,
  type TagCount,
} from './types';

const MAX_REASON_LENGTH = 10_000;

interface DetailRow extends SummaryRow {
  hyperparameters: string;
  dataset: string;
  notes: string;
  confusion: string | null;
  data_info: string | null;
  history_length: number;
  has_weights: number;
}

export class SqliteRunStore implements RunStore {
  constructor(
    private readonly db: Database.Database,
    readonly path: string,
    readonly readOnly: string | null = null,
  ) {}

  // — writes of the supervisor —

  createRun(input: NewRun): number {
    const run = checkNewRun(input);
    const owner = currentOwner();
    return this.write(() => {
      const sweep = input.sweep === undefined ? null : checkMembership(this.db, input.sweep);
      const id = insertRun(this.db, { ...run, name: run.name ?? '', status: 'queued', createdAt: Date.now() });
      if (run.name === undefined) this.db.prepare('UPDATE runs SET name = ? WHERE id = ?').run(`Run ${id}`, id);
      this.db
        .prepare('UPDATE runs SET owner_pid = ?, owner_token = ?, sweep_id = ?, sweep_x = ? WHERE id = ?')
        .run(owner.pid, owner.token, sweep?.id ?? null, sweep?.x ?? null, id);
      return id;
    });
  }

  markRunning(id: number): void {
    this.transition(id, ['queued'], 'start', `status = 'running', started_at = ?`, [Date.now()]);
  }

  appendProgress(id: number, points: readonly ProgressPoint[]): void {
    checkId(id);
    this.write(() => {
      const last = this.requireStatus(id, ['running'], 'record progress of').last_iteration;
      checkProgress(id, points, last);
      if (points.length === 0) return;
      const insert = this.db.prepare('INSERT INTO progress (run_id, iteration, cost, elapsed_ms) VALUES (?, ?, ?, ?)');
      for (const p of points) insert.run(id, p.iteration, p.cost, p.elapsedMs);
      const end = points[points.length - 1];
      this.db
        .prepare('UPDATE runs SET last_iteration = ?, last_cost = ? WHERE id = ?')
        .run(end.iteration, end.cost, id);
    });
  }

  addSnapshot(id: number, snapshot: SnapshotInput): void {
    checkId(id);
    checkSnapshot(id, snapshot);
    this.write(() => {
      this.requireStatus(id, ['running'], 'add a snapshot to');
      if (this.db.prepare('SELECT 1 FROM snapshots WHERE run_id = ? AND idx = ?').get(id, snapshot.index)) {
        throw invalid(`addSnapshot: run ${id} already has snapshot ${snapshot.index}`);
      }
      insertSnapshot(this.db, id, snapshot);
    });
  }

  setDataInfo(id: number, info: RunDataInfo): void {
    checkId(id);
    const checked = checkDataInfo(info, `setDataInfo: run ${id}`);
    this.write(() => {
      this.requireStatus(id, ['queued', 'running'], 'record the data of');
      this.db.prepare('UPDATE runs SET data_info = ? WHERE id = ?').run(JSON.stringify(checked), id);
    });
  }

  finishRun(id: number, result: RunResult): void {
    checkId(id);
    this.write(() => {
      const row = this.requireStatus(id, ['running'], 'finish');
      checkResult(id, result, JSON.parse(row.hidden_layers), row.width * row.height);
      const misclassified = result.misclassified ?? [];
      checkMisclassified(misclassified, result.sizes[result.sizes.length - 1], `finishRun: run ${id}`);
      const m = result.metrics;
      insertWeights(this.db, id, result.sizes, result.theta, result.initialTheta);
      insertMisclassified(this.db, id, misclassified);
      this.db
        .prepare(
          `UPDATE runs SET status = 'finished', finished_at = ?, train_accuracy = ?, validation_accuracy = ?, test_accuracy = ?,
             final_cost = ?, duration_ms = ?, cost_evaluations = ?, confusion = ? WHERE id = ?`,
        )
        .run(
          Date.now(),
          m.trainAccuracy,
          m.validationAccuracy,
          m.testAccuracy,
          m.finalCost,
          m.durationMs,
          m.costEvaluations,
          JSON.stringify(result.confusion),
          id,
        );
    });
  }

  failRun(id: number, reason: string): void {
    if (typeof reason !== 'string' || reason.trim() === '')
      throw invalid(`failRun: run ${id}: reason must be non-empty text`);
    const text = reason.trim().slice(0, MAX_REASON_LENGTH);
    this.transition(id, ['queued', 'running'], 'fail', `status = 'failed', finished_at = ?, failure_reason = ?`, [
      Date.now(),
      text,
    ]);
  }

  cancelRun(id: number): void {
    this.transition(id, ['queued', 'running'], 'cancel', `status = 'cancelled', finished_at = ?`, [Date.now()]);
  }

  markInterrupted(isAlive: OwnerCheck = ownerIsAlive): number {
    return this.write(() => {
      const live = this.db
        .prepare(`SELECT id, owner_pid, owner_token FROM runs WHERE status IN ('queued', 'running')`)
        .all() as { id: number; owner_pid: number | null; owner_token: string | null }[];
      const orphaned = live.filter((r) => isOrphaned(r.owner_pid, r.owner_token, isAlive));
      const mark = this.db.prepare(
        `UPDATE runs SET status = 'interrupted', finished_at = ?,
           failure_reason = 'the app stopped while the run was ' || status WHERE id = ?`,
      );
      const now = Date.now();
      orphaned.forEach((r) => mark.run(now, r.id));
      return orphaned.length;
    });
  }

  // — queries of the app —

  listRuns(query: ListQuery = {}): RunSummary[] {
    const where = whereClause(query);
    const page = orderAndPage(query);
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs ${where.sql} ${page.sql}`)
      .all(...where.params, ...page.params) as SummaryRow[];
    return rows.map(toSummary);
  }

  countRuns(filter: RunFilter = {}): number {
    const where = whereClause(filter);
    return (this.db.prepare(`SELECT count(*) AS n FROM runs ${where.sql}`).get(...where.params) as { n: number }).n;
  }

  /** Tags in use, most used first, with their run counts. */
  listTags(): TagCount[] {
    return selectTagCounts(this.db);
  }

  getRun(id: number): RunDetail {
    checkId(id);
    const row = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS}, hyperparameters, dataset, notes, confusion, data_info,
           (SELECT count(*) FROM progress WHERE run_id = runs.id) AS history_length,
           EXISTS (SELECT 1 FROM weights WHERE run_id = runs.id) AS has_weights
         FROM runs WHERE id = ?`,
      )
      .get(id) as DetailRow | undefined;
    if (!row) throw notFound(id);
    const snapshots = this.db
      .prepare(
        `SELECT idx AS "index", iteration, unit_count AS unitCount, validation_cost AS validationCost,
           validation_accuracy AS validationAccuracy FROM snapshots WHERE run_id = ? ORDER BY idx`,
      )
      .all(id) as RunDetail['snapshots'];
    return {
      ...toSummary(row),
      hyperparameters: JSON.parse(row.hyperparameters),
      dataset: JSON.parse(row.dataset),
      notes: row.notes,
      confusion: row.confusion === null ? null : JSON.parse(row.confusion),
      snapshots,
      historyLength: row.history_length,
      hasWeights: row.has_weights === 1,
      ...dataInfoOf(row.data_info),
    };
  }

  getHistories(ids: readonly number[]): CostHistory[] {
    return selectHistories(this.db, ids);
  }

  /** Training health of each run at its snapshots, in the order asked; a missing run is 'not-found'. */
  getHealth(ids: readonly number[]): RunHealth[] {
    if (!Array.isArray(ids)) throw invalid('getHealth: ids must be a list of run ids');
    ids.forEach((id) => this.requireRun(checkId(id)));
    return selectHealth(this.db, ids);
  }

  getSnapshotImages(id: number, snapshotIndex: number): SnapshotImages {
    checkId(id);
    if (!Number.isSafeInteger(snapshotIndex) || snapshotIndex < 0)
      throw invalid(`snapshot index must be a whole number ≥ 0, got ${String(snapshotIndex)}`);
    const images = selectSnapshotImages(this.db, id, snapshotIndex);
    if (images) return images;
    this.requireRun(id);
    throw new StoreError('not-found', `run ${id} has no snapshot ${snapshotIndex}`);
  }

  getWeights(id: number): RunWeights {
    checkId(id);
    const row = this.db.prepare('SELECT sizes, theta, theta0 FROM weights WHERE run_id = ?').get(id) as
      { sizes: string; theta: Buffer; theta0: Buffer | null } | undefined;
    if (!row) {
      const { status } = this.requireRun(id);
      throw new StoreError(
        'not-found',
        `run ${id} has no weights: it is ${status}, and weights are kept only when a run finishes`,
      );
    }
    return {
      sizes: JSON.parse(row.sizes),
      theta: blobToTheta(row.theta),
      initialTheta: row.theta0 === null ? null : blobToTheta(row.theta0),
    };
  }

  getSnapshotThetas(id: number): SnapshotTheta[] {
    checkId(id);
    return this.db.transaction(() => {
      this.requireRun(id);
      const rows = this.db
        .prepare('SELECT idx, iteration, theta FROM snapshots WHERE run_id = ? AND theta IS NOT NULL ORDER BY idx')
        .all(id) as { idx: number; iteration: number; theta: Buffer }[];
      return rows.map((r) => ({ index: r.idx, iteration: r.iteration, theta: float32FromBlob(r.theta) }));
    })();
  }

  getMisclassified(id: number): MisclassifiedDigit[] {
    checkId(id);
    return this.db.transaction(() => {
      this.requireRun(id);
      return selectMisclassified(this.db, id);
    })();
  }

  // — sweeps and handwriting (sweeps.ts, handwriting.ts) —

  createSweep(input: NewSweep): number {
    return insertSweep(this.db, input);
  }

  listSweeps(): SweepSummary[] {
    return selectSweeps(this.db);
  }

  getSweep(id: number): SweepDetail {
    return selectSweep(this.db, id);
  }

  deleteSweep(id: number): void {
    removeSweep(this.db, id);
  }

  saveHandwriting(sample: NewHandwriting): number {
    return insertHandwriting(this.db, sample);
  }

  listHandwriting(): HandwritingSample[] {
    return selectHandwriting(this.db);
  }

  deleteHandwriting(id: number): void {
    removeHandwriting(this.db, id);
  }

  // — edits of the user —

  rename(id: number, name: string): void {
    checkId(id);
    this.updateOrThrow(id, 'UPDATE runs SET name = ? WHERE id = ?', [normalizeName(name, `rename: run ${id}`), id]);
  }

  setNotes(id: number, notes: string): void {
    checkId(id);
    this.updateOrThrow(id, 'UPDATE runs SET notes = ? WHERE id = ?', [checkNotes(notes, `setNotes: run ${id}`), id]);
  }

  setTags(id: number, tags: readonly string[]): string[] {
    checkId(id);
    const normalized = normalizeTags(tags, `setTags: run ${id}`);
    this.write(() => {
      this.requireRun(id);
      writeTags(this.db, id, normalized);
    });
    return normalized;
  }

  deleteRun(id: number): void {
    checkId(id);
    this.updateOrThrow(id, 'DELETE FROM runs WHERE id = ?', [id]);
  }

  // — files —

  exportRun(id: number, folder: string): void {
    const detail = this.getRun(id);
    exportRunFolder(folder, {
      detail,
      history: this.getHistories([id])[0],
      weights: detail.hasWeights ? this.getWeights(id) : null,
      snapshots: detail.snapshots.map((s) => this.getSnapshotImages(id, s.index)),
      health: this.getHealth([id])[0].health,
      misclassified: selectMisclassified(this.db, id),
    });
  }

  importRun(folder: string, checkDataset?: (dataset: DatasetSpec) => string | null): number {
    const record = readRunFolder(folder, checkDataset);
    return this.write(() => insertRecord(this.db, record));
  }

  close(): void {
    this.db.close();
  }

  // — internals —

  /**
   * A write transaction that takes the write lock at BEGIN (IMMEDIATE). A deferred one that reads
   * first and writes later fails at once with "database is locked" when another process committed in
   * between; an immediate one waits its turn through the busy timeout instead.
   */
  private write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  private transition(id: number, from: readonly RunStatus[], action: string, set: string, params: unknown[]): void {
    checkId(id);
    const info = this.db
      .prepare(`UPDATE runs SET ${set} WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`)
      .run(...params, id, ...from);
    if (info.changes === 0) this.requireStatus(id, from, action);
  }

  /** The run's row if its status is one of `from`; otherwise 'not-found' or 'invalid-state'. */
  private requireStatus(id: number, from: readonly RunStatus[], action: string) {
    const row = this.requireRun(id);
    if (!from.includes(row.status)) {
      throw new StoreError(
        'invalid-state',
        `cannot ${action} run ${id}: it is ${row.status}, and only a ${from.join(' or ')} run allows that`,
      );
    }
    return row;
  }

  private requireRun(id: number) {
    const row = this.db
      .prepare('SELECT status, last_iteration, hidden_layers, width, height FROM runs WHERE id = ?')
      .get(id) as
      | { status: RunStatus; last_iteration: number | null; hidden_layers: string; width: number; height: number }
      | undefined;
    if (!row) throw notFound(id);
    return row;
  }

  private updateOrThrow(id: number, sql: string, params: unknown[]): void {
    if (this.db.prepare(sql).run(...params).changes === 0) throw notFound(id);
  }
}

/** A little-endian float32 BLOB back as a Float32Array (copied, so it never aliases SQLite's buffer). */
function float32FromBlob(blob: Buffer): Float32Array {
  const out = new Float32Array(blob.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = blob.readFloatLE(i * 4);
  return out;
}
