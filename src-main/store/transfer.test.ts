import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { png, smallResult, smallRun } from './fixtures';
import { StoreError, type RunStore } from './types';
import { useTempStore } from './test-helpers';

let dir: string;
let store: RunStore;
useTempStore((opened) => ({ dir, store } = opened));

/** A finished run with history, 2 snapshots of 3 units, notes and tags. */
function finishedRun(): number {
  const id = store.createRun(smallRun({ lambda: 0.1, epsilon: 'per-layer' }, 'to export'));
  store.markRunning(id);
  // 0.1 + 0.2, 1/3 and the smallest subnormal have decimal forms that must survive the CSV exactly.
  store.appendProgress(id, [
    { iteration: 1, cost: 0.1 + 0.2, elapsedMs: 1 / 3 },
    { iteration: 2, cost: 2.220446049250313e-16, elapsedMs: 12 },
    { iteration: 3, cost: 5e-324, elapsedMs: 13 },
  ]);
  store.addSnapshot(id, { index: 0, iteration: 0, gridPng: png(1, 5), unitPngs: [png(2), png(3), png(4)] });
  store.addSnapshot(id, {
    index: 1,
    iteration: 3,
    gridPng: png(5, 5),
    unitPngs: [png(6), png(7), png(8)],
    validationCost: 0.1 + 0.2,
    validationAccuracy: 0.75,
  });
  store.finishRun(id, smallResult());
  store.setNotes(id, 'notes, with "quotes"\nand lines');
  store.setTags(id, ['ng', 'λ small']);
  return id;
}

function importError(folder: string): StoreError {
  try {
    store.importRun(folder);
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('import did not fail');
}

describe('exportRun', () => {
  it('writes run.json, weights.json, history.csv, the images and the network files', () => {
    const id = finishedRun();
    const folder = path.join(dir, 'export', 'run');
    store.exportRun(id, folder);
    const files = fs.readdirSync(folder, { recursive: true }).map(String).sort();
    expect(files).toEqual([
      'history.csv',
      'images',
      path.join('images', 'snapshot-0-grid.png'),
      path.join('images', 'snapshot-0-unit-0.png'),
      path.join('images', 'snapshot-0-unit-1.png'),
      path.join('images', 'snapshot-0-unit-2.png'),
      path.join('images', 'snapshot-1-grid.png'),
      path.join('images', 'snapshot-1-unit-0.png'),
      path.join('images', 'snapshot-1-unit-1.png'),
      path.join('images', 'snapshot-1-unit-2.png'),
      'model.onnx',
      'predict.py',
      'preprocessing.json',
      'run.json',
      'weights.json',
      'weights.mat',
    ]);
    expect(fs.readFileSync(path.join(folder, 'history.csv'), 'utf8')).toBe(
      'iteration,cost,elapsed_ms\n1,0.30000000000000004,0.3333333333333333\n2,2.220446049250313e-16,12\n3,5e-324,13\n',
    );
    const weights = JSON.parse(fs.readFileSync(path.join(folder, 'weights.json'), 'utf8'));
    expect(weights.sizes).toEqual([16, 3, 10]);
    expect(weights.thetas.map((m: number[][]) => [m.length, m[0].length])).toEqual([
      [3, 17],
      [10, 4],
    ]);
    expect(weights.thetas[0][0][0]).toBe(Math.sin(1) / 3);
    expect(Object.is(weights.thetas[0][0][1], -0)).toBe(true);
    const run = JSON.parse(fs.readFileSync(path.join(folder, 'run.json'), 'utf8'));
    expect([run.format, run.formatVersion, run.name, run.status, run.tags, run.hyperparameters.epsilon]).toEqual([
      'backprop-lab-run',
      1,
      'to export',
      'finished',
      ['ng', 'λ small'],
      'per-layer',
    ]);
    expect(run.snapshots[1]).toEqual({
      index: 1,
      iteration: 3,
      unitCount: 3,
      validationCost: 0.30000000000000004,
      validationAccuracy: 0.75,
    });
    expect(
      Buffer.from(fs.readFileSync(path.join(folder, 'images', 'snapshot-1-unit-2.png'))).equals(Buffer.from(png(8))),
    ).toBe(true);
  });

  it('refuses a folder that has files and leaves no partial folder behind', () => {
    const id = finishedRun();
    const folder = path.join(dir, 'busy');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'keep.txt'), 'x');
    expect(() => store.exportRun(id, folder)).toThrow(`exportRun: ${folder} exists and is not an empty folder`);
    expect(fs.readdirSync(dir).sort()).toEqual(['busy', 'runs.db', 'runs.db-shm', 'runs.db-wal']);
    fs.mkdirSync(path.join(dir, 'empty'));
    store.exportRun(id, path.join(dir, 'empty'));
    expect(fs.existsSync(path.join(dir, 'empty', 'run.json'))).toBe(true);
  });
});

