/**
 * The API fuzz against a real web host: the built host (out/main/host.js) runs in its own process
 * on a fresh database, its allowed folders confined to a temporary home with fixture files, and no
 * training worker beside it (a run that starts fails at once instead of loading the machine). The
 * seeded cases of cases.ts go to it over real sockets, a few at a time, bounded in count and time.
 * The report counts answers by status and kind, and lists every 5xx, hang and connection failure;
 * the host's resident memory is read before, after and at its peak, and it must still answer.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fuzzCases, hostileCases, type FuzzCase } from './cases';

export interface FuzzOptions {
  /** The built out/main folder (host.js and data-reader.js are taken from it, worker.js is not). */
  builtMain: string;
  /** A folder inside the repository for the host's copy (so it still finds node_modules). */
  scratch: string;
  seed: number;
  requests: number;
  /** Stop sending after this long, whatever is left. */
  timeLimitMs: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** A request unanswered this long is a hang. */
  requestTimeoutMs?: number;
}

export interface FuzzReport {
  seed: number;
  requestsPlanned: number;
  requestsSent: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  /** Every 5xx, hang, connection failure or crash, described (at most 50 kept). */
  failures: string[];
  failureCount: number;
  hostAlive: boolean;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  rssPeakMiB: number;
  durationMs: number;
}

const BODY_LIMIT = 1024 * 1024;

/**
 * Channels whose valid requests do long work by design, and how long one may take before it counts
 * as a hang: lessons.gradientTiming times 2·19,885 evaluations of J (16.6 s alone at load 11, more
 * beside the fuzz's other lanes), sliced so the host answers everything else meanwhile.
 */
const LONG_CHANNELS = new Map<string, number>([['lessons.gradientTiming', 180_000]]);

