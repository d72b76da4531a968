import { describe, expect, it } from 'vitest';
import { ElapsedClock, wallElapsedMs } from './elapsed';

describe('wallElapsedMs', () => {
  it('counts from the start the store recorded to now, or to the end', () => {
    expect(wallElapsedMs({ status: 'queued', startedAt: null, finishedAt: null }, 5000)).toBe(0);
    expect(wallElapsedMs({ status: 'running', startedAt: 1000, finishedAt: null }, 3500)).toBe(2500);
    expect(wallElapsedMs({ status: 'finished', startedAt: 1000, finishedAt: 5000 }, 9000)).toBe(4000);
    expect(wallElapsedMs({ status: 'cancelled', startedAt: 1000, finishedAt: 1800 }, 9000)).toBe(800);
  });
  it('does not know the time of a run that ended before its end time arrived', () => {
    expect(wallElapsedMs({ status: 'finished', startedAt: 1000, finishedAt: null }, 9000)).toBeNull();
    expect(wallElapsedMs({ status: 'interrupted', startedAt: null, finishedAt: 2000 }, 9000)).toBeNull();
  });
});

describe('ElapsedClock', () => {
  it('never steps back as the run starts, reports its first point and ends (the walkthrough saw 2.5 s → 2.3 s)', () => {
    const clock = new ElapsedClock();
    const running = { status: 'running' as const, startedAt: 1000, finishedAt: null };
    const readings = [
      clock.read({ status: 'queued', startedAt: null, finishedAt: null }, 500),
      // running, data loading: 2.5 s after the start
      clock.read(running, 3500),
      // the first cost point arrived (the optimizer's own clock says 0 ms): the wall clock goes on
      clock.read(running, 3700),
      clock.read(running, 4900),
      // a tick after the run ended, before its final status arrived
      clock.read(running, 5300),
      // ended at 5000 (4.0 s): the 4.3 s already shown stands
      clock.read({ status: 'finished', startedAt: 1000, finishedAt: 5000 }, 5400),
      clock.read({ status: 'finished', startedAt: 1000, finishedAt: 5000 }, 9000),
    ];
    expect(readings).toEqual([0, 2500, 2700, 3900, 4300, 4300, 4300]);
  });
  it('reads the full wall time of a run opened after it ended', () => {
    const clock = new ElapsedClock();
    expect(clock.read({ status: 'finished', startedAt: 1000, finishedAt: 5000 }, 99_000)).toBe(4000);
  });
  it('holds its reading while an ended run has no end time yet, and when the clock of `now` jumps back', () => {
    const clock = new ElapsedClock();
    expect(clock.read({ status: 'running', startedAt: 1000, finishedAt: null }, 4000)).toBe(3000);
    expect(clock.read({ status: 'running', startedAt: 1000, finishedAt: null }, 3000)).toBe(3000);
    expect(clock.read({ status: 'cancelled', startedAt: 1000, finishedAt: null }, 4500)).toBe(3000);
  });
});
