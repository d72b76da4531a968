/**
 * Hidden-unit images fetched once and kept: a snapshot never changes after it is stored, and the
 * compare slider revisits the same ones many times. The cache is bounded so a long session of
 * browsing runs does not hold every image ever shown.
 */
import type { SnapshotImagesBase64 } from '../../../src-main/api/table';
import { api } from './api';

const LIMIT = 300;
const cache = new Map<string, Promise<SnapshotImagesBase64>>();

/** The images of snapshot `index` of run `runId` (a promise shared by every caller asking at once). */
export function loadSnapshot(runId: number, index: number): Promise<SnapshotImagesBase64> {
  const key = `${runId}:${index}`;
  const hit = cache.get(key);
  if (hit) {
    // Re-insert so the Map's order is least-recently used first.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const p = api.runs.snapshot(runId, index);
  cache.set(key, p);
  p.catch(() => cache.delete(key));
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
  return p;
}

/** Forgets the images of a deleted run. */
export function forgetRun(runId: number): void {
  for (const key of [...cache.keys()]) if (key.startsWith(`${runId}:`)) cache.delete(key);
}

/** A base64 PNG as an address an <img> can show. */
export function pngSrc(base64: string): string {
  return `data:image/png;base64,${base64}`;
}
