import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataSplit } from '../data/load';
import { NG_MODEL, type ModelChoice } from '../nn/model';
import { combinationCost } from './combination-cost';
import { randomPlaneDirections } from './directions';
import { barrierMatrix, evenlySpaced, lineSurface, randomPlane } from './surfaces';
import { combined, relative, straightJ, trainedRun } from './testing/straight-j';

// The factored J (z(2) = Σₖ cₖ·X·Θₖ(1)ᵀ from products computed once per vector) for every cost and
// hidden activation a run can have, against J evaluated at the combined Θ itself: a plain forward pass
// here, and numpy's. Θ₀ is Ng's initialization and Θ* a Θ trained 25 iterations of cg with Ng's model
// on 200 bundled digits: any Θ is a point where the chosen model's J is defined.

const split = loadDataSplit({ source: 'mnist', trainSize: 200, validationSize: 100, testSize: 50, dataSeed: 1 });
const MODELS: ModelChoice[] = [
  NG_MODEL,
  { cost: 'quadratic', activation: 'tanh' },
  { cost: 'cross-entropy', activation: 'relu' },
  { cost: 'quadratic', activation: 'sigmoid' },
  { cost: 'cross-entropy', activation: 'tanh' },
  { cost: 'quadratic', activation: 'relu' },
];
const name = (m: ModelChoice) => `${m.cost}, ${m.activation}`;

describe.each([
  ['784-25-10', [784, 25, 10]],
  ['784-12-8-10 (only Θ(1) is linear)', [784, 12, 8, 10]],
])('the factored J equals the straightforward J to 1e-12 relative for every model: %s', (_, sizes) => {
  const { theta0, theta } = trainedRun(sizes, split.train, 1);

  it.each(MODELS.map((m) => [name(m), m] as const))('%s: a line from α = −1 to 2, and a 5 × 5 plane', (_, model) => {
    const data = { train: split.train, validation: split.validation, lambda: 1, model };
    const alphas = evenlySpaced(-1, 2, 31);
    const line = lineSurface(sizes, data, theta0, theta, alphas, false);
    alphas.forEach((alpha, t) => {
      const at = combined([theta0, theta], [1 - alpha, alpha]);
      expect(relative(line.cost[t], straightJ(sizes, model, split.train, 1, at))).toBeLessThan(1e-12);
      expect(relative(line.validationCost![t], straightJ(sizes, model, split.validation!, 0, at))).toBeLessThan(1e-12);
    });
    const plane = randomPlane(sizes, data, theta, { grid: 5, span: 1, seed: 2 });
    const [d1, d2] = randomPlaneDirections(sizes, theta, 2);
    plane.y.forEach((y, i) =>
      plane.x.forEach((x, j) => {
        const at = combined([theta, d1, d2], [1, x, y]);
        expect(relative(plane.cost[i][j], straightJ(sizes, model, split.train, 1, at))).toBeLessThan(1e-12);
      }),
    );
  });
});

describe("the ends and a plane's centre are the vectors' own J, bit for bit", () => {
  const sizes = [784, 25, 10];
  const { theta0, theta } = trainedRun(sizes, split.train, 1);

  it.each(MODELS.map((m) => [name(m), m] as const))('%s', (_, model) => {
    const data = { train: split.train, validation: null, lambda: 1, model };
    const alone = (v: Float64Array) => combinationCost(sizes, split.train, 1, [v], model).cost([1]);
    // 51 points: α = 1 is point 50, between the product rule's exact points (every 16th).
    const line = lineSurface(sizes, data, theta0, theta, evenlySpaced(0, 1, 51), false);
    expect(line.cost[0]).toBe(alone(theta0));
    expect(line.cost[50]).toBe(alone(theta));
    expect(line.endpoints).toEqual([alone(theta0), alone(theta)]);
    const plane = randomPlane(sizes, data, theta, { grid: 7, span: 1, seed: 2 });
    expect(plane.centerCost).toBe(alone(theta));
    expect(plane.cost[3][3]).toBe(alone(theta));
  });

  it("the model changes J: Ng's, quadratic and ReLU networks give different J at the same Θ*", () => {
    const at = (model: ModelChoice) => combinationCost(sizes, split.train, 1, [theta], model).cost([1]);
    const ng = at(NG_MODEL);
    expect(at({ cost: 'quadratic', activation: 'sigmoid' })).toBeLessThan(ng);
    expect(at({ cost: 'cross-entropy', activation: 'relu' })).not.toBe(ng);
    // The default is Ng's: no model given is the same bits as NG_MODEL.
    expect(combinationCost(sizes, split.train, 1, [theta]).cost([1])).toBe(ng);
  });

  it('a barrier matrix of one model is 0 on the diagonal and finite elsewhere', () => {
    const model: ModelChoice = { cost: 'quadratic', activation: 'tanh' };
    const m = barrierMatrix(sizes, split.train, [theta0, theta], [1, 1], 5, undefined, model);
    expect(m.before[0][0]).toBe(0);
    expect(Number.isFinite(m.before[0][1]) && Number.isFinite(m.after[1][0])).toBe(true);
  });
});

