/**
 * Receiving a data file the browser uploads: streamed to a hidden temporary file in the imports
 * folder next to the database, never held in memory, never past the size limit nor the folder's
 * total cap, and given its final name (made safe here, never outside the folder) only once the
 * whole body arrived. Whatever goes wrong (too large, empty, connection dropped, disk full), the
 * temporary file is removed, so a name in the folder always holds a whole upload.
 */
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { ApiErrorCode, ApiResult } from '../api/errors';
import type { UploadedFile } from '../api/transport/upload-route';

/**
 * Longest stored name part (after the timestamp), in UTF-8 bytes as the file system counts them (its
 * limit is 255 bytes, so 200 CJK characters, 600 bytes, must be cut); long enough for any real name.
 */
const MAX_NAME_BYTES = 100;
const MAX_EXTENSION = 16;

/**
 * The last part of a file name made safe to store: folders ("../../x", "C:\\a\\x") dropped, any
 * character but letters, digits, ".", "-" and "_" turned into "_", no leading dot (no hidden files,
 * no ".."), at most 100 bytes of UTF-8 with the extension kept. null when nothing usable is left.
 */
export function safeFileName(name: string): string | null {
  const last = name.split(/[/\\]/).pop() ?? '';
  let safe = last
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._-]+/, '')
    .replace(/_+$/, '');
  if (safe === '' || /^[._-]*$/.test(safe)) return null;
  if (Buffer.byteLength(safe) > MAX_NAME_BYTES) {
    const dot = safe.lastIndexOf('.');
    const ext = dot > 0 && safe.length - dot <= MAX_EXTENSION ? safe.slice(dot) : '';
    safe = clipToBytes(safe.slice(0, safe.length - ext.length), MAX_NAME_BYTES - Buffer.byteLength(ext)) + ext;
  }
  return safe;
}

/** The longest start of `text` whose UTF-8 form fits in `max` bytes, never splitting a character. */
function clipToBytes(text: string, max: number): string {
  let bytes = 0;
  let out = '';
  for (const c of text) {
    bytes += Buffer.byteLength(c);
    if (bytes > max) break;
    out += c;
  }
  return out;
}

/** "20250214-153012-123": UTC, sortable, no characters any file system refuses. */
export function importTimestamp(date: Date): string {
  const iso = date.toISOString(); // 2025-02-14T15:30:12.123Z
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
}

export interface UploadOptions {
  /** The imports folder (created when missing). */
  folder: string;
  /** Largest body accepted, in bytes. */
  limit: number;
  /** Most bytes all uploads in the folder may take together (default: no cap). */
  totalLimit?: number;
  now?: () => Date;
}

/** Prefix of the temporary file an upload is written to; safe names never start with a dot. */
export const PARTIAL_PREFIX = '.partial-';

/** The answer to send: its HTTP status and result envelope. */
export interface UploadAnswer {
  status: number;
  result: ApiResult<UploadedFile>;
  /** The request body was not read to its end, so the connection must close after the answer. */
  closeConnection?: boolean;
}

