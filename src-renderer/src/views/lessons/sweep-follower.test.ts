/**
 * SweepFollower against real training: a two-λ validation curve on 200 bundled digits is started
 * through it, followed by run events to the end, and deleted; a follower of another kind sees none of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindRealApi, until, type TestApi } from '../../lib/testing/real-api';

let t: TestApi;
let SweepFollower: typeof import('./sweep-follower.svelte').SweepFollower;

beforeAll(async () => {
  t = await bindRealApi('sweep-follower-');
  ({ SweepFollower } = await import('./sweep-follower.svelte'));
}, 120_000);
afterAll(() => t?.close());

const TINY = { trainSize: 200, validationSize: 100, testSize: 100, dataSeed: 1 };
const base = { hyperparameters: { hiddenLayers: [10], iterations: 10, impl: 'vectorized' }, dataset: TINY };

describe('SweepFollower follows a real sweep', () => {
  it('an empty lab: nothing listed, nothing shown, loading ends', async () => {
    const f = new SweepFollower('validation-curve');
    try {
      await until('the list to load', () => !f.loading);
      expect(f.sweeps).toEqual([]);
      expect(f.selectedId).toBeNull();
      expect(f.view).toBeNull();
      expect(f.progress).toBeNull();
      expect(f.error).toBeNull();
    } finally {
      f.dispose();
    }
  });

  it('start shows the new sweep and follows its runs to the end; a later follower resumes it; remove forgets it', async () => {
    const f = new SweepFollower('validation-curve');
    const other = new SweepFollower('learning-curve');
    try {
      await until('the list to load', () => !f.loading);
      const started = await f.start({ name: 'Two λ', base, lambdas: [1, 0] } as never);
      expect(started).not.toBeNull();
      const { sweepId, runIds } = started!;
      expect(runIds).toHaveLength(2);
      expect(f.selectedId).toBe(sweepId);
      expect(f.starting).toBe(false);
      await until('both runs to finish', () => f.progress?.done === 2 && !f.active, 90_000);
      expect(f.progress).toEqual({ done: 2, finished: 2, total: 2, fraction: 1 });
      // The sweep lists its runs by λ, the curve's order: λ = 0 (started second) first.
      const [one, zero] = runIds;
      expect(f.view!.sweep).toMatchObject({
        id: sweepId,
        kind: 'validation-curve',
        name: 'Two λ',
        runIds: [zero, one],
      });
      expect(f.view!.runs.map((r) => [r.id, r.lambda, r.status])).toEqual([
        [zero, 0, 'finished'],
        [one, 1, 'finished'],
      ]);
      expect(f.sweeps.map((s) => [s.id, s.kind, s.name])).toEqual([[sweepId, 'validation-curve', 'Two λ']]);
      await until('the other kind to load', () => !other.loading);
      expect(other.sweeps).toEqual([]);

      const later = new SweepFollower('validation-curve');
      try {
        await until('the newest sweep to be shown', () => later.view !== null);
        expect(later.selectedId).toBe(sweepId);
        expect(later.progress).toEqual({ done: 2, finished: 2, total: 2, fraction: 1 });
      } finally {
        later.dispose();
      }

      await f.remove(sweepId);
      expect(f.sweeps).toEqual([]);
      expect(f.selectedId).toBeNull();
      expect(f.view).toBeNull();
      // Its runs stay, as ordinary runs.
      expect((await t.value('runs.get', [runIds[0]])).status).toBe('finished');
    } finally {
      f.dispose();
      other.dispose();
    }
  }, 120_000);

  it('a start the lab refuses: null, and the message is kept', async () => {
    const f = new SweepFollower('validation-curve');
    try {
      await until('the list to load', () => !f.loading);
      const shown = f.selectedId;
      expect(await f.start({ base, lambdas: [] } as never)).toBeNull();
      expect(f.startError).toBe('Must have at least 1 items, got 0');
      expect(f.starting).toBe(false);
      expect(f.selectedId).toBe(shown);
    } finally {
      f.dispose();
    }
  });
});
