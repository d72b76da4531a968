/**
 * The external tools the MAT-file tests check the lab against: Debian's python3 with scipy and
 * Octave (.ci/run installs both). A test that needs one skips with a note saying which is absent.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** /usr/bin/python3 when it can import scipy.io, else null. */
export const SCIPY_PYTHON: string | null =
  spawnSync('/usr/bin/python3', ['-c', 'import scipy.io, numpy'], { stdio: 'ignore' }).status === 0
    ? '/usr/bin/python3'
    : null;

/** /usr/bin/octave when present, else null. */
export const OCTAVE: string | null = fs.existsSync('/usr/bin/octave') ? '/usr/bin/octave' : null;

/** Prints why a group of tests is skipped, once, so a skip is never silent. */
export function noteSkip(tool: string | null, what: string): void {
  if (!tool) console.warn(`skipped: ${what} (not installed on this machine; .ci/run installs it)`);
}

/** Runs python3 code; throws with its stderr when it fails, else returns stdout. */
export function runPython(code: string, cwd: string): string {
  const r = spawnSync(SCIPY_PYTHON ?? 'python3', ['-c', code], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Runs Octave code quietly; throws with its stderr when it fails, else returns stdout. */
export function runOctave(code: string, cwd: string): string {
  const r = spawnSync(OCTAVE ?? 'octave', ['--no-gui', '--no-window-system', '-q', '--eval', code], {
    cwd,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`octave exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}