/** Streams the body of `req` to `<folder>/<timestamp>-<safe name>`; never rejects (a failure is an answer). */
export async function receiveUpload(
  req: IncomingMessage,
  name: string | null,
  options: UploadOptions,
): Promise<UploadAnswer> {
  if (name === null || name === '')
    return refuse(400, 'invalid-argument', 'upload: name the file with ?name=<file name>');
  const safe = safeFileName(name);
  if (safe === null)
    return refuse(400, 'invalid-argument', `upload: name "${clip(name)}" has no letters or digits to keep`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.limit) return tooLarge(options.limit, req);

  const folder = path.resolve(options.folder);
  let limit = options.limit;
  let temp: string;
  let out: fs.WriteStream;
  try {
    fs.mkdirSync(folder, { recursive: true });
    if (options.totalLimit !== undefined) {
      const room = options.totalLimit - folderBytes(folder);
      if (room < limit) limit = Math.max(0, room);
      if (Number.isFinite(declared) && declared > limit) return folderFull(options.totalLimit, req);
    }
    temp = path.join(folder, `${PARTIAL_PREFIX}${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    out = await openExclusive(temp);
  } catch (e) {
    req.resume();
    return refuse(500, 'internal', `upload: cannot create a file in ${folder} (${(e as Error).message})`, true);
  }

  const outcome = await copyBody(req, out, limit);
  if (outcome.kind !== 'done' || outcome.bytes === 0) {
    fs.rmSync(temp, { force: true });
    if (outcome.kind === 'too-large')
      return limit < options.limit ? folderFull(options.totalLimit!, req) : tooLarge(options.limit, req);
    if (outcome.kind === 'failed') return refuse(500, 'internal', `upload: writing failed (${outcome.message})`, true);
    if (outcome.kind === 'aborted')
      return refuse(400, 'invalid-argument', 'upload: the connection closed before the whole file arrived', true);
    return refuse(400, 'invalid-argument', `upload: "${clip(name)}" is empty`);
  }
  try {
    const file = publish(temp, folder, `${importTimestamp((options.now ?? (() => new Date()))())}-`, safe);
    return { status: 201, result: { ok: true, value: { path: file, bytes: outcome.bytes } } };
  } catch (e) {
    fs.rmSync(temp, { force: true });
    return refuse(500, 'internal', `upload: cannot name the file in ${folder} (${(e as Error).message})`);
  }
}

/** Bytes of every upload in the folder, whole and partial. */
export function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    try {
      total += fs.statSync(path.join(folder, entry.name)).size;
    } catch {
      // Removed meanwhile.
    }
  }
  return total;
}

async function openExclusive(file: string): Promise<fs.WriteStream> {
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    out.once('open', () => resolve(null));
    out.once('error', (e) => resolve(e));
  });
  if (error) throw error;
  return out;
}

/**
 * Gives the complete temporary file its name `<prefix><name>` (or `<prefix>2-<name>`, … when two
 * uploads share the millisecond): a hard link never replaces an existing file, then the temporary
 * name goes. Returns the final path.
 */
function publish(temp: string, folder: string, prefix: string, name: string): string {
  for (let n = 1; ; n++) {
    const file = path.join(folder, n === 1 ? `${prefix}${name}` : `${prefix}${n}-${name}`);
    // Belt and braces: the safe name has no separators, so this can't leave the folder.
    if (path.dirname(file) !== folder) throw new Error(`"${name}" would leave the imports folder`);
    try {
      fs.linkSync(temp, file);
      fs.rmSync(temp, { force: true });
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 100) throw e;
    }
  }
}

function folderFull(totalLimit: number, req: IncomingMessage): UploadAnswer {
  req.resume();
  return refuse(
    413,
    'too-large',
    `upload: the uploads the lab keeps would pass ${formatBytes(totalLimit)}, the most it keeps; uploads no run uses are removed 7 days after upload`,
    true,
  );
}

type CopyOutcome =
  { kind: 'done'; bytes: number } | { kind: 'too-large' } | { kind: 'aborted' } | { kind: 'failed'; message: string };

/** Copies the body into `out` with backpressure, stopping at `limit`; resolves once `out` is closed. */
function copyBody(req: IncomingMessage, out: fs.WriteStream, limit: number): Promise<CopyOutcome> {
  return new Promise((resolve) => {
    let bytes = 0;
    let outcome: CopyOutcome | undefined;
    // The file must be closed before the caller removes it or answers with its path.
    const settle = (o: CopyOutcome) => {
      if (outcome) return;
      outcome = o;
      req.off('data', onData);
      if (o.kind === 'done') out.end();
      else out.destroy();
    };
    out.once('close', () => resolve(outcome ?? { kind: 'failed', message: 'the file closed early' }));
    out.on('error', (e) => settle({ kind: 'failed', message: e.message }));
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) return settle({ kind: 'too-large' });
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    req.on('data', onData);
    req.once('end', () => settle({ kind: 'done', bytes }));
    req.once('error', () => settle({ kind: 'aborted' }));
    req.once('close', () => {
      if (!req.complete) settle({ kind: 'aborted' });
    });
  });
}

function tooLarge(limit: number, req: IncomingMessage): UploadAnswer {
  // Drain what is still coming rather than reset the socket under the answer.
  req.resume();
  return refuse(
    413,
    'too-large',
    `upload: the file is larger than ${formatBytes(limit)}, the most the lab takes`,
    true,
  );
}

function refuse(status: number, code: ApiErrorCode, message: string, closeConnection = false): UploadAnswer {
  return { status, result: { ok: false, error: { code, message } }, closeConnection };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

function clip(s: string): string {
  return s.length > 100 ? `${s.slice(0, 100)}…` : s;
}
