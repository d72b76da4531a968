import { describe, expect, it } from 'vitest';
import { hiddenLessonRuns, pickerName, pickerRuns } from './run-picker';

// Two own runs and three lesson runs (two with one name), created in id order.
const runs = [
  { id: 1, name: 'Run 1', createdAt: 100, sweepId: null },
  { id: 2, name: 'Overfitting lesson · λ = 0 · seed 1', createdAt: 200, sweepId: 1 },
  { id: 3, name: 'Overfitting lesson · λ = 0 · seed 1', createdAt: 300, sweepId: 2 },
  { id: 4, name: 'My λ = 3', createdAt: 400, sweepId: null },
  { id: 5, name: 'Symmetry lesson · random Θ₀', createdAt: 500, sweepId: 3 },
];

describe('pickerRuns', () => {
  it('own runs only, newest first, unless lesson runs are asked for', () => {
    expect(pickerRuns(runs, false).map((r) => r.id)).toEqual([4, 1]);
    expect(hiddenLessonRuns(runs, false)).toBe(3);
  });
  it('lesson runs after the own ones, newest first, when asked for', () => {
    expect(pickerRuns(runs, true).map((r) => r.id)).toEqual([4, 1, 5, 3, 2]);
    expect(hiddenLessonRuns(runs, true)).toBe(0);
  });
  it('keeps a lesson run asked for by id, first, and lists each run once', () => {
    expect(pickerRuns([...runs, runs[2]], false, 3).map((r) => r.id)).toEqual([3, 4, 1]);
    expect(hiddenLessonRuns(runs, false, 3)).toBe(2);
  });
});

describe('pickerName', () => {
  it('tells runs with one name apart by their number', () => {
    expect(pickerName(runs[1], runs)).toBe('Overfitting lesson · λ = 0 · seed 1 · #2');
    expect(pickerName(runs[0], runs)).toBe('Run 1');
  });
});