describe('every point equals numpy at (1 − α)Θ₀ + αΘ*, to 1e-9 relative', () => {
  const python = '/usr/bin/python3';
  const hasNumpy = (() => {
    try {
      execFileSync(python, ['-c', 'import numpy']);
      return true;
    } catch {
      return false;
    }
  })();
  const sizes = [784, 25, 10];
  const { theta0, theta } = trainedRun(sizes, split.train, 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landscape-models-'));
  const write = (file: string, a: Float64Array | Uint8Array) =>
    fs.writeFileSync(path.join(dir, file), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  write('X.bin', split.train.X);
  write('y.bin', Uint8Array.from(split.train.y));
  write('a.bin', theta0);
  write('b.bin', theta);
  const alphas = evenlySpaced(-0.5, 1.5, 11);

  // note: skipped where /usr/bin/python3 with numpy is absent (it is needed for the independent evaluation)
  it.skipIf(!hasNumpy).each(MODELS.map((m) => [name(m), m] as const))('%s', (_, model) => {
    const line = lineSurface(
      sizes,
      { train: split.train, validation: null, lambda: 1, model },
      theta0,
      theta,
      alphas,
      false,
    );
    const script = `
import numpy as np, json, sys
d, cost, activation = sys.argv[1], sys.argv[2], sys.argv[3]
X = np.fromfile(d + '/X.bin', dtype='<f8').reshape(-1, 784)
y = np.fromfile(d + '/y.bin', dtype=np.uint8)
A = np.fromfile(d + '/a.bin', dtype='<f8'); B = np.fromfile(d + '/b.bin', dtype='<f8')
m = X.shape[0]; lam = 1.0
Y = np.eye(10)[y]
sig = lambda z: 1 / (1 + np.exp(-z))
hidden = {'sigmoid': sig, 'tanh': np.tanh, 'relu': lambda z: np.maximum(0, z)}[activation]
out = []
for alpha in json.loads(sys.argv[4]):
    t = (1 - alpha) * A + alpha * B
    T1 = t[:25 * 785].reshape(25, 785); T2 = t[25 * 785:].reshape(10, 26)
    a2 = hidden(np.c_[np.ones(m), X] @ T1.T)
    z3 = np.c_[np.ones(m), a2] @ T2.T
    if cost == 'quadratic':
        J = np.sum((sig(z3) - Y) ** 2) / (2 * m)
    else:
        # −y log h − (1 − y) log(1 − h) with h = g(z) is log(1 + e^(∓z)): numpy's logaddexp keeps it
        # finite where h rounds to 1 (ReLU units grow without bound past α = 1, and Ng's form gives NaN).
        J = np.sum(Y * np.logaddexp(0, -z3) + (1 - Y) * np.logaddexp(0, z3)) / m
    J += lam / (2 * m) * (np.sum(T1[:, 1:] ** 2) + np.sum(T2[:, 1:] ** 2))
    out.append(J)
print(json.dumps(out))
`;
    const numpy = JSON.parse(
      execFileSync(python, ['-c', script, dir, model.cost, model.activation, JSON.stringify(alphas)], {
        encoding: 'utf8',
      }),
    ) as number[];
    expect(numpy).toHaveLength(11);
    line.cost.forEach((c, i) => expect(relative(c, numpy[i])).toBeLessThan(1e-9));
  });
});
