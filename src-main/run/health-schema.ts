/**
 * The runtime check of one layer's training health (nn/health.ts's LayerHealth), shared by the worker
 * protocol and the run folders the store imports, so a health entry is refused the same way in both.
 */
import { z } from 'zod';
import { HEALTH_PERCENTILES } from '../nn/health';

const bands = z.array(z.number()).length(HEALTH_PERCENTILES.length);

export const layerHealthSchema = z.strictObject({
  layer: z.number().int().min(2),
  gradientNorm: z.number().min(0),
  biasGradientNorm: z.number().min(0),
  updateRatio: z.number().min(0).nullable(),
  saturatedFraction: z.number().min(0).max(1),
  weights: bands,
  activations: bands,
  deltas: bands,
});
