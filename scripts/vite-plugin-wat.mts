/**
 * Vite plugin: `import bytes from './kernel.wat'` compiles the WebAssembly text format with wabt at
 * build time and yields the binary module as a base64 string (decode with Buffer.from(…, 'base64')).
 * Used by electron-vite (main bundle) and vitest, so the tests run exactly the bytes the app ships;
 * no wasm file has to be found next to the bundle at run time.
 */
import { readFile } from 'node:fs/promises';
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

/** Compiles WebAssembly text to binary, throwing wabt's message (with file and line) if it is invalid. */
export async function compileWat(file: string, text: string): Promise<Uint8Array> {
  const wabt = await createWabt();
  const module = wabt.parseWat(file, text, FEATURES);
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
      return { code: `export default ${JSON.stringify(Buffer.from(binary).toString('base64'))};\n`, map: null };
    },
  };
}
