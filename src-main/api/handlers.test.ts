import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStore } from '../store/types';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { openTestApi, type TestApi } from './testing/test-api';
import { REQUEST_CHANNELS, type ApiEvent } from './table';

let t: TestApi;
let dir: string;
let store: RunStore;
let events: ApiEvent[];
let value: TestApi['value'];
let failure: TestApi['failure'];

beforeAll(() => {
  // Validation and store tests never reach a worker; training is tested with the built worker in training.test.ts.
  t = openTestApi('api-handlers-');
  ({ dir, store, events, value, failure } = t);
});

afterAll(() => t.close());

const png = (w: number, h: number, fill: number) =>
  encode({ width: w, height: h, data: new Uint8Array(w * h).fill(fill), channels: 1, depth: 8 });

/** A finished 784-2-10 run written through the store the way the supervisor writes one. */
const HEALTH_AT_START = {
  layer: 2,
  gradientNorm: 0.5,
  biasGradientNorm: 0.0625,
  updateRatio: null,
  saturatedFraction: 0.125,
  weights: [-0.12, -0.1, -0.08, -0.04, 0, 0.04, 0.08, 0.1, 0.12],
  activations: [0.01, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.99],
  deltas: [-0.5, -0.1, -0.05, -0.01, 0, 0.01, 0.05, 0.1, 0.5],
};

function finishedRun(name: string): { id: number; theta: Float64Array; grid: Uint8Array } {
  const id = store.createRun({
    name,
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [2] },
    dataset: DEFAULT_DATASET,
    width: 28,
    height: 28,
  });
  store.markRunning(id);
  store.appendProgress(id, [
    { iteration: 1, cost: 6.9, elapsedMs: 3 },
    { iteration: 2, cost: 3.25, elapsedMs: 5 },
  ]);
  const grid = png(6, 3, 200);
  store.addSnapshot(id, {
    index: 0,
    iteration: 0,
    gridPng: grid,
    unitPngs: [png(28, 28, 1), png(28, 28, 2)],
    health: [HEALTH_AT_START],
  });
  const theta = new Float64Array(2 * 785 + 10 * 3).map((_, i) => Math.sin(i) / 3);
  store.finishRun(id, {
    theta,
    sizes: [784, 2, 10],
    metrics: {
      trainAccuracy: 0.5,
      validationAccuracy: 0.25,
      testAccuracy: null,
      finalCost: 3.25,
      durationMs: 5,
      costEvaluations: 3,
    },
    confusion: Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 1 : 0))),
  });
  return { id, theta, grid };
}

describe('dispatch refuses what is not in the table', () => {
  it.each([
    ['runs.nope', "unknown channel 'runs.nope'; the channels are runs.list, runs.count"],
    ['toString', "unknown channel 'toString'"],
    ['__proto__', "unknown channel '__proto__'"],
    ['', "unknown channel ''"],
    [42, 'unknown channel number'],
    [null, 'unknown channel null'],
  ])('channel %j', async (channel, start) => {
    const e = await failure(channel, []);
    expect(e.code).toBe('unknown-channel');
    expect(e.message.startsWith(start)).toBe(true);
  });

  it('clips a huge channel name in the message', async () => {
    const e = await failure('x'.repeat(1_000_000), []);
    expect(e.code).toBe('unknown-channel');
    // The message lists every channel; the name itself is clipped to 80 characters.
    expect(e.message.length).toBeLessThan(REQUEST_CHANNELS.join(', ').length + 200);
  });
});

