/**
 * Turning a ListQuery into SQL over the `runs` table, and a `runs` row into a RunSummary. Only the
 * flat columns are read for lists, never histories or blobs, so listing 1,000 runs stays one quick scan.
 */
import { OPTIMIZERS } from '../run/hyperparameters';
import { NG_MODEL } from '../nn/model';
import { invalid } from './validate';
import {
  RUN_STATUSES,
  SORT_KEYS,
  type ListQuery,
  type NumericRange,
  type RunFilter,
  type RunMetrics,
  type RunSummary,
  type SortKey,
} from './types';

const SORT_COLUMNS: Record<SortKey, string> = {
  id: 'id',
  name: 'name COLLATE NOCASE',
  status: 'status',
  createdAt: 'created_at',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  optimizer: 'optimizer',
  lambda: 'lambda',
  hiddenSize: 'hidden_size',
  layerCount: 'layer_count',
  iterations: 'iterations',
  batchSize: 'batch_size',
  learningRate: 'learning_rate',
  momentum: 'momentum',
  init: 'init',
  epsilon: 'epsilon',
  seed: 'seed',
  impl: 'impl',
  trainSize: 'train_size',
  validationSize: 'validation_size',
  testSize: 'test_size',
  dataSeed: 'data_seed',
  trainAccuracy: 'train_accuracy',
  validationAccuracy: 'validation_accuracy',
  testAccuracy: 'test_accuracy',
  finalCost: 'final_cost',
  durationMs: 'duration_ms',
  costEvaluations: 'cost_evaluations',
  lastIteration: 'last_iteration',
  lastCost: 'last_cost',
};

/** The columns a summary needs; tags come along as one JSON array per run. */
export const SUMMARY_COLUMNS = `
  id, name, status, created_at, started_at, finished_at, failure_reason,
  optimizer, lambda, hidden_layers, hidden_size, iterations, impl, init, seed, train_size,
  last_iteration, last_cost,
  train_accuracy, validation_accuracy, test_accuracy, final_cost, duration_ms, cost_evaluations,
  width, height, sweep_id, sweep_x,
  json_extract(hyperparameters, '$.cost') AS cost, json_extract(hyperparameters, '$.activation') AS activation,
  COALESCE(json_array_length(data_info, '$.classNames'), 10) AS class_count,
  (SELECT json_group_array(tag) FROM (SELECT tag FROM run_tags WHERE run_id = runs.id ORDER BY position)) AS tags`;

export interface SummaryRow {
  id: number;
  name: string;
  status: RunSummary['status'];
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  failure_reason: string | null;
  optimizer: RunSummary['optimizer'];
  lambda: number;
  hidden_layers: string;
  hidden_size: number;
  iterations: number;
  impl: RunSummary['impl'];
  init: RunSummary['init'];
  seed: number;
  train_size: number;
  last_iteration: number | null;
  last_cost: number | null;
  train_accuracy: number | null;
  validation_accuracy: number | null;
  test_accuracy: number | null;
  final_cost: number | null;
  duration_ms: number | null;
  cost_evaluations: number | null;
  width: number;
  height: number;
  sweep_id: number | null;
  sweep_x: number | null;
  class_count: number;
  /** The stored cost and activation; null for Ng's (left out of the JSON). */
  cost: RunSummary['cost'] | null;
  activation: RunSummary['activation'] | null;
  tags: string;
}

export function toSummary(r: SummaryRow): RunSummary {
  // final_cost is set exactly when finishRun stored metrics (or an import carried them).
  const metrics: RunMetrics | null =
    r.final_cost === null
      ? null
      : {
          trainAccuracy: r.train_accuracy as number,
          validationAccuracy: r.validation_accuracy,
          testAccuracy: r.test_accuracy,
          finalCost: r.final_cost,
          durationMs: r.duration_ms as number,
          costEvaluations: r.cost_evaluations as number,
        };
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    optimizer: r.optimizer,
    lambda: r.lambda,
    hiddenLayers: JSON.parse(r.hidden_layers),
    hiddenSize: r.hidden_size,
    iterations: r.iterations,
    impl: r.impl,
    init: r.init,
    seed: r.seed,
    trainSize: r.train_size,
    lastIteration: r.last_iteration,
    lastCost: r.last_cost,
    metrics,
    tags: JSON.parse(r.tags),
    failureReason: r.failure_reason,
    width: r.width,
    height: r.height,
    classCount: r.class_count,
    cost: r.cost ?? NG_MODEL.cost,
    activation: r.activation ?? NG_MODEL.activation,
    sweepId: r.sweep_id,
    sweepX: r.sweep_x,
  };
}