describe('importRun', () => {
  it('export then import gives back an equal run: history, Θ bit for bit, images byte for byte, metrics, tags, notes', () => {
    const id = finishedRun();
    const folder = path.join(dir, 'exported');
    store.exportRun(id, folder);
    const copy = store.importRun(folder);
    expect(copy).not.toBe(id);
    const { id: _a, ...original } = store.getRun(id);
    const { id: _b, ...imported } = store.getRun(copy);
    expect(imported).toEqual(original);
    expect(imported.snapshots[1]).toMatchObject({ validationCost: 0.1 + 0.2, validationAccuracy: 0.75 });
    const [h1, h2] = store.getHistories([id, copy]);
    expect(h2.cost).toEqual(h1.cost);
    expect(h2.cost[2]).toBe(5e-324);
    expect(h2.elapsedMs).toEqual(h1.elapsedMs);
    expect(h2.iteration).toEqual(h1.iteration);
    const w1 = store.getWeights(id);
    const w2 = store.getWeights(copy);
    expect(w2.sizes).toEqual(w1.sizes);
    expect(Buffer.from(w2.theta.buffer).equals(Buffer.from(w1.theta.buffer))).toBe(true);
    for (const k of [0, 1]) {
      const a = store.getSnapshotImages(id, k);
      const b = store.getSnapshotImages(copy, k);
      expect(Buffer.from(b.gridPng).equals(Buffer.from(a.gridPng))).toBe(true);
      expect(b.unitPngs.map((u, i) => Buffer.from(u).equals(Buffer.from(a.unitPngs[i])))).toEqual([true, true, true]);
    }
  });

  it('a cancelled run round-trips without weights; a running one comes back interrupted', () => {
    const cancelled = store.createRun(smallRun({}, 'stopped'));
    store.markRunning(cancelled);
    store.appendProgress(cancelled, [{ iteration: 1, cost: 1, elapsedMs: 1 }]);
    store.cancelRun(cancelled);
    store.exportRun(cancelled, path.join(dir, 'c'));
    expect(fs.existsSync(path.join(dir, 'c', 'weights.json'))).toBe(false);
    const c = store.getRun(store.importRun(path.join(dir, 'c')));
    expect([c.status, c.historyLength, c.hasWeights, c.metrics]).toEqual(['cancelled', 1, false, null]);

    const running = store.createRun(smallRun({}, 'live'));
    store.markRunning(running);
    store.exportRun(running, path.join(dir, 'r'));
    const r = store.getRun(store.importRun(path.join(dir, 'r')));
    expect([r.status, r.failureReason]).toEqual(['interrupted', 'exported while it was running']);
    expect(store.getRun(running).status).toBe('running');
  });

  describe('validates every file, names the problem, and stores nothing on failure', () => {
    let folder: string;
    beforeEach(() => {
      folder = path.join(dir, 'broken');
      store.exportRun(finishedRun(), folder);
    });
    const edit = (file: string, change: (text: string) => string) => {
      const p = path.join(folder, file);
      fs.writeFileSync(p, change(fs.readFileSync(p, 'utf8')));
    };
    const expectFailure = (message: string) => {
      const before = store.countRuns();
      const e = importError(folder);
      expect(e.code).toBe('invalid-import');
      expect(e.message).toBe(`cannot import ${folder}: ${message}`);
      expect(store.countRuns()).toBe(before);
    };

    it('missing folder and missing files', () => {
      expect(importError(path.join(dir, 'nowhere')).message).toBe(
        `cannot import ${path.join(dir, 'nowhere')}: it is not a folder`,
      );
      fs.rmSync(path.join(folder, 'images', 'snapshot-1-unit-2.png'));
      expectFailure(`${path.join('images', 'snapshot-1-unit-2.png').replace(/\\/g, '/')}: is missing`);
    });

    it('run.json that is not JSON, of another format, or with bad fields', () => {
      edit('run.json', (t) => t.slice(0, 20));
      expect(importError(folder).message).toMatch(
        new RegExp(`^cannot import ${folder.replace(/[\\/.]/g, '\\$&')}: run\\.json: .*JSON`),
      );
      store.exportRun(1, path.join(dir, 'again'));
      folder = path.join(dir, 'again');
      edit('run.json', (t) => t.replace('"backprop-lab-run"', '"other"'));
      expectFailure('run.json: format: Invalid input: expected "backprop-lab-run"');
      edit('run.json', (t) => t.replace('"other"', '"backprop-lab-run"').replace('"lambda": 0.1', '"lambda": -2'));
      expectFailure('run.json: hyperparameters.lambda: Too small: expected number to be >=0');
    });

    it('metrics, confusion and weights that do not fit the run', () => {
      edit('run.json', (t) => t.replace('"trainAccuracy": 0.95', '"trainAccuracy": 2'));
      expectFailure('run.json: metrics: metrics.trainAccuracy must be a fraction in [0, 1], got 2');
      edit('run.json', (t) => t.replace('"trainAccuracy": 2', '"trainAccuracy": 0.95'));
      edit('weights.json', (t) => t.replace('"sizes": [16, 3, 10]', '"sizes": [16, 4, 10]'));
      expectFailure(
        "weights.json: sizes: sizes 16-4-10 do not match the run's network 16-3-K (width×height, hidden layers, classes)",
      );
      edit('weights.json', (t) =>
        t.replace('"sizes": [16, 4, 10]', '"sizes": [16, 3, 10]').replace(/\],\n(\s+)\[/, '],\n$1[1, '),
      );
      expectFailure('weights.json: Θ1 row 2 must have 17 columns, got 18');
    });

    it('history.csv with a wrong header, a bad number or going backwards', () => {
      edit('history.csv', (t) => t.replace('iteration,cost,elapsed_ms', 'it,J,t'));
      expectFailure('history.csv: the first line must be "iteration,cost,elapsed_ms", got "it,J,t"');
      edit('history.csv', (t) =>
        t.replace('it,J,t', 'iteration,cost,elapsed_ms').replace('2,2.220446049250313e-16,12', '2,abc,12'),
      );
      expectFailure('history.csv: line 3 must be three numbers iteration,cost,elapsed_ms, got "2,abc,12"');
      edit('history.csv', (t) => t.replace('2,abc,12', '0,1,12'));
      expectFailure('history.csv: data row 2: iteration 0 does not come after iteration 1');
    });

    it('an image that is not a PNG', () => {
      fs.writeFileSync(path.join(folder, 'images', 'snapshot-0-grid.png'), 'GIF89a');
      expectFailure('images/snapshot-0-grid.png: is not a PNG image');
    });

    it('a symbolic link inside the folder, to a file or as the images folder, is refused without reading it', () => {
      const secret = path.join(dir, 'secret.txt');
      fs.writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
      fs.rmSync(path.join(folder, 'history.csv'));
      fs.symlinkSync(secret, path.join(folder, 'history.csv'));
      expectFailure('history.csv: is a symbolic link; an exported run holds only real files');
      fs.rmSync(path.join(folder, 'history.csv'));
      store.exportRun(1, path.join(dir, 'linked'));
      fs.copyFileSync(path.join(dir, 'linked', 'history.csv'), path.join(folder, 'history.csv'));
      fs.renameSync(path.join(folder, 'images'), path.join(dir, 'elsewhere'));
      fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(folder, 'images'));
      expectFailure('images/snapshot-0-grid.png: images/ is a symbolic link; an exported run holds only real files');
    });

    it('a FIFO in place of a file is refused at once instead of blocking the import', async () => {
      const { execFileSync } = await import('node:child_process');
      fs.rmSync(path.join(folder, 'history.csv'));
      execFileSync('mkfifo', [path.join(folder, 'history.csv')]);
      expectFailure('history.csv: is not a regular file (a folder, pipe, device or socket cannot be imported)');
    });

    it('quotes at most 40 characters of a bad line, escaped', () => {
      edit('history.csv', (t) => t.replace('iteration,cost,elapsed_ms', `\u001b[31m${'x'.repeat(5000)}`));
      expectFailure(
        `history.csv: the first line must be "iteration,cost,elapsed_ms", got "\\u001b[31m${'x'.repeat(35)}"…`,
      );
      fs.writeFileSync(path.join(folder, 'run.json'), `root:x:0:0:${'y'.repeat(100)}`);
      expectFailure(`run.json: is not valid JSON; it starts "root:x:0:0:${'y'.repeat(29)}"…`);
    });

    it('bounds sizes before allocating: unitCount 5e9 and an oversized file', () => {
      edit('run.json', (t) => t.replace('"unitCount": 3', '"unitCount": 5000000000'));
      expectFailure('run.json: snapshots.0.unitCount: Too big: expected number to be <=4096');
      edit('run.json', (t) => t.replace('"unitCount": 5000000000', '"unitCount": 3'));
      fs.writeFileSync(path.join(folder, 'history.csv'), Buffer.alloc(64 * 2 ** 20 + 1, 0x30));
      expectFailure('history.csv: is 67,108,865 bytes, more than the 64 MiB such a file may have');
    });
  });
});
