/**
 * `npm run bench -- --peers`: the same jobs in numpy and scikit-learn (scripts/bench/peers.py), on
 * the same data and the same Θ₀, when a python3 with numpy and scikit-learn is there (Debian:
 * python3-numpy python3-sklearn); otherwise a note, never a failure. Ours and theirs take turns
 * (interleave.ts): each ratio is the median of pairwise ratios, with its spread and the load.
 *
 * The numpy peer runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (only
 * its own), so OpenBLAS picks its kernels for this CPU as it would on a user's machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CostFunction, Examples } from '../nn/cost';
import { pairedRatio, pause, watchLoad, type LoadReading, type Pair, type PairedRatio } from './interleave';
import { timeEvaluations } from './measure';
import { repositoryRoot } from './startup';

export interface NumpyPeer {
  readonly medianMs: number;
  readonly minMs: number;
  readonly cost: number;
  readonly blas: unknown;
}

export interface SklearnPeer {
  readonly wholeMs: number;
  readonly loadMs: number;
  readonly fitMs: number;
  readonly scoreMs: number;
  readonly iterations: number;
  readonly finalLoss: number;
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  readonly blas: unknown;
}

/** The python3 that has numpy and scikit-learn (/usr/bin/python3 first), or null with why not. */
export function findPython(): { python: string } | { note: string } {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(python, ['-c', 'import numpy, sklearn'], { encoding: 'utf8' });
    if (r.status === 0) return { python };
  }
  return {
    note: 'peers skipped: no python3 with numpy and scikit-learn (Debian: apt install python3-numpy python3-sklearn)',
  };
}

/** The environment the peers run in: ours, less the OpenBLAS settings the lab's tests pin. */
function peerEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

const peersScript = () => join(repositoryRoot(), 'scripts', 'bench', 'peers.py');

function runPeer<T>(python: string, args: string[]): T {
  const r = spawnSync(python, [peersScript(), ...args], {
    env: peerEnvironment(),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0)
    throw new Error(`bench: the python peer failed (${args[0]}): ${(r.stderr || '').trim().slice(-400)}`);
  return JSON.parse(r.stdout) as T;
}

/** fast against numpy: J and ∇J of 784-25-10 on the same examples at Θ (λ = 1), in turns. */
export interface KernelPeerRatio {
  readonly ratio: PairedRatio;
  readonly load: LoadReading;
  /** numpy's J at Θ, to show both computed the same thing. */
  readonly cost: number;
  readonly blas: unknown;
}

/**
 * Times `ours` and numpy's J and ∇J in `pairs` turns each (ours first), each turn the median of
 * `perTurn` evaluations; numpy stays loaded in one python process between its turns, and each side
 * waits `gapMs` before its turn so the other's threads have gone idle.
 */
export async function interleavedKernelRatio(
  python: string,
  examples: Examples,
  theta: Float64Array,
  ours: CostFunction,
  options: { pairs?: number; perTurn?: number; gapMs?: number } = {},
): Promise<KernelPeerRatio> {
  const { pairs = 15, perTurn = 7, gapMs = 250 } = options;
  const dir = mkdtempSync(join(tmpdir(), 'backprop-bench-peer-'));
  writeFileSync(join(dir, 'X.f64'), new Uint8Array(examples.X.buffer, examples.X.byteOffset, examples.X.byteLength));
  writeFileSync(join(dir, 'y.u8'), examples.y);
  writeFileSync(join(dir, 'theta.f64'), new Uint8Array(theta.buffer, theta.byteOffset, theta.byteLength));
  const child = spawn(python, [peersScript(), 'serve', dir], {
    env: peerEnvironment(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const reply = async <T>(): Promise<T> => {
    const next = await lines.next();
    if (next.done) throw new Error(`bench: the numpy peer stopped: ${stderr.trim().slice(-400)}`);
    return JSON.parse(next.value) as T;
  };
  try {
    const ready = await reply<{ cost: number; blas: unknown }>();
    timeEvaluations(ours, theta, 5, 1);
    const watch = watchLoad(() => (child.pid === undefined ? [] : [child.pid]));
    const measured: Pair[] = [];
    for (let p = 0; p < pairs; p++) {
      await pause(gapMs);
      const oursMs = timeEvaluations(ours, theta, 1, perTurn).medianMs;
      await pause(gapMs);
      child.stdin.write(`${perTurn}\n`);
      const { times } = await reply<{ times: number[] }>();
      const sorted = [...times].sort((a, b) => a - b);
      measured.push({ oursMs, theirsMs: sorted[sorted.length >> 1] });
    }
    return { ratio: pairedRatio(measured), load: watch.done(), cost: ready.cost, blas: ready.blas };
  } finally {
    child.stdin.end();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** scikit-learn's whole script on the IDX files, starting from Θ₀. */
export function sklearnScript(
  python: string,
  files: { trainImages: string; trainLabels: string; testImages: string; testLabels: string },
  theta0: Float64Array,
): SklearnPeer {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-bench-peer-'));
  try {
    const thetaFile = join(dir, 'theta.f64');
    writeFileSync(thetaFile, new Uint8Array(theta0.buffer, theta0.byteOffset, theta0.byteLength));
    return runPeer<SklearnPeer>(python, [
      'sklearn',
      files.trainImages,
      files.trainLabels,
      files.testImages,
      files.testLabels,
      thetaFile,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
