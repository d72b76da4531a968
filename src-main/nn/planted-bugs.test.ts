/**
 * The planted bugs of the gradient-checking lesson, on Ng's debug network. The relative differences they
 * must show were computed independently in numpy (Ng's vectorized nnCostFunction and
 * computeNumericalGradient): `/usr/bin/python3 scripts/reference/planted_bugs_numpy.py` prints
 * NUMPY below, and the last test runs it again where numpy is there.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { debugNetwork } from './debug-network';
import { checkGradients } from './gradcheck';
import { createLoopCost } from './loop';
import { createBuggyCost, PLANTED_BUGS, type PlantedBug } from './planted-bugs';
import { syntheticExamples } from './synthetic';
import type { Examples } from './cost';

const { sizes, theta, examples } = debugNetwork();

/** What scripts/reference/planted_bugs_numpy.py printed (numpy 1.24.2, Debian bookworm's /usr/bin/python3). */
const NUMPY = {
  'no-sigmoid-gradient λ=0': 0.05283531589808378,
  'no-sigmoid-gradient λ=3': 0.049713541108993405,
  'regularize-bias λ=3': 0.11114338165416059,
  'forget-divide-by-m λ=0': 0.6666666666720596,
  'forget-divide-by-m λ=3': 0.6666666666718271,
};

