/**
 * How long planned runs will train, from this machine's own record: the time per iteration of the
 * learner's finished runs of the same size (same m, layer sizes, optimizer and implementation),
 * never a number measured elsewhere. A plan with any run of a size not yet trained here gets no
 * estimate: a guess from another size would be a claim the lab cannot back.
 */

/** The size of a run, everything its time per iteration depends on (λ and the seed hardly matter). */
export interface RunSize {
  readonly trainSize: number;
  readonly hiddenLayers: readonly number[];
  /** Input image width × height (the input layer). */
  readonly width: number;
  readonly height: number;
  readonly optimizer: string;
  readonly impl: string;
}

/** A planned run: its size and how many iterations it will do. */
export interface PlannedRun extends RunSize {
  readonly iterations: number;
}

/** A finished run as the store lists it: its size, the iterations it did and how long training took. */
export interface TimedRun extends RunSize {
  readonly status: string;
  readonly lastIteration: number | null;
  readonly metrics: { readonly durationMs: number } | null;
}

export interface RunTimeEstimate {
  /** Sum over the planned runs of (median ms per iteration of earlier runs of its size) × its iterations. */
  readonly totalMs: number;
  /** Earlier runs the estimate rests on. */
  readonly basedOn: number;
}

const sizeKey = (r: RunSize) =>
  `${r.trainSize}|${r.hiddenLayers.join(',')}|${r.width}x${r.height}|${r.optimizer}|${r.impl}`;

/**
 * Training time of `planned` estimated from `earlier` finished runs (others are ignored): for each
 * planned run, the median ms per iteration of the finished runs of its size times its iterations.
 * Null when some planned run has no finished run of its size to go by, or nothing is planned.
 */
export function estimateTrainingMs(
  planned: readonly PlannedRun[],
  earlier: readonly TimedRun[],
): RunTimeEstimate | null {
  if (planned.length === 0) return null;
  const perIteration = new Map<string, number[]>();
  for (const r of earlier) {
    if (r.status !== 'finished' || !r.metrics || !r.lastIteration || r.lastIteration < 1) continue;
    const key = sizeKey(r);
    perIteration.set(key, [...(perIteration.get(key) ?? []), r.metrics.durationMs / r.lastIteration]);
  }
  let totalMs = 0;
  const used = new Set<string>();
  for (const p of planned) {
    const key = sizeKey(p);
    const times = perIteration.get(key);
    if (!times) return null;
    used.add(key);
    totalMs += median(times) * p.iterations;
  }
  const basedOn = [...used].reduce((n, key) => n + perIteration.get(key)!.length, 0);
  return { totalMs, basedOn };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
