/**
 * The MAT-file reader and writer against the tools learners use: files written by scipy.io.savemat
 * (compressed and not) and by Octave (save -v7, save -v6) read back to the same bits those tools hold,
 * and files the lab writes load in both. Bad files are refused with one line naming the variable.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMat } from './parse';
import { writeMat } from './write';
import { OCTAVE, SCIPY_PYTHON, noteSkip, runOctave, runPython } from './testing';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-mat-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The doubles of a raw little-endian float64 file (what numpy's tofile and Octave's fwrite write). */
const rawDoubles = (file: string) => new Float64Array(new Uint8Array(fs.readFileSync(file)).buffer);
const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
const read = (name: string, wanted?: (n: string) => boolean) =>
  parseMat(fs.readFileSync(path.join(dir, name)), name, wanted);

noteSkip(SCIPY_PYTHON, 'MAT-files of scipy.io.savemat (python3-scipy)');
noteSkip(OCTAVE, 'MAT-files of Octave (octave)');

describe.runIf(SCIPY_PYTHON)('MAT-files written by scipy.io.savemat', () => {
  const classes = ['float64', 'float32', 'uint8', 'int8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'];
  it.each([false, true])('read back to the same bits (do_compression=%s), every numeric class', (compressed) => {
    const file = `scipy-${compressed}.mat`;
    runPython(
      `import numpy as np, scipy.io as sio
rng = np.random.default_rng(7)
d = {}
for c in ${JSON.stringify(classes)}:
    if c.startswith('float'):
        a = (rng.standard_normal((3, 5)) * 1e3).astype(c)
    else:
        info = np.iinfo(c); a = rng.integers(max(info.min, -2**40), min(info.max, 2**40), (4, 2), dtype=c)
    d['v_' + c] = a
    a.astype(np.float64).flatten(order='F').tofile('v_' + c + '.bin')
d['Theta1'] = rng.standard_normal((25, 401)); d['Theta1'].flatten(order='F').tofile('Theta1.bin')
d['note'] = 'ignored text'
sio.savemat('${file}', d, do_compression=${compressed ? 'True' : 'False'})`,
      dir,
    );
    const vars = read(file, (n) => n !== 'note');
    expect([...vars.keys()].sort()).toEqual([...classes.map((c) => `v_${c}`), 'Theta1'].sort());
    for (const c of classes) {
      const v = vars.get(`v_${c}`)!;
      expect(v.className).toBe(c === 'float64' ? 'double' : c === 'float32' ? 'single' : c);
      expect([v.rows, v.cols]).toEqual(c.startsWith('float') ? [3, 5] : [4, 2]);
      expect(bits(v.data)).toBe(bits(rawDoubles(path.join(dir, `v_${c}.bin`))));
    }
    const theta = vars.get('Theta1')!;
    expect([theta.rows, theta.cols]).toEqual([25, 401]);
    expect(bits(theta.data)).toBe(bits(rawDoubles(path.join(dir, 'Theta1.bin'))));
  });

  it.each([false, true])('reads what the lab writes (compress=%s) to the same bits', (compress) => {
    const data = Float64Array.from({ length: 12 }, (_, i) => Math.sin(i + 1) / 3 + (i === 5 ? 1e-300 : 0));
    const file = path.join(dir, `lab-${compress}.mat`);
    fs.writeFileSync(
      file,
      writeMat(
        [
          { name: 'Theta1', rows: 3, cols: 4, data },
          { name: 'y', rows: 1, cols: 1, data: Float64Array.of(10) },
        ],
        { compress },
      ),
    );
    const out = runPython(
      `import scipy.io as sio
m = sio.loadmat('${file}')
print(m['Theta1'].shape, m['Theta1'].dtype, m['y'][0, 0])
m['Theta1'].flatten(order='F').tofile('back.bin')`,
      dir,
    );
    expect(out.trim()).toBe('(3, 4) float64 10.0');
    expect(bits(rawDoubles(path.join(dir, 'back.bin')))).toBe(bits(data));
  });
});

