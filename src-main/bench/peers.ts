/**
 * `npm run bench -- --peers`: the same jobs in numpy and scikit-learn (scripts/bench/peers.py), one
 * after the other, on the same data and the same Θ₀, when a python3 with numpy and scikit-learn is
 * there (Debian: python3-numpy python3-sklearn); otherwise a note, never a failure.
 *
 * The numpy peer runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (only
 * its own), so OpenBLAS picks its kernels for this CPU as it would on a user's machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Examples } from '../nn/cost';
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

function runPeer<T>(python: string, args: string[]): T {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync(python, [join(repositoryRoot(), 'scripts', 'bench', 'peers.py'), ...args], {
    env,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0)
    throw new Error(`bench: the python peer failed (${args[0]}): ${(r.stderr || '').trim().slice(-400)}`);
  return JSON.parse(r.stdout) as T;
}

/** numpy's J and ∇J of 784-25-10 on these examples at Θ (λ = 1), median ms of 30. */
export function numpyEvaluation(python: string, examples: Examples, theta: Float64Array): NumpyPeer {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-bench-peer-'));
  try {
    writeFileSync(join(dir, 'X.f64'), new Uint8Array(examples.X.buffer, examples.X.byteOffset, examples.X.byteLength));
    writeFileSync(join(dir, 'y.u8'), examples.y);
    writeFileSync(join(dir, 'theta.f64'), new Uint8Array(theta.buffer, theta.byteOffset, theta.byteLength));
    return runPeer<NumpyPeer>(python, ['eval', dir]);
  } finally {
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
