/**
 * `backprop-lab landscape`: the cost surface of stored runs from a terminal — J along the line from a
 * run's Θ₀ to its Θ*, or between two runs' Θ* (with --align, after matching hidden units), on a random
 * filter-normalized plane (--plane) or on the training path's plane (--path). Same handlers as the app
 * (api/landscape-handlers.ts), computed in this process. A bad flag or run is a usage error (exit 2).
 */
import type { z } from 'zod';
import { ApiError } from '../api/errors';
import { landscapeImplementations } from '../api/landscape-handlers';
import { landscapeInCallingThread } from '../api/threads/landscape-runner';
import {
  landscapeLineSchema,
  landscapePathSchema,
  landscapePlaneSchema,
  LANDSCAPE_LIMITS,
  type LandscapeLineJson,
  type LandscapePathJson,
  type LandscapePlaneJson,
} from '../api/landscape-schemas';
import { StoreError } from '../store/types';
import { parseArgs, UsageError, type FlagSpecs } from './args';
import { DB_FLAG, jsonFlag, runFlag } from './common-flags';
import { openCliStore } from './context';

export const LANDSCAPE_USAGE =
  'landscape --run ID [--to ID2 [--align]] [--points N] [--range A,B] [--plane [--grid N] [--seed S] [--span R] | --path] [--db PATH] [--json]';

export const LANDSCAPE_FLAGS: FlagSpecs = {
  run: runFlag('a finished run: the line starts at its Θ₀ (or its Θ* with --to)'),
  to: { kind: 'integer', min: 1, help: 'a second finished run of the same shape: the line goes to its Θ*' },
  align: { kind: 'boolean', help: "with --to: reorder the second run's hidden units to match the first's" },
  points: {
    kind: 'integer',
    min: LANDSCAPE_LIMITS.minPoints,
    max: LANDSCAPE_LIMITS.maxPoints,
    help: `values of α along the line (default ${LANDSCAPE_LIMITS.defaultPoints})`,
  },
  range: { kind: 'string', help: 'A,B: α from A to B, within −2…3 (default 0,1)' },
  plane: { kind: 'boolean', help: 'J on two seeded filter-normalized random directions around Θ*' },
  path: { kind: 'boolean', help: 'J on the plane of the first two principal directions of the training path' },
  grid: {
    kind: 'integer',
    min: LANDSCAPE_LIMITS.minGrid,
    max: LANDSCAPE_LIMITS.maxGrid,
    help: `points per side of a plane (default ${LANDSCAPE_LIMITS.defaultGrid})`,
  },
  seed: { kind: 'integer', min: 0, max: 2 ** 32 - 1, help: 'seed of the plane’s random directions (default 1)' },
  span: {
    kind: 'number',
    min: 0,
    exclusiveMin: true,
    max: LANDSCAPE_LIMITS.maxSpan,
    help: 'half-width of the plane (default 1)',
  },
  db: DB_FLAG,
  json: jsonFlag('the numbers as one JSON object (alphas, cost, … or x, y, cost, path)'),
};

/** Runs the command; returns the exit code. */
export async function landscapeCommand(argv: readonly string[]): Promise<number> {
  const { flags, positionals } = parseArgs(argv, LANDSCAPE_FLAGS);
  if (positionals.length > 0) throw new UsageError(`landscape: unexpected argument '${positionals[0]}'`);
  if (flags.run === undefined) throw new UsageError('landscape: --run ID is required');
  if (flags.plane && flags.path) throw new UsageError('landscape: choose --plane or --path, not both');
  const surface = flags.plane || flags.path;
  if (surface) {
    for (const f of ['to', 'align', 'points', 'range'] as const) {
      if (flags[f] !== undefined)
        throw new UsageError(`landscape: --${f} draws a line; it does not go with --${flags.plane ? 'plane' : 'path'}`);
    }
  } else {
    for (const f of ['grid', 'seed', 'span'] as const) {
      if (flags[f] !== undefined)
        throw new UsageError(`landscape: --${f} needs --plane${f === 'grid' ? ' or --path' : ''}`);
    }
  }
  if (flags.path && (flags.seed !== undefined || flags.span !== undefined)) {
    throw new UsageError('landscape: --seed and --span shape a random --plane; the path plane has neither');
  }

  const store = openCliStore(flags.db);
  try {
    const impl = landscapeImplementations(store, () => {}, landscapeInCallingThread());
    const runId = flags.run as number;
    if (flags.plane) {
      const request = checked(landscapePlaneSchema, { runId, grid: flags.grid, seed: flags.seed, span: flags.span });
      const plane = (await asUsage(() => impl['landscape.plane'](request)))!;
      print(flags.json === true, plane, () => planeSummary(plane));
    } else if (flags.path) {
      const request = checked(landscapePathSchema, { runId, grid: flags.grid });
      const plane = (await asUsage(() => impl['landscape.path'](request)))!;
      print(flags.json === true, plane, () => pathSummary(plane));
    } else {
      const request = checked(landscapeLineSchema, {
        runId,
        toRunId: flags.to,
        align: flags.align,
        points: flags.points,
        range: flags.range === undefined ? undefined : parseRange(flags.range as string),
      });
      const line = (await asUsage(() => impl['landscape.line'](request)))!;
      print(flags.json === true, line, () => lineSummary(line));
    }
    return 0;
  } finally {
    store.close();
  }
}

