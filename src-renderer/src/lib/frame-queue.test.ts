import { describe, expect, it } from 'vitest';
import { FrameQueue } from './frame-queue';

// Node has no requestAnimationFrame, so the queue takes its timer path here: the batching is the same.
describe('FrameQueue', () => {
  it('delivers everything pushed before a flush as one batch, in order', async () => {
    const batches: number[][] = [];
    const q = new FrameQueue<number>((b) => batches.push(b), 5);
    for (let i = 0; i < 1000; i++) q.push(i);
    await new Promise((r) => setTimeout(r, 30));
    expect(batches.length).toBe(1);
    expect(batches[0].length).toBe(1000);
    expect(batches[0][0]).toBe(0);
    expect(batches[0][999]).toBe(999);
    q.push(1000);
    await new Promise((r) => setTimeout(r, 30));
    expect(batches).toEqual([batches[0], [1000]]);
  });
  it('delivers nothing after clear', async () => {
    const batches: number[][] = [];
    const q = new FrameQueue<number>((b) => batches.push(b), 5);
    q.push(1);
    q.clear();
    await new Promise((r) => setTimeout(r, 30));
    expect(batches).toEqual([]);
  });
});
