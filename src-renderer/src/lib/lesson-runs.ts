/**
 * Lesson runs: every sweep is started by a lesson, so a run's sweep says which lesson made it. The
 * Runs view groups them under their lesson and hides them unless asked.
 */
import type { SweepKind } from '../../../src-main/api/table';
import { lessonDescription, type LessonId } from '../../../src-main/lessons/descriptions';

/** The lesson that starts each kind of sweep. */
export const LESSON_OF_SWEEP: Record<SweepKind, LessonId> = {
  'validation-curve': 'validation-curve',
  'learning-curve': 'learning-curve',
  seeds: 'stuck',
  symmetry: 'symmetry',
  implementations: 'loop-vs-vectorized',
  overfit: 'overfit-vs-regularized',
};

/** The title of the lesson behind a sweep: "Overfitting and λ", "Learning curve", … */
export function lessonTitleOf(kind: SweepKind): string {
  return lessonDescription(LESSON_OF_SWEEP[kind]).title;
}
