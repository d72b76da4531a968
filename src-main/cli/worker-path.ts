/**
 * Where the built training worker is, in a module of its own so that `train` can fork the worker
 * before the rest of its modules (store, supervisor, data) are loaded.
 */
import { basename, dirname, join } from 'node:path';

/**
 * The worker sits next to the built CLI (out/main/worker.js beside out/main/cli.js). This code may be
 * bundled into out/main/chunks/ (the commands load lazily), so look one folder up from there.
 */
export function workerPath(): string {
  const here = basename(__dirname) === 'chunks' ? dirname(__dirname) : __dirname;
  return join(here, 'worker.js');
}
