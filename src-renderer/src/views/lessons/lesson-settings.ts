/**
 * The settings a sweep lesson reads from its form (iterations, training examples m) and the base
 * request every such lesson sends: m training examples, 1,000 for validation and 1,000 for test.
 */
import { parseNumber } from '../new-run/run-form';
import type { SweepFollower } from './sweep-follower.svelte';

/** The most training examples a lesson may ask for, leaving room in the 10,000 for validation and test. */
export const LESSON_MAX_TRAIN = 8000;

/** The iterations typed into a lesson's settings, or the message saying what is wrong. */
export function lessonIterations(raw: string): number | string {
  const its = parseNumber(raw);
  if (typeof its === 'string' || !Number.isInteger(its) || its < 1) return 'Iterations: a whole number of at least 1.';
  return its;
}

/** The training examples m typed into a lesson's settings, or the message saying what is wrong. */
export function lessonTrainSize(raw: string): number | string {
  const m = parseNumber(raw);
  if (typeof m === 'string' || !Number.isInteger(m) || m < 1 || m > LESSON_MAX_TRAIN)
    return 'Training examples: a whole number from 1 to 8,000.';
  return m;
}

/** The base of a lesson's sweep: the runs train `iterations` times on m examples, validated and tested on 1,000 each. */
export function lessonBase(iterations: number, trainSize: number) {
  return { hyperparameters: { iterations }, dataset: { trainSize, validationSize: 1000, testSize: 1000 } };
}

/** The base read from a lesson's iterations and m fields (iterations checked first), or the first message saying what is wrong. */
export function readLessonBase(iterations: string, trainSize: string): ReturnType<typeof lessonBase> | string {
  const its = lessonIterations(iterations);
  if (typeof its === 'string') return its;
  const m = lessonTrainSize(trainSize);
  if (typeof m === 'string') return m;
  return lessonBase(its, m);
}

/**
 * Starts a lesson's sweep from its iterations and m fields. Answers the message saying what is wrong
 * with a field (nothing is started then) or null; a refused start shows as the follower's startError.
 */
export async function startLessonSweep(
  follower: Pick<SweepFollower, 'start'>,
  iterations: string,
  trainSize: string,
): Promise<string | null> {
  const base = readLessonBase(iterations, trainSize);
  if (typeof base === 'string') return base;
  await follower.start({ base });
  return null;
}