describe('dispatch validates every argument against its row', () => {
  it.each<[string, unknown, string, (string | number)[] | undefined]>([
    ['runs.get', { id: 1 }, 'runs.get: expected the arguments as an array [id], got an object', undefined],
    ['runs.get', 'abc', 'runs.get: expected the arguments as an array [id], got string', undefined],
    ['runs.get', [], 'runs.get: takes 1 argument [id], got 0', undefined],
    ['runs.get', [1, 2], 'runs.get: takes 1 argument [id], got 2', undefined],
    ['app.info', [1], 'app.info: takes 0 arguments [], got 1', undefined],
    ['data.inspect', [], 'data.inspect: takes 1 to 3 arguments [file, labels, options], got 0', undefined],
    ['runs.get', ['7'], 'runs.get: id: expected a number, got "7"', ['id']],
    ['runs.get', [1.5], 'runs.get: id: expected a whole number, got 1.5', ['id']],
    ['runs.get', [0], 'runs.get: id: must be ≥ 1, got 0', ['id']],
    ['runs.get', [null], 'runs.get: id: expected a number, got null', ['id']],
    ['runs.snapshot', [1, -1], 'runs.snapshot: index: must be ≥ 0, got -1', ['index']],
    ['runs.histories', [Array(201).fill(1)], 'runs.histories: ids: must have at most 200 items, got 201', ['ids']],
    ['runs.histories', [[1, 'two']], 'runs.histories: ids[1]: expected a number, got "two"', ['ids', 1]],
    [
      'runs.setNotes',
      [1, 'n'.repeat(100_001)],
      'runs.setNotes: notes: must have at most 100000 characters, got 100001',
      ['notes'],
    ],
    ['runs.setTags', [1, Array(51).fill('t')], 'runs.setTags: tags: must have at most 50 items, got 51', ['tags']],
    [
      'runs.setTags',
      [1, ['ok', 't'.repeat(101)]],
      'runs.setTags: tags[1]: must have at most 100 characters, got 101',
      ['tags', 1],
    ],
    ['runs.list', [null], 'runs.list: query: expected an object, got null', ['query']],
    ['runs.list', [{ bogus: 1 }], 'runs.list: query: unknown field "bogus"', ['query']],
    ['runs.list', [{ sort: 'size' }], 'runs.list: query.sort: must be one of "id", "name"', ['query', 'sort']],
    [
      'runs.list',
      [{ status: ['running', 'x'] }],
      'runs.list: query.status[1]: must be one of "queued", "running", "finished", "failed", "cancelled", "interrupted", got "x"',
      ['query', 'status', 1],
    ],
    ['runs.list', [{ limit: 1e9 }], 'runs.list: query.limit: must be ≤ 100000, got 1000000000', ['query', 'limit']],
    [
      'training.start',
      [{ hyperparameters: { lambda: -1 } }],
      'training.start: request.hyperparameters.lambda: must be ≥ 0, got -1',
      ['request', 'hyperparameters', 'lambda'],
    ],
    [
      'training.start',
      [{ hyperparameters: { hiddenLayers: [25, 'a'] } }],
      'training.start: request.hyperparameters.hiddenLayers[1]: expected a number, got "a"',
      ['request', 'hyperparameters', 'hiddenLayers', 1],
    ],
    [
      'training.start',
      [{ hyperparameters: { hiddenLayers: Array(1000).fill(1) } }],
      'training.start: request.hyperparameters.hiddenLayers: must have at most 8 items, got 1000',
      ['request', 'hyperparameters', 'hiddenLayers'],
    ],
    ['training.start', [{ count: 21 }], 'training.start: request.count: must be ≤ 20, got 21', ['request', 'count']],
    [
      'training.start',
      [{ dataset: { source: 'csv' } }],
      'training.start: request.dataset.file: a csv dataset needs a file',
      ['request', 'dataset', 'file'],
    ],
    [
      'training.start',
      [{ name: '   ' }],
      'training.start: request.name: must have at least 1 characters, got 0',
      ['request', 'name'],
    ],
    ['training.start', [{ extra: true }], 'training.start: request: unknown field "extra"', ['request']],
    [
      'runs.export',
      [1, 'p'.repeat(5000)],
      'runs.export: folder: must have at most 4096 characters, got 5000',
      ['folder'],
    ],
  ])('%s %j', async (channel, args, message, path) => {
    const e = await failure(channel, args);
    expect(e.code).toBe('invalid-argument');
    expect(e.message.startsWith(message)).toBe(true);
    expect(e.path).toEqual(path);
  });

  it('rejects a training.start whose seeds would pass 2³²−1', async () => {
    const e = await failure('training.start', [{ hyperparameters: { seed: 2 ** 32 - 2 }, count: 3 }]);
    expect(e).toEqual({
      code: 'invalid-argument',
      message: 'training.start: request.count: seeds 4294967294…4294967296 go past 4294967295',
      path: ['request', 'count'],
    });
    expect(store.countRuns()).toBe(0);
  });
});

