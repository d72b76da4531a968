import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { bundledDigitsDirectory, loadBundledDigits, scanPackageJson } from './mnist';

describe('loadBundledDigits', () => {
  const d = loadBundledDigits();

  it('gives the 10,000 28×28 digits of the mnist package, grouped by class', () => {
    expect([d.m, d.n, d.width, d.height, d.X.length, d.y.length]).toEqual([10000, 784, 28, 28, 7840000, 10000]);
    const counts = new Array(10).fill(0);
    for (const label of d.y) counts[label]++;
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    expect(d.y[0]).toBe(0);
    expect(d.y[1000]).toBe(0);
    expect(d.y[1001]).toBe(1);
    expect(d.y[9999]).toBe(9);
  });

  it('restores the exact grey levels k/255 from the package’s 3-decimal values', () => {
    // First ink of the first 0: the package stores 0.2, 0.624, 0.992, 0.624, 0.196.
    expect(Array.from(d.X.subarray(127, 132))).toEqual([51 / 255, 159 / 255, 253 / 255, 159 / 255, 50 / 255]);
    let firstSum = 0;
    for (let j = 0; j < 784; j++) firstSum += Math.round(d.X[j] * 255);
    expect(firstSum).toBe(31095);
    let lastSum = 0;
    for (let j = 9999 * 784; j < 10000 * 784; j++) lastSum += Math.round(d.X[j] * 255);
    expect(lastSum).toBe(19255);
  });

  it('matches every stored value of a class file to within its 3-decimal rounding', () => {
    const raw: number[] = JSON.parse(readFileSync(join(bundledDigitsDirectory(), '7.json'), 'utf8')).data;
    const offset = (1001 + 1127 + 991 + 1032 + 980 + 863 + 1014) * 784;
    expect(raw.length).toBe(1070 * 784);
    let worst = 0;
    let notAGreyLevel = 0;
    for (let i = 0; i < raw.length; i++) {
      const x = d.X[offset + i];
      if (x !== Math.round(x * 255) / 255) notAGreyLevel++;
      worst = Math.max(worst, Math.abs(x - raw[i]));
    }
    expect(notAGreyLevel).toBe(0);
    expect(worst).toBeLessThanOrEqual(0.0005);
    expect(worst).toBeGreaterThan(0); // the rounding is real: 159/255 = 0.62353 was stored as 0.624
  });

  it('keeps pixels in [0, 1] with both ends present', () => {
    let min = Infinity;
    let max = -Infinity;
    for (const v of d.X) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect([min, max]).toEqual([0, 1]);
  });

  it('returns fresh arrays on every call, so one caller cannot change another’s data', () => {
    const a = loadBundledDigits();
    a.X[127] = 99;
    a.y[0] = 7;
    const b = loadBundledDigits();
    expect(b.X[127]).toBe(51 / 255);
    expect(b.y[0]).toBe(0);
    expect(b.X).not.toBe(a.X);
  });
});

describe('scanPackageJson', () => {
  const scan = (text: string) => Array.from(scanPackageJson(Buffer.from(text), 'x.json'));

  it('maps each stored value to its grey level, whatever the spacing', () => {
    expect(scan('{ "data": [0,0.2, 0.624 ,0.992,1,0.196,0.004] }')).toEqual([0, 51, 159, 253, 255, 50, 1]);
    expect(scan('{"data":[\n0.0,\r\n1.000]}')).toEqual([0, 255]);
    expect(scan('{"data":[]}')).toEqual([]);
  });

  it('names the byte offset of a value that is no rounded k/255', () => {
    expect(() => scan('{"data":[0,0.5]}')).toThrow(DataError);
    expect(() => scan('{"data":[0,0.5]}')).toThrow('x.json: byte 11: unexpected value "0.5]}"');
    expect(() => scan('{"data":[0,1.5]}')).toThrow('byte 11');
    expect(() => scan('{"data":[0.2001]}')).toThrow('byte 9');
    expect(() => scan('{"data":[0,abc]}')).toThrow('byte 11: unexpected value "abc]}"');
  });

  it('reports a missing bracket or a file cut short', () => {
    expect(() => scan('{"data": 5}')).toThrow("x.json: byte 0: no '[' found");
    expect(() => scan('{"data":[0,0.2')).toThrow("x.json: byte 14: file ends before the closing ']'");
    expect(() => scan('{"data":[0,0.2,')).toThrow("byte 15: file ends before the closing ']'");
    expect(() => scan('{"data":[0 0]}')).toThrow("x.json: byte 11: expected ',' or ']'");
  });
});
