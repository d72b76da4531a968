/**
 * The drawing on the pad, handed from Draw to the Backprop view ("Why this answer?"). An address cannot
 * carry 784 values, so it waits in this tab's sessionStorage: a reload of #/backprop/N/pad still finds
 * it, and a drawing nobody saved is gone with the window, as it should be.
 */
const KEY = 'backprop-lab.pad-drawing';
const INPUTS = 784;

/** Where the drawing waits; memory only when storage is unavailable (e.g. blocked by the browser). */
let inMemory: number[] | null = null;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** Keeps a copy of the pad's preprocessed input (28×28 values in [0, 1]) for the Backprop view. */
export function handOverPad(input: ArrayLike<number>): void {
  inMemory = Array.from(input);
  try {
    storage()?.setItem(KEY, JSON.stringify(inMemory));
  } catch {
    // Storage full or refused: the view still gets the drawing until the page reloads.
  }
}

/** The last drawing handed over in this tab, or null when Draw never handed one (or what is stored is not one). */
export function padDrawing(): number[] | null {
  if (inMemory) return inMemory;
  const stored = storage()?.getItem(KEY);
  if (!stored) return null;
  try {
    const values: unknown = JSON.parse(stored);
    if (
      Array.isArray(values) &&
      values.length === INPUTS &&
      values.every((v) => typeof v === 'number' && v >= 0 && v <= 1)
    )
      return (inMemory = values as number[]);
  } catch {
    // Not JSON: treated as no drawing.
  }
  return null;
}
