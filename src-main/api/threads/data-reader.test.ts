import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltWorker } from '../../training/testing/build-worker';
import { createApi } from '../handlers';
import { threadInspector } from './data-reader';
import { openTestApi, type TestApi } from '../testing/test-api';

let t: TestApi;
let readerFile: string;
let bigCsv: string;
const ROWS = 40_000;

beforeAll(async () => {
  readerFile = path.join(path.dirname(await ensureBuiltWorker()), 'data-reader.js');
  t = openTestApi('backprop-lab-reader-');
  // 40,000 rows of label 3 and 784 pixels: ~63 MB of CSV, a parse of a second or more.
  const row = `3${',0'.repeat(700)}${',255'.repeat(84)}\n`;
  bigCsv = path.join(t.dir, 'allowed', 'big.csv');
  fs.writeFileSync(bigCsv, row.repeat(ROWS));
}, 180_000);
afterAll(() => t?.close());

describe('data files are read off the API thread', () => {
  it('answers app.info while a large CSV is still being parsed, then the CSV’s counts', async () => {
    const api = createApi({
      store: t.store,
      supervisor: t.supervisor,
      allowedRoots: [path.join(t.dir, 'allowed')],
      shell: 'web',
      version: '0.1.0',
      inspectData: threadInspector(readerFile),
    });
    const order: string[] = [];
    const inspecting = api.dispatch('data.inspect', [bigCsv]).then((r) => {
      order.push('data.inspect');
      return r;
    });
    const info = await api.dispatch('app.info', []).then((r) => {
      order.push('app.info');
      return r;
    });
    const inspected = await inspecting;
    expect(info.ok).toBe(true);
    expect(order).toEqual(['app.info', 'data.inspect']);
    expect(inspected).toMatchObject({
      ok: true,
      value: {
        file: bigCsv,
        format: 'csv',
        count: ROWS,
        width: 28,
        height: 28,
        labelCounts: [0, 0, 0, ROWS, 0, 0, 0, 0, 0, 0],
      },
    });
    api.close();
  });

  it('a DataError from the thread keeps its file, location and problem', async () => {
    const bad = path.join(t.dir, 'allowed', 'bad.csv');
    fs.writeFileSync(bad, '3,0,0,0\n3,0,x,0\n');
    await expect(threadInspector(readerFile)(bad)).rejects.toMatchObject({
      name: 'DataError',
      file: bad,
      location: 'line 2',
    });
  });

  it('a FIFO given to data.inspect is refused at once (the host does not hang)', async () => {
    const fifo = path.join(t.dir, 'allowed', 'pipe.csv');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [fifo]);
    const e = await t.failure('data.inspect', [fifo]);
    expect(e).toEqual({
      code: 'unusable-file',
      message: `data.inspect: ${fifo}: is a named pipe (FIFO), not a data file; only regular files can be read`,
    });
  });
});
