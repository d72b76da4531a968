/** Θ₀ kept beside the final Θ (migration 4): written by finishRun and imports, read by getWeights, older runs null. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { smallResult, smallRun, tempDir } from './fixtures';
import { SCHEMA_VERSION } from './migrations';
import { openStore } from './open';
import { errorOf, oldSchemaFile, useTempStore } from './test-helpers';
import type { RunStore } from './types';

describe('initial weights Θ₀', () => {
  let store: RunStore;
  let dir: string;
  useTempStore((opened) => {
    store = opened.store;
    dir = opened.dir;
  });

  it('finishRun keeps Θ₀ bit for bit beside the final Θ; export and import carry both', () => {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    const result = smallResult();
    const initialTheta = Float64Array.from(result.theta, (v, i) => (i % 2 ? -v / 3 : v / 7));
    initialTheta[2] = -0;
    store.finishRun(id, { ...result, initialTheta });
    const w = store.getWeights(id);
    expect(Buffer.from(w.initialTheta!.buffer).equals(Buffer.from(initialTheta.buffer))).toBe(true);
    expect(Buffer.from(w.theta.buffer).equals(Buffer.from(result.theta.buffer))).toBe(true);

    const folder = path.join(dir, 'export');
    store.exportRun(id, folder);
    const copy = store.importRun(folder);
    expect(Array.from(store.getWeights(copy).initialTheta!)).toEqual(Array.from(initialTheta));
  });

  it('a run finished without Θ₀ reads back null', () => {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    store.finishRun(id, smallResult());
    expect(store.getWeights(id).initialTheta).toBeNull();
  });

  it('refuses a Θ₀ of the wrong length or with a non-finite weight, storing nothing', () => {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    const result = smallResult();
    expect(errorOf(() => store.finishRun(id, { ...result, initialTheta: new Float64Array(3) })).message).toContain(
      `initialTheta must be a Float64Array of ${result.theta.length} values like theta`,
    );
    const bad = Float64Array.from(result.theta);
    bad[4] = Infinity;
    expect(errorOf(() => store.finishRun(id, { ...result, initialTheta: bad })).message).toContain(
      'initialTheta[4] is Infinity',
    );
    expect(store.getRun(id).status).toBe('running');
  });
});

it('a file from before Θ₀ was kept upgrades with its weights intact and Θ₀ null', () => {
  const file = path.join(tempDir(), 'v3.db');
  const db = oldSchemaFile(file, 3, { name: 'from version 3', status: 'finished', width: 4, height: 4 });
  const theta = Float64Array.from({ length: 3 * 17 + 10 * 4 }, (_, i) => i / 8);
  db.prepare('INSERT INTO weights (run_id, sizes, theta) VALUES (1, ?, ?)').run('[16,3,10]', Buffer.from(theta.buffer));
  db.close();
  const store = openStore(file);
  expect(new Database(file, { readonly: true }).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  const w = store.getWeights(1);
  expect(Array.from(w.theta)).toEqual(Array.from(theta));
  expect(w.initialTheta).toBeNull();
  store.close();
});