describe("planted bugs on Ng's debug network", () => {
  it('the correct loop cost passes the check, at λ = 0 and λ = 3', () => {
    for (const lambda of [0, 3]) {
      expect(checkGradients(createLoopCost(sizes, examples, lambda), theta).relativeDifference).toBeLessThan(1e-9);
    }
  });

  it("no-sigmoid-gradient fails the check by far: numpy's 0.0528 at λ = 0, 0.0497 at λ = 3", () => {
    const at = (lambda: number) =>
      checkGradients(createBuggyCost('no-sigmoid-gradient', sizes, examples, lambda), theta).relativeDifference;
    expect(at(0)).toBeCloseTo(NUMPY['no-sigmoid-gradient λ=0'], 8);
    expect(at(3)).toBeCloseTo(NUMPY['no-sigmoid-gradient λ=3'], 8);
  });

  it('no-sigmoid-gradient leaves J and the gradient of Θ(2) right and breaks only Θ(1)', () => {
    const correct = new Float64Array(theta.length);
    const buggy = new Float64Array(theta.length);
    const J = createLoopCost(sizes, examples, 0).evaluate(theta, correct);
    expect(createBuggyCost('no-sigmoid-gradient', sizes, examples, 0).evaluate(theta, buggy)).toBe(J);
    expect(buggy.subarray(20)).toEqual(correct.subarray(20)); // Θ(2): 3×6 after Θ(1)'s 5×4
    for (let i = 0; i < 20; i++) expect(buggy[i]).not.toBe(correct[i]);
  });

  it('regularize-bias fails the check with λ = 3 and is invisible with λ = 0', () => {
    expect(
      checkGradients(createBuggyCost('regularize-bias', sizes, examples, 3), theta).relativeDifference,
    ).toBeCloseTo(NUMPY['regularize-bias λ=3'], 8);
    expect(
      checkGradients(createBuggyCost('regularize-bias', sizes, examples, 0), theta).relativeDifference,
    ).toBeLessThan(1e-9);
  });

  it('regularize-bias changes exactly the bias column, by (λ/m)·Θ', () => {
    const correct = new Float64Array(theta.length);
    const buggy = new Float64Array(theta.length);
    createLoopCost(sizes, examples, 3).evaluate(theta, correct);
    createBuggyCost('regularize-bias', sizes, examples, 3).evaluate(theta, buggy);
    const biasIndices = [0, 4, 8, 12, 16, 20, 26, 32]; // Θ(1) rows of 4, then Θ(2) rows of 6 from 20
    for (let i = 0; i < theta.length; i++) {
      if (biasIndices.includes(i)) expect(buggy[i]).toBeCloseTo(correct[i] + (3 / 5) * theta[i], 15);
      else expect(buggy[i]).toBe(correct[i]);
    }
  });

  it('forget-divide-by-m fails with relative difference (m − 1)/(m + 1) = 2/3 for m = 5', () => {
    for (const lambda of [0, 3]) {
      const d = checkGradients(
        createBuggyCost('forget-divide-by-m', sizes, examples, lambda),
        theta,
      ).relativeDifference;
      expect(d).toBeCloseTo(2 / 3, 8);
      expect(d).toBeCloseTo(NUMPY[`forget-divide-by-m λ=${lambda}` as keyof typeof NUMPY], 8);
    }
  });

  it('forget-divide-by-m is invisible with a single example (m = 1), and uses m = rows.length for mini-batches', () => {
    const one: Examples = { X: examples.X.subarray(0, 3), y: examples.y.subarray(0, 1), m: 1, n: 3 };
    expect(checkGradients(createBuggyCost('forget-divide-by-m', sizes, one, 3), theta).relativeDifference).toBeLessThan(
      1e-9,
    );
    const correct = new Float64Array(theta.length);
    const buggy = new Float64Array(theta.length);
    const rows = Uint32Array.of(4, 1);
    createLoopCost(sizes, examples, 1).evaluate(theta, correct, rows);
    createBuggyCost('forget-divide-by-m', sizes, examples, 1).evaluate(theta, buggy, rows);
    buggy.forEach((g, i) => expect(g).toBe(2 * correct[i]));
  });

  it('no-sigmoid-gradient is invisible in a network without hidden layers (there is no hidden δ)', () => {
    const data = syntheticExamples(6, 4, 3, 2);
    const flat = Float64Array.from({ length: 3 * 5 }, (_, i) => Math.sin(i + 1) / 10);
    expect(
      checkGradients(createBuggyCost('no-sigmoid-gradient', [4, 3], data, 1), flat).relativeDifference,
    ).toBeLessThan(1e-9);
  });

  it('no-sigmoid-gradient also breaks deeper networks, and honours rows like the loop cost', () => {
    const data = syntheticExamples(8, 4, 3, 9);
    const deep = [4, 5, 4, 3];
    const t = Float64Array.from({ length: 5 * 5 + 4 * 6 + 3 * 5 }, (_, i) => Math.sin(i + 1) / 2);
    expect(checkGradients(createBuggyCost('no-sigmoid-gradient', deep, data, 1), t).relativeDifference).toBeGreaterThan(
      1e-3,
    );
    const rows = Uint32Array.of(3, 3, 7);
    const viaRows = new Float64Array(t.length);
    const full = new Float64Array(t.length);
    const f = createBuggyCost('no-sigmoid-gradient', deep, data, 1);
    expect(f.evaluate(t, viaRows, rows)).toBe(createLoopCost(deep, data, 1).evaluate(t, full, rows));
  });

  it('describes every bug in plain words and rejects an unknown one', () => {
    expect(PLANTED_BUGS.map((b) => b.id)).toEqual(['no-sigmoid-gradient', 'regularize-bias', 'forget-divide-by-m']);
    expect(PLANTED_BUGS.find((b) => b.id === 'regularize-bias')!.needsLambda).toBe(true);
    expect(PLANTED_BUGS.find((b) => b.id === 'regularize-bias')!.description).toContain('λ > 0');
    expect(() => createBuggyCost('off-by-one' as PlantedBug, sizes, examples, 0)).toThrow(
      "unknown planted bug 'off-by-one': expected no-sigmoid-gradient, regularize-bias, forget-divide-by-m",
    );
    expect(() =>
      createBuggyCost(
        'no-sigmoid-gradient',
        sizes,
        { ...examples, m: 0, X: new Float64Array(0), y: new Uint8Array(0) },
        0,
      ),
    ).toThrow('the cost needs at least 1 example, got m = 0');
    expect(() => createBuggyCost('regularize-bias', sizes, examples, -1)).toThrow(
      'λ (lambda) must be a finite number ≥ 0, got -1',
    );
  });

  // The literal values above are what this script printed; here it runs again where numpy is there.
  const numpy = spawnSync('/usr/bin/python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!numpy)('agree with a live numpy computation (skipped where /usr/bin/python3 has no numpy)', () => {
    const script = fileURLToPath(new URL('../../scripts/reference/planted_bugs_numpy.py', import.meta.url));
    const py = spawnSync('/usr/bin/python3', [script], { encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    const live = JSON.parse(py.stdout) as Record<string, number>;
    for (const [key, value] of Object.entries(NUMPY)) expect(live[key], key).toBeCloseTo(value, 12);
    const ours = (bug: PlantedBug, lambda: number) =>
      checkGradients(createBuggyCost(bug, sizes, examples, lambda), theta).relativeDifference;
    expect(ours('no-sigmoid-gradient', 0)).toBeCloseTo(live['no-sigmoid-gradient λ=0'], 9);
    expect(ours('regularize-bias', 3)).toBeCloseTo(live['regularize-bias λ=3'], 9);
    // The correct cost, and regularize-bias at λ = 0, agree with their numeric gradient in numpy too.
    expect(live['correct λ=3']).toBeLessThan(1e-9);
    expect(live['regularize-bias λ=0']).toBeLessThan(1e-9);
  });
});
