import { describe, expect, it } from 'vitest';
import { LESSON_IDS, LESSONS, lessonDescription, type LessonId } from './descriptions';
import { OVERFIT_MEASURED } from './overfit-settings';
import { NEURON_SETUP } from './single-neuron';

/** Sentences end with . ? or ! followed by a space or the end; "0.12" or "1e-9" do not end one. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.?!]\)?)\s+(?=[A-Z(])/).filter((s) => s.trim().length > 0);
}

describe('lesson descriptions', () => {
  it('cover the eleven lessons, in order, once each', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([
      'gradient-check',
      'why-cost',
      'symmetry',
      'loop-vs-vectorized',
      'overfit-vs-regularized',
      'validation-curve',
      'learning-curve',
      'stuck',
      'training-evolution',
      'traps',
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

  it('the overfitting lesson leaves accuracies and their verdict to the table and the paired test', () => {
    const text = lessonDescription('overfit-vs-regularized').text;
    // No canned accuracy or gain: the view shows the measured table and tests the learner's own runs.
    expect(text).not.toMatch(/\d\s*%|points better/);
    expect(text).toContain('the paired test on them');
    expect(text).toContain(`seeds 1–${OVERFIT_MEASURED.length}`);
  });

  it('the choosing-λ lesson quotes no error rates of ours', () => {
    expect(lessonDescription('validation-curve').text).not.toMatch(/\d\s*%/);
  });

  it('the why-this-cost lesson derives δ and leaves every measured number to the view', () => {
    const text = lessonDescription('why-cost').text;
    expect(text).toContain('δ = a − y');
    expect(text).toContain('δ = (a − y)·a(1 − a)');
    expect(text).toContain(`input ${NEURON_SETUP.input}, target ${NEURON_SETUP.target}`);
    // No plateau length, output or epoch count: the view computes them from the neuron it trains.
    expect(text).not.toMatch(/epochs?\b|\b0\.\d/);
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
      "unknown lesson 'backprop': expected one of gradient-check, why-cost, symmetry,",
    );
  });
});
