/**
 * What the supervisor works out about a run before a worker starts: its input image size and, when the
 * test set is the user's saved handwriting, that test set. Errors here name the setting to change.
 */
import type { DatasetSpec } from '../run/hyperparameters';
import type { RunStore } from '../store/types';
import type { HandwritingSet } from './test-set-extras';
import type { StartRequest } from './supervisor-types';

/** Side of MNIST's images; the only dataset whose shape is known without reading a file. */
const MNIST_SIDE = 28;

/** Every saved handwriting sample as one test set for a run of width×height images. */
export function handwritingSet(
  store: Pick<RunStore, 'listHandwriting'>,
  dataset: DatasetSpec,
  width: number,
  height: number,
): HandwritingSet {
  if (dataset.testFile)
    throw new Error("dataset: testFile and testSource 'handwriting' both name a test set; choose one");
  const samples = store.listHandwriting();
  if (samples.length === 0) {
    throw new Error(
      "dataset.testSource is 'handwriting' but no handwriting samples are saved yet; draw and save some digits first",
    );
  }
  const other = samples.find((s) => s.width !== width || s.height !== height);
  if (other) {
    throw new Error(
      `handwriting sample ${other.id} is ${other.width}×${other.height} pixels but this run reads ${width}×${height} images`,
    );
  }
  const n = width * height;
  const pixels = new Uint8Array(samples.length * n);
  samples.forEach((s, i) => pixels.set(s.pixels, i * n));
  return { width, height, labels: Uint8Array.from(samples, (s) => s.label), pixels };
}

/** Input image size of a run: given, or known from the dataset. */
export function inputShape(request: StartRequest, dataset: DatasetSpec): { width: number; height: number } {
  const { width, height } = request;
  if (width !== undefined || height !== undefined) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width! < 1 || height! < 1) {
      throw new Error(`width and height must both be whole numbers ≥ 1, got ${width}×${height}`);
    }
    return { width: width!, height: height! };
  }
  if (dataset.source === 'mnist') return { width: MNIST_SIDE, height: MNIST_SIDE };
  throw new Error(`width and height of the images are needed for dataset source '${dataset.source}'`);
}
