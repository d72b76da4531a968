/**
 * The external tools the MAT-file tests check the lab against: Debian's python3 with scipy and
 * Octave (.ci/run installs both). A test that needs one skips with a note saying which is absent.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** /usr/bin/python3 when it can import scipy.io, else null. */
export const SCIPY_PYTHON: string | null =
  spawnSync('/usr/bin/python3', ['-c', 'import scipy.io, numpy'], { stdio: 'ignore' }).status === 0
    ? '/usr/bin/python3'
    : null;

/** /usr/bin/octave when present, else null. */
export const OCTAVE: string | null = fs.existsSync('/usr/bin/octave') ? '/usr/bin/octave' : null;

/** Prints why a group of tests is skipped, once, so a skip is never silent. */
export function noteSkip(tool: string | null, what: string): void {
  if (!tool) console.warn(`skipped: ${what} (not installed on this machine; .ci/run installs it)`);
}

/** Runs python3 code; throws with its stderr when it fails, else returns stdout. */
export function runPython(code: string, cwd: string): string {
  const r = spawnSync(SCIPY_PYTHON ?? 'python3', ['-c', code], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Runs Octave code quietly; throws with its stderr when it fails, else returns stdout. */
export function runOctave(code: string, cwd: string): string {
  const r = spawnSync(OCTAVE ?? 'octave', ['--no-gui', '--no-window-system', '-q', '--eval', code], {
    cwd,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`octave exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/**
 * Octave code that writes a stand-in for the course's ex4data1.mat and ex4weights.mat (the course's
 * own files are not on this machine): X 5000×400 in [−0.13, 1.13] (ten 20×20 prototypes plus noise,
 * 500 of each class), y 1…10 with 10 for the digit 0, and a trained-looking Θ (random Theta1, Theta2
 * fitted by ridge regression to the logits of the one-hot labels). Deterministic: seeded twister.
 */
export const OCTAVE_COURSE_FILES = `
rand('twister', 5489); randn('twister', 5489);
m = 5000; K = 10; y = repmat((1:K)', m / K, 1);
P = rand(K, 400) > 0.6;
X = min(max(P(y, :) * 0.6 + 0.3 * randn(m, 400), -0.13), 1.13);
Theta1 = 0.12 * randn(25, 401);
H = [ones(m, 1), 1 ./ (1 + exp(-[ones(m, 1), X] * Theta1'))];
Y = eye(K)(y, :);
Theta2 = ((H' * H + 0.1 * eye(26)) \\ (H' * (8 * Y - 4)))';
save('-v7', 'ex4data1.mat', 'X', 'y');
save('-v6', 'ex4weights.mat', 'Theta1', 'Theta2');
`;

/** Ng's nnCostFunction for a 400-25-10 network, its cost only, as the learner writes it in ex4. */
export const OCTAVE_NN_COST = `
function J = nnCost(Theta1, Theta2, X, y, lambda)
  m = rows(X); K = rows(Theta2);
  a1 = [ones(m, 1) X]; a2 = [ones(m, 1) 1 ./ (1 + exp(-a1 * Theta1'))]; h = 1 ./ (1 + exp(-a2 * Theta2'));
  Y = eye(K)(y, :);
  J = sum(sum(-Y .* log(h) - (1 - Y) .* log(1 - h))) / m + ...
      lambda / (2 * m) * (sum(sum(Theta1(:, 2:end) .^ 2)) + sum(sum(Theta2(:, 2:end) .^ 2)));
end
`;
