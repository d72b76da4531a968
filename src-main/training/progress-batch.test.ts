import { describe, expect, it } from 'vitest';
import type { ProgressPoint } from '../run/record';
import { ProgressBatch } from './progress-batch';

const point = (iteration: number): ProgressPoint => ({ iteration, cost: 7 - iteration, elapsedMs: 10 * iteration });

describe('ProgressBatch', () => {
  it('writes the points added before it is due in one write, in order', async () => {
    const writes: number[][] = [];
    let batch!: ProgressBatch;
    const due = new Promise<void>((resolve) => {
      batch = new ProgressBatch(
        (points) => writes.push(points.map((p) => p.iteration)),
        20,
        () => {
          batch.flush();
          resolve();
        },
      );
    });
    batch.add([point(0)]);
    batch.add([point(1), point(2)]);
    expect(writes).toEqual([]);
    await due;
    expect(writes).toEqual([[0, 1, 2]]);
  });

  it('flush writes what waits now and nothing when nothing waits', () => {
    const writes: number[][] = [];
    const batch = new ProgressBatch(
      (points) => writes.push(points.map((p) => p.iteration)),
      60_000,
      () => {
        throw new Error('flushed by hand, the timer must not fire');
      },
    );
    batch.flush();
    batch.add([point(3)]);
    batch.flush();
    batch.flush();
    expect(writes).toEqual([[3]]);
  });

  it('discard forgets the waiting points', () => {
    const writes: number[][] = [];
    const batch = new ProgressBatch(
      (points) => writes.push(points.map((p) => p.iteration)),
      60_000,
      () => {},
    );
    batch.add([point(4), point(5)]);
    batch.discard();
    batch.flush();
    expect(writes).toEqual([]);
  });

  it('a failed write throws to the caller and does not keep the points for a second try', () => {
    let calls = 0;
    const batch = new ProgressBatch(
      () => {
        calls++;
        throw new Error('database is locked');
      },
      60_000,
      () => {},
    );
    batch.add([point(6)]);
    expect(() => batch.flush()).toThrow('database is locked');
    batch.flush();
    expect(calls).toBe(1);
  });
});
