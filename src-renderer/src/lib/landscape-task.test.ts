/**
 * LandscapeTask against the real cost-surface thread: progress from the thread's events, a finished
 * line, a plane cancelled half-way, and a newer request superseding an older one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LandscapeLineJson, LandscapePlaneJson } from '../../../src-main/api/table';
import { bindRealApi, until, type TestApi } from './testing/real-api';

let t: TestApi;
let LandscapeTask: typeof import('./landscape-task.svelte').LandscapeTask;
let api: typeof import('./api').api;
let runId: number;

beforeAll(async () => {
  t = await bindRealApi('landscape-task-');
  ({ LandscapeTask } = await import('./landscape-task.svelte'));
  ({ api } = await import('./api'));
  const { ids } = await t.value('training.start', [
    {
      // 5,000 examples, so an 81 × 81 plane takes long enough to be cancelled in the middle.
      hyperparameters: { iterations: 10 },
      dataset: { trainSize: 5000, validationSize: 500, testSize: 500, dataSeed: 1 },
    },
  ]);
  runId = ids[0];
  await until('the run to finish', () => t.events.some((e) => e.name === 'run.done' && e.payload.runId === runId));
}, 180_000);
afterAll(() => t?.close());

describe('LandscapeTask', () => {
  it('a line: running, then done with the result and its progress counted to the total', async () => {
    const task = new LandscapeTask<LandscapeLineJson>('line');
    try {
      expect(task.state).toBe('idle');
      const running = task.run((requestId) => api.landscape.line({ runId, points: 21, requestId }));
      expect(task.state).toBe('running');
      await running;
      expect(task.state).toBe('done');
      expect(task.result?.alphas).toHaveLength(21);
      expect(task.error).toBeNull();
      // Progress events come through the frame queue (a timer in Node): wait for the last one.
      await until('the last progress event', () => task.total > 0 && task.done === task.total);
      expect(task.fraction).toBe(1);
    } finally {
      task.dispose();
    }
  }, 60_000);

  it('cancel: the thread stops and the state is cancelled, with no result', async () => {
    const task = new LandscapeTask<LandscapePlaneJson>('plane');
    try {
      const running = task.run((requestId) => api.landscape.plane({ runId, grid: 81, requestId }));
      await until('the first progress event', () => task.done > 0);
      task.cancel();
      await running;
      expect(task.state).toBe('cancelled');
      expect(task.result).toBeNull();
      expect(task.done).toBeLessThan(task.total);
    } finally {
      task.dispose();
    }
  }, 60_000);

  it('a newer run supersedes an older one: the older answer, arriving last, is dropped', async () => {
    const task = new LandscapeTask<LandscapeLineJson>('line');
    try {
      // The older request answers only after the newer one has: its late answer must not replace the newer's.
      let answerOlder: (line: LandscapeLineJson) => void = () => {};
      const older = task.run(() => new Promise<LandscapeLineJson>((resolve) => (answerOlder = resolve)));
      const newer = task.run((requestId) => api.landscape.line({ runId, points: 31, requestId }));
      await newer;
      expect(task.state).toBe('done');
      const late = (await api.landscape.line({ runId, points: 11 }))!;
      answerOlder(late);
      await older;
      expect(task.state).toBe('done');
      expect(task.result?.alphas).toHaveLength(31);
    } finally {
      task.dispose();
    }
  }, 60_000);

  it('a failing request: the error in the lab’s words, state error', async () => {
    const task = new LandscapeTask<LandscapeLineJson>('line');
    try {
      await task.run((requestId) => api.landscape.line({ runId: 987_654, requestId }));
      expect(task.state).toBe('error');
      expect(task.error).toMatch(/987654/);
      expect(task.result).toBeNull();
    } finally {
      task.dispose();
    }
  }, 60_000);
});