describe('paths must be absolute and inside the allowed folders', () => {
  it.each([
    ['relative/out', 'must be an absolute path, got "relative/out"'],
    ['/etc/backprop-export', '"/etc/backprop-export" is outside the allowed folders'],
    ['<dir>/allowed/../escaped', '"<dir>/allowed/../escaped" is outside the allowed folders'],
    ['<dir>/allowed-sibling', '"<dir>/allowed-sibling" is outside the allowed folders'],
    ['<dir>/allowed/a\0b', 'contains a NUL character'],
  ])('runs.export to %s', async (folder, problem) => {
    const { id } = finishedRun('export target');
    const e = await failure('runs.export', [id, folder.replace('<dir>', dir)]);
    expect(e).toEqual({
      code: 'forbidden-path',
      message: `runs.export: folder: ${problem.replace('<dir>', dir)}${problem.endsWith('folders') ? ` (${dir}/allowed)` : ''}`,
    });
    expect(fs.existsSync(path.join(dir, 'escaped'))).toBe(false);
  });

  it('follows symbolic links: a link inside the root pointing outside is refused', async () => {
    fs.symlinkSync(dir, path.join(dir, 'allowed', 'link-out'));
    const e = await failure('runs.import', [path.join(dir, 'allowed', 'link-out', 'some-run')]);
    expect(e.code).toBe('forbidden-path');
    const d = await failure('data.inspect', [path.join(dir, 'allowed', 'link-out', 'runs.db')]);
    expect(d.code).toBe('forbidden-path');
  });

  it('checks every data file of a training.start', async () => {
    const e = await failure('training.start', [
      { dataset: { source: 'idx', file: path.join(dir, 'allowed', 'x.idx'), labels: '/etc/passwd' } },
    ]);
    expect(e).toEqual({
      code: 'forbidden-path',
      message: `training.start: request.dataset.labels: "/etc/passwd" is outside the allowed folders (${dir}/allowed)`,
    });
  });
});

