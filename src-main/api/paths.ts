/**
 * Which files the API may touch. A renderer (or a page that found the host's port) must not make the
 * app read or write outside the user's own folders, so every path is checked here after resolving
 * `..` and symbolic links: it must be absolute and lie inside one of the allowed roots.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from './errors';
import { checkPathBytes } from './fs-errors';

/** Home folder, the app's data folder and the temp folder: where a user's exports and data live. */
export function defaultAllowedRoots(appDataFolder: string): string[] {
  return [os.homedir(), appDataFolder, os.tmpdir()];
}

/**
 * The real absolute path of `input` if it lies inside one of `roots`, else an ApiError
 * 'forbidden-path' naming `what` (e.g. "runs.export: folder"). The path need not exist yet: its
 * nearest existing ancestor is resolved through symbolic links and the rest appended.
 */
export function checkAllowedPath(input: string, roots: readonly string[], what: string): string {
  if (input.includes('\0')) throw forbidden(what, 'contains a NUL character');
  if (!path.isAbsolute(input)) throw forbidden(what, `must be an absolute path, got "${clip(input)}"`);
  checkPathBytes(input, what);
  const real = realPathOfNearest(path.resolve(input));
  for (const root of roots) {
    const realRoot = realPathOfNearest(path.resolve(root));
    if (isInside(realRoot, real)) return real;
  }
  throw forbidden(what, `"${clip(input)}" is outside the allowed folders (${roots.join(', ')})`);
}

/** Whether the absolute path `file` is `root` or lies below it (both already resolved). */
export function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Resolves symbolic links of the longest existing prefix, so a link inside a root can't point outside it. */
function realPathOfNearest(absolute: string): string {
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

function forbidden(what: string, problem: string): ApiError {
  return new ApiError({ code: 'forbidden-path', message: `${what}: ${problem}` });
}

function clip(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
