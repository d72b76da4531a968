/**
 * A run's export as one .zip: what a browser downloads and what the desktop app's save dialog writes.
 * The store writes the folder (its one writer of the export format) into a private temp folder, which is
 * zipped and removed again, so a failed export leaves nothing behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipFolder } from '../export/zip';
import { exportRunWithData } from '../export/course-data';
import type { RunStore } from '../store/types';

/** A zip larger than this is refused: a browser download of it would hold it in memory twice. */
export const MAX_EXPORT_ZIP_BYTES = 512 * 1024 * 1024;

/** "run-12-overfit-λ-0", the folder name inside the zip and the name of the .zip itself. */
export function exportName(id: number, name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return slug ? `run-${id}-${slug}` : `run-${id}`;
}

/** The zip of run `id`'s export folder, and the file name to offer for it. */
export function exportRunZip(store: RunStore, id: number): { fileName: string; bytes: Uint8Array } {
  const root = exportName(id, store.getRun(id).name);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-lab-export-'));
  try {
    const folder = path.join(temp, root);
    exportRunWithData(store, id, folder);
    const bytes = zipFolder(folder, root);
    if (bytes.length > MAX_EXPORT_ZIP_BYTES) {
      throw new Error(
        `the export of run ${id} is ${Math.round(bytes.length / 2 ** 20)} MiB zipped, over the ${MAX_EXPORT_ZIP_BYTES / 2 ** 20} MiB a download may be; use \`npx backprop-lab runs export ${id} FOLDER\``,
      );
    }
    return { fileName: `${root}.zip`, bytes };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
