import { describe, expect, it } from 'vitest';
import { endingText } from './ending';

describe('endingText', () => {
  it('says how one run stopped, never "Training is over" for a cancelled run', () => {
    expect(endingText([{ status: 'finished', lastIteration: 50, total: 50, started: true }])).toBe(
      'Training finished.',
    );
    expect(endingText([{ status: 'cancelled', lastIteration: 120, total: 4000, started: true }])).toBe(
      'Cancelled at iteration 120 of 4,000: training was stopped before the end.',
    );
    expect(endingText([{ status: 'failed', lastIteration: 3, total: 50, started: true }], 'epoch')).toBe(
      'Training failed at epoch 3 of 50.',
    );
    expect(endingText([{ status: 'interrupted', lastIteration: 7, total: 50, started: true }])).toBe(
      'Interrupted at iteration 7 of 50: the process training it stopped before the run ended.',
    );
  });
  it('tells a run cancelled in the queue from one stopped while training', () => {
    expect(endingText([{ status: 'cancelled', lastIteration: 0, total: 4000, started: false }])).toBe(
      'Cancelled while queued: it never started training.',
    );
  });
  it('counts the endings of several runs', () => {
    const finished = { status: 'finished' as const, lastIteration: 50, total: 50, started: true };
    const cancelled = { status: 'cancelled' as const, lastIteration: 9, total: 50, started: true };
    expect(endingText([finished, finished])).toBe('Both runs finished.');
    expect(endingText([finished, finished, finished])).toBe('All 3 runs finished.');
    expect(endingText([cancelled, finished, finished])).toBe('2 finished, 1 cancelled.');
  });
});
