/**
 * The peak memory of a real process refusing a PNG zlib bomb (issue 20, B2): a plain Node child
 * starts the built data-reader thread as the host does, on an image folder holding a 4 MB PNG whose
 * 8000×8000 header is within the 64-megapixel budget but whose image data inflates to 4 GiB, and
 * reports its own peak resident size. Before, fast-png kept every inflated byte.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { ihdr, pngWithData, zlibOfZeros } from '../data/testing/png-bombs';
import { ensureBuiltWorker } from '../training/testing/build-worker';

const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-png-bomb-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('peak memory of a real process refusing a bomb', () => {
  it('the built data-reader thread refuses 4 GiB of image data under a 64-megapixel header in little memory', async () => {
    const reader = join(dirname(await ensureBuiltWorker()), 'data-reader.js');
    const folder = join(dir, 'images');
    mkdirSync(join(folder, 'a'), { recursive: true });
    mkdirSync(join(folder, 'b'), { recursive: true });
    writeFileSync(
      join(folder, 'a', 'ok.png'),
      encodePng({ width: 2, height: 2, data: new Uint8Array(4), channels: 1 }),
    );
    const file = join(folder, 'b', 'x.png');
    writeFileSync(file, pngWithData(ihdr(8000, 8000, 8, 0), zlibOfZeros(256)));
    // A plain Node process starts the thread as the host does and reports its own peak resident size.
    const script = `
      const { Worker } = require('node:worker_threads');
      const w = new Worker(process.argv[1], { workerData: { file: process.argv[2], options: { folder: true, imageSize: 8 } } });
      w.once('message', (reply) => {
        process.stdout.write(JSON.stringify({ reply, maxRssKiB: process.resourceUsage().maxRSS }));
        process.exit(0);
      });
      w.once('error', (e) => { process.stdout.write(JSON.stringify({ error: String(e) })); process.exit(1); });`;
    const r = spawnSync(process.execPath, ['-e', script, reader, folder], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { reply: { dataError: { file: string; problem: string } }; maxRssKiB: number };
    expect(out.reply.dataError).toEqual({
      file,
      problem:
        'cannot be decoded as an image: its compressed image data inflates past 64,073,536 bytes, ' +
        'while the 8000×8000 grey 8-bit image its header declares needs 64,008,000',
    });
    // The 4 GiB never exist: the file (4 MB), the thread and pieces of a few MiB at a time.
    expect(out.maxRssKiB * 1024).toBeLessThan(300 * 2 ** 20);
    console.log(`peak RSS refusing a 4 GiB IDAT bomb: ${(out.maxRssKiB / 1024).toFixed(0)} MiB`);
  }, 240_000);
});