function print(json: boolean, value: object, summary: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : summary());
}

/** `A,B` as two numbers, or a usage error naming --range. */
function parseRange(raw: string): [number, number] {
  const parts = raw.split(',').map((p) => p.trim());
  const values = parts.map(Number);
  if (parts.length !== 2 || parts.some((p) => p === '') || values.some((v) => !Number.isFinite(v))) {
    throw new UsageError(`--range: expected two numbers A,B (e.g. -0.5,1.5), got '${raw}'`);
  }
  return [values[0], values[1]];
}

/** The request parsed by its API schema, undefined fields dropped; a problem names the flag. */
function checked<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const input = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = String(issue.path[0] ?? 'run');
  const flag = { runId: 'run', toRunId: 'to' }[field] ?? field;
  throw new UsageError(`--${flag}: ${issue.message}`);
}

/** Runs a handler, turning "no such run / not finished / wrong shape" into a usage error (exit 2). */
async function asUsage<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ApiError && e.code === 'invalid-argument') throw new UsageError(e.message);
    if (e instanceof StoreError && e.code === 'not-found') throw new UsageError(`--run: ${e.message}`);
    throw e;
  }
}

const num = (v: number | null | undefined, digits = 6) => (v === null || v === undefined ? '—' : v.toFixed(digits));

function lineSummary(l: LandscapeLineJson): string {
  const head =
    l.toRunId === null
      ? `run ${l.runId}: Θ₀ (α = 0) → Θ* (α = 1)`
      : `run ${l.runId} (α = 0) → run ${l.toRunId} (α = 1)`;
  const lines = [`J along the line ${head}, λ = ${l.lambda}, m = ${l.m}`];
  lines.push(`  α          J (training)   J_cv${l.alignedCost ? '         J aligned' : ''}`);
  l.alphas.forEach((alpha, i) => {
    const row = `  ${alpha.toFixed(3).padStart(7)}  ${num(l.cost[i]).padStart(13)}  ${num(l.validationCost?.[i]).padStart(11)}`;
    lines.push(l.alignedCost ? `${row}  ${num(l.alignedCost[i]).padStart(13)}` : row);
  });
  if (l.barrier !== null) lines.push(`barrier: ${num(l.barrier)} (highest J on α ∈ [0, 1] − mean J of the ends)`);
  if (l.alignedBarrier !== null) {
    lines.push(`barrier after matching units: ${num(l.alignedBarrier)}`);
    if (l.barrierRemoved !== null)
      lines.push(`share of the barrier relabelling removed: ${(l.barrierRemoved * 100).toFixed(1)} %`);
  }
  lines.push(`computed in ${Math.round(l.computeMs)} ms`);
  return lines.join('\n') + '\n';
}

function gridRange(cost: number[][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of cost) for (const v of row) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return [lo, hi];
}

function planeSummary(p: LandscapePlaneJson): string {
  const [lo, hi] = gridRange(p.cost);
  return (
    [
      `J on a ${p.grid} × ${p.grid} plane around run ${p.runId}'s Θ* (filter-normalized random directions, seed ${p.seed}, x, y ∈ [−${p.span}, ${p.span}])`,
      `J(Θ*) = ${num(p.centerCost)}; on the plane from ${num(lo)} to ${num(hi)}`,
      `sharpness: mean rise of J at distance ${p.sharpness.radius} = ${num(p.sharpness.meanRise)}`,
      `computed in ${Math.round(p.computeMs)} ms (--json for every value)`,
    ].join('\n') + '\n'
  );
}

function pathSummary(p: LandscapePathJson): string {
  const [lo, hi] = gridRange(p.cost);
  const share = (s: number) => `${(s * 100).toFixed(1)} %`;
  return (
    [
      `J on the plane of run ${p.runId}'s training path (${p.path.length} snapshots), ${p.grid} × ${p.grid} points`,
      `directions explain ${share(p.explained[0])} and ${share(p.explained[1])} of the path's variance`,
      `J(Θ*) = ${num(p.centerCost)}; on the plane from ${num(lo)} to ${num(hi)}`,
      ...p.path.map((q) => `  iteration ${String(q.iteration).padStart(5)}: (${num(q.x, 4)}, ${num(q.y, 4)})`),
      `computed in ${Math.round(p.computeMs)} ms (--json for every value)`,
    ].join('\n') + '\n'
  );
}
