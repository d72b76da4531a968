/**
 * What a sweep's lesson plots, computed from its runs when asked (never stored, so a run finishing
 * later or being deleted changes the picture at once): curve points and the best λ, spreads over
 * seeds, distinct hidden units after zero or random init, time per iteration of each implementation.
 */
import { hiddenUnitsIdentical } from '../lessons/symmetry';
import { bestLambda, curvePoints, spread, type Spread } from '../lessons/sweeps';
import type { RunStore, RunSummary, SweepKind } from '../store/types';
import type { ImplementationPoint, SweepPoints, SymmetryPoint } from './draw-and-lesson-schemas';

/** The points of a sweep of `kind` over `runs` (its runs in x order); unfinished runs are left out. */
export function sweepPoints(kind: SweepKind, runs: readonly RunSummary[], store: RunStore): SweepPoints {
  const finished = runs.filter((r) => r.status === 'finished' && r.metrics !== null);
  switch (kind) {
    case 'validation-curve': {
      const curve = curvePoints(finished, 'lambda');
      return { kind, curve, best: bestLambda(curve) };
    }
    case 'learning-curve':
      return { kind, curve: curvePoints(finished, 'trainSize') };
    case 'overfit':
      return { kind, curve: curvePoints(finished, 'lambda') };
    case 'seeds': {
      const of = (values: (number | null)[]) => spreadOrNull(values.filter((v): v is number => v !== null));
      const m = finished.map((r) => r.metrics!);
      return {
        kind,
        finalCost: of(m.map((x) => x.finalCost)),
        trainAccuracy: of(m.map((x) => x.trainAccuracy)),
        validationAccuracy: of(m.map((x) => x.validationAccuracy)),
        testAccuracy: of(m.map((x) => x.testAccuracy)),
      };
    }
    case 'symmetry':
      return { kind, runs: finished.map((r) => symmetryOf(r, store)) };
    case 'implementations':
      return implementationsOf(finished, store);
  }
}

/** A spread, or null where there is nothing to summarize (NaN would arrive as null over HTTP anyway). */
function spreadOrNull(values: number[]): Spread | null {
  return values.length === 0 ? null : spread(values);
}

function symmetryOf(run: RunSummary, store: RunStore): SymmetryPoint {
  const { sizes, theta } = store.getWeights(run.id);
  const s = hiddenUnitsIdentical(theta, sizes);
  return {
    runId: run.id,
    init: run.init,
    units: s.units,
    distinctUnits: s.distinctUnits,
    identical: s.identical,
    largestDifference: s.largestDifference,
  };
}

/**
 * Time per iteration of each run, and the largest |J_a − J_b| between any run's cost and the first run's
 * at the same iteration: 0 when the implementations agree to the last bit.
 */
function implementationsOf(runs: readonly RunSummary[], store: RunStore): SweepPoints {
  const points: ImplementationPoint[] = runs.map((r) => {
    const iterations = r.lastIteration ?? 0;
    return {
      runId: r.id,
      impl: r.impl,
      iterations,
      msPerIteration: iterations > 0 ? r.metrics!.durationMs / iterations : r.metrics!.durationMs,
      finalCost: r.metrics!.finalCost,
    };
  });
  if (runs.length < 2) return { kind: 'implementations', runs: points, largestCostDifference: null };
  const [first, ...others] = store.getHistories(runs.map((r) => r.id));
  const costAt = new Map(first.iteration.map((it, i) => [it, first.cost[i]]));
  let largest = 0;
  for (const h of others) {
    h.iteration.forEach((it, i) => {
      const reference = costAt.get(it);
      if (reference !== undefined) largest = Math.max(largest, Math.abs(h.cost[i] - reference));
    });
  }
  return { kind: 'implementations', runs: points, largestCostDifference: largest };
}
