/**
 * Serving the built renderer (out/renderer) and nothing else: the URL path is decoded, normalized and
 * resolved through symbolic links, and refused unless the file lies inside the renderer folder, so
 * "/../../etc/passwd" and its encoded spellings can't read the user's files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isInside } from '../api/paths';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export type StaticResult =
  | { kind: 'file'; file: string; type: string; body: Buffer }
  | { kind: 'refused'; status: 400 | 403 | 404; message: string };

/**
 * The file for a URL path inside `root` (already real). "/" and paths of views ("/runs", no dot in the
 * last segment) give index.html, so a reload on any view works.
 */
export function resolveStatic(root: string, urlPath: string): StaticResult {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'refused', status: 400, message: 'malformed percent-encoding in the path' };
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { kind: 'refused', status: 400, message: 'forbidden character in the path' };
  const segments = decoded.split('/');
  if (segments.includes('..')) return { kind: 'refused', status: 403, message: 'paths may not contain ".."' };
  let file = path.join(root, ...segments);
  if (!isInside(root, file)) return { kind: 'refused', status: 403, message: 'outside the app folder' };
  const last = segments[segments.length - 1] ?? '';
  if (last === '' || (!last.includes('.') && !isFile(file))) file = path.join(root, 'index.html');
  let real: string;
  try {
    real = fs.realpathSync.native(file);
  } catch {
    return { kind: 'refused', status: 404, message: 'no such file' };
  }
  if (!isInside(root, real)) return { kind: 'refused', status: 403, message: 'outside the app folder' };
  if (!isFile(real)) return { kind: 'refused', status: 404, message: 'no such file' };
  const type = TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
  return { kind: 'file', file: real, type, body: fs.readFileSync(real) };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
