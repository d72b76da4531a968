/**
 * Test support: the tests run the worker exactly as the app ships it, built by electron-vite to
 * out/main/worker.js. This builds it when it is missing, empty or older than the sources, once even
 * when several test files ask at the same time (a lock folder serializes them), and hands out a
 * private copy of out/main, so that a rebuild started meanwhile (which empties out/main) cannot pull
 * the file from under running tests. The copy stays inside the repository so that the worker still
 * finds node_modules.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BUILT_WORKER = join(REPO_ROOT, 'out/main/worker.js');

const COPIES = join(REPO_ROOT, 'out/.test-workers');

/** Path of a private copy of an up-to-date out/main/worker.js, building it first if needed. */
export async function ensureBuiltWorker(): Promise<string> {
  const lock = join(REPO_ROOT, 'out/.worker-build-lock');
  mkdirSync(join(REPO_ROOT, 'out'), { recursive: true });
  for (const started = Date.now(); ;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than a minute is from a killed run.
      if (Date.now() - started > 60_000 || ageMs(lock) > 60_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (needsBuild()) {
      try {
        execFileSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 120_000 });
      } catch (e) {
        // electron-vite builds main (with the worker) before preload and renderer: a renderer
        // that does not build yet must not stop these tests once the worker itself is fresh.
        if (needsBuild()) throw e;
      }
    }
    const copy = join(COPIES, String(Math.round(statSync(BUILT_WORKER).mtimeMs)));
    if (!existsSync(join(copy, 'worker.js'))) {
      removeOldCopies();
      cpSync(join(REPO_ROOT, 'out/main'), copy, { recursive: true });
    }
    return join(copy, 'worker.js');
  } catch (e) {
    const out = e as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(
      `npx electron-vite build failed: ${out.stderr?.toString() || out.stdout?.toString() || out.message}`,
      { cause: e },
    );
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Copies of earlier builds, unless made in the last 10 minutes (another test run may still use them). */
function removeOldCopies(): void {
  if (!existsSync(COPIES)) return;
  for (const name of readdirSync(COPIES)) {
    if (ageMs(join(COPIES, name)) > 600_000) rmSync(join(COPIES, name), { recursive: true, force: true });
  }
}

function needsBuild(): boolean {
  let built: number;
  try {
    const s = statSync(BUILT_WORKER);
    if (s.size === 0) return true;
    built = s.mtimeMs;
  } catch {
    return true;
  }
  return newestSource(join(REPO_ROOT, 'src-main')) > built;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
