/**
 * Sweeps: groups of runs that differ in one value (λ, m, seed, init, implementation), so a lesson
 * can plot them as one curve. A run joins its sweep when it is created (NewRun.sweep) and keeps its
 * x there; deleting a sweep keeps the runs, which become ordinary runs again.
 */
import type Database from 'better-sqlite3';
import { datasetSpecSchema, hyperparametersSchema } from '../run/hyperparameters';
import { checkId, invalid, normalizeName } from './validate';
import {
  StoreError,
  SWEEP_KINDS,
  type NewSweep,
  type SweepDetail,
  type SweepKind,
  type SweepSetup,
  type SweepSummary,
} from './types';

/** Most values one sweep may plan; a lesson's sweep has 2–10. */
export const MAX_SWEEP_VALUES = 1000;

interface SweepRow {
  id: number;
  kind: SweepKind;
  name: string;
  created_at: number;
  run_count: number;
  finished_count: number;
  active_count: number;
}

const SWEEP_COLUMNS = `
  id, kind, name, created_at,
  (SELECT count(*) FROM runs WHERE sweep_id = sweeps.id) AS run_count,
  (SELECT count(*) FROM runs WHERE sweep_id = sweeps.id AND status = 'finished') AS finished_count,
  (SELECT count(*) FROM runs WHERE sweep_id = sweeps.id AND status IN ('queued', 'running')) AS active_count`;

/** Inserts an empty sweep after checking kind, name and setup; returns its id. */
export function insertSweep(db: Database.Database, input: NewSweep): number {
  const sweep = checkNewSweep(input);
  return db.transaction(() => {
    const info = db
      .prepare('INSERT INTO sweeps (kind, name, created_at, base) VALUES (?, ?, ?, ?)')
      .run(sweep.kind, sweep.name ?? '', Date.now(), JSON.stringify(sweep.base));
    const id = Number(info.lastInsertRowid);
    if (sweep.name === undefined) db.prepare('UPDATE sweeps SET name = ? WHERE id = ?').run(`Sweep ${id}`, id);
    return id;
  })();
}

/** Every sweep, newest first. */
export function selectSweeps(db: Database.Database): SweepSummary[] {
  const rows = db.prepare(`SELECT ${SWEEP_COLUMNS} FROM sweeps ORDER BY created_at DESC, id DESC`).all() as SweepRow[];
  return rows.map(toSummary);
}

/** One sweep with its setup and its runs in x order. */
export function selectSweep(db: Database.Database, id: number): SweepDetail {
  checkId(id, 'sweep id');
  const row = db.prepare(`SELECT ${SWEEP_COLUMNS}, base FROM sweeps WHERE id = ?`).get(id) as
    (SweepRow & { base: string }) | undefined;
  if (!row) throw sweepNotFound(id);
  const runIds = db.prepare('SELECT id FROM runs WHERE sweep_id = ? ORDER BY sweep_x, id').pluck().all(id) as number[];
  return { ...toSummary(row), base: JSON.parse(row.base) as SweepSetup, runIds };
}

/** Deletes the sweep; its runs stay, no longer grouped. */
export function removeSweep(db: Database.Database, id: number): void {
  checkId(id, 'sweep id');
  db.transaction(() => {
    db.prepare('UPDATE runs SET sweep_id = NULL, sweep_x = NULL WHERE sweep_id = ?').run(id);
    if (db.prepare('DELETE FROM sweeps WHERE id = ?').run(id).changes === 0) throw sweepNotFound(id);
  })();
}

/** The sweep membership of createRun: an existing sweep and a finite x. */
export function checkMembership(db: Database.Database, sweep: unknown): { id: number; x: number } {
  if (typeof sweep !== 'object' || sweep === null) throw invalid('createRun: sweep must be {id, x}');
  const { id, x } = sweep as { id: unknown; x: unknown };
  checkId(id, 'createRun: sweep.id');
  if (typeof x !== 'number' || !Number.isFinite(x))
    throw invalid(`createRun: sweep.x must be a finite number, got ${String(x)}`);
  if (!db.prepare('SELECT 1 FROM sweeps WHERE id = ?').get(id)) throw sweepNotFound(id as number);
  return { id: id as number, x };
}

function checkNewSweep(input: NewSweep): NewSweep {
  if (typeof input !== 'object' || input === null)
    throw invalid('createSweep: the sweep description must be an object');
  if (!(SWEEP_KINDS as readonly unknown[]).includes(input.kind)) {
    throw invalid(`createSweep: kind must be one of ${SWEEP_KINDS.join(', ')}, got ${String(input.kind)}`);
  }
  const base = input.base;
  if (typeof base !== 'object' || base === null)
    throw invalid('createSweep: base must be {hyperparameters, dataset, values}');
  const hp = hyperparametersSchema.safeParse(base.hyperparameters);
  if (!hp.success) throw invalid(`createSweep: base.hyperparameters.${issuePath(hp.error.issues[0])}`);
  const ds = datasetSpecSchema.safeParse(base.dataset);
  if (!ds.success) throw invalid(`createSweep: base.dataset.${issuePath(ds.error.issues[0])}`);
  const values = base.values;
  if (!Array.isArray(values) || values.length < 1 || values.length > MAX_SWEEP_VALUES) {
    throw invalid(`createSweep: base.values must be a list of 1 to ${MAX_SWEEP_VALUES} numbers`);
  }
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw invalid(`createSweep: base.values[${i}] must be a finite number, got ${String(v)}`);
  });
  return {
    kind: input.kind,
    name: input.name === undefined ? undefined : normalizeName(input.name, 'createSweep'),
    base: { hyperparameters: hp.data, dataset: ds.data, values: [...values] },
  };
}

function toSummary(r: SweepRow): SweepSummary {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    createdAt: r.created_at,
    runCount: r.run_count,
    finishedCount: r.finished_count,
    activeCount: r.active_count,
  };
}

function issuePath(issue: { path: PropertyKey[]; message: string }): string {
  return `${issue.path.map(String).join('.') || '(whole object)'}: ${issue.message}`;
}

function sweepNotFound(id: number): StoreError {
  return new StoreError('not-found', `sweep ${id} does not exist`);
}
