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
import {
  copyLiveDatabase,
  copyWalFrameIntoDatabase,
  canMountTmpfs,
  mountTmpfs,
  openWithoutCheckpoints,
  remount,
  unmount,
} from '../store/torn-checkpoint';
import { ensureBuiltWorker } from './testing/build-worker';
import { childrenOf, finishedRunHashes, runsNamed, statuses } from './testing/crash-points';
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
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the CLI wrote to stderr so far, so a failed expectation can say why it ended. */
  stderr: () => string;
}

function train(db: string, iterations: number, name: string, optimizer = 'cg'): Training {
  const flags = [...tinyFlags(csv, iterations), '--optimizer', optimizer];
  const args = [cli, 'train', ...flags, '--db', db, '--json', '--name', name];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const training = new Promise<void>((resolve) => {
    child.stderr!.on('data', (d) => /iteration/.test(String(d)) && resolve());
    void ended.then(() => resolve());
  });
  return { child, training, ended, stderr: () => stderr };
}

const TITLE = `${TRIALS} seeded trials: nothing finished changes, nothing is left running, the file stays sound`;

describe('kill -9 at random moments', () => {
  it(
    TITLE,
    async () => {
      const db = path.join(dir, 'runs.db');
      const random = seededRandom(SEED);
      const tally = { worker: 0, supervisor: 0, early: 0, missed: 0 };
      for (let trial = 0; trial < TRIALS; trial++) {
        const before = fs.existsSync(db) ? finishedRunHashes(db) : new Map<number, string>();
        // The victim outlives every fault's moment on any machine: gradient descent runs all its 10,000–30,000
        // iterations (CG stops once converged, after ~2,300 here), and the fault comes at most 0.8 s into training.
        // With 200–600 CG iterations a quiet machine had finished most victims before the kill (CI: 0 of 6
        // worker kills landed), so the suite proved little where it mattered.
        const victim = train(db, (200 + Math.floor(random() * 400)) * 50, `victim ${trial}`, 'sgd');
        const bystander = train(db, 10, `bystander ${trial}`);
        // Mostly a moment while it trains or finishes; sometimes one while it starts (data, run creation).
        const early = random() < 0.2;
        const waitMs = Math.floor(random() * 800);
        const target = random() < 0.5 ? 'worker' : 'supervisor';
        if (!early) await victim.training;
        await new Promise((r) => setTimeout(r, waitMs));
        const worker = childrenOf(victim.child.pid!)[0];
        let fault: 'worker' | 'supervisor' | null = null;
        if (!isAlive(victim.child.pid!)) tally.missed++;
        else if (target === 'worker' && worker !== undefined) {
          process.kill(worker, 'SIGKILL');
          fault = 'worker';
        } else {
          victim.child.kill('SIGKILL');
          fault = 'supervisor';
          // Its orphaned worker notices the broken channel and ends on its own.
          if (worker !== undefined) await until(`worker ${worker} to end`, () => !isAlive(worker), 15_000);
        }
        const victimEnd = await victim.ended;
        expect(
          (await bystander.ended).code,
          `trial ${trial}: the bystander CLI (stderr: ${bystander.stderr().slice(-600)})`,
        ).toBe(0);

        // The next open (what `runs list` does) settles whatever the fault left behind.
        openStore(db).close();
        // Each fault landed, and left the mark it should: counted only from that evidence.
        const victimRuns = runsNamed(db, `victim ${trial}`);
        const finishedFirst = victimRuns.length === 1 && victimRuns[0].status === 'finished';
        if (fault !== null && finishedFirst) {
          // The kill came in the last milliseconds, after the run was stored: too late, like a miss.
          tally.missed++;
        } else if (fault === 'supervisor') {
          expect(victimEnd.signal, `trial ${trial}: the victim CLI was killed`).toBe('SIGKILL');
          // Killed while starting up it may not have stored its run yet; otherwise the run was cut short.
          expect(
            victimRuns.map((r) => r.status),
            `trial ${trial}: the victim's run`,
          ).toEqual(victimRuns.length === 0 ? [] : ['interrupted']);
          tally.supervisor++;
          if (early) tally.early++;
        } else if (fault === 'worker') {
          // The supervisor saw its worker die and recorded why; the CLI reports the failure.
          expect(victimRuns, `trial ${trial}: the victim's run`).toEqual([
            { status: 'failed', failureReason: 'training process exited with signal SIGKILL before training ended' },
          ]);
          expect(victimEnd.code, `trial ${trial}: the victim CLI's exit code`).not.toBe(0);
          tally.worker++;
        } else {
          expect(
            victimRuns.map((r) => r.status),
            `trial ${trial}: the victim's run`,
          ).toEqual(['finished']);
        }
        expect(integrityCheck(db), `trial ${trial}`).toBe('ok');
        const after = finishedRunHashes(db);
        for (const [id, hash] of before) expect(after.get(id), `trial ${trial}: finished run ${id}`).toBe(hash);
        for (const [id, status] of statuses(db)) {
          expect(['finished', 'failed', 'interrupted', 'cancelled'], `trial ${trial}: run ${id}`).toContain(status);
        }
      }
      const final = [...statuses(db).values()];
      const count = (s: string) => final.filter((x) => x === s).length;
      // A test whose faults all came too late would prove nothing: at least one of each kind must land.
      expect(tally.worker, 'worker kills that landed').toBeGreaterThan(0);
      expect(tally.supervisor, 'CLI kills that landed').toBeGreaterThan(0);
      expect(count('finished')).toBe(TRIALS + tally.missed);
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

/** Runs the built CLI to its end; resolves to its exit code and output. */
function cliRun(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('states a crash or a full disk leaves, which SQLite recovers (issue 20, B1)', () => {
  it('a checkpoint cut off half-way: page 1 of the -wal copied into the file; every command still works', async () => {
    const db = path.join(dir, 'torn.db');
    expect((await cliRun(['train', ...tinyFlags(csv, 5), '--db', db, '--json'])).code).toBe(0);
    const before = finishedRunHashes(db);
    const live = path.join(dir, 'torn-live.db');
    fs.copyFileSync(db, live);
    const writer = openWithoutCheckpoints(live);
    // Runs another process added and committed, still only in its -wal file when it died.
    const insert = writer.prepare(
      `INSERT INTO runs (name, status, created_at, hyperparameters, dataset, width, height, optimizer, lambda,
         hidden_layers, hidden_size, layer_count, iterations, batch_size, learning_rate, momentum, init, epsilon, seed,
         impl, train_size, validation_size, test_size, data_seed)
       VALUES (?, 'failed', 1, '{}', '{}', 4, 4, 'cg', 1, '[3]', 3, 3, 50, 100, 0.5, 0.9, 'uniform', 0.12, 1, 'fast',
         60, 20, 20, 1)`,
    );
    for (let i = 0; i < 40; i++) insert.run(`in the -wal only ${i} ${'w'.repeat(400)}`);
    copyLiveDatabase(live, db);
    writer.close();
    const claimed = copyWalFrameIntoDatabase(db, 1);
    expect(claimed * 4096).toBeGreaterThan(fs.statSync(db).size);
    const list = await cliRun(['runs', 'list', '--json', '--db', db]);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(41);
    expect(integrityCheck(db)).toBe('ok');
    expect(finishedRunHashes(db)).toEqual(before);
    expect((await cliRun(['train', ...tinyFlags(csv, 5), '--db', db, '--json'])).code).toBe(0);
  }, 120_000);

  const mountable = canMountTmpfs();

  it.skipIf(!mountable)(
    'a full disk (a real 2 MiB tmpfs; needs root): training fails, nothing committed is lost, and once there is room everything works',
    async () => {
      const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-full-disk-'));
      expect(mountTmpfs(mount, '2m')).toBe(true);
      try {
        const db = path.join(mount, 'runs.db');
        expect((await cliRun(['train', ...tinyFlags(csv, 5), '--db', db, '--json'])).code).toBe(0);
        const before = finishedRunHashes(db);
        // Fill what is left, so the next run's writes (and any checkpoint) run out of room.
        const filler = path.join(mount, 'filler');
        const fd = fs.openSync(filler, 'w');
        try {
          for (;;) fs.writeSync(fd, Buffer.alloc(4096));
        } catch (e) {
          expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
        } finally {
          fs.closeSync(fd);
        }
        const full = await cliRun(['train', ...tinyFlags(csv, 50), '--db', db, '--json']);
        expect(full.code).not.toBe(0);
        expect(full.stderr + full.stdout).toMatch(/database or disk is full|ENOSPC|no space/i);
        remount(mount, 'size=16m');
        const list = await cliRun(['runs', 'list', '--json', '--db', db]);
        expect(list.code, list.stderr).toBe(0);
        expect(integrityCheck(db)).toBe('ok');
        expect(finishedRunHashes(db)).toEqual(before);
        const again = await cliRun(['train', ...tinyFlags(csv, 5), '--db', db, '--json']);
        expect(again.code, again.stderr).toBe(0);
        process.stdout.write(
          `crash points: full 2 MiB tmpfs: training refused with "${full.stderr.trim().split('\n').pop()}"; after remounting at 16 MiB every finished run was byte-identical and the next run finished\n`,
        );
      } finally {
        unmount(mount);
        fs.rmSync(mount, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
