/**
 * Test-only: the states a crash or a full disk leaves a WAL database in, made deterministically, so the
 * store's tests and `npm run crash` can check that the lab opens whatever SQLite itself opens.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/**
 * Copies the newest WAL frame of page `page` into the database file, as a checkpoint cut off half-way
 * leaves it: the file's header then describes pages that still live only in the -wal file. Returns
 * the page count that header now claims.
 */
export function copyWalFrameIntoDatabase(file: string, page = 1): number {
  const wal = fs.readFileSync(`${file}-wal`);
  const pageSize = wal.readUInt32BE(8);
  let newest = -1;
  for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= wal.length; at += FRAME_HEADER + pageSize) {
    if (wal.readUInt32BE(at) === page) newest = at;
  }
  if (newest < 0) throw new Error(`${file}-wal has no frame of page ${page}`);
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, wal, newest + FRAME_HEADER, pageSize, (page - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
  const header = wal.subarray(newest + FRAME_HEADER, newest + FRAME_HEADER + 100);
  return page === 1 ? header.readUInt32BE(28) : -1;
}

/**
 * Copies `file` with its -wal (and -shm) to `copy` while `db` still has it open, which is the state a
 * process killed at that moment leaves: committed data in the -wal file, not yet checkpointed.
 */
export function copyLiveDatabase(file: string, copy: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(`${file}${suffix}`)) fs.copyFileSync(`${file}${suffix}`, `${copy}${suffix}`);
  }
}

/** Opens `file` with plain better-sqlite3 and automatic checkpoints off, so writes stay in the -wal file. */
export function openWithoutCheckpoints(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  return db;
}

/**
 * Mounts a tmpfs of `size` (mount(8) syntax, e.g. "1m") at `dir`, which must exist; false when this
 * machine does not allow it (not root, or no mount in a container), so tests can say they skipped.
 */
export function mountTmpfs(dir: string, size: string): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0;
}

/**
 * Whether this machine lets the tests mount a tmpfs (root, and mount allowed in this container): a
 * 64 KiB one is mounted and unmounted in a fresh temporary folder. Tests that need a full or read-only
 * disk skip, saying why, when it does not.
 */
export function canMountTmpfs(): boolean {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-tmpfs-probe-'));
  const ok = mountTmpfs(probe, '64k');
  if (ok) unmount(probe);
  fs.rmSync(probe, { recursive: true, force: true });
  return ok;
}

/** Remounts the tmpfs at `dir` with mount(8) options, e.g. "size=8m" or "ro"; throws if mount fails. */
export function remount(dir: string, options: string): void {
  const r = spawnSync('mount', ['-o', `remount,${options}`, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mount -o remount,${options} ${dir} failed: ${r.stderr.trim()}`);
}

/** Unmounts `dir`, ignoring a failure (the test's cleanup). */
export function unmount(dir: string): void {
  spawnSync('umount', [dir]);
}
