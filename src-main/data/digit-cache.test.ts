import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFolder, readDigitCache, writeDigitCache } from './digit-cache';
import { bundledDigitsDirectory, forgetBundledDigits, loadBundledTable, parseBundledDigits } from './mnist';

describe('cacheFolder', () => {
  it("follows each OS's convention for rebuildable data, or BACKPROP_LAB_CACHE", () => {
    expect(cacheFolder({ HOME: '/home/ada' }, 'linux')).toBe('/home/ada/.cache/backprop-lab');
    expect(cacheFolder({ HOME: '/home/ada', XDG_CACHE_HOME: '/var/cache/ada' }, 'linux')).toBe(
      '/var/cache/ada/backprop-lab',
    );
    expect(cacheFolder({ HOME: '/Users/ada' }, 'darwin')).toBe('/Users/ada/Library/Caches/backprop-lab');
    expect(cacheFolder({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32')).toBe(
      'C:\\Users\\ada\\AppData\\Local\\backprop-lab\\Cache',
    );
    expect(cacheFolder({ HOME: '/home/ada', BACKPROP_LAB_CACHE: '/tmp/c' }, 'linux')).toBe('/tmp/c');
    expect(cacheFolder({ HOME: '/home/ada', BACKPROP_LAB_CACHE: 'off' }, 'linux')).toBeNull();
  });
});

describe('the bundled digits cache', () => {
  let dir: string;
  let before: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'digit-cache-'));
    before = process.env.BACKPROP_LAB_CACHE;
    process.env.BACKPROP_LAB_CACHE = dir;
    forgetBundledDigits();
  });
  afterEach(() => {
    if (before === undefined) delete process.env.BACKPROP_LAB_CACHE;
    else process.env.BACKPROP_LAB_CACHE = before;
    forgetBundledDigits();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is written on first load and read back to the same bytes as parsing the package', () => {
    const files = Array.from({ length: 10 }, (_, d) => join(bundledDigitsDirectory(), `${d}.json`));
    const parsed = parseBundledDigits(files);
    const first = loadBundledTable();
    const [name] = readdirSync(dir);
    expect(name).toMatch(/^mnist-1\.1\.0-[0-9a-f]{16}\.digits$/);
    expect(readFileSync(join(dir, name)).length).toBe(23 + 4 + 7_840_000 + 10_000);
    forgetBundledDigits();
    const second = loadBundledTable();
    expect(second === first).toBe(false);
    expect(second.m).toBe(10_000);
    expect(Buffer.compare(Buffer.from(second.pixels as Uint8Array), Buffer.from(parsed.pixels))).toBe(0);
    expect(Buffer.compare(Buffer.from(second.labels), Buffer.from(parsed.labels))).toBe(0);
    expect(Array.from(second.labels.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(second.labels[9_999]).toBe(9);
  });

  it('ignores a damaged cache file: parses the package again and rewrites it', () => {
    loadBundledTable();
    const [name] = readdirSync(dir);
    const file = join(dir, name);
    writeFileSync(file, readFileSync(file).subarray(0, 1000));
    expect(readDigitCache(file, 784)).toBeNull();
    forgetBundledDigits();
    expect(loadBundledTable().m).toBe(10_000);
    expect(readDigitCache(file, 784)?.labels.length).toBe(10_000);
  });

  it('reads back exactly what was written, and refuses a file with a label above 9', () => {
    const file = join(dir, 'small.digits');
    expect(writeDigitCache(file, Uint8Array.from([1, 2, 3, 4, 5, 6]), Uint8Array.from([7, 9]))).toBe(true);
    const back = readDigitCache(file, 3)!;
    expect(Array.from(back.pixels)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(back.labels)).toEqual([7, 9]);
    expect(readDigitCache(file, 2)).toBeNull();
    writeDigitCache(file, Uint8Array.from([1, 2, 3]), Uint8Array.from([10]));
    expect(readDigitCache(file, 3)).toBeNull();
    expect(readDigitCache(join(dir, 'missing.digits'), 3)).toBeNull();
  });

  it('is skipped when the folder cannot be written, without failing the load', () => {
    process.env.BACKPROP_LAB_CACHE = join(dir, 'a-file');
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    expect(loadBundledTable().m).toBe(10_000);
    expect(readdirSync(dir)).toEqual(['a-file']);
  });
});
