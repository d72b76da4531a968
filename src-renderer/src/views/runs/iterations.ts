/**
 * The Runs table's "Iter." cell: the iterations a run did, not the ones it was given. A run whose
 * optimizer stopped before its budget (cg or L-BFGS finding no step that lowers J further) shows 188
 * with the note "converged at 188" under its name (the narrow column would push the table past a
 * 1024 px window); one cancelled or failed part-way says how far it got.
 */
import type { RunSummary } from '../../../../src-main/api/table';
import { formatCount } from '../../lib/format';

/** The cell's text, its tooltip and a note, from a run's status, iteration budget and last reported iteration. */
export function iterationsCell(r: Pick<RunSummary, 'status' | 'iterations' | 'lastIteration' | 'optimizer'>): {
  text: string;
  title: string;
  /** Said under the run's name: "converged at 188". */
  note?: string;
} {
  const unit = r.optimizer === 'sgd' ? 'epoch' : 'iteration';
  const planned = formatCount(r.iterations);
  const done = r.lastIteration;
  if (r.status === 'queued' || done === null) return { text: planned, title: `${planned} ${unit}s planned` };
  if (r.status === 'running')
    return { text: `${formatCount(done)} / ${planned}`, title: `at ${unit} ${formatCount(done)} of ${planned}` };
  if (done >= r.iterations) return { text: formatCount(done), title: `ran all ${planned} ${unit}s` };
  if (r.status === 'finished')
    return {
      text: formatCount(done),
      note: `converged at ${formatCount(done)}`,
      title: `The optimizer stopped at ${unit} ${formatCount(done)} of ${planned}: no step lowered J further.`,
    };
  return {
    text: `${formatCount(done)} / ${planned}`,
    title: `${r.status} at ${unit} ${formatCount(done)} of ${planned}`,
  };
}
