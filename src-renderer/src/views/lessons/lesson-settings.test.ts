import { describe, expect, it } from 'vitest';
import { lessonBase, lessonIterations, lessonTrainSize, readLessonBase, startLessonSweep } from './lesson-settings';

describe('lessonIterations', () => {
  it('reads a whole number of at least 1', () => {
    expect(lessonIterations('20')).toBe(20);
    expect(lessonIterations(' 1 ')).toBe(1);
  });
  it('refuses 0, fractions, negatives and words with one message', () => {
    for (const raw of ['0', '2.5', '-3', 'ten', ''])
      expect(lessonIterations(raw)).toBe('Iterations: a whole number of at least 1.');
  });
});

describe('lessonTrainSize', () => {
  it('reads m from 1 to 8,000', () => {
    expect(lessonTrainSize('1')).toBe(1);
    expect(lessonTrainSize('8000')).toBe(8000);
  });
  it('refuses 0, 8,001, fractions and words with one message', () => {
    for (const raw of ['0', '8001', '300.5', 'many', ''])
      expect(lessonTrainSize(raw)).toBe('Training examples: a whole number from 1 to 8,000.');
  });
});

describe('lessonBase', () => {
  it('trains on m examples and keeps 1,000 each for validation and test', () => {
    expect(lessonBase(50, 1000)).toEqual({
      hyperparameters: { iterations: 50 },
      dataset: { trainSize: 1000, validationSize: 1000, testSize: 1000 },
    });
  });
});

describe('readLessonBase', () => {
  it('reads both fields into the base', () => {
    expect(readLessonBase('20', '500')).toEqual({
      hyperparameters: { iterations: 20 },
      dataset: { trainSize: 500, validationSize: 1000, testSize: 1000 },
    });
  });
  it('names the iterations first when both are wrong, then m', () => {
    expect(readLessonBase('0', '0')).toBe('Iterations: a whole number of at least 1.');
    expect(readLessonBase('1', '9000')).toBe('Training examples: a whole number from 1 to 8,000.');
  });
});

describe('startLessonSweep', () => {
  // A follower that only records what it was asked to start: the sweep itself is e2e/lessons.spec.ts's.
  const recorder = () => {
    const started: unknown[] = [];
    return {
      started,
      follower: {
        start: async (request: unknown) => {
          started.push(request);
          return null;
        },
      },
    };
  };
  it('starts the sweep with the base read from the fields and answers null', async () => {
    const { started, follower } = recorder();
    expect(await startLessonSweep(follower, '50', '1000')).toBeNull();
    expect(started).toEqual([
      {
        base: {
          hyperparameters: { iterations: 50 },
          dataset: { trainSize: 1000, validationSize: 1000, testSize: 1000 },
        },
      },
    ]);
  });
  it('starts nothing and names the wrong field', async () => {
    const { started, follower } = recorder();
    expect(await startLessonSweep(follower, '50', 'ten')).toBe('Training examples: a whole number from 1 to 8,000.');
    expect(started).toEqual([]);
  });
});