describe.runIf(OCTAVE)('MAT-files written by Octave', () => {
  it.each(['-v7', '-v6'])('read back to the same bits (save %s)', (format) => {
    const file = `octave${format}.mat`;
    runOctave(
      `randn('state', 3); A = randn(20, 401) * 0.3; X = rand(7, 400) * 1.26 - 0.13; y = uint8([10; 1; 2]);
s = single(randn(2, 3)); k = int32([-5 7; 100000 0]); name = 'text';
save('${format}', '${file}', 'A', 'X', 'y', 's', 'k', 'name');
f = fopen('octave.bin', 'w'); fwrite(f, [A(:); X(:); double(y(:)); double(s(:)); double(k(:))], 'double'); fclose(f);`,
      dir,
    );
    const vars = read(file, (n) => n !== 'name');
    const all = rawDoubles(path.join(dir, 'octave.bin'));
    let at = 0;
    for (const [name, cls, rows, cols] of [
      ['A', 'double', 20, 401],
      ['X', 'double', 7, 400],
      ['y', 'uint8', 3, 1],
      ['s', 'single', 2, 3],
      ['k', 'int32', 2, 2],
    ] as const) {
      const v = vars.get(name)!;
      expect([v.className, v.rows, v.cols]).toEqual([cls, rows, cols]);
      expect(bits(v.data)).toBe(bits(all.subarray(at, at + rows * cols)));
      at += rows * cols;
    }
    expect(at).toBe(all.length);
  });

  it.each([false, true])('loads what the lab writes (compress=%s) to the same bits', (compress) => {
    const data = Float64Array.from({ length: 6 }, (_, i) => Math.exp(-i) - 0.25);
    const file = `lab-oct-${compress}.mat`;
    fs.writeFileSync(path.join(dir, file), writeMat([{ name: 'Theta2', rows: 2, cols: 3, data }], { compress }));
    const out = runOctave(
      `load('${file}'); printf('%s %dx%d\\n', class(Theta2), rows(Theta2), columns(Theta2));
f = fopen('back-oct.bin', 'w'); fwrite(f, Theta2(:), 'double'); fclose(f);`,
      dir,
    );
    expect(out.trim()).toBe('double 2x3');
    expect(bits(rawDoubles(path.join(dir, 'back-oct.bin')))).toBe(bits(data));
  });
});

/** A hand-made miMATRIX element: flags word, dimensions, name, values (as doubles). */
function element(o: { flags?: number; dims: number[]; name: string; values?: number[]; valueBytes?: number }): Buffer {
  const u32 = (...v: number[]) => Buffer.from(Uint32Array.from(v).buffer);
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc(((b.length + 7) & ~7) - b.length)]);
  const values = Buffer.from(Float64Array.from(o.values ?? []).buffer);
  const body = Buffer.concat([
    u32(6, 8, o.flags ?? 6, 0),
    pad(Buffer.concat([u32(5, 4 * o.dims.length), Buffer.from(Int32Array.from(o.dims).buffer)])),
    pad(Buffer.concat([u32(1, o.name.length), Buffer.from(o.name, 'latin1')])),
    u32(9, o.valueBytes ?? values.length),
    values,
  ]);
  return Buffer.concat([u32(14, body.length), body]);
}

const header = () => Buffer.from(writeMat([]));
const compressed = (el: Buffer) => {
  const z = zlib.deflateSync(el);
  return Buffer.concat([Buffer.from(Uint32Array.of(15, z.length).buffer), z]);
};
const refusal = (bytes: Uint8Array) => {
  try {
    parseMat(bytes, 'bad.mat');
  } catch (e) {
    return (e as Error).message;
  }
  return 'read without error';
};

