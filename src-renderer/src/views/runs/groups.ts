/**
 * The rows of one Runs page with a heading above each lesson sweep: consecutive runs of the same sweep
 * share one heading (with the default newest-first order a sweep's runs are always consecutive; sorted
 * otherwise they may split, and each part gets its own heading).
 */
import type { RunSummary } from '../../../../src-main/api/table';

export type TableItem =
  | { kind: 'group'; sweepId: number; runIds: number[]; key: string }
  | { kind: 'run'; run: RunSummary; grouped: boolean };

/** The page's runs in order, a group heading before every block of consecutive runs of one sweep. */
export function groupBySweep(rows: readonly RunSummary[]): TableItem[] {
  const items: TableItem[] = [];
  let group: Extract<TableItem, { kind: 'group' }> | null = null;
  for (const run of rows) {
    if (run.sweepId === null) group = null;
    else if (group === null || group.sweepId !== run.sweepId) {
      group = { kind: 'group', sweepId: run.sweepId, runIds: [], key: `sweep-${run.sweepId}-at-${run.id}` };
      items.push(group);
    }
    group?.runIds.push(run.id);
    items.push({ kind: 'run', run, grouped: group !== null });
  }
  return items;
}
