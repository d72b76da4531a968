import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiEvent } from '../api/table';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import { EVENTS_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from './guard';
import { startHost, type Host } from './server';

// Training end to end through the web host: HTTP to start and cancel, the WebSocket for what happens,
// the built worker in real child processes, a real database file.
let dir: string;
let host: Host;
let ws: WebSocket;
const received: ApiEvent[] = [];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the raw JSON envelope the host sent; a wrong shape fails the test's assertions
async function call(channel: string, args: unknown[]): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return res.json();
}

async function waitForEvent(what: string, match: (e: ApiEvent) => boolean, timeoutMs = 30_000): Promise<ApiEvent> {
  for (const start = Date.now(); Date.now() - start < timeoutMs; await new Promise((r) => setTimeout(r, 25))) {
    const found = received.find(match);
    if (found) return found;
  }
  throw new Error(`timed out waiting for ${what}; got ${received.map((e) => e.name).join(', ')}`);
}

const SMALL = { source: 'mnist', trainSize: 200, validationSize: 50, testSize: 50, dataSeed: 1 };

beforeAll(async () => {
  const workerPath = await ensureBuiltWorker();
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'host-training-')));
  host = await startHost({ port: 0, dbPath: path.join(dir, 'runs.db'), rendererDir: dir, workerPath, concurrency: 2 });
  ws = new WebSocket(`ws://127.0.0.1:${host.port}/events`, [EVENTS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${host.token}`]);
  ws.on('message', (data) => received.push(...(JSON.parse(String(data)) as ApiEvent[])));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
}, 120_000);

afterAll(async () => {
  ws?.close();
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('training through the host', () => {
  it('trains a small run: queued, running, progress with decreasing J, snapshots, done with metrics', async () => {
    const r = await call('training.start', [
      { name: 'small', hyperparameters: { iterations: 8, hiddenLayers: [10] }, dataset: SMALL },
    ]);
    expect(r.ok).toBe(true);
    const [id] = r.value.ids as number[];
    const done = await waitForEvent('run.done', (e) => e.name === 'run.done' && e.payload.runId === id);
    expect(done.payload).toMatchObject({ runId: id, failureReason: null, status: 'finished' });
    const metrics = (done.payload as { metrics: { trainAccuracy: number; finalCost: number } }).metrics;
    expect(metrics.trainAccuracy).toBeGreaterThanOrEqual(0);
    expect(metrics.trainAccuracy).toBeLessThanOrEqual(1);

    const mine = received.filter((e) => 'runId' in e.payload && e.payload.runId === id);
    const statuses = mine.filter((e) => e.name === 'run.status').map((e) => (e.payload as { status: string }).status);
    expect(statuses).toEqual(['queued', 'running', 'finished']);
    const progress = mine
      .filter((e) => e.name === 'run.progress')
      .map((e) => e.payload as { iteration: number; cost: number });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.map((p) => p.iteration)).toEqual([...progress.map((p) => p.iteration)].sort((a, b) => a - b));
    expect(progress[progress.length - 1].cost).toBeLessThan(progress[0].cost);
    expect(mine.some((e) => e.name === 'run.snapshot')).toBe(true);

    // What the events said is what the store kept.
    const detail = (await call('runs.get', [id])).value;
    expect(detail).toMatchObject({ name: 'small', status: 'finished', hiddenSize: 10 });
    expect(detail.metrics).toEqual(metrics);
    const [history] = (await call('runs.histories', [[id]])).value;
    expect(history.cost).toEqual(progress.map((p) => p.cost));
    const snap = (await call('runs.snapshot', [id, 0])).value;
    expect(Buffer.from(snap.gridPng, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(snap.unitPngs).toHaveLength(10);
    const weights = (await call('runs.weights', [id])).value;
    expect(weights.sizes).toEqual([784, 10, 10]);
    expect(weights.theta).toHaveLength(10 * 785 + 10 * 11);
  });

  it('starts several runs with consecutive seeds', async () => {
    const r = await call('training.start', [
      { name: 'seeds', hyperparameters: { iterations: 2, seed: 7, hiddenLayers: [4] }, dataset: SMALL, count: 3 },
    ]);
    const ids = r.value.ids as number[];
    expect(ids).toHaveLength(3);
    for (const id of ids) await waitForEvent(`run ${id} done`, (e) => e.name === 'run.done' && e.payload.runId === id);
    const runs = await Promise.all(ids.map(async (id) => (await call('runs.get', [id])).value));
    expect(runs.map((d) => [d.name, d.seed, d.status, d.failureReason])).toEqual([
      ['seeds · seed 7', 7, 'finished', null],
      ['seeds · seed 8', 8, 'finished', null],
      ['seeds · seed 9', 9, 'finished', null],
    ]);
  });

  it('cancels a long run, and deletes a training run after stopping it', async () => {
    const long = { hyperparameters: { iterations: 100_000 }, dataset: SMALL };
    const a = (await call('training.start', [long])).value.ids[0];
    const b = (await call('training.start', [long])).value.ids[0];
    await waitForEvent('a running', (e) => e.name === 'run.progress' && e.payload.runId === a);
    expect(await call('training.cancel', [a])).toEqual({ ok: true, value: null });
    const done = await waitForEvent('a cancelled', (e) => e.name === 'run.done' && e.payload.runId === a);
    expect(done.payload).toMatchObject({ status: 'cancelled', metrics: null });
    expect((await call('runs.get', [a])).value.status).toBe('cancelled');

    await waitForEvent(
      'b running',
      (e) => e.name === 'run.status' && e.payload.runId === b && e.payload.status === 'running',
    );
    expect(await call('runs.delete', [b])).toEqual({ ok: true, value: null });
    expect((await call('runs.get', [b])).error.code).toBe('not-found');
    expect((await call('training.cancel', [a])).error).toEqual({
      code: 'invalid-state',
      message: `training.cancel: run ${a} is cancelled, not queued or running`,
    });
  });
});
