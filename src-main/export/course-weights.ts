/**
 * weights.mat and initial-weights.mat in every export: the run's Θ as the course names and lays them
 * out (Theta1, Theta2, …, bias in column 1, images' pixels column-major, output k = label k with 10 for
 * the digit 0), so a learner's own ex4 code in Octave or MATLAB, or scipy.io.loadmat, reads them.
 */
import { courseThetasOfLab, type LabDataShape } from '../data/mat/course';
import { writeMat } from '../data/mat/write';
import { rollThetas } from '../nn/shape';

export const WEIGHTS_MAT_FILE = 'weights.mat';
export const INITIAL_WEIGHTS_MAT_FILE = 'initial-weights.mat';
export const DATA_MAT_FILE = 'data.mat';

/** What of a run says how its inputs and outputs map to the course's. */
export interface RunShape {
  width: number;
  height: number;
  classNames?: readonly string[] | null;
  featureNames?: readonly string[] | null;
}

/** The run's data shape for mat/course.ts: its image (unless a table) and its classes ('0'…'9' by default). */
export function courseShapeOfRun(run: RunShape, outputs: number): LabDataShape {
  return {
    image: run.featureNames ? null : { width: run.width, height: run.height },
    classNames: run.classNames ?? Array.from({ length: outputs }, (_, k) => String(k)),
  };
}

/** A MAT-file (-v7, compressed) of Theta1, Theta2, … for the unrolled Θ of a network of `sizes`. */
export function weightsMat(theta: Float64Array, sizes: readonly number[], run: RunShape): Uint8Array {
  const shape = courseShapeOfRun(run, sizes[sizes.length - 1]);
  return writeMat(courseThetasOfLab(rollThetas(theta, sizes), shape));
}
