/**
 * Who owns a queued or running run: the process whose supervisor created it. A pid alone is not an
 * identity (pids are reused), so on Linux the owner also records a token — the boot id and the
 * process's start time in clock ticks — that no other process, now or after a reboot, can share.
 * Elsewhere the token is null and liveness falls back to "a process with this pid exists".
 */
import { readFileSync } from 'node:fs';

/** The identity written into `runs.owner_pid` / `runs.owner_token`. */
export interface Owner {
  readonly pid: number;
  readonly token: string | null;
}

/** Answers whether the process that recorded (pid, token) is still running. */
export type OwnerCheck = (pid: number, token: string | null) => boolean;

let self: Owner | undefined;

/** This process as an owner. */
export function currentOwner(): Owner {
  self ??= { pid: process.pid, token: processToken(process.pid) };
  return self;
}

/** Boot id plus start time of process `pid` (Linux), or null where that cannot be read. */
export function processToken(pid: number): string | null {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) may hold spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = fields[19];
    return boot && /^\d+$/.test(startTicks) ? `${boot}:${startTicks}` : null;
  } catch {
    return null;
  }
}

/** Whether a process with this id exists (EPERM: it exists but belongs to someone else). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The real check: the pid exists and, when both tokens can be read, it is the same process that
 * recorded the run — not a later one that was given the same pid.
 */
export const ownerIsAlive: OwnerCheck = (pid, token) => {
  if (!pidExists(pid)) return false;
  if (token === null) return true;
  const now = processToken(pid);
  return now === null || now === token;
};

/**
 * Whether a queued or running run recorded under (pid, token) has lost its trainer. A run recorded
 * under this process's pid is its own only if the tokens agree; otherwise it is from an earlier
 * process that had the same pid (where tokens can't be read, assume the latter). A run with no
 * owner is orphaned.
 */
export function isOrphaned(pid: number | null, token: string | null, isAlive: OwnerCheck = ownerIsAlive): boolean {
  if (pid === null) return true;
  const me = currentOwner();
  if (pid === me.pid) return me.token === null || token !== me.token;
  return !isAlive(pid, token);
}
