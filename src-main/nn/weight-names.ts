/**
 * One way to name a weight, used by every view that points at one (Backprop, the hidden-unit panel,
 * gradient checking) and by the CLI's `explain`. It follows Ng's convention: Θ(l) maps layer l to
 * layer l + 1, rows and columns count from 1 and column 1 multiplies the bias unit. Rather than make
 * the reader subtract 1 twice, the row and column are written as what they are:
 *
 *   Θ(2)[class 7, unit 5]      row 8 (class "7", the eighth output), column 6 (hidden unit 5)
 *   Θ(1)[unit 5, pixel 123]    row 5, column 124 (pixel 123 of the input)
 *   Θ(1)[unit 5, bias]         row 5, column 1
 *
 * Pure: no I/O, so the renderer and the CLI share it.
 */

/** What the layers of a network stand for, so a weight can be named in the data's words. */
export interface LayerNames {
  /** Layer sizes, input first, e.g. [784, 25, 10]. */
  readonly sizes: readonly number[];
  /** Output k ↔ classNames[k] ('0'…'9' for digits); numbered 0…K−1 when absent. */
  readonly classNames?: readonly string[] | null;
  /** A table's feature names in input order; null or absent for images and unnamed inputs. */
  readonly featureNames?: readonly string[] | null;
  /** Whether the inputs are an image's pixels (MNIST, an image folder) rather than a table's features. */
  readonly image?: boolean;
}

/**
 * Unit `index` (from 0, bias not counted) of layer `layer` (from 1, the input is layer 1), in words:
 * "pixel 123" / a feature's name / "input 3" for the input, "class 7" for an output, "unit 5" between.
 */
export function unitName(names: LayerNames, layer: number, index: number): string {
  const L = names.sizes.length;
  if (!Number.isInteger(layer) || layer < 1 || layer > L) {
    throw new Error(`layer must be 1…${L} for a ${names.sizes.join('-')} network, got ${layer}`);
  }
  const size = names.sizes[layer - 1];
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new Error(`layer ${layer} has units 0…${size - 1} (from 0), got ${index}`);
  }
  if (layer === L) return `class ${names.classNames?.[index] ?? String(index)}`;
  if (layer > 1) return `unit ${index + 1}`;
  const feature = names.featureNames?.[index];
  if (feature !== undefined) return feature;
  return names.image ? `pixel ${index + 1}` : `input ${index + 1}`;
}

/**
 * The weight of Θ(layer) in row `row` (from 0: unit row+1 of layer+1) and column `col` (from 0:
 * 0 is the bias, c ≥ 1 is unit c of layer `layer`), named as "Θ(2)[class 7, unit 5]".
 */
export function weightName(names: LayerNames, layer: number, row: number, col: number): string {
  const L = names.sizes.length;
  if (!Number.isInteger(layer) || layer < 1 || layer >= L) {
    throw new Error(`Θ(l) exists for l = 1…${L - 1} in a ${names.sizes.join('-')} network, got l = ${layer}`);
  }
  const to = unitName(names, layer + 1, row);
  const cols = names.sizes[layer - 1] + 1;
  if (!Number.isInteger(col) || col < 0 || col >= cols) {
    throw new Error(`Θ(${layer}) has columns 0…${cols - 1} (from 0, 0 = bias), got ${col}`);
  }
  const from = col === 0 ? 'bias' : unitName(names, layer, col - 1);
  return `Θ(${layer})[${to}, ${from}]`;
}

/** Ng's own 1-based index of the same weight, "Θ(2)₈,₆", for readers checking against ex4's matrices. */
export function weightIndex(layer: number, row: number, col: number): string {
  return `Θ(${layer})${subscript(row + 1)},${subscript(col + 1)}`;
}

/** A number as subscript digits, as the course writes δ(2)₇. */
export function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => String.fromCharCode(0x2080 + Number(d)));
}
