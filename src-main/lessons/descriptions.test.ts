import { describe, expect, it } from 'vitest';
import { LESSON_IDS, LESSONS, lessonDescription, type LessonId } from './descriptions';
import { OVERFIT_MEASURED } from './overfit-settings';

/** Sentences end with . ? or ! followed by a space or the end; "0.12" or "1e-9" do not end one. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.?!]\)?)\s+(?=[A-Z(])/).filter((s) => s.trim().length > 0);
}

describe('lesson descriptions', () => {
  it('cover the nine lessons, in order, once each', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([
      'gradient-check',
      'symmetry',
      'loop-vs-vectorized',
      'overfit-vs-regularized',
      'validation-curve',
      'learning-curve',
      'stuck',
      'training-evolution',
      'draw',
    ]);
    expect(LESSON_IDS).toEqual(LESSONS.map((l) => l.id));
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: a title, a question and 3–6 sentences', (_id, lesson) => {
    expect(lesson.title.length).toBeGreaterThan(0);
    expect(lesson.question.endsWith('?')).toBe(true);
    const count = sentences(lesson.text).length;
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(6);
    expect(lesson.text.trim().endsWith('.')).toBe(true);
  });

  it('the overfitting lesson quotes the measured accuracies (ranges per λ) and leaves their verdict to the paired test', () => {
    const text = lessonDescription('overfit-vs-regularized').text;
    const pct = (v: number) => (v * 100).toFixed(1);
    const range = (vs: number[]) => `${pct(Math.min(...vs))}–${pct(Math.max(...vs))}%`;
    const of = (k: 'regularized' | 'unregularized', set: 'validation' | 'test') =>
      OVERFIT_MEASURED.map((s) => s[k][set]);
    expect(text).toContain(`λ = 1 scores ${range(of('regularized', 'validation'))} on validation`);
    expect(text).toContain(`and ${range(of('regularized', 'test'))} on test`);
    expect(text).toContain(
      `against ${range(of('unregularized', 'validation'))} and ${range(of('unregularized', 'test'))}`,
    );
    // The verdict on the gain is not written in the text: the view computes it (the paired test) below.
    expect(text).toContain('each seed, and the paired test on them, below');
    expect(text).not.toMatch(/points better on every seed/);
    expect(text).toContain(`seeds 1–${OVERFIT_MEASURED.length}`);
    expect(OVERFIT_MEASURED.every((s) => s.unregularized.train === 1 && s.regularized.train === 1)).toBe(true);
  });

  it('state the numbers the code uses', () => {
    expect(lessonDescription('gradient-check').text).toContain('1e-9');
    expect(lessonDescription('symmetry').text).toContain('ε = 0.12');
    expect(lessonDescription('validation-curve').text).toContain('1 − accuracy');
    expect(lessonDescription('draw').text).toContain('20×20');
    expect(lessonDescription('draw').text).toContain('28×28');
  });

  it('counts sentences the way the check above assumes', () => {
    expect(sentences('One, with ε = 0.12 and 1e-9. Two? (Three.) Four.')).toHaveLength(4);
  });

  it('names the known lessons for an unknown id', () => {
    expect(() => lessonDescription('backprop' as LessonId)).toThrow(
      "unknown lesson 'backprop': expected one of gradient-check, symmetry,",
    );
  });
});
