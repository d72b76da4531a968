/** `backprop-lab bench`: placeholder until the benchmark module lands. */
export async function benchCommand(_argv: readonly string[]): Promise<number> {
  throw new Error('bench: not wired yet');
}
