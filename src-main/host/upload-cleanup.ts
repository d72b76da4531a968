/**
 * Keeping the imports folder from growing without end: uploads that no run uses are removed once
 * they are older than UPLOAD_MAX_AGE_MS (a week: time to train on a file more than once), and
 * temporary files of uploads that never finished once they are older than a day. The host runs
 * this when it starts and every few hours; the folder as a whole is capped at UPLOADS_TOTAL_LIMIT.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunStore } from '../store/types';
import { PARTIAL_PREFIX } from './upload';

/** Uploads no run uses are removed once this old (7 days). */
export const UPLOAD_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** Temporary files of unfinished uploads are removed once this old (1 day). */
export const PARTIAL_MAX_AGE_MS = 24 * 3600 * 1000;
/** Most bytes all uploads together may take (4 GiB, sixteen uploads of the largest size). */
export const UPLOADS_TOTAL_LIMIT = 4 * 2 ** 30;
/** How often a running host cleans the folder (every 6 hours). */
export const CLEANUP_INTERVAL_MS = 6 * 3600 * 1000;

/** Every data file path the store's runs name (file, labels, test file, test labels), as real paths. */
export function filesRunsUse(store: RunStore): Set<string> {
  const used = new Set<string>();
  for (const summary of store.listRuns({ limit: 1_000_000 })) {
    const { dataset } = store.getRun(summary.id);
    for (const p of [dataset.file, dataset.labels, dataset.testFile, dataset.testLabels]) {
      if (p === undefined) continue;
      used.add(path.resolve(p));
      try {
        used.add(fs.realpathSync.native(p));
      } catch {
        // Gone already.
      }
    }
  }
  return used;
}

/**
 * Removes from `folder` the uploads older than `maxAgeMs` that no path in `used` names, and
 * temporary files older than PARTIAL_MAX_AGE_MS; returns the names removed. Only regular files
 * directly in the folder are touched.
 */
export function cleanUploads(
  folder: string,
  used: ReadonlySet<string>,
  now = Date.now(),
  maxAgeMs = UPLOAD_MAX_AGE_MS,
): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  let real = folder;
  try {
    real = fs.realpathSync.native(folder);
  } catch {
    // Keep the path as given.
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(folder, entry.name);
    const partial = entry.name.startsWith(PARTIAL_PREFIX);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      continue;
    }
    const age = now - stat.mtimeMs;
    const stale = partial
      ? age > PARTIAL_MAX_AGE_MS
      : age > maxAgeMs && !used.has(file) && !used.has(path.join(real, entry.name));
    if (!stale) continue;
    fs.rmSync(file, { force: true });
    removed.push(entry.name);
  }
  return removed;
}
