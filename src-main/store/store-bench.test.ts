import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatStoreBench, runStoreBench } from './store-bench';

// Speed is reported by `npm run bench`, never asserted; this checks the bench builds and measures what it says.
describe('runStoreBench', () => {
  it('builds a small database through the store, times every query, and deletes the file', () => {
    const r = runStoreBench({ runs: 4, iterations: 60, snapshots: 3, hiddenUnits: 2 });
    expect([r.runs, r.iterations, r.snapshots, r.hiddenUnits]).toEqual([4, 60, 3, 2]);
    for (const v of [
      r.buildMs,
      r.listColdMs,
      r.listMs,
      r.historiesColdMs,
      r.historiesMs,
      r.filteredPageMs,
      r.runDetailMs,
      r.snapshotImagesMs,
    ]) {
      expect(Number.isFinite(v) && v >= 0).toBe(true);
    }
    expect(r.fileBytes).toBeGreaterThan(4096);
    expect(fs.existsSync(r.path)).toBe(false);
    expect(formatStoreBench(r).split('\n')[0]).toMatch(
      /^store: 4 runs × 60 iterations, 3 snapshots × 2 units; file [\d.]+ MB, built in [\d.]+ s$/,
    );
  });
});
