import { describe, expect, it } from 'vitest';
import { planePartner, runLabel, sameSettings, sameShape } from './partners';

const run = (id: number, lambda: number, hiddenLayers = [25], trainSize = 5000) => ({
  id,
  lambda,
  hiddenLayers,
  trainSize,
  optimizer: 'cg' as const,
  width: 28,
  height: 28,
  seed: id,
  name: `run ${id}`,
});

describe('which runs share a picture', () => {
  it('needs the same layer sizes; the same settings besides the seed for a line between minima', () => {
    expect(sameShape(run(1, 1), run(2, 0))).toBe(true);
    expect(sameShape(run(1, 1), run(2, 1, [25, 10]))).toBe(false);
    expect(sameShape(run(1, 1), { ...run(2, 1), width: 16 })).toBe(false);
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
});
