/**
 * What the run pickers (Draw, Backprop, the hidden-layer replay) offer: the learner's own runs first,
 * newest first, and the lessons' runs (runs of a sweep) only when asked for, after them. Fifty lesson
 * runs with repeated names ahead of the learner's "Run 1" made the picker a search; a lesson run
 * asked for by id (opened from its Run detail) is offered even when lesson runs are hidden.
 */
import type { RunSummary } from '../../../src-main/api/table';

/** Whether the pickers show lesson runs: a way of looking, kept across visits and shared by the pickers. */
const SHOW_KEY = 'backprop-lab.pickers.showLessonRuns';

/** The remembered choice; false (lesson runs left out) unless the learner ticked the box. */
export function readShowLessonRuns(): boolean {
  try {
    return globalThis.localStorage?.getItem(SHOW_KEY) === '1';
  } catch {
    return false;
  }
}

/** Remembers the choice for the next picker and visit. */
export function writeShowLessonRuns(show: boolean): void {
  try {
    globalThis.localStorage?.setItem(SHOW_KEY, show ? '1' : '0');
  } catch {
    // storage refused (private window): the box still works for this page
  }
}

export type PickerRun = Pick<RunSummary, 'id' | 'name' | 'createdAt' | 'sweepId'>;

const newestFirst = (a: PickerRun, b: PickerRun) => b.createdAt - a.createdAt || b.id - a.id;

/**
 * The runs a picker lists: own runs (no sweep) newest first, then, when `showLessonRuns`, the lesson
 * runs newest first; `keep` (a run id asked for) stays in whatever it is. Each run once.
 */
export function pickerRuns<T extends PickerRun>(
  runs: readonly T[],
  showLessonRuns: boolean,
  keep: number | null = null,
): T[] {
  const seen = new Set<number>();
  const unique = runs.filter((r) => !seen.has(r.id) && seen.add(r.id));
  const own = unique.filter((r) => r.sweepId === null).sort(newestFirst);
  const lesson = unique.filter((r) => r.sweepId !== null).sort(newestFirst);
  if (showLessonRuns) return [...own, ...lesson];
  const kept = lesson.filter((r) => r.id === keep);
  return [...kept, ...own];
}

/** How many lesson runs the picker leaves out. */
export function hiddenLessonRuns(
  runs: readonly PickerRun[],
  showLessonRuns: boolean,
  keep: number | null = null,
): number {
  if (showLessonRuns) return 0;
  return new Set(runs.filter((r) => r.sweepId !== null && r.id !== keep).map((r) => r.id)).size;
}

/** A run's name in a picker: a name several listed runs share gets its run number ("Run 1 · #12"). */
export function pickerName(run: PickerRun, listed: readonly PickerRun[]): string {
  const shared = listed.filter((r) => r.name === run.name).length > 1;
  return shared ? `${run.name} · #${run.id}` : run.name;
}