/** Runs the fuzz and returns its report; never throws for what the host does (that is the report). */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const concurrency = options.concurrency ?? 8;
  const requestTimeoutMs = options.requestTimeoutMs ?? 20_000;
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-lab-fuzz-')));
  const hostDir = path.join(options.scratch, `fuzz-host-${process.pid}-${Date.now()}`);
  fs.mkdirSync(hostDir, { recursive: true });
  fs.cpSync(options.builtMain, hostDir, { recursive: true, filter: (src) => path.basename(src) !== 'worker.js' });
  const paths = layFixtures(root);
  let host: ChildProcess | undefined;
  const started = Date.now();
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: path.join(root, 'home'),
      TMPDIR: path.join(root, 'tmp'),
      XDG_CONFIG_HOME: path.join(root, 'home', '.config'),
    };
    const spawned = spawn(
      process.execPath,
      [path.join(hostDir, 'host.js'), '--db', path.join(root, 'home', 'runs.db'), '--concurrency', '1'],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    host = spawned;
    const { port, token } = await hostAddress(spawned);
    // Kept-alive connections, as a browser uses them; the host closes one after refusing a body.
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const timeoutOf = (c: FuzzCase) => Math.max(requestTimeoutMs, LONG_CHANNELS.get(c.channel) ?? 0);
    const send = (c: FuzzCase) => request(port, token, c, timeoutOf(c), agent);
    await send({ kind: 'warm-up', channel: 'app.info', body: '[]', contentType: 'application/json' });
    const rssBefore = memoryOf(spawned.pid!, 'VmRSS');

    const cases = [
      ...hostileCases(path.dirname(paths[0])),
      ...fuzzCases(options.seed, options.requests, paths, BODY_LIMIT),
    ];
    const byStatus: Record<string, number> = {};
    const byKind: Record<string, number> = {};
    const failures: string[] = [];
    let failureCount = 0;
    const fail = (what: string) => {
      failureCount++;
      if (failures.length < 50) failures.push(what);
    };
    let next = 0;
    let sent = 0;
    const deadline = started + options.timeLimitMs;
    const lane = async () => {
      while (next < cases.length && Date.now() < deadline && spawned.exitCode === null) {
        const c = cases[next++];
        sent++;
        byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
        const answer = await send(c);
        const key = typeof answer === 'number' ? String(answer) : answer.kind;
        byStatus[key] = (byStatus[key] ?? 0) + 1;
        const described = `${c.kind} ${c.channel.slice(0, 60)} ${JSON.stringify(c.body.slice(0, 160))}`;
        if (typeof answer === 'number') {
          if (answer >= 500) fail(`${answer} for ${described}`);
        } else if (answer.kind === 'hang') fail(`no answer within ${timeoutOf(c)} ms for ${described}`);
        // The host answers 413 and closes while a body past the limit is still being sent.
        else if (c.kind !== 'over the limit') fail(`connection failed (${answer.message}) for ${described}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    const alive =
      spawned.exitCode === null &&
      (await send({ kind: 'check', channel: 'app.info', body: '[]', contentType: 'application/json' })) === 200;
    if (!alive)
      fail(`the host is gone or no longer answers (exit code ${spawned.exitCode}, signal ${spawned.signalCode})`);
    agent.destroy();
    return {
      seed: options.seed,
      requestsPlanned: options.requests,
      requestsSent: sent,
      byStatus,
      byKind,
      failures,
      failureCount,
      hostAlive: alive,
      rssBeforeMiB: rssBefore,
      rssAfterMiB: memoryOf(spawned.pid!, 'VmRSS'),
      rssPeakMiB: memoryOf(spawned.pid!, 'VmHWM'),
      durationMs: Date.now() - started,
    };
  } finally {
    if (host && host.exitCode === null) {
      host.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          host!.kill('SIGKILL');
          r(null);
        }, 10_000);
        host!.once('exit', () => {
          clearTimeout(t);
          r(null);
        });
      });
    }
    fs.rmSync(hostDir, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Files the cases' paths point at, inside the host's temporary home; returns the paths to use. */
function layFixtures(root: string): string[] {
  const home = path.join(root, 'home');
  const data = path.join(home, 'data');
  fs.mkdirSync(data, { recursive: true });
  fs.mkdirSync(path.join(root, 'tmp'));
  const csv = path.join(data, 'digits.csv');
  fs.writeFileSync(
    csv,
    Array.from(
      { length: 30 },
      (_, i) =>
        `${i % 10},${Array(16)
          .fill(i * 8)
          .join(',')}`,
    ).join('\n'),
  );
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x803, 0);
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(2, 8);
  header.writeUInt32BE(2, 12);
  const bomb = path.join(data, 'bomb-images-idx3-ubyte.gz');
  fs.writeFileSync(bomb, gzipSync(Buffer.concat([header, Buffer.alloc(32 * 2 ** 20)]), { level: 9 }));
  const fifo = path.join(data, 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  const link = path.join(data, 'passwd-link.csv');
  fs.symlinkSync('/etc/passwd', link);
  const folder = path.join(data, 'export-here');
  fs.mkdirSync(folder);
  return [
    csv,
    bomb,
    fifo,
    link,
    folder,
    path.join(data, 'missing.csv'),
    data,
    home,
    '/etc/passwd',
    '/dev/zero',
    'relative.csv',
    `${data}/../../..`,
    path.join(data, 'new-export'),
  ];
}

/** Port and token from the host's first line: "Backprop Lab is at http://127.0.0.1:PORT/?token=…". */
export function hostAddress(child: ChildProcess): Promise<{ port: number; token: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the host did not start within 30 s: ${err}`)), 30_000);
    child.stderr!.on('data', (c) => (err += c));
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ port: Number(m[1]), token: m[2] });
      }
    });
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before listening: ${err}`)));
  });
}

export type Answer = number | { kind: 'hang' } | { kind: 'connection error'; message: string };

/**
 * Sends one case. A kept-alive connection the host closed as idle just as it was reused fails with
 * ECONNRESET before the host saw the request (Node's documented keep-alive race): sent again once.
 */
export async function request(
  port: number,
  token: string,
  c: FuzzCase,
  timeoutMs: number,
  agent: http.Agent,
): Promise<Answer> {
  const first = await attempt(port, token, c, timeoutMs, agent);
  if (first !== 'retry') return first;
  const second = await attempt(port, token, c, timeoutMs, agent);
  return second === 'retry' ? { kind: 'connection error', message: 'ECONNRESET twice' } : second;
}

function attempt(
  port: number,
  token: string,
  c: FuzzCase,
  timeoutMs: number,
  agent: http.Agent,
): Promise<Answer | 'retry'> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (a: Answer | 'retry') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(a);
    };
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/${c.channel}`,
        agent,
        headers: {
          host: `127.0.0.1:${port}`,
          authorization: `Bearer ${token}`,
          ...(c.contentType ? { 'content-type': c.contentType } : {}),
          'content-length': Buffer.byteLength(c.body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode!));
        res.on('error', (e) => done({ kind: 'connection error', message: e.message }));
      },
    );
    const timer = setTimeout(() => {
      done({ kind: 'hang' });
      req.destroy();
    }, timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (req.reusedSocket && e.code === 'ECONNRESET') return done('retry');
      done({ kind: 'connection error', message: e.code ?? e.message });
    });
    req.end(c.body);
  });
}

/** A line of /proc/<pid>/status in MiB (VmRSS: resident now, VmHWM: peak). */
export function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}
