/**
 * The Traps lesson's tables, read off the runs of one trap as stored: the health of the first snapshot
 * (Θ₀) and of the last, the cost curve, the run's status. Pure, so the numbers shown are the ones tested.
 */
import {
  type CostHistory,
  type RunDetail,
  type RunHealth,
  biasGradients,
  costTrouble,
  firstSnapshot,
  saturatedOf,
  type BiasGradients,
  type CostTrouble,
  type TrapRun,
} from '../../../../src-main/api/table';
import { historyPoints, seriesColor, type ChartSeries } from '../../lib/chart';
import { measureCurve, type CurveMeasure } from './cost-pair-view';

/** One run of a trap's set as a read-out gets it: null parts until the run exists or has them. */
export interface TrapMember {
  plan: TrapRun;
  run: RunDetail | null;
  history: CostHistory | null;
  health: RunHealth['health'];
}

type Health = Pick<TrapMember, 'health'>;
type Curve = { history: Pick<CostHistory, 'iteration' | 'cost'> | null };

/** Vanishing gradients: ‖∂J/∂b‖ of each hidden layer at the first snapshot, and first / last. */
export function vanishingRow(m: Health): (BiasGradients & { iteration: number }) | null {
  const first = firstSnapshot(m.health);
  return first ? { iteration: first.iteration, ...biasGradients(first.layers) } : null;
}

/** Saturation: layer 2's saturated fraction at the first and last snapshot, and J measured at iteration k. */
export function saturationRow(
  m: Health & Curve,
  k: number,
): { start: number | null; end: number | null; endIteration: number | null; curve: CurveMeasure | null } {
  const first = firstSnapshot(m.health);
  const last = m.health.length ? m.health.reduce((a, b) => (b.iteration > a.iteration ? b : a)) : null;
  return {
    start: first ? saturatedOf(first.layers) : null,
    end: last ? saturatedOf(last.layers) : null,
    endIteration: last?.iteration ?? null,
    curve: m.history ? measureCurve(m.history, k) : null,
  };
}

/** Learning rate: what the J curve did; a failed run that stopped on a cost not finite counts as diverged. */
export function rateRow(m: Curve & { run: Pick<RunDetail, 'status' | 'failureReason'> | null }): CostTrouble | null {
  if (!m.history || m.history.cost.length === 0) return null;
  const trouble = costTrouble(m.history.cost);
  const stopped = m.run?.status === 'failed' && /the cost became (Infinity|NaN)/.test(m.run.failureReason ?? '');
  return stopped ? { ...trouble, kind: 'diverged' } : trouble;
}

/** The set's cost curves for CostChart: one per member that has a run, coloured by its place in the set. */
export function trapCurves(members: readonly Pick<TrapMember, 'plan' | 'run' | 'history'>[]): ChartSeries[] {
  return members.flatMap((m, k) =>
    m.run ? [{ id: m.run.id, label: m.plan.label, color: seriesColor(k), points: historyPoints(m.history) }] : [],
  );
}
