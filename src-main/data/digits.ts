/**
 * Labelled images as the network consumes them. Pixels are in [0, 1], one image per row of X
 * (row-major, width×height values each); labels are the digits 0–9 (class k is digit k, unlike
 * Octave's 1-based classes where 10 stands for 0).
 */
import type { Examples } from '../nn/cost';

export interface Digits extends Examples {
  readonly width: number;
  readonly height: number;
}

/** The three disjoint parts of a dataset: fit on train, choose λ on validation, report on test. */
export interface DataSplit {
  readonly train: Digits;
  readonly validation: Digits;
  readonly test: Digits;
}
