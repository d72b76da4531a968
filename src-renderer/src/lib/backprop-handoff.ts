/**
 * The drawing on the pad, handed from Draw to the Backprop view ("Why this answer?"). Kept in memory
 * only: an address cannot carry 784 values, and a drawing nobody saved should not outlive the session.
 */
let padInput: number[] | null = null;

/** Keeps a copy of the pad's preprocessed input (28×28 values in [0, 1]) for the Backprop view. */
export function handOverPad(input: ArrayLike<number>): void {
  padInput = Array.from(input);
}

/** The last drawing handed over, or null when Draw never handed one. */
export function padDrawing(): number[] | null {
  return padInput;
}
