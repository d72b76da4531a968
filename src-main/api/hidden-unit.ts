/**
 * runs.hiddenUnit: one hidden unit of a finished run, described over its training set (see
 * units/unit-stats.ts), with the pictures the view shows: its weights as an image over the input
 * and the training digits at both ends of its activation range.
 */
import { performance } from 'node:perf_hooks';
import { encode } from 'fast-png';
import { unitPixels } from '../units/hidden-units';
import type { RunStore } from '../store/types';
import { DIGIT_PNG_OPTIONS } from '../training/test-set-extras';
import { hiddenUnitStats, type RankedExample } from '../units/unit-stats';
import { base64 } from './base64';
import { ApiError } from './errors';
import { RunActivationCache } from './run-activations';
import type { HiddenUnitJson } from './table';
import type { Implementations } from './implementations';

const CHANNEL = 'runs.hiddenUnit';

/** The handler, with its cache of run activations (one per API, so every window shares it). */
export function hiddenUnitImplementation(store: RunStore, cache = new RunActivationCache(store)) {
  const impl: Pick<Implementations, 'runs.hiddenUnit'> = {
    'runs.hiddenUnit': async (id, layer, unit) => {
      await cache.prefetch(id, CHANNEL);
      const { value: run, cached } = cache.get(id, CHANNEL);
      const start = performance.now();
      const { sizes, theta, train, activations } = run;
      const L = sizes.length;
      if (layer > L - 1) {
        throw new ApiError({
          code: 'invalid-argument',
          message: `${CHANNEL}: layer: run ${id} (${sizes.join('-')}) has hidden layers 2…${L - 1}, got ${layer}`,
          path: ['layer'],
        });
      }
      if (unit > sizes[layer - 1]) {
        throw new ApiError({
          code: 'invalid-argument',
          message: `${CHANNEL}: unit: layer ${layer} of run ${id} has units 1…${sizes[layer - 1]}, got ${unit}`,
          path: ['unit'],
        });
      }
      const stats = hiddenUnitStats(theta, activations, train.y, layer, unit);
      const image = train.width > 1 && train.height > 1;
      const example = (e: RankedExample) => ({
        ...e,
        predicted: activations.predicted[e.index],
        imagePng: examplePng(train.X, e.index, train.width, train.height),
      });
      const result: HiddenUnitJson = {
        runId: id,
        ...stats,
        sizes: [...sizes],
        input: { width: train.width, height: train.height, image },
        incomingPng:
          layer === 2 && image
            ? base64(
                encode({
                  width: train.width,
                  height: train.height,
                  data: unitPixels(theta, sizes, train.width, train.height, unit - 1),
                  channels: 1,
                  depth: 8,
                }),
              )
            : null,
        top: stats.top.map(example),
        bottom: stats.bottom.map(example),
        timing: { cached, loadMs: cached ? 0 : run.loadMs, unitMs: 0 },
      };
      result.timing.unitMs = performance.now() - start;
      return result;
    },
  };
  return impl;
}

/** Row i of X as a greyscale PNG, values clamped to [0, 1] then × 255 (a strip 1 pixel high for non-image data). */
function examplePng(X: Float64Array, i: number, width: number, height: number): string {
  const n = width * height;
  const data = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const v = X[i * n + j];
    data[j] = v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255);
  }
  return base64(encode({ width, height, data, channels: 1, depth: 8 }, DIGIT_PNG_OPTIONS));
}
