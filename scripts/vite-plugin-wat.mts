/**
 * Vite plugin: `import bytes from './kernel.wat'` compiles the WebAssembly text format with wabt at
 * build time and yields the binary module as a base64 string (decode with Buffer.from(…, 'base64')).
 * Used by electron-vite (main bundle) and vitest, so the tests run exactly the bytes the app ships;
 * no wasm file has to be found next to the bundle at run time.
 *
 * A module can be split by idea into parts: a line `;; @include "kernel/math.wat"` (a comment to any
 * other WAT tool) is replaced by that file, relative to the including one. wabt's messages then name
 * the part and its own line, not a line of the joined text.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';
import createWabt from 'wabt';

/** The post-MVP features the kernels use: SIMD, shared memory (threads), memory.fill (bulk memory). */
const FEATURES = {
  simd: true,
  threads: true,
  bulk_memory: true,
  sat_float_to_int: true,
  sign_extension: true,
  mutable_globals: true,
};

const INCLUDE = /^\s*;;\s*@include\s+"([^"]+)"\s*$/;

/** WAT text with its includes expanded, and where each of its lines came from (file, 1-based line). */
export interface ExpandedWat {
  readonly text: string;
  readonly origin: readonly { readonly file: string; readonly line: number }[];
}

/** Replaces every `;; @include "part.wat"` line of `file` by that part, recursively; a cycle or a missing part throws naming the line. */
export function expandIncludes(file: string, text: string, chain: readonly string[] = []): ExpandedWat {
  const lines: string[] = [];
  const origin: { file: string; line: number }[] = [];
  text.split('\n').forEach((line, i) => {
    const include = INCLUDE.exec(line);
    if (!include) {
      lines.push(line);
      origin.push({ file, line: i + 1 });
      return;
    }
    const part = resolve(dirname(file), include[1]);
    if (part === file || chain.includes(part)) {
      throw new Error(
        `${file}:${i + 1}: @include "${include[1]}" includes itself (${[...chain, file, part].join(' → ')})`,
      );
    }
    let partText: string;
    try {
      partText = readFileSync(part, 'utf8');
    } catch (e) {
      throw new Error(`${file}:${i + 1}: @include "${include[1]}": cannot read ${part} (${(e as Error).message})`, {
        cause: e,
      });
    }
    const expanded = expandIncludes(part, partText, [...chain, file]);
    lines.push(...expanded.text.split('\n'));
    origin.push(...expanded.origin);
  });
  return { text: lines.join('\n'), origin };
}

/** Compiles WebAssembly text to binary, throwing wabt's message (with file and line) if it is invalid. */
export async function compileWat(file: string, text: string): Promise<Uint8Array> {
  const { text: joined, origin } = expandIncludes(file, text);
  const wabt = await createWabt();
  let module: ReturnType<typeof wabt.parseWat>;
  try {
    module = wabt.parseWat(file, joined, FEATURES);
  } catch (e) {
    // "kernel.wat:301:5: error: …" → the part and its line.
    // wabt writes "<file>:301:5: error: …" (the name sometimes with a stray byte): give the part and its line.
    const message = (e as Error).message.replace(
      /\S*\.wat\S*?:(\d+):(\d+):/g,
      (whole, line: string, column: string) => {
        const from = origin[Number(line) - 1];
        return from ? `${relative(process.cwd(), from.file)}:${from.line}:${column}:` : whole;
      },
    );
    throw new Error(message, { cause: e });
  }
  try {
    module.resolveNames();
    // wabt's typings omit validate's features argument; without it shared memory is rejected.
    (module as unknown as { validate(features: object): void }).validate(FEATURES);
    return module.toBinary({ log: false, write_debug_names: true }).buffer;
  } finally {
    module.destroy();
  }
}

/** The plugin: any module id ending in `.wat` becomes `export default "<base64 of the binary>"`. */
export function watPlugin(): Plugin {
  return {
    name: 'backprop-lab-wat',
    enforce: 'pre',
    async load(id) {
      const file = id.split('?')[0];
      if (!file.endsWith('.wat')) return null;
      const text = await readFile(file, 'utf8');
      const binary = await compileWat(file, text);
      // Rebuild when a part changes, not only the file imported.
      for (const part of new Set(expandIncludes(file, text).origin.map((o) => o.file))) this.addWatchFile(part);
      return { code: `export default ${JSON.stringify(Buffer.from(binary).toString('base64'))};\n`, map: null };
    },
  };
}
