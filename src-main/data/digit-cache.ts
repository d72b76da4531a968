/**
 * The bundled digits parsed once per machine: scanning the `mnist` package's 21 MB of JSON costs
 * about 0.3 s, and every training process (one per run) used to pay it. The 7.8 MB of grey-level
 * bytes it yields are kept in a file and read back in a few milliseconds.
 *
 * Where: the OS cache folder ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS,
 * %LOCALAPPDATA% on Windows), under backprop-lab/. Not beside the database: the database's folder
 * holds what must never be lost and is what people back up and copy between machines, while these
 * bytes are derived from an installed package, can be rebuilt at any time, and serve every database
 * (tests and `--db` elsewhere included). A cache folder is also what the OS may clean, which is fine.
 * BACKPROP_LAB_CACHE names another folder (tests), or `off` to never read or write one.
 *
 * The file name carries the package's version and the size and modification time of each source
 * file, so an updated or changed package is parsed afresh. The file is written under a temporary
 * name and renamed, so a reader never sees half of it; any problem with the cache (unwritable folder,
 * short or foreign file) falls back to parsing, never to an error.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MAGIC = 'backprop-lab digits v1\n';

/** The folder for rebuildable data, or null when caching is off. */
export function cacheFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | null {
  const chosen = env.BACKPROP_LAB_CACHE;
  if (chosen === 'off') return null;
  if (chosen) return path.resolve(chosen);
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA || path.win32.join(env.USERPROFILE || os.homedir(), 'AppData', 'Local');
    return path.win32.join(local, 'backprop-lab', 'Cache');
  }
  const home = env.HOME || os.homedir();
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Caches', 'backprop-lab');
  return path.posix.join(env.XDG_CACHE_HOME || path.posix.join(home, '.cache'), 'backprop-lab');
}

/** The cache file for these source files, named by their version, sizes and modification times. */
export function digitCacheFile(folder: string, version: string, sources: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of sources) {
    const s = statSync(file);
    hash.update(`${path.basename(file)} ${s.size} ${s.mtimeMs}\n`);
  }
  return path.join(folder, `mnist-${version}-${hash.digest('hex').slice(0, 16)}.digits`);
}

/** Pixels and labels from a cache file, or null when it is missing or not exactly what was written. */
export function readDigitCache(
  file: string,
  pixelsPerImage: number,
): { pixels: Uint8Array; labels: Uint8Array } | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  const head = Buffer.byteLength(MAGIC);
  if (bytes.length < head + 4 || bytes.toString('latin1', 0, head) !== MAGIC) return null;
  const m = bytes.readUInt32LE(head);
  if (m === 0 || bytes.length !== head + 4 + m * pixelsPerImage + m) return null;
  const start = head + 4;
  // Copies, so the caller owns plain arrays rather than views of a pooled Buffer.
  const pixels = new Uint8Array(bytes.subarray(start, start + m * pixelsPerImage));
  const labels = new Uint8Array(bytes.subarray(start + m * pixelsPerImage));
  for (const label of labels) if (label > 9) return null;
  return { pixels, labels };
}

/** Writes the cache file atomically; returns false (and leaves nothing behind) when it can't. */
export function writeDigitCache(file: string, pixels: Uint8Array, labels: Uint8Array): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const count = Buffer.alloc(4);
    count.writeUInt32LE(labels.length);
    writeFileSync(temp, Buffer.concat([Buffer.from(MAGIC, 'latin1'), count, pixels, labels]));
    renameSync(temp, file);
    return true;
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
    return false;
  }
}
