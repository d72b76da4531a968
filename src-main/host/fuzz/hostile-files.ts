/**
 * Hostile data files against a real web host (issue 20, B2–B4, B7): each is laid out in the host's
 * temporary home and sent to data.inspect, whose reader thread runs inside the host's process. The
 * host's peak resident memory is reset before each file (/proc/<pid>/clear_refs) and read after it,
 * so every refusal reports what it cost. Small files always; at full size (`npm run fuzz`) also the
 * issue's big ones, generated in the temp folder at test time and removed afterwards.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { imageFolderWith, pngDeclaring } from '../../data/testing/image-folders';
import { ihdr, pngWithData, zlibOfZeros } from '../../data/testing/png-bombs';
import { hostAddress, memoryOf } from './run-fuzz';

/** One hostile file and what the host answered. */
export interface HostileResult {
  name: string;
  /** HTTP status, or 'hang' when no answer came within the time limit. */
  status: number | 'hang';
  /** The error's message (or 'ok'). */
  message: string;
  /** The host's peak resident memory while it handled this file, MiB. */
  peakMiB: number;
  ms: number;
}

export interface HostileReport {
  results: HostileResult[];
  rssBeforeMiB: number;
  rssAfterMiB: number;
  hostAlive: boolean;
}

interface HostileCase {
  name: string;
  /** Writes the file (or folder) and returns data.inspect's arguments. */
  make: (data: string) => Promise<unknown[]> | unknown[];
}

const MiB = 2 ** 20;

/** Writes `chunk` repeated `times` times, in pieces of a few MiB (never the whole file in memory). */
function writeRepeated(file: string, head: string, chunk: string, times: number, tail = ''): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, head);
    const per = Math.max(1, Math.floor((4 * MiB) / chunk.length));
    const block = chunk.repeat(per);
    let left = times;
    for (; left >= per; left -= per) fs.writeSync(fd, block);
    if (left > 0) fs.writeSync(fd, chunk.repeat(left));
    fs.writeSync(fd, tail);
  } finally {
    fs.closeSync(fd);
  }
}

/** Gzips `chunk` × `times` into `file`, streaming. */
async function gzipRepeated(file: string, chunk: string, times: number): Promise<void> {
  const gz = createGzip({ level: 1 });
  const out = fs.createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  gz.pipe(out);
  const per = Math.max(1, Math.floor((4 * MiB) / chunk.length));
  const block = Buffer.from(chunk.repeat(per));
  for (let left = times; left > 0; left -= per) {
    const piece = left >= per ? block : Buffer.from(chunk.repeat(left));
    if (!gz.write(piece)) await new Promise((r) => gz.once('drain', r));
  }
  gz.end();
  await done;
}

/** An image folder of classes a (one good PNG) and b (x.png made by `make`); data.inspect's arguments. */
function imageFolder(data: string, name: string, make: (file: string) => void): unknown[] {
  return [imageFolderWith(data, name, 'x.png', make).folder, null, { folder: true, imageSize: 8 }];
}

function csvCase(name: string, write: (file: string) => void | Promise<void>): HostileCase {
  return {
    name,
    make: async (data) => {
      const file = path.join(data, name);
      await write(file);
      return [file];
    },
  };
}

const DIGIT_ROW = `3${',0'.repeat(784)}\n`;

/** The small cases (every run) and, at full size, the big files. */
export function hostileCases(full: boolean): HostileCase[] {
  const small: HostileCase[] = [
    {
      name: 'PNG declaring 50000×50000 grey',
      make: (d) => imageFolder(d, 'huge', (f) => fs.writeFileSync(f, pngDeclaring(50_000, 50_000, 1, 8))),
    },
    {
      name: 'PNG declaring 20000² RGBA16',
      make: (d) => imageFolder(d, 'rgba16', (f) => fs.writeFileSync(f, pngDeclaring(20_000, 20_000, 4, 16))),
    },
    {
      name: 'PNG of 100×100 grey over 1 GiB of image data (zlib bomb)',
      make: (d) =>
        imageFolder(d, 'idat-bomb', (f) => fs.writeFileSync(f, pngWithData(ihdr(100, 100, 8, 0), zlibOfZeros(64)))),
    },
    { name: 'FIFO named x.png', make: (d) => imageFolder(d, 'fifo', (f) => execFileSync('mkfifo', [f])) },
    {
      name: 'link to /dev/zero named x.png',
      make: (d) => imageFolder(d, 'zero', (f) => fs.symlinkSync('/dev/zero', f)),
    },
    csvCase('duplicate-header.csv', (f) => fs.writeFileSync(f, 'label,a,a\n3,1,2\n4,5,6\n')),
    csvCase('quoted-newline.csv', (f) => fs.writeFileSync(f, 'species,a,b\n"versi\ncolor",1,2\nsetosa,3,4\n')),
    csvCase('open-quote.csv', (f) => fs.writeFileSync(f, 'label,a,b\n"3,1,2\n4,5,6\n')),
    csvCase('one-line-5MB.csv', (f) => writeRepeated(f, '3,', '1', 5 * MiB, '\n')),
    csvCase('70000-columns.csv', (f) => writeRepeated(f, '3', ',0', 70_000, '\n')),
  ];
  if (!full) return small;
  return [
    ...small,
    {
      name: 'PNG of 8000×8000 grey (64 megapixels) over 4 GiB of image data',
      make: (d) =>
        imageFolder(d, 'idat-bomb-64mp', (f) =>
          fs.writeFileSync(f, pngWithData(ihdr(8000, 8000, 8, 0), zlibOfZeros(256))),
        ),
    },
    csvCase('one-line-100MB.csv', (f) => writeRepeated(f, '3', `,${'7'.repeat(63)}`, 1_600_000, '\n')),
    csvCase('1e6-columns-28MB.csv', (f) => {
      const cells = ',0.12345678901'.repeat(1_000_000);
      fs.writeFileSync(f, `3${cells}\n4${cells}\n`);
    }),
    csvCase('600MB.csv', (f) => writeRepeated(f, '', DIGIT_ROW, Math.ceil((600 * MiB) / DIGIT_ROW.length))),
    csvCase('inflates-to-500MiB.csv.gz', (f) => gzipRepeated(f, DIGIT_ROW, Math.floor((500 * MiB) / DIGIT_ROW.length))),
    csvCase('digits-380MiB.csv', (f) => writeRepeated(f, '', DIGIT_ROW, Math.floor((380 * MiB) / DIGIT_ROW.length))),
    // 8 features a row: 17 million rows need 1.1 GB of values, refused before they are allocated.
    csvCase('table-380MiB.csv', (f) =>
      writeRepeated(f, 'species,a,b,c,d,e,f,g,h\n', 'setosa,1,2,3,4,5,6,7,8\n', Math.floor((380 * MiB) / 23)),
    ),
  ];
}

