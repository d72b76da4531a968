import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileWat, expandIncludes } from './vite-plugin-wat.mjs';

const dir = mkdtempSync(join(tmpdir(), 'wat-include-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

describe('WAT @include', () => {
  it('inlines parts (nested, relative to the including file) and remembers where each line came from', async () => {
    write('parts/two.wat', '  (func (export "two") (result i32) (call $one) (call $one) (i32.add))');
    write('parts/one.wat', '  (func $one (result i32) (i32.const 1))\n  ;; @include "two.wat"');
    const main = write('main.wat', '(module\n  ;; @include "parts/one.wat"\n)');
    const { text, origin } = expandIncludes(main, '(module\n  ;; @include "parts/one.wat"\n)');
    expect(text).toBe(
      '(module\n  (func $one (result i32) (i32.const 1))\n  (func (export "two") (result i32) (call $one) (call $one) (i32.add))\n)',
    );
    expect(origin.map((o) => `${o.file.slice(dir.length + 1)}:${o.line}`)).toEqual([
      'main.wat:1',
      'parts/one.wat:1',
      'parts/two.wat:1',
      'main.wat:3',
    ]);
    const module = new WebAssembly.Module(
      Uint8Array.from(await compileWat(main, '(module\n  ;; @include "parts/one.wat"\n)')),
    );
    const { two } = new WebAssembly.Instance(module).exports as { two: () => number };
    expect(two()).toBe(2);
  });

  it('names the part and its own line when wabt rejects the text', async () => {
    write('bad.wat', '  (func $ok)\n  (func $broken (i32.nonsense))');
    const main = write('with-bad.wat', '(module\n\n\n  ;; @include "bad.wat"\n)');
    await expect(compileWat(main, '(module\n\n\n  ;; @include "bad.wat"\n)')).rejects.toThrow(/bad\.wat:2:/);
  });

  it('refuses a part that includes itself, and a missing part, naming the line', () => {
    const loop = write('loop.wat', ';; @include "loop.wat"');
    expect(() => expandIncludes(loop, ';; @include "loop.wat"')).toThrow(
      `${loop}:1: @include "loop.wat" includes itself`,
    );
    const main = join(dir, 'main2.wat');
    expect(() => expandIncludes(main, '(module\n;; @include "nowhere.wat"\n)')).toThrow(
      `${main}:2: @include "nowhere.wat": cannot read ${join(dir, 'nowhere.wat')}`,
    );
  });
});
