/**
 * Stopping a CLI run from outside, with real signals to real processes: Ctrl+C (to the whole process
 * group, worker included, as a terminal sends it), a second Ctrl+C, SIGTERM and SIGHUP all end the run
 * as cancelled with its history kept and a valid --json result; `runs delete` of a run that is
 * training stops it in the training process without a single failed write.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open';
import { ensureBuiltWorker } from '../training/testing/build-worker';

let cli: string;
let dir: string;

beforeAll(async () => {
  cli = join(dirname(await ensureBuiltWorker()), 'cli.js');
  dir = mkdtempSync(join(tmpdir(), 'bpl-signals-'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LONG = [
  ...['train', '--hidden', '10', '--iterations', '100000'],
  ...['--train-size', '300', '--validation-size', '100', '--test-size', '100', '--json'],
];

interface Training {
  child: ChildProcess;
  /** Resolves once the run has recorded at least `n` iterations after J(Θ₀). */
  iterations(n: number): Promise<void>;
  /** Resolves once stderr matches. */
  printed(pattern: RegExp): Promise<void>;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts a long CLI run in a process group of its own, so that a "Ctrl+C" can reach it and its worker alike. */
function train(db: string): Training {
  const child = spawn(process.execPath, [cli, ...LONG, '--db', db], { detached: true, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  const waiting: { n: number; resolve: () => void }[] = [];
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => {
    stderr += d;
    const seen = [...stderr.matchAll(/^iteration +(\d+)/gm)].map((m) => Number(m[1]));
    const last = seen.length ? seen[seen.length - 1] : -1;
    for (const w of waiting.filter((w) => last >= w.n)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    child,
    ended,
    printed: async (pattern) => {
      for (const start = Date.now(); !pattern.test(stderr); await new Promise((r) => setTimeout(r, 10))) {
        if (Date.now() - start > 30_000) throw new Error(`the CLI never printed ${pattern}: ${stderr}`);
      }
    },
    iterations: (n) =>
      Promise.race([
        new Promise<void>((resolve) => waiting.push({ n, resolve })),
        ended.then((r) => {
          throw new Error(`the CLI ended before iteration ${n}: ${r.stderr}`);
        }),
      ]),
  };
}

/** The processes `pid` has started (the training worker, and a spare one if it keeps one), from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}

/** The one run of `db` as the store keeps it. */
function storedRun(db: string) {
  const store = openStore(db);
  try {
    const [run] = store.listRuns();
    return { run, history: store.getHistories([run.id])[0] };
  } finally {
    store.close();
  }
}

async function expectCancelled(training: Training, db: string, exitCode: number): Promise<void> {
  const r = await training.ended;
  expect([r.code, r.signal], r.stderr).toEqual([exitCode, null]);
  const out = JSON.parse(r.stdout);
  expect([out.runId, out.status, out.weights]).toEqual([1, 'cancelled', null]);
  expect(out.costHistory.length).toBeGreaterThanOrEqual(2);
  const { run, history } = storedRun(db);
  expect([run.status, run.failureReason]).toEqual(['cancelled', null]);
  // The history kept is the one printed: J(Θ₀) and the cost after each iteration.
  expect(history.cost).toEqual([out.initialCost, ...out.costHistory]);
  expect(r.stderr).not.toMatch(/failed|does not exist|locked/);
}

describe('stopping a CLI run with a signal', () => {
  it('Ctrl+C to the process group (CLI and worker) cancels the run and keeps its history', async () => {
    const db = join(dir, 'int.db');
    const t = train(db);
    await t.iterations(2);
    process.kill(-t.child.pid!, 'SIGINT');
    await expectCancelled(t, db, 130);
  }, 120_000);

  it('a second Ctrl+C while the worker has not answered the first ends it at once, with the same outcome', async () => {
    const db = join(dir, 'int2.db');
    const t = train(db);
    await t.iterations(2);
    // A worker deep in a long iteration does not answer a cancel for a while. Stopped here, it cannot
    // answer at all, so the run can only end through the second Ctrl+C (with a live worker the first
    // cancel often finished before a second signal arrived, and the test raced it).
    const workers = childrenOf(t.child.pid!);
    expect(workers.length).toBeGreaterThan(0);
    for (const pid of workers) process.kill(pid, 'SIGSTOP');
    process.kill(t.child.pid!, 'SIGINT');
    await t.printed(/SIGINT: cancelling/);
    process.kill(t.child.pid!, 'SIGINT');
    await expectCancelled(t, db, 130);
    expect((await t.ended).stderr).toMatch(/SIGINT: stopping now/);
  }, 120_000);

  it('SIGTERM to the CLI alone cancels the run (exit 143)', async () => {
    const db = join(dir, 'term.db');
    const t = train(db);
    await t.iterations(2);
    t.child.kill('SIGTERM');
    await expectCancelled(t, db, 143);
  }, 120_000);

  it('SIGHUP (the terminal closed) cancels the run (exit 129)', async () => {
    const db = join(dir, 'hup.db');
    const t = train(db);
    await t.iterations(2);
    process.kill(-t.child.pid!, 'SIGHUP');
    await expectCancelled(t, db, 129);
  }, 120_000);
});

describe('runs delete of a run that is training', () => {
  it('deletes it; the trainer stops within seconds without a failed write', async () => {
    const db = join(dir, 'delete.db');
    const t = train(db);
    await t.iterations(2);
    const deleted = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [cli, 'runs', 'delete', '1', '--db', db, '--json'], (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      ),
    );
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual({ id: 1, deleted: true, wasTraining: true });
    const r = await t.ended;
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ runId: 1, status: 'deleted' });
    expect(r.stderr).toMatch(/run 1 was deleted while it trained/);
    // The trainer wrote nothing after the delete: no failures, no "run 1 does not exist".
    expect(r.stderr).not.toMatch(/does not exist|could not|supervisor/);
    const store = openStore(db);
    expect(store.countRuns()).toBe(0);
    store.close();
  }, 120_000);
});