/** WHERE clause (or '') and its parameters for a filter; every field is checked first. */
export function whereClause(filter: RunFilter = {}): { sql: string; params: unknown[] } {
  if (typeof filter !== 'object' || filter === null) throw invalid('filter must be an object');
  const conditions: string[] = [];
  const params: unknown[] = [];
  const oneOf = <T extends string>(
    value: T | readonly T[] | undefined,
    allowed: readonly T[],
    column: string,
    what: string,
  ) => {
    if (value === undefined) return;
    const list = (Array.isArray(value) ? value : [value]) as T[];
    for (const v of list)
      if (!allowed.includes(v))
        throw invalid(`filter.${what}: unknown ${what} "${String(v)}" (one of ${allowed.join(', ')})`);
    if (list.length === 0) return;
    conditions.push(`${column} IN (${list.map(() => '?').join(', ')})`);
    params.push(...list);
  };
  oneOf(filter.status, RUN_STATUSES, 'status', 'status');
  oneOf(filter.optimizer, OPTIMIZERS, 'optimizer', 'optimizer');
  range(filter.lambda, 'lambda', 'lambda', conditions, params);
  range(filter.hiddenSize, 'hidden_size', 'hiddenSize', conditions, params);
  exactly(filter.sweepId, 'sweep_id', 'sweepId', conditions, params);
  exactly(filter.width, 'width', 'width', conditions, params);
  exactly(filter.height, 'height', 'height', conditions, params);
  if (filter.tag !== undefined) {
    const tags = Array.isArray(filter.tag) ? filter.tag : [filter.tag];
    for (const tag of tags) {
      if (typeof tag !== 'string') throw invalid(`filter.tag must be text or a list of text, got ${typeof tag}`);
      conditions.push('EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = runs.id AND t.tag = ? COLLATE NOCASE)');
      params.push(tag.trim());
    }
  }
  if (filter.tagPrefix !== undefined) {
    if (typeof filter.tagPrefix !== 'string')
      throw invalid(`filter.tagPrefix must be text, got ${typeof filter.tagPrefix}`);
    const prefix = filter.tagPrefix.trim();
    if (prefix !== '') {
      conditions.push("EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = runs.id AND t.tag LIKE ? ESCAPE '\\')");
      params.push(`${likeEscape(prefix)}%`);
    }
  }
  if (filter.inSweep !== undefined) {
    if (typeof filter.inSweep !== 'boolean')
      throw invalid(`filter.inSweep must be true or false, got ${String(filter.inSweep)}`);
    conditions.push(filter.inSweep ? 'sweep_id IS NOT NULL' : 'sweep_id IS NULL');
  }
  if (filter.text !== undefined) {
    if (typeof filter.text !== 'string') throw invalid(`filter.text must be text, got ${typeof filter.text}`);
    const text = filter.text.trim();
    if (text !== '') {
      const pattern = `%${likeEscape(text)}%`;
      conditions.push(
        `(name LIKE ? ESCAPE '\\' OR notes LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = runs.id AND t.tag LIKE ? ESCAPE '\\'))`,
      );
      params.push(pattern, pattern, pattern);
    }
  }
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** Text matched literally by LIKE … ESCAPE '\': its %, _ and \ escaped. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function range(
  r: NumericRange | undefined,
  column: string,
  what: string,
  conditions: string[],
  params: unknown[],
): void {
  if (r === undefined) return;
  if (typeof r !== 'object' || r === null) throw invalid(`filter.${what} must be {min?, max?}`);
  for (const end of ['min', 'max'] as const) {
    const v = r[end];
    if (v === undefined) continue;
    if (typeof v !== 'number' || Number.isNaN(v))
      throw invalid(`filter.${what}.${end} must be a number, got ${String(v)}`);
    conditions.push(`${column} ${end === 'min' ? '>=' : '<='} ?`);
    params.push(v);
  }
}

function exactly(v: number | undefined, column: string, what: string, conditions: string[], params: unknown[]): void {
  if (v === undefined) return;
  if (!Number.isSafeInteger(v) || v < 1) throw invalid(`filter.${what} must be a whole number ≥ 1, got ${String(v)}`);
  conditions.push(`${column} = ?`);
  params.push(v);
}

/** ORDER BY … LIMIT … OFFSET … for a query; runs without a value sort last in either direction. */
export function orderAndPage(query: ListQuery): { sql: string; params: unknown[] } {
  const sort = query.sort ?? 'createdAt';
  if (!(SORT_KEYS as readonly string[]).includes(sort))
    throw invalid(`sort: unknown key "${String(sort)}" (one of ${SORT_KEYS.join(', ')})`);
  const order = query.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalid(`order must be "asc" or "desc", got "${String(order)}"`);
  const dir = order.toUpperCase();
  let sql = `ORDER BY ${SORT_COLUMNS[sort]} ${dir} NULLS LAST, id ${dir}`;
  const params: unknown[] = [];
  const page = (v: number | undefined, what: string) => {
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0))
      throw invalid(`${what} must be a whole number ≥ 0, got ${String(v)}`);
  };
  page(query.limit, 'limit');
  page(query.offset, 'offset');
  if (query.limit !== undefined || query.offset !== undefined) {
    sql += ' LIMIT ? OFFSET ?';
    params.push(query.limit ?? -1, query.offset ?? 0);
  }
  return { sql, params };
}