describe('requests against a real store', () => {
  it('lists, counts, gets and fetches histories, snapshots and weights exactly as stored', async () => {
    const { id, theta, grid } = finishedRun('alpha');
    const list = await value('runs.list', [{ text: 'alpha' }]);
    expect(list.map((r: { id: number }) => r.id)).toEqual([id]);
    expect(await value('runs.count', [{ status: 'finished', text: 'alpha' }])).toBe(1);
    const detail = await value('runs.get', [id]);
    expect(detail).toMatchObject({ id, name: 'alpha', status: 'finished', historyLength: 2, hasWeights: true });
    expect(await value('runs.histories', [[id, id]])).toEqual([
      { runId: id, iteration: [1, 2], cost: [6.9, 3.25], elapsedMs: [3, 5] },
    ]);

    expect(await value('runs.health', [[id]])).toEqual([
      { runId: id, health: [{ iteration: 0, layers: [HEALTH_AT_START] }] },
    ]);
    expect(await failure('runs.health', [[id, 999_999]])).toEqual({
      code: 'not-found',
      message: 'runs.health: run 999999 does not exist',
    });

    const snap = await value('runs.snapshot', [id, 0]);
    expect(snap).toMatchObject({ index: 0, iteration: 0, unitCount: 2 });
    expect(Buffer.from(snap.gridPng, 'base64').equals(Buffer.from(grid))).toBe(true);
    expect(snap.unitPngs).toHaveLength(2);
    // The same bytes travel as the same JSON over IPC and HTTP.
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);

    const w = await value('runs.weights', [id]);
    expect(w.sizes).toEqual([784, 2, 10]);
    expect(new Float64Array(JSON.parse(JSON.stringify(w.theta)))).toEqual(theta);
  });

  it('maps store errors to codes naming the run', async () => {
    expect(await failure('runs.get', [999_999])).toEqual({
      code: 'not-found',
      message: 'runs.get: run 999999 does not exist',
    });
    const { id } = finishedRun('no such snapshot');
    expect((await failure('runs.snapshot', [id, 7])).code).toBe('not-found');
    const queued = store.createRun({
      hyperparameters: DEFAULT_HYPERPARAMETERS,
      dataset: DEFAULT_DATASET,
      width: 28,
      height: 28,
    });
    expect((await failure('runs.weights', [queued])).code).toBe('not-found');
    expect(await failure('training.cancel', [id])).toEqual({
      code: 'invalid-state',
      message: `training.cancel: run ${id} is finished, not queued or running`,
    });
    store.deleteRun(queued);
  });

  it('renames, annotates, tags and deletes, telling subscribers', async () => {
    const { id } = finishedRun('beta');
    events.length = 0;
    expect(await value('runs.rename', [id, '  gamma  '])).toBeNull();
    expect(await value('runs.setNotes', [id, 'λ = 1 overfits less'])).toBeNull();
    expect(await value('runs.setTags', [id, [' ex4 ', 'EX4', '', 'lambda']])).toEqual(['ex4', 'lambda']);
    expect(await value('runs.get', [id])).toMatchObject({
      name: 'gamma',
      notes: 'λ = 1 overfits less',
      tags: ['ex4', 'lambda'],
    });
    expect((await failure('runs.rename', [id, ' '])).code).toBe('invalid-argument');
    expect(await value('runs.delete', [id])).toBeNull();
    expect((await failure('runs.get', [id])).code).toBe('not-found');
    expect(events).toEqual([
      { name: 'runs.changed', payload: { runIds: [id], change: 'updated' } },
      { name: 'runs.changed', payload: { runIds: [id], change: 'updated' } },
      { name: 'runs.changed', payload: { runIds: [id], change: 'updated' } },
      { name: 'runs.changed', payload: { runIds: [id], change: 'deleted' } },
    ]);
  });

  it('exports into an allowed folder and imports it back as a new run', async () => {
    const { id, theta } = finishedRun('delta');
    const folder = path.join(dir, 'allowed', 'exports', 'delta');
    expect(await value('runs.export', [id, folder])).toEqual({ folder });
    expect(fs.readdirSync(folder).sort()).toEqual([
      'data.mat',
      'history.csv',
      'images',
      'model.onnx',
      'predict.py',
      'preprocessing.json',
      'run.json',
      'weights.json',
      'weights.mat',
    ]);
    expect((await failure('runs.export', [id, folder])).code).toBe('invalid-argument'); // not empty any more
    const { id: copy } = await value('runs.import', [folder]);
    expect(copy).not.toBe(id);
    expect(await value('runs.get', [copy])).toMatchObject({ name: 'delta', status: 'finished', historyLength: 2 });
    expect(new Float64Array((await value('runs.weights', [copy])).theta)).toEqual(theta);
    expect((await failure('runs.import', [path.join(dir, 'allowed')])).code).toBe('invalid-import');
  });

  it('answers app.info with the database path and defaults', async () => {
    const info = await value('app.info', []);
    expect(info).toMatchObject({
      name: 'Backprop Lab',
      version: '0.1.0',
      shell: 'web',
      databasePath: path.join(dir, 'runs.db'),
      cores: os.availableParallelism(),
      allowedRoots: [path.join(dir, 'allowed')],
      defaults: { hyperparameters: DEFAULT_HYPERPARAMETERS, dataset: DEFAULT_DATASET },
      readOnly: null,
    });
  });
});

