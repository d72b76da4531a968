/**
 * How much of a user's file the lab is willing to hold, so a hostile or mistaken file is refused with
 * one clear line before it takes the machine's memory: a CSV's size on disk, the length of one line,
 * the number of columns, the bytes its parsed values need, an image's pixel count.
 *
 * Every limit is checked before the memory it guards is allocated. Tests that start real processes
 * (the fuzz, the CLI) lower them through BACKPROP_LAB_DATA_LIMITS, a JSON object of these fields, so
 * the refusals are exercised with small files.
 */

export interface DataLimits {
  /**
   * The most a CSV may hold on disk or once gunzipped: 384 MiB, about 3½ times MNIST's 60,000 training
   * digits as CSV. Node's gunzip holds its output twice while joining it, so this keeps a refused
   * gzip under 1 GB.
   */
  maxCsvBytes: number;
  /** The most one row (a line, or several when a quoted field spans them) may hold. */
  maxLineBytes: number;
  /** The most columns a row may have: a 256×256 image's pixels and its label. */
  maxColumns: number;
  /** The most the parsed values of one file (8 bytes each) may take. */
  maxTableBytes: number;
  /** The most pixels one image may declare before it is decoded. */
  maxImagePixels: number;
  /** The most one image file may hold on disk. */
  maxImageFileBytes: number;
}

export const DEFAULT_DATA_LIMITS: Readonly<DataLimits> = Object.freeze({
  maxCsvBytes: 384 * 2 ** 20,
  maxLineBytes: 4 * 2 ** 20,
  maxColumns: 256 * 256 + 1,
  maxTableBytes: 512 * 2 ** 20,
  maxImagePixels: 64 * 1e6,
  maxImageFileBytes: 256 * 2 ** 20,
});

/** The limits in force: the defaults, with any field BACKPROP_LAB_DATA_LIMITS sets (for tests). */
export function dataLimits(): DataLimits {
  const raw = process.env.BACKPROP_LAB_DATA_LIMITS;
  if (!raw) return DEFAULT_DATA_LIMITS;
  const override = JSON.parse(raw) as Partial<Record<keyof DataLimits, unknown>>;
  const out: DataLimits = { ...DEFAULT_DATA_LIMITS };
  for (const key of Object.keys(out) as (keyof DataLimits)[]) {
    const v = override[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[key] = v;
  }
  return out;
}

/** A size as people read it: "4 MiB", "1.5 MiB", "2,000 bytes". */
export function sizeInWords(bytes: number): string {
  if (bytes >= 2 ** 30) return `${+(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (bytes >= 2 ** 20) return `${+(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}
