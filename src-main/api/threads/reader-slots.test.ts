/**
 * The data-reading threads' slots (issue 20, B3): before, a FIFO named x.png in an image folder held
 * a reader thread forever, and after two such inspects every later data.inspect waited for a slot
 * that never came. Now the FIFO is refused at once, and a read that does hang is stopped after the
 * reader's timeout, freeing its slot.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { encode as encodePng } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltWorker } from '../../training/testing/build-worker';
import { createApi, type Api } from '../handlers';
import { threadInspector } from './data-reader';
import { dataThreadLoaders, type DataLoaders } from './data-thread';
import { initialTheta } from '../../nn/init';
import { untrainedMetrics, writeFinishedRun } from '../../store/fixtures';
import { DEFAULT_HYPERPARAMETERS, type DatasetSpec } from '../../run/hyperparameters';
import { openTestApi, type TestApi } from '../testing/test-api';

let t: TestApi;
let readerFile: string;
let api: Api;
let allowed: string;
let loaders: DataLoaders;

beforeAll(async () => {
  readerFile = path.join(path.dirname(await ensureBuiltWorker()), 'data-reader.js');
  t = openTestApi('backprop-lab-reader-slots-');
  allowed = path.join(t.dir, 'allowed');
  loaders = dataThreadLoaders(readerFile);
  api = createApi({
    store: t.store,
    supervisor: t.supervisor,
    allowedRoots: [allowed],
    shell: 'web',
    version: '0.1.0',
    inspectData: threadInspector(readerFile),
    loadSplit: loaders.loadSplit,
  });
}, 180_000);
afterAll(async () => {
  api?.close();
  loaders?.close();
  await t?.close();
});

/** An image folder of two classes, `b` holding `x.png` made by `make`. */
function folder(name: string, make: (file: string) => void): string {
  const root = path.join(allowed, name);
  for (const c of ['a', 'b']) fs.mkdirSync(path.join(root, c), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'a', 'ok.png'),
    encodePng({ width: 2, height: 2, data: new Uint8Array(4), channels: 1 }),
  );
  make(path.join(root, 'b', 'x.png'));
  return root;
}

describe('reader slots', () => {
  it('two inspects of folders with hostile x.png files are refused, then a normal inspect answers', async () => {
    const fifo = folder('fifo', (f) => execFileSync('mkfifo', [f]));
    const zero = folder('zero', (f) => fs.symlinkSync('/dev/zero', f));
    const replies = await Promise.all([
      api.dispatch('data.inspect', [fifo, null, { folder: true, imageSize: 8 }]),
      api.dispatch('data.inspect', [zero, null, { folder: true, imageSize: 8 }]),
    ]);
    expect(replies).toEqual([
      {
        ok: false,
        error: {
          code: 'unusable-file',
          message: `data.inspect: ${fifo}/b/x.png: is a named pipe (FIFO), not a data file; only regular files can be read`,
        },
      },
      {
        ok: false,
        error: {
          code: 'unusable-file',
          message: `data.inspect: ${zero}/b/x.png: is a device, not a data file; only regular files can be read`,
        },
      },
    ]);
    const good = folder('good', (f) =>
      fs.writeFileSync(f, encodePng({ width: 2, height: 2, data: new Uint8Array(4).fill(255), channels: 1 })),
    );
    const answer = await api.dispatch('data.inspect', [good, null, { folder: true, imageSize: 8 }]);
    expect(answer).toMatchObject({ ok: true, value: { format: 'folder', count: 2, classNames: ['a', 'b'] } });
  });

  it('a read that never ends is stopped after the timeout and frees its slot: four hanging reads all end', async () => {
    // A thread that never answers stands for any read that hangs; two slots, four reads.
    const hanging = path.join(t.dir, 'hanging-reader.js');
    fs.writeFileSync(hanging, 'setInterval(() => {}, 1000);\n');
    const inspect = threadInspector(hanging, 300);
    const results = await Promise.allSettled([1, 2, 3, 4].map((k) => inspect(`/data/${k}.csv`)));
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'answered'))).toEqual(
      [1, 2, 3, 4].map((k) => `/data/${k}.csv: reading it took longer than 0.3 s and was stopped`),
    );
  });

  it('explain.example loads a large CSV off the API thread: app.info answers first', async () => {
    // 20,000 rows of label 3 and 784 pixels (~31 MB): a parse of a second or more.
    const file = path.join(allowed, 'big.csv');
    fs.writeFileSync(file, `3${',0'.repeat(700)}${',255'.repeat(84)}\n`.repeat(20_000));
    const dataset = {
      source: 'csv',
      file,
      trainSize: 100,
      validationSize: 0,
      testSize: 100,
      dataSeed: 1,
    } as DatasetSpec;
    const sizes = [784, 3, 10];
    const id = writeFinishedRun(t.store, {
      hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [3] },
      dataset,
      sizes,
      theta: initialTheta(sizes, { init: 'uniform', epsilon: 0.5, seed: 3 }),
      metrics: untrainedMetrics(),
    });
    const order: string[] = [];
    const explaining = api
      .dispatch('explain.example', [{ runId: id, source: { kind: 'train', index: 0 } }])
      .then((r) => {
        order.push('explain.example');
        return r;
      });
    await api.dispatch('app.info', []).then(() => order.push('app.info'));
    const answer = await explaining;
    expect(answer.ok).toBe(true);
    expect(order).toEqual(['app.info', 'explain.example']);
  });
});
