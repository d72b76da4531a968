import { describe, expect, it } from 'vitest';
import { canPartner, missingPartners, planePartner, runLabel, sameSettings, sameShape } from './partners';

const run = (id: number, lambda: number, hiddenLayers = [25], trainSize = 5000) => ({
  id,
  lambda,
  hiddenLayers,
  trainSize,
  optimizer: 'cg' as const,
  width: 28,
  height: 28,
  classCount: 10,
  cost: 'cross-entropy' as 'cross-entropy' | 'quadratic',
  activation: 'sigmoid' as 'sigmoid' | 'tanh' | 'relu',
  seed: id,
  name: `run ${id}`,
});

describe('which runs share a picture', () => {
  it('needs the same layer sizes; the same settings besides the seed for a line between minima', () => {
    expect(sameShape(run(1, 1), run(2, 0))).toBe(true);
    expect(sameShape(run(1, 1), run(2, 1, [25, 10]))).toBe(false);
    expect(sameShape(run(1, 1), { ...run(2, 1), width: 16 })).toBe(false);
    // Θ's shape: 784 inputs as 28 × 28 or 784 × 1 are the same shape; 3 classes are not 10.
    expect(sameShape(run(1, 1), { ...run(2, 1), width: 784, height: 1 })).toBe(true);
    expect(sameShape(run(1, 1), { ...run(2, 1), classCount: 3 })).toBe(false);
    expect(sameSettings(run(1, 1), run(2, 1))).toBe(true);
    expect(sameSettings(run(1, 1), run(2, 0))).toBe(false);
    expect(sameSettings(run(1, 1), run(2, 1, [25], 1000))).toBe(false);
  });
  it('puts λ = 0 beside λ > 0 and λ = 1 beside λ = 0, else any other λ, newest first', () => {
    const others = [run(9, 1), run(8, 0), run(7, 3)];
    expect(planePartner(run(1, 1), others)?.id).toBe(8);
    expect(planePartner(run(1, 0), others)?.id).toBe(9);
    expect(planePartner(run(1, 3), [run(9, 3), run(7, 10)])?.id).toBe(7);
    expect(planePartner(run(1, 3), [run(9, 3)])).toBeNull();
    expect(runLabel(run(4, 0.1))).toBe('#4 · λ = 0.1 · seed 4 · run 4');
  });
  it('says how many runs are left out of the partners and why, each counted once', () => {
    const a = run(1, 1);
    const others = [
      a,
      run(2, 0),
      { ...run(3, 1), classCount: 3 },
      { ...run(4, 1), classCount: 3 },
      run(5, 1, [25, 10]),
      { ...run(6, 1, [10]), width: 4, height: 4 },
    ];
    expect(others.filter((r) => r.id !== a.id && sameShape(r, a)).map((r) => r.id)).toEqual([2]);
    expect(missingPartners(a, others)).toBe(
      '4 other finished runs are not offered (1 with another number of inputs, 1 with other hidden layers and 2 with ' +
        'another number of classes): a line or a plane between two networks needs their Θ to have the same shape.',
    );
    expect(missingPartners(a, [a, { ...run(3, 1), classCount: 3 }])).toBe(
      '1 other finished run is not offered (1 with another number of classes): a line or a plane between two ' +
        'networks needs their Θ to have the same shape.',
    );
    expect(missingPartners(a, [a, run(2, 0)])).toBeNull();
  });
  it('leaves out runs trained on another cost or activation, as the API refuses a line between two J', () => {
    const a = run(1, 1);
    const relu = { ...run(2, 1), activation: 'relu' as const };
    const quadratic = { ...run(3, 0), cost: 'quadratic' as const };
    const all = [a, relu, quadratic, run(4, 0), { ...run(5, 1), classCount: 3, activation: 'tanh' as const }];
    expect(sameShape(a, relu)).toBe(true);
    expect(all.filter((r) => r.id !== a.id && canPartner(r, a)).map((r) => r.id)).toEqual([4]);
    expect(missingPartners(a, all)).toBe(
      '3 other finished runs are not offered (1 with another number of classes and 2 trained on another cost or ' +
        'hidden activation than cross-entropy with sigmoid units): a line or a plane between two networks needs ' +
        'their Θ to have the same shape and one J (the same cost and hidden activation).',
    );
    expect(missingPartners(relu, [relu, { ...run(6, 0), activation: 'relu' as const }, a])).toBe(
      '1 other finished run is not offered (1 trained on another cost or hidden activation than cross-entropy with ' +
        'relu units): a line or a plane between two networks needs one J (the same cost and hidden activation).',
    );
  });
});
