import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { png, smallResult, smallRun } from './fixtures';
import type { RunStore } from './types';
import { useTempStore } from './test-helpers';

let store: RunStore;
useTempStore((opened) => ({ store } = opened));

describe('rename and setNotes', () => {
  it('rename trims and works in any status; bad names are refused', () => {
    const id = store.createRun(smallRun());
    store.rename(id, '  first try ');
    expect(store.getRun(id).name).toBe('first try');
    store.markRunning(id);
    store.finishRun(id, smallResult());
    store.rename(id, 'finished, renamed');
    expect(store.getRun(id).name).toBe('finished, renamed');
    expect(() => store.rename(id, '')).toThrow(`rename: run ${id}: name must not be empty`);
    expect(() => store.rename(77, 'x')).toThrow('run 77 does not exist');
  });

  it('setNotes replaces the notes, keeping them exactly; empty clears', () => {
    const id = store.createRun(smallRun());
    store.setNotes(id, '  λ too high?\nsee run 3  ');
    expect(store.getRun(id).notes).toBe('  λ too high?\nsee run 3  ');
    store.setNotes(id, '');
    expect(store.getRun(id).notes).toBe('');
    expect(() => store.setNotes(id, 'x'.repeat(100_001))).toThrow(
      `setNotes: run ${id}: notes are 100001 characters, at most 100000 allowed`,
    );
    expect(() => store.setNotes(5, 'x')).toThrow('run 5 does not exist');
  });
});

describe('setTags', () => {
  it('trims, drops empty tags and duplicates ignoring case, keeps the first spelling and the order', () => {
    const id = store.createRun(smallRun());
    expect(store.setTags(id, ['  Ng ', 'overfit', 'NG', '', '   ', 'ng', 'Overfit', 'λ=1'])).toEqual([
      'Ng',
      'overfit',
      'λ=1',
    ]);
    expect(store.getRun(id).tags).toEqual(['Ng', 'overfit', 'λ=1']);
    expect(store.setTags(id, ['b', 'a'])).toEqual(['b', 'a']);
    expect(store.listRuns()[0].tags).toEqual(['b', 'a']);
    expect(store.setTags(id, [])).toEqual([]);
    expect(store.getRun(id).tags).toEqual([]);
  });

  it('refuses non-text tags and unknown runs without changing anything', () => {
    const id = store.createRun(smallRun());
    store.setTags(id, ['keep']);
    expect(() => store.setTags(id, ['ok', 3 as never])).toThrow(`setTags: run ${id}: tag 2 must be text, got number`);
    expect(() => store.setTags(id, 'a,b' as never)).toThrow(`setTags: run ${id}: tags must be a list of text`);
    expect(() => store.setTags(id, ['x'.repeat(101)])).toThrow(/at most 100 allowed/);
    expect(() => store.setTags(9, ['a'])).toThrow('run 9 does not exist');
    expect(store.getRun(id).tags).toEqual(['keep']);
  });
});

describe('deleteRun', () => {
  it('removes the run and everything it owns, leaving no orphan rows and other runs intact', () => {
    const full = (name: string) => {
      const id = store.createRun(smallRun({}, name));
      store.markRunning(id);
      store.appendProgress(id, [
        { iteration: 1, cost: 2, elapsedMs: 1 },
        { iteration: 2, cost: 1, elapsedMs: 2 },
      ]);
      store.addSnapshot(id, { index: 0, iteration: 0, gridPng: png(0), unitPngs: [png(1), png(2), png(3)] });
      store.finishRun(id, smallResult());
      store.setTags(id, ['a', 'b']);
      return id;
    };
    const gone = full('gone');
    const kept = full('kept');
    store.deleteRun(gone);
    expect(() => store.getRun(gone)).toThrow(`run ${gone} does not exist`);
    expect(() => store.deleteRun(gone)).toThrow(`run ${gone} does not exist`);

    const db = new Database(store.path, { readonly: true });
    const count = (table: string) => db.prepare(`SELECT run_id, count(*) AS n FROM ${table} GROUP BY run_id`).all();
    expect(count('progress')).toEqual([{ run_id: kept, n: 2 }]);
    expect(count('snapshots')).toEqual([{ run_id: kept, n: 1 }]);
    expect(count('snapshot_units')).toEqual([{ run_id: kept, n: 3 }]);
    expect(count('weights')).toEqual([{ run_id: kept, n: 1 }]);
    expect(count('run_tags')).toEqual([{ run_id: kept, n: 2 }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(store.getRun(kept).historyLength).toBe(2);
  });
});