/** Lays out each case in a fresh host's home, sends it to data.inspect and reports status, message and peak memory. */
export async function runHostileFiles(options: {
  builtMain: string;
  scratch: string;
  full: boolean;
  requestTimeoutMs?: number;
}): Promise<HostileReport> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-lab-hostile-')));
  const hostDir = path.join(options.scratch, `hostile-host-${process.pid}-${Date.now()}`);
  fs.mkdirSync(hostDir, { recursive: true });
  fs.cpSync(options.builtMain, hostDir, { recursive: true, filter: (src) => path.basename(src) !== 'worker.js' });
  const data = path.join(root, 'home', 'data');
  fs.mkdirSync(data, { recursive: true });
  fs.mkdirSync(path.join(root, 'tmp'));
  const host = spawn(
    process.execPath,
    [path.join(hostDir, 'host.js'), '--db', path.join(root, 'home', 'runs.db'), '--concurrency', '1'],
    {
      env: { ...process.env, HOME: path.join(root, 'home'), TMPDIR: path.join(root, 'tmp') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    const { port, token } = await hostAddress(host);
    const call = (channel: string, args: unknown[]) =>
      post(port, token, channel, args, options.requestTimeoutMs ?? 120_000);
    await call('app.info', []);
    const rssBefore = memoryOf(host.pid!, 'VmRSS');
    const results: HostileResult[] = [];
    for (const c of hostileCases(options.full)) {
      const args = await c.make(data);
      resetPeak(host.pid!);
      const start = Date.now();
      const answer = await call('data.inspect', args);
      results.push({ name: c.name, ...answer, peakMiB: memoryOf(host.pid!, 'VmHWM'), ms: Date.now() - start });
      // Big files go as soon as they are answered, so the temp folder never holds them all.
      const file = args[0] as string;
      if (!fs.statSync(file).isDirectory()) fs.rmSync(file, { force: true });
    }
    const alive = host.exitCode === null && (await call('app.info', [])).status === 200;
    return { results, rssBeforeMiB: rssBefore, rssAfterMiB: memoryOf(host.pid!, 'VmRSS'), hostAlive: alive };
  } finally {
    if (host.exitCode === null) {
      host.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          host.kill('SIGKILL');
          r(null);
        }, 10_000);
        host.once('exit', () => {
          clearTimeout(t);
          r(null);
        });
      });
    }
    fs.rmSync(hostDir, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Resets the process's peak resident size (VmHWM) to its current one; Linux 4.0+. */
function resetPeak(pid: number): void {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Without it the peak is the process's lifetime peak, which only over-reports.
  }
}

/** POSTs one request; the status and the error's message ('ok' for a success), or a hang. */
function post(
  port: number,
  token: string,
  channel: string,
  args: unknown[],
  timeoutMs: number,
): Promise<{ status: number | 'hang'; message: string }> {
  return new Promise((resolve) => {
    const body = JSON.stringify(args);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/${channel}`,
        // A fresh connection each time: writing a big file outlasts the host's keep-alive.
        agent: false,
        headers: {
          host: `127.0.0.1:${port}`,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          clearTimeout(timer);
          let message = text;
          try {
            const parsed = JSON.parse(text) as { ok?: boolean; error?: { message?: string } };
            message = parsed.ok ? 'ok' : (parsed.error?.message ?? text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode!, message });
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ status: 'hang', message: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      resolve({ status: 'hang', message: e.message });
    });
    req.end(body);
  });
}
