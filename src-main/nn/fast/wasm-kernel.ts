/**
 * Loads kernel.wat (compiled to binary at build time by scripts/vite-plugin-wat.mts) once per
 * process, and instantiates it on a shared memory, in this thread or in a worker thread.
 */
import kernelBase64 from './kernel.wat';

/** The functions kernel.wat exports (all addresses are byte offsets into the shared memory). */
export interface KernelExports {
  /** Sums cost and Δ of examples from…to−1 (through the row list at `rows` unless 0) into `acc`. */
  accumulate(from: number, to: number, rows: number, acc: number, scratch: number): number;
  /** Sums cost and Δ of all examples of blocks first…end−1 (of m examples) into `acc`, Δ(1) by column. */
  accumulateBlocks(first: number, end: number, m: number, acc: number, scratch: number): number;
  /** The class (largest output, first of equals) of examples from…to−1, one byte each at out + e. */
  predict(from: number, to: number, out: number, scratch: number): void;
  /** a(L−1) of examples from…to−1 (padded units, f64 each) from byte `out` on; needs 3+ layers. */
  lastHidden(from: number, to: number, out: number, scratch: number): void;
  /** Test hook: e^x of `count` (even) doubles at `ptr`, in place. */
  expInPlace(ptr: number, count: number): void;
  /** Test hook: tanh x of `count` (even) doubles at `ptr`, in place. */
  tanhInPlace(ptr: number, count: number): void;
  /** Test hook: log x of `count` doubles at `ptr`, in place. */
  logInPlace(ptr: number, count: number): void;
}

let compiled: WebAssembly.Module | undefined;

/** The compiled kernel module, shared by every cost function and worker thread of this process. */
export function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(kernelBase64, 'base64'));
  return compiled;
}

/** Whether this runtime can run the kernel (WebAssembly with SIMD and shared memory). */
export function wasmKernelSupported(): boolean {
  try {
    kernelModule();
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return true;
  } catch {
    return false;
  }
}

/** A shared memory of `pages` 64 KiB pages that may grow to the 4 GiB WebAssembly allows. */
export function createSharedMemory(pages: number): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: pages, maximum: 65536, shared: true });
}

/** Instantiates the kernel on `memory` in the calling thread. */
export function instantiateKernel(memory: WebAssembly.Memory): KernelExports {
  const instance = new WebAssembly.Instance(kernelModule(), { env: { memory } });
  return instance.exports as unknown as KernelExports;
}
