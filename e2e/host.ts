/**
 * Starts the built web host (out/main/host.js) as a real process in its own process group, on a
 * port the OS picks, with the database given; stops it (and the training processes under it) again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningHost {
  /** The address printed by the host, token included. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..');
export const HOST_FILE = path.join(ROOT, 'out', 'main', 'host.js');

/** Spawns the host and resolves with its URL once it prints it (rejects with its output on failure). */
export async function startHost(dbPath: string, extraArgs: string[] = []): Promise<RunningHost> {
  for (const file of [
    HOST_FILE,
    path.join(ROOT, 'out', 'main', 'worker.js'),
    path.join(ROOT, 'out', 'renderer', 'index.html'),
  ]) {
    if (!fs.existsSync(file))
      throw new Error(`e2e: ${path.relative(ROOT, file)} is missing; run \`npm run build\` first`);
  }
  const child = spawn(process.execPath, [HOST_FILE, '--port', '0', '--db', dbPath, ...extraArgs], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`e2e: the host printed no URL within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Backprop Lab is at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    function fail(e: Error) {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      reject(e);
    }
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) =>
      fail(new Error(`e2e: the host exited (code ${code}) before printing its URL:\n${output}`)),
    );
  });
  child.removeAllListeners('exit');
  // Keep draining its output so a chatty host never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.on('data', (c: Buffer) => process.stderr.write(`[host] ${c}`));
  return { url, pid: child.pid!, stop: () => stopHost(child) };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the whole group (the host closes its workers), SIGKILL if it lingers past 5 s. */
async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  // Anything left in the group (a worker mid-exit) goes too.
  killGroup(child, 'SIGKILL');
}

/**
 * A host of the spec's own on a fresh database in a temp folder, for specs whose runs must not show up
 * in (or depend on) the story specs' shared host. Call in beforeAll; stop() removes the folder too.
 */
export async function startOwnHost(prefix: string): Promise<RunningHost & { dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `backprop-e2e-${prefix}-`));
  try {
    const host = await startHost(path.join(dir, 'lab.db'));
    return {
      ...host,
      dir,
      stop: async () => {
        await host.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
