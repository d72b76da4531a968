import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuiltWorker, REPO_ROOT } from '../../training/testing/build-worker';
import { REQUEST_CHANNELS } from '../../api/table';
import { fuzzCases, hostileCases } from './cases';
import { runFuzz } from './run-fuzz';
import { runHostileFiles } from './hostile-files';

// `npm test` runs 500 requests; `npm run fuzz` sets FUZZ_REQUESTS=10000 (at most 5 minutes).
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 500);
const SEED = Number(process.env.FUZZ_SEED ?? 12);
const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS ?? (REQUESTS > 500 ? 300_000 : 60_000));

describe('the API fuzz', () => {
  it('draws the same cases from the same seed, and tries every channel', () => {
    const a = fuzzCases(5, 200, ['/p'], 1000);
    expect(fuzzCases(5, 200, ['/p'], 1000)).toEqual(a);
    expect(fuzzCases(6, 200, ['/p'], 1000)).not.toEqual(a);
    const tried = new Set(
      fuzzCases(5, REQUEST_CHANNELS.length, ['/p'], 1000).map((c, i) =>
        c.kind === 'unknown channel' ? REQUEST_CHANNELS[i] : c.channel,
      ),
    );
    expect([...tried].sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it('has the fixed cases of issue 20: control characters in names and tags, paths too long in bytes', () => {
    const kinds = hostileCases('/x').map((c) => `${c.kind} ${c.channel}`);
    expect(kinds.length).toBe(27);
    expect(new Set(kinds)).toEqual(
      new Set([
        'hostile name runs.rename',
        'hostile tag runs.setTags',
        'hostile name training.start',
        'long path runs.export',
        'long path runs.import',
        'long path data.inspect',
      ]),
    );
  });

  it(
    `${REQUESTS} seeded requests (seed ${SEED}) to a real host: no 5xx, no hang, no crash`,
    async () => {
      const builtMain = path.dirname(await ensureBuiltWorker());
      const report = await runFuzz({
        builtMain,
        scratch: path.join(REPO_ROOT, 'out', '.fuzz'),
        seed: SEED,
        requests: REQUESTS,
        timeLimitMs: TIME_LIMIT_MS,
      });
      process.stdout.write(`API fuzz report: ${JSON.stringify(report, null, 2)}\n`);
      expect(report.failures).toEqual([]);
      expect(report.hostAlive).toBe(true);
      // All of them, unless the time limit stopped the run first.
      if (report.durationMs < TIME_LIMIT_MS) expect(report.requestsSent).toBe(REQUESTS + hostileCases('/x').length);
      expect(report.requestsSent).toBeGreaterThan(0);
    },
    TIME_LIMIT_MS + 180_000,
  );

  it(
    `hostile data files${REQUESTS > 500 ? ' at full size' : ''}: each answered in one line, no 5xx, no hang, peak memory under 1 GB`,
    async () => {
      const builtMain = path.dirname(await ensureBuiltWorker());
      const report = await runHostileFiles({
        builtMain,
        scratch: path.join(REPO_ROOT, 'out', '.fuzz'),
        full: REQUESTS > 500,
      });
      process.stdout.write(`Hostile files report: ${JSON.stringify(report, null, 2)}\n`);
      for (const r of report.results) {
        expect(r.status, r.name).toBe(r.name.startsWith('quoted-newline') ? 200 : 422);
        expect(r.message, r.name).not.toMatch(/\n/);
        expect(r.peakMiB, r.name).toBeLessThan(1024);
      }
      expect(report.hostAlive).toBe(true);
    },
    REQUESTS > 500 ? 900_000 : 180_000,
  );
});
