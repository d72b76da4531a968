import { describe, expect, it } from 'vitest';
import { classVotes } from './votes';
import { readDrawing } from './read-drawing';

// A 2-2-2 network. Θ(1) = identity with no bias, so a(2) = g(x); x = [ln 4, ln(2/3)] gives a(2) = [0.8, 0.4].
// Θ(2) rows [bias, unit 1, unit 2]: class 0 = [0.1, 2, −1], class 1 = [−0.3, 0.5, 1.5].
const theta = Float64Array.of(0, 1, 0, 0, 0, 1, 0.1, 2, -1, -0.3, 0.5, 1.5);
const sizes = [2, 2, 2];
const x = Float64Array.of(Math.log(4), Math.log(2 / 3));

describe('classVotes: each hidden unit’s Θ(2)ₖⱼ·a(2)ⱼ towards z(3)ₖ', () => {
  const reading = readDrawing(theta, sizes, x);
  const hidden = reading.activations[1];

  it('takes class 0’s z apart: 0.1 + 2·0.8 − 1·0.4 = 1.3, largest |vote| first', () => {
    const v = classVotes(theta, sizes, hidden, 0);
    expect(v.bias).toBe(0.1);
    expect(v.votes.map((u) => u.unit)).toEqual([0, 1]);
    expect(v.votes[0].contribution).toBeCloseTo(1.6, 14);
    expect(v.votes[1].contribution).toBeCloseTo(-0.4, 14);
    expect(v.sum).toBeCloseTo(1.3, 14);
    expect(v.h).toBeCloseTo(1 / (1 + Math.exp(-1.3)), 14);
  });

  it('and class 1’s: −0.3 + 0.5·0.8 + 1.5·0.4 = 0.7, unit 2 voting hardest', () => {
    const v = classVotes(theta, sizes, hidden, 1);
    expect(v.votes.map((u) => u.unit)).toEqual([1, 0]);
    expect(v.votes[0].contribution).toBeCloseTo(0.6, 14);
    expect(v.votes[1].contribution).toBeCloseTo(0.4, 14);
    expect(v.sum).toBeCloseTo(0.7, 14);
  });

  it('adds up to the forward pass’s own output: g(sum) = h(x)ₖ', () => {
    const h = reading.activations[2];
    expect(classVotes(theta, sizes, hidden, 0).h).toBeCloseTo(h[0], 15);
    expect(classVotes(theta, sizes, hidden, 1).h).toBeCloseTo(h[1], 15);
  });

  it('puts a strong vote against before a weak one for', () => {
    // Class 0 with Θ(2) row [0, 0.25, −3]: votes 0.25·0.8 = 0.2 and −3·0.4 = −1.2.
    const against = Float64Array.of(0, 1, 0, 0, 0, 1, 0, 0.25, -3, 0, 0, 0);
    const v = classVotes(against, sizes, hidden, 0);
    expect(v.votes.map((u) => u.unit)).toEqual([1, 0]);
    expect(v.votes[0].contribution).toBeCloseTo(-1.2, 14);
    expect(v.sum).toBeCloseTo(-1, 14);
  });

  it('refuses a network without a hidden layer, or the wrong activations', () => {
    expect(() => classVotes(new Float64Array(6), [2, 2], [0.5, 0.5], 0)).toThrow('a 2-2 network has no hidden layer');
    expect(() => classVotes(theta, sizes, [0.5], 0)).toThrow('the last hidden layer has 2 units, got 1 activations');
    expect(() => classVotes(theta, sizes, hidden, 2)).toThrow('class must be 0…1, got 2');
  });
});
