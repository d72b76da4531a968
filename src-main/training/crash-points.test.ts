/**
 * Crash points: real CLI runs into one database, kill -9 of the training worker or of the CLI itself
 * (the supervisor) at a seeded random moment, trial after trial. After every fault and the next open:
 * SQLite's integrity_check is ok, every run finished before is byte-identical, a bystander CLI training
 * alongside still finishes, and no run is left queued or running. `npm test` runs a few trials;
 * `npm run crash` runs CRASH_TRIALS (30) and prints the tally.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../nn/random';
import { openStore } from '../store/open';
import { ensureBuiltWorker } from './testing/build-worker';
import { childrenOf, finishedRunHashes, statuses } from './testing/crash-points';
import { integrityCheck, isAlive, until } from './testing/harness';
import { tinyFlags, writeTinyCsv } from './testing/tiny-data';

const TRIALS = Number(process.env.CRASH_TRIALS ?? 6);
const SEED = Number(process.env.CRASH_SEED ?? 12);

let cli: string;
let dir: string;
let csv: string;

beforeAll(async () => {
  cli = path.join(path.dirname(await ensureBuiltWorker()), 'cli.js');
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-crash-points-')));
  csv = writeTinyCsv(path.join(dir, 'tiny.csv'));
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Training {
  child: ChildProcess;
  /** Resolves when the run has recorded J(Θ₀) (its first progress line), or when the process ends. */
  training: Promise<void>;
  ended: Promise<number | null>;
}

function train(db: string, iterations: number): Training {
  const child = spawn(process.execPath, [cli, 'train', ...tinyFlags(csv, iterations), '--db', db, '--json'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ended = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const training = new Promise<void>((resolve) => {
    child.stderr!.on('data', (d) => /iteration/.test(String(d)) && resolve());
    void ended.then(() => resolve());
  });
  return { child, training, ended };
}

const TITLE = `${TRIALS} seeded trials: nothing finished changes, nothing is left running, the file stays sound`;

describe('kill -9 at random moments', () => {
  it(
    TITLE,
    async () => {
      const db = path.join(dir, 'runs.db');
      const random = seededRandom(SEED);
      const tally = { worker: 0, supervisor: 0, early: 0, missed: 0, bystanders: 0 };
      for (let trial = 0; trial < TRIALS; trial++) {
        const before = fs.existsSync(db) ? finishedRunHashes(db) : new Map<number, string>();
        // The victim trains long enough to be caught mid-run most of the time, not always.
        const victim = train(db, 200 + Math.floor(random() * 400));
        const bystander = train(db, 10);
        // Mostly a moment while it trains or finishes; sometimes one while it starts (data, run creation).
        const early = random() < 0.2;
        const waitMs = Math.floor(random() * 800);
        const target = random() < 0.5 ? 'worker' : 'supervisor';
        if (!early) await victim.training;
        await new Promise((r) => setTimeout(r, waitMs));
        const worker = childrenOf(victim.child.pid!)[0];
        if (!isAlive(victim.child.pid!)) tally.missed++;
        else if (target === 'worker' && worker !== undefined) {
          process.kill(worker, 'SIGKILL');
          tally.worker++;
        } else {
          victim.child.kill('SIGKILL');
          tally.supervisor++;
          if (early) tally.early++;
          // Its orphaned worker notices the broken channel and ends on its own.
          if (worker !== undefined) await until(`worker ${worker} to end`, () => !isAlive(worker), 15_000);
        }
        await victim.ended;
        expect(await bystander.ended, `trial ${trial}: the bystander CLI`).toBe(0);
        tally.bystanders++;

        // The next open (what `runs list` does) settles whatever the fault left behind.
        openStore(db).close();
        expect(integrityCheck(db), `trial ${trial}`).toBe('ok');
        const after = finishedRunHashes(db);
        for (const [id, hash] of before) expect(after.get(id), `trial ${trial}: finished run ${id}`).toBe(hash);
        for (const [id, status] of statuses(db)) {
          expect(['finished', 'failed', 'interrupted', 'cancelled'], `trial ${trial}: run ${id}`).toContain(status);
        }
      }
      const final = [...statuses(db).values()];
      const count = (s: string) => final.filter((x) => x === s).length;
      expect(tally.bystanders).toBe(TRIALS);
      expect(tally.worker + tally.supervisor + tally.missed).toBe(TRIALS);
      process.stdout.write(
        `crash points (seed ${SEED}): ${TRIALS} trials, ${final.length} runs stored; faults injected: ` +
          `${tally.worker} kill -9 of a worker, ${tally.supervisor} of a CLI (${tally.early} while starting up), ` +
          `${tally.missed} too late (run already ended); ${count('finished')} finished, each byte-identical through ` +
          `every later fault; ${count('failed')} failed, ${count('interrupted')} interrupted, ` +
          `${count('cancelled')} cancelled; none left queued or running; lost: 0\n`,
      );
    },
    60_000 + TRIALS * 30_000,
  );
});
