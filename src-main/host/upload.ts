/**
 * Receiving a data file the browser uploads: streamed straight to the imports folder next to the
 * database, never held in memory, never past the size limit, under a name made safe here and never
 * outside the folder. Whatever goes wrong (too large, empty, connection dropped, disk full), the
 * partial file is removed, so the folder only ever holds whole uploads.
 */
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { ApiErrorCode, ApiResult } from '../api/errors';
import type { UploadedFile } from '../api/upload-route';

/** Longest stored name part (after the timestamp); long enough for any real data file's name. */
const MAX_NAME = 100;
const MAX_EXTENSION = 16;

/**
 * The last part of a file name made safe to store: folders ("../../x", "C:\\a\\x") dropped, any
 * character but letters, digits, ".", "-" and "_" turned into "_", no leading dot (no hidden files,
 * no ".."), at most 100 characters with the extension kept. null when nothing usable is left.
 */
export function safeFileName(name: string): string | null {
  const last = name.split(/[/\\]/).pop() ?? '';
  let safe = last
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._-]+/, '')
    .replace(/_+$/, '');
  if (safe === '' || /^[._-]*$/.test(safe)) return null;
  if (safe.length > MAX_NAME) {
    const dot = safe.lastIndexOf('.');
    const ext = dot > 0 && safe.length - dot <= MAX_EXTENSION ? safe.slice(dot) : '';
    safe = safe.slice(0, MAX_NAME - ext.length) + ext;
  }
  return safe;
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
  now?: () => Date;
}

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
  let file: string;
  let out: fs.WriteStream;
  try {
    fs.mkdirSync(folder, { recursive: true });
    ({ file, out } = await createUnique(folder, `${importTimestamp((options.now ?? (() => new Date()))())}-`, safe));
  } catch (e) {
    req.resume();
    return refuse(500, 'internal', `upload: cannot create a file in ${folder} (${(e as Error).message})`, true);
  }

  const outcome = await copyBody(req, out, options.limit);
  if (outcome.kind !== 'done' || outcome.bytes === 0) {
    fs.rmSync(file, { force: true });
    if (outcome.kind === 'too-large') return tooLarge(options.limit, req);
    if (outcome.kind === 'failed')
      return refuse(500, 'internal', `upload: writing ${path.basename(file)} failed (${outcome.message})`, true);
    if (outcome.kind === 'aborted')
      return refuse(400, 'invalid-argument', 'upload: the connection closed before the whole file arrived', true);
    return refuse(400, 'invalid-argument', `upload: "${clip(name)}" is empty`);
  }
  return { status: 201, result: { ok: true, value: { path: file, bytes: outcome.bytes } } };
}

/** Opens a new file `<prefix><name>` (or `<prefix>2-<name>`, … when two uploads share the millisecond) exclusively. */
async function createUnique(
  folder: string,
  prefix: string,
  name: string,
): Promise<{ file: string; out: fs.WriteStream }> {
  for (let n = 1; ; n++) {
    const file = path.join(folder, n === 1 ? `${prefix}${name}` : `${prefix}${n}-${name}`);
    // Belt and braces: the safe name has no separators, so this can't leave the folder.
    if (path.dirname(file) !== folder) throw new Error(`"${name}" would leave the imports folder`);
    const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    const opened = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      out.once('open', () => resolve(null));
      out.once('error', (e) => resolve(e));
    });
    if (!opened) return { file, out };
    if (opened.code !== 'EEXIST' || n >= 100) throw opened;
  }
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
