/**
 * A file-system error on a path the user gave (too long, missing, not allowed, disk full, …) is the
 * user's to fix, so it answers 4xx with one line naming the path, never an HTTP 500 (issue 20, B8).
 * Limits are counted in bytes of UTF-8, the file system's encoding: 200 CJK characters are 600 bytes.
 */
import { ApiError, type ApiErrorCode, type ApiErrorInfo } from './errors';

/** Longest path the file system takes, in bytes (Linux PATH_MAX 4096, counting the final NUL). */
export const MAX_PATH_BYTES = 4095;
/** Longest name of one file or folder, in bytes (NAME_MAX of ext4, tmpfs, APFS, NTFS in UTF-16 aside). */
export const MAX_NAME_BYTES = 255;

/** What each errno means to a user, and which error code it answers with. */
const ERRNO: Record<string, [ApiErrorCode, string]> = {
  ENAMETOOLONG: ['invalid-argument', 'the path or one of its names is too long for the file system'],
  ENOENT: ['not-found', 'it does not exist'],
  ENOTDIR: ['invalid-argument', 'a part of the path is a file, not a folder'],
  EISDIR: ['invalid-argument', 'it is a folder, not a file'],
  EEXIST: ['invalid-argument', 'it already exists'],
  ENOTEMPTY: ['invalid-argument', 'the folder is not empty'],
  ELOOP: ['invalid-argument', 'it has too many symbolic links'],
  EINVAL: ['invalid-argument', 'the file system refuses this name'],
  EILSEQ: ['invalid-argument', 'the file system refuses a character in this name'],
  EACCES: ['forbidden-path', 'you have no permission for it'],
  EPERM: ['forbidden-path', 'you have no permission for it'],
  EROFS: ['forbidden-path', 'it is on a read-only file system'],
  ENOSPC: ['unusable-file', 'the disk is full'],
  EDQUOT: ['unusable-file', 'the disk quota is used up'],
  EFBIG: ['unusable-file', 'the file would be too large for the file system'],
  EMFILE: ['unusable-file', 'too many files are open'],
};

/** True for Node's errors of a system call on a path (they carry errno, syscall and path). */
export function isPathError(e: unknown): e is NodeJS.ErrnoException & { path: string } {
  return (
    e instanceof Error &&
    typeof (e as NodeJS.ErrnoException).code === 'string' &&
    typeof (e as NodeJS.ErrnoException).syscall === 'string' &&
    typeof (e as NodeJS.ErrnoException).path === 'string' &&
    (e as NodeJS.ErrnoException).code! in ERRNO
  );
}

/** The one-line 4xx error for a file-system error on a user's path: "runs.export: cannot mkdir /a/b…: it does not exist (ENOENT)". */
export function pathErrorInfo(e: NodeJS.ErrnoException & { path: string }, channel: string): ApiErrorInfo {
  const [code, meaning] = ERRNO[e.code!];
  return { code, message: `${channel}: cannot ${e.syscall} ${clipPath(e.path)}: ${meaning} (${e.code})` };
}

/**
 * Refuses a path the file system could not take, before it is used: longer than MAX_PATH_BYTES, or
 * a name longer than MAX_NAME_BYTES, both in UTF-8 bytes. `what` names the argument.
 */
export function checkPathBytes(input: string, what: string): void {
  const bytes = Buffer.byteLength(input, 'utf8');
  if (bytes > MAX_PATH_BYTES) {
    throw new ApiError({
      code: 'invalid-argument',
      message: `${what}: the path is ${bytes} bytes long in UTF-8, more than the ${MAX_PATH_BYTES} a path may have`,
    });
  }
  for (const name of input.split(/[/\\]/)) {
    const n = Buffer.byteLength(name, 'utf8');
    if (n > MAX_NAME_BYTES) {
      throw new ApiError({
        code: 'invalid-argument',
        message: `${what}: the name "${clipPath(name, 40)}" is ${n} bytes long in UTF-8, more than the ${MAX_NAME_BYTES} a file or folder name may have`,
      });
    }
  }
}

/** A path shortened in the middle to at most `max` characters, so a message stays one readable line. */
export function clipPath(p: string, max = 160): string {
  const chars = [...p];
  if (chars.length <= max) return p;
  const half = Math.floor((max - 1) / 2);
  return `${chars.slice(0, half).join('')}…${chars.slice(chars.length - half).join('')}`;
}
