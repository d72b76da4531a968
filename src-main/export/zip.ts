/**
 * An exported run folder as one .zip, for a browser's download: the same files `runs export` writes,
 * read back from a folder so there is one writer of the export format.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** The zip (deflated, entries under `rootName/`) of every regular file below `folder`. */
export function zipFolder(folder: string, rootName: string): Uint8Array {
  const entries: Zippable = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const name = `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(full, name);
      else if (entry.isFile()) entries[name] = [fs.readFileSync(full), { level: entry.name.endsWith('.png') ? 0 : 6 }];
    }
  };
  walk(folder, rootName);
  return zipSync(entries);
}
