/**
 * The test digits a finished run got wrong, kept with the run (deleted with it) so the run's page can
 * show them without the main process ever loading a dataset: the worker picks them and draws them.
 */
import type Database from 'better-sqlite3';
import { toBytes } from './codec';
import { invalid, isPng } from './validate';
import { MAX_MISCLASSIFIED_PER_RUN, type MisclassifiedDigit } from './types';

/**
 * Checks the digits finishRun (or an import) received against the run: at most the maximum, in
 * increasing test-set position, labels and predictions among the K classes, each wrong, each a PNG.
 */
export function checkMisclassified(
  digits: unknown,
  classes: number,
  where: string,
): asserts digits is MisclassifiedDigit[] {
  if (!Array.isArray(digits)) throw invalid(`${where}: misclassified must be a list`);
  if (digits.length > MAX_MISCLASSIFIED_PER_RUN) {
    throw invalid(`${where}: ${digits.length} misclassified digits, at most ${MAX_MISCLASSIFIED_PER_RUN} are kept`);
  }
  let previous = -1;
  digits.forEach((d: MisclassifiedDigit, i) => {
    const at = `${where}: misclassified[${i}]`;
    if (typeof d !== 'object' || d === null) throw invalid(`${at} must be an object {position, label, predicted, png}`);
    if (!Number.isSafeInteger(d.position) || d.position < 0)
      throw invalid(`${at}: position must be a whole number ≥ 0, got ${String(d.position)}`);
    if (d.position <= previous) throw invalid(`${at}: position ${d.position} does not come after position ${previous}`);
    for (const key of ['label', 'predicted'] as const) {
      if (!Number.isInteger(d[key]) || d[key] < 0 || d[key] >= classes) {
        throw invalid(`${at}: ${key} must be a class 0–${classes - 1}, got ${String(d[key])}`);
      }
    }
    if (d.label === d.predicted)
      throw invalid(`${at}: label and predicted are both ${d.label}, so the digit was classified right`);
    if (!isPng(d.png)) throw invalid(`${at}: png is not PNG bytes`);
    previous = d.position;
  });
}

/** Stores checked digits; the caller holds the transaction. */
export function insertMisclassified(db: Database.Database, runId: number, digits: readonly MisclassifiedDigit[]): void {
  const insert = db.prepare(
    'INSERT INTO misclassified (run_id, position, label, predicted, png) VALUES (?, ?, ?, ?, ?)',
  );
  for (const d of digits) insert.run(runId, d.position, d.label, d.predicted, d.png);
}

/** A run's digits in test-set order. */
export function selectMisclassified(db: Database.Database, runId: number): MisclassifiedDigit[] {
  const rows = db
    .prepare('SELECT position, label, predicted, png FROM misclassified WHERE run_id = ? ORDER BY position')
    .all(runId) as {
    position: number;
    label: number;
    predicted: number;
    png: Buffer;
  }[];
  return rows.map((r) => ({ position: r.position, label: r.label, predicted: r.predicted, png: toBytes(r.png) }));
}
