/**
 * "Run again with one change": the New run form filled in from a stored run, so that starting it
 * unchanged trains the same network from the same Θ₀ (same seed, init, ε, layers) on the same split
 * (same source, files, sizes, data seed and reading options). The user changes one thing and Start;
 * Compare's "differences only" then shows just that change.
 */
import type { DatasetSpec, Hyperparameters } from '../../../../src-main/api/table';
import { formOf, type RunForm } from './run-form';

/** What of a run the form needs. */
export interface RunSettings {
  name: string;
  hyperparameters: Hyperparameters;
  dataset: DatasetSpec;
}

/** The form of `run`'s settings, and what could not be carried over (said to the user beside the form). */
export function formFromRun(run: RunSettings): { form: RunForm; notes: string[] } {
  const h = run.hyperparameters;
  const d = run.dataset;
  const notes: string[] = [];
  if (h.init === 'file') {
    notes.push(
      'This run started from weights read from a file, which New run does not offer: it starts from random weights.',
    );
  }
  if (d.source !== 'mnist' && d.stratify === false) {
    notes.push(
      'This run split its data by a plain shuffle; New run splits your own data by class (stratified), so the split will differ.',
    );
  }
  const form = formOf(h, d);
  return { form, notes };
}