describe('bad MAT-files', () => {
  it('refuse other classes, complex, 3-D and wrong sizes, naming the variable', () => {
    const one = (el: Buffer) => refusal(Buffer.concat([header(), el]));
    expect(one(element({ flags: 1, dims: [1, 1], name: 'X' }))).toBe(
      'bad.mat: variable X: is a cell array; only numeric matrices (double, single, int8…uint64) can be read',
    );
    expect(one(element({ flags: 2, dims: [1, 1], name: 'Theta1' }))).toBe(
      'bad.mat: variable Theta1: is a struct; only numeric matrices (double, single, int8…uint64) can be read',
    );
    expect(one(element({ flags: 4, dims: [1, 4], name: 'y' }))).toBe(
      'bad.mat: variable y: is a char array (text); only numeric matrices (double, single, int8…uint64) can be read',
    );
    expect(one(element({ flags: 5, dims: [3, 3], name: 'X' }))).toBe(
      'bad.mat: variable X: is a sparse matrix; only numeric matrices (double, single, int8…uint64) can be read',
    );
    expect(one(element({ flags: 6 | 0x0800, dims: [1, 1], name: 'X', values: [1] }))).toBe(
      'bad.mat: variable X: is complex; only real matrices can be read',
    );
    expect(one(element({ dims: [2, 1, 2], name: 'X', values: [1, 2, 3, 4] }))).toBe(
      'bad.mat: variable X: is a 3-D array (2×1×2); only matrices (2-D) can be read',
    );
    expect(one(element({ dims: [2, 2], name: 'y', values: [1, 2, 3] }))).toBe(
      'bad.mat: variable y: holds 3 values but its dimensions 2×2 need 4',
    );
  });

  it('refuse huge declared sizes and truncation before allocating, compressed or not', () => {
    // 100,000 × 100,000 doubles declared (80 GB) in a 200-byte file.
    const huge = element({ dims: [100000, 100000], name: 'X', valueBytes: 0xfffffff8 });
    expect(refusal(Buffer.concat([header(), huge]))).toBe(
      'bad.mat: variable X: truncated: declares 4,294,967,288 bytes of values but only 0 are present',
    );
    expect(refusal(Buffer.concat([header(), compressed(huge)]))).toBe(
      'bad.mat: variable X: truncated: declares 4,294,967,288 bytes of values but only 0 are present',
    );
    // The compressed variable's own tag lies: 4 GiB, then 100 MiB from a few dozen compressed bytes.
    const lying = (size: number) => {
      const el = element({ dims: [100000, 100000], name: 'X' });
      el.writeUInt32LE(size, 4);
      return Buffer.concat([header(), compressed(el)]);
    };
    expect(refusal(lying(0xfffffff0))).toBe(
      'bad.mat: variable X: declares 4,294,967,280 bytes, more than the 512 MiB one variable may hold',
    );
    expect(refusal(lying(100 * 2 ** 20))).toMatch(
      /^bad\.mat: variable X: declares 104,857,600 bytes, more than its \d+ compressed bytes can hold: the file is truncated or corrupt$/,
    );
    const inner = element({ dims: [1000, 20], name: 'X', values: new Array<number>(20000).fill(0.5) });
    const modest = compressed(inner);
    expect(refusal(Buffer.concat([header(), modest.subarray(0, 60)]))).toBe(
      'bad.mat: byte 128: truncated: a data element declares ' + (modest.length - 8) + ' bytes but only 52 remain',
    );
    const cut = Buffer.concat([
      header(),
      element({ dims: [5, 5], name: 'Theta1', values: new Array<number>(25).fill(1) }),
    ]);
    expect(refusal(cut.subarray(0, cut.length - 16))).toBe(
      'bad.mat: byte 128: truncated: a data element declares 256 bytes but only 240 remain',
    );
    expect(refusal(Buffer.alloc(100))).toBe("bad.mat: is 100 bytes, shorter than a MAT-file's 128-byte header");
    const v73 = Buffer.alloc(600, 0x20);
    v73.write('MATLAB 7.3 MAT-file, Platform: GLNXA64', 0, 'latin1');
    expect(refusal(v73)).toBe(
      'bad.mat: is a MATLAB 7.3 (HDF5) MAT-file, which the lab cannot read; save it with -v7 or -v6',
    );
    expect(refusal(Buffer.alloc(200, 0x31))).toBe(
      'bad.mat: byte 124: is not a Level 5 MAT-file (no version 0x0100 and IM mark at byte 124); save it with -v7 or -v6',
    );
  });

  it('skips variables that are not wanted, whatever their class', () => {
    const bytes = Buffer.concat([
      header(),
      element({ flags: 1, dims: [1, 1], name: 'cells' }),
      compressed(element({ flags: 5, dims: [3, 3], name: 'sparse' })),
      element({ dims: [1, 2], name: 'y', values: [10, 1] }),
    ]);
    const vars = parseMat(bytes, 'ok.mat', (n) => n === 'y');
    expect([...vars.keys()]).toEqual(['y']);
    expect(Array.from(vars.get('y')!.data)).toEqual([10, 1]);
  });
});
