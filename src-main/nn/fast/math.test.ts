/**
 * kernel.wat's exp and log follow fdlibm, like V8's Math.exp and Math.log, so the sigmoid and the
 * cost terms come out with the same bits as in the loop and vectorized implementations. Its tanh
 * (Cephes' algorithm; V8's is fdlibm's, built on expm1) is held to 2 ulp of Math.tanh.
 */
import { describe, expect, it } from 'vitest';
import { createSharedMemory, instantiateKernel } from './wasm-kernel';
import { seededRandom } from '../random';

function applyInKernel(name: 'expInPlace' | 'logInPlace' | 'tanhInPlace', values: number[]): Float64Array {
  const count = values.length + (values.length & 1);
  const memory = createSharedMemory(Math.ceil((count * 8) / 65536) + 1);
  const kernel = instantiateKernel(memory);
  const view = new Float64Array(memory.buffer, 0, count);
  view.set(values);
  kernel[name](0, count);
  return view.slice(0, values.length);
}

function sameBits(actual: Float64Array, expected: number[]): number {
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) return i;
  return -1;
}

describe('WebAssembly exp', () => {
  it('equals Math.exp bit for bit on 200,000 values across the sigmoid’s range', () => {
    const random = seededRandom(3);
    const values = Array.from({ length: 200_000 }, (_, i) => (i % 2 ? (random() - 0.5) * 80 : (random() - 0.5) * 1400));
    const mismatch = sameBits(applyInKernel('expInPlace', values), values.map(Math.exp));
    expect(mismatch === -1 ? 'all equal' : `x = ${values[mismatch]}`).toBe('all equal');
  });

  it('handles the edges: 0, −0, tiny, overflow to ∞, underflow to 0, ±∞ and NaN', () => {
    const values = [
      0,
      -0,
      1e-300,
      -1e-300,
      2 ** -30,
      709.78,
      709.79,
      1000,
      1e300,
      -745.1,
      -745.2,
      -1e300,
      Infinity,
      -Infinity,
      NaN,
      0.5 * Math.LN2,
      -0.5 * Math.LN2,
    ];
    const result = applyInKernel('expInPlace', values);
    expect(Array.from(result)).toEqual(values.map(Math.exp));
  });
});

describe('WebAssembly log', () => {
  it('equals Math.log bit for bit on 200,000 values, including h and 1 − h near 0 and 1', () => {
    const random = seededRandom(5);
    const values = Array.from({ length: 200_000 }, (_, i) => {
      const r = random();
      if (i % 4 === 0) return r;
      if (i % 4 === 1) return 1 - r * 1e-6; // 1 − h for a confident unit: f tiny
      if (i % 4 === 2) return r * 1e-12;
      return 0.5 + r;
    });
    const mismatch = sameBits(applyInKernel('logInPlace', values), values.map(Math.log));
    expect(mismatch === -1 ? 'all equal' : `x = ${values[mismatch]}`).toBe('all equal');
  });

  it('handles the edges: 1, 0, −0, subnormals, negatives, ∞, NaN, 1 ± one ulp', () => {
    const values = [
      1,
      0,
      -0,
      5e-324,
      1e-310,
      -1,
      -1e-300,
      Infinity,
      -Infinity,
      NaN,
      1 + 2 ** -52,
      1 - 2 ** -53,
      2,
      0.5,
      Number.MAX_VALUE,
    ];
    expect(Array.from(applyInKernel('logInPlace', values))).toEqual(values.map(Math.log));
  });
});

/** Units in the last place between two doubles of the same sign (their distance as ordered integers). */
function ulpsApart(a: number, b: number): number {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  const diff = bits[0] - bits[1];
  return Number(diff < 0n ? -diff : diff);
}

describe('WebAssembly tanh', () => {
  it('is within 2 ulp of Math.tanh on 200,000 values, both sides of its 0.625 switch and far out', () => {
    const random = seededRandom(9);
    const values = Array.from({ length: 200_000 }, (_, i) => {
      const r = random() * 2 - 1;
      if (i % 4 === 0) return r * 0.625;
      if (i % 4 === 1) return 0.625 * Math.sign(r) + r * 1e-3;
      if (i % 4 === 2) return r * 25;
      return r * 1e-9;
    });
    const result = applyInKernel('tanhInPlace', values);
    let worst = 0;
    let at = 0;
    values.forEach((x, i) => {
      const ulps = ulpsApart(result[i], Math.tanh(x));
      if (ulps > worst) [worst, at] = [ulps, x];
    });
    expect(worst <= 2 ? 'within 2 ulp' : `${worst} ulp at x = ${at}`).toBe('within 2 ulp');
  });

  it('handles the edges exactly: ±0, tiny, ±0.625, saturation to ±1, ±∞ and NaN', () => {
    const values = [
      0,
      -0,
      1e-300,
      -5e-324,
      2 ** -30,
      0.625,
      -0.625,
      19.1,
      22,
      -40,
      1000,
      1e300,
      Infinity,
      -Infinity,
      NaN,
    ];
    const expected = [
      0,
      -0,
      1e-300,
      -5e-324,
      2 ** -30,
      Math.tanh(0.625),
      -Math.tanh(0.625),
      1,
      1,
      -1,
      1,
      1,
      1,
      -1,
      NaN,
    ];
    const result = Array.from(applyInKernel('tanhInPlace', values));
    expect(result.map((v, i) => ulpsApart(v, expected[i]) <= 1 || Object.is(v, expected[i]))).toEqual(
      values.map(() => true),
    );
    expect(result.slice(0, 2).map((v) => Object.is(v, 0))).toEqual([true, false]);
    expect(result.slice(7)).toEqual([1, 1, -1, 1, 1, 1, -1, NaN]);
  });
});