describe('data.inspect', () => {
  const idx = (magic: number, dims: number[], body: number[]) => {
    const header = Buffer.alloc(4 + 4 * dims.length);
    header.writeUInt32BE(magic, 0);
    dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
    return Buffer.concat([header, Buffer.from(body)]);
  };

  it('counts a CSV with a header row: 3 examples of 2×2 pixels', async () => {
    const file = path.join(dir, 'allowed', 'four.csv');
    fs.writeFileSync(file, 'label,p0,p1,p2,p3\n3,0,255,0,255\n7,1,2,3,4\r\n3,0,0,0,0\n');
    expect(await value('data.inspect', [file])).toMatchObject({
      file,
      format: 'csv',
      count: 3,
      width: 2,
      height: 2,
      labelCounts: [0, 0, 0, 2, 0, 0, 0, 1, 0, 0],
      classOrder: 'digits',
      featureNames: null,
      defaultSizes: { train: 3, validation: 0, test: 0 },
    });
  });

  it('reads a table with its class column, classes in order, scale ratio and default split', async () => {
    const file = path.join(dir, 'allowed', 'table.csv');
    const rows = Array.from({ length: 20 }, (_, i) => `${i % 2 ? 'b' : 'a'};${i / 10};${1000 * i}`);
    fs.writeFileSync(file, ['kind;small;large', ...rows].join('\n'));
    expect(await value('data.inspect', [file, null, { labelColumn: 'KIND' }])).toMatchObject({
      format: 'table',
      count: 20,
      width: 2,
      height: 1,
      classNames: ['a', 'b'],
      classOrder: 'string',
      labelCounts: [10, 10],
      featureNames: ['small', 'large'],
      columns: ['kind', 'small', 'large'],
      labelColumn: 'kind',
      separator: 'semicolon',
      rangeRatio: 10000,
      defaultSizes: { train: 14, validation: 3, test: 3 },
    });
  });

  it('counts IDX images of 2×3 pixels with their labels, and without', async () => {
    const images = path.join(dir, 'allowed', 'images.idx');
    const labels = path.join(dir, 'allowed', 'labels.idx');
    fs.writeFileSync(images, idx(0x803, [2, 3, 2], Array(12).fill(9)));
    fs.writeFileSync(labels, idx(0x801, [2], [9, 0]));
    expect(await value('data.inspect', [images, labels])).toMatchObject({
      file: images,
      format: 'idx',
      count: 2,
      width: 2,
      height: 3,
      labelCounts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    });
    expect((await value('data.inspect', [images])).labelCounts).toBeNull();
    const three = path.join(dir, 'allowed', 'three-labels.idx');
    fs.writeFileSync(three, idx(0x801, [3], [1, 2, 3]));
    expect(await failure('data.inspect', [images, three])).toEqual({
      code: 'unusable-file',
      message: `data.inspect: ${three}: holds 3 labels but ${images} holds 2 images`,
    });
  });

  it('names the file and the line of a broken CSV, and a missing file', async () => {
    const file = path.join(dir, 'allowed', 'broken.csv');
    fs.writeFileSync(file, '1,0,0\n12,0,0\n');
    expect(await failure('data.inspect', [file])).toEqual({
      code: 'unusable-file',
      message: `data.inspect: ${file}: line 2: label 12 is out of range (labels are digits 0–9)`,
    });
    const missing = path.join(dir, 'allowed', 'missing.csv');
    expect(await failure('data.inspect', [missing])).toEqual({
      code: 'unusable-file',
      message: `data.inspect: ${missing}: file not found`,
    });
  });
});
