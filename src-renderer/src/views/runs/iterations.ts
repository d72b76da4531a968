/**
 * The Runs table's "Iter." cell: the iterations a run did, not the ones it was given. A run whose
 * optimizer stopped before its budget (cg or L-BFGS finding no step that lowers J further) says
 * "converged at 188"; one cancelled or failed part-way says how far it got.
 */
import type { RunSummary } from '../../../../src-main/api/table';
import { formatCount } from '../../lib/format';

/** The cell's text and its tooltip, from a run's status, iteration budget and last reported iteration. */
export function iterationsCell(r: Pick<RunSummary, 'status' | 'iterations' | 'lastIteration' | 'optimizer'>): {
  text: string;
  title: string;
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
      text: `converged at ${formatCount(done)}`,
      title: `The optimizer stopped at ${unit} ${formatCount(done)} of ${planned}: no step lowered J further.`,
    };
  return {
    text: `${formatCount(done)} / ${planned}`,
    title: `${r.status} at ${unit} ${formatCount(done)} of ${planned}`,
  };
}
