import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open';
import { smallRun } from '../store/fixtures';
import { startHost, type Host } from './server';
import { cleanUploads, filesRunsUse, PARTIAL_MAX_AGE_MS, UPLOAD_MAX_AGE_MS } from './upload-cleanup';

const DAY = 24 * 3600 * 1000;
let dir: string;

beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'host-upload-cleanup-')));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A file in `folder` whose modification time is `ageMs` ago. */
function fileAged(folder: string, name: string, ageMs: number, bytes = 10): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, Buffer.alloc(bytes, 1));
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(file, when, when);
  return file;
}

describe('cleanUploads', () => {
  it('removes uploads older than 7 days that no run uses, and unfinished ones older than a day; keeps the rest', () => {
    const folder = path.join(dir, 'imports-a');
    fs.mkdirSync(folder);
    fileAged(folder, 'old-unused.csv', UPLOAD_MAX_AGE_MS + DAY);
    const used = fileAged(folder, 'old-used.csv', UPLOAD_MAX_AGE_MS + DAY);
    fileAged(folder, 'new-unused.csv', UPLOAD_MAX_AGE_MS - DAY);
    fileAged(folder, '.partial-1-2-abc', PARTIAL_MAX_AGE_MS + 1000);
    fileAged(folder, '.partial-1-3-def', 1000);
    fs.mkdirSync(path.join(folder, 'a-folder'));
    const removed = cleanUploads(folder, new Set([used]));
    expect(removed.sort()).toEqual(['.partial-1-2-abc', 'old-unused.csv']);
    expect(fs.readdirSync(folder).sort()).toEqual(['.partial-1-3-def', 'a-folder', 'new-unused.csv', 'old-used.csv']);
  });

  it('knows which files the store’s runs use (file, labels, test file, test labels)', () => {
    const store = openStore(path.join(dir, 'uses.db'));
    try {
      const run = smallRun();
      store.createRun({
        ...run,
        dataset: { ...run.dataset, source: 'csv', file: '/data/a.csv', testFile: '/data/t.csv' },
      });
      store.createRun({ ...run, dataset: { ...run.dataset, source: 'idx', file: '/data/i', labels: '/data/l' } });
      store.createRun(run);
      expect([...filesRunsUse(store)].sort()).toEqual(['/data/a.csv', '/data/i', '/data/l', '/data/t.csv']);
    } finally {
      store.close();
    }
  });
});

describe('the host cleans its imports folder and caps it', () => {
  let host: Host;
  let imports: string;
  let kept: string;

  beforeAll(async () => {
    const db = path.join(dir, 'host', 'runs.db');
    imports = path.join(dir, 'host', 'imports');
    fs.mkdirSync(imports, { recursive: true });
    kept = fileAged(imports, '20200101-000000-000-kept.csv', UPLOAD_MAX_AGE_MS + DAY, 400);
    fileAged(imports, '20200101-000000-000-stale.csv', UPLOAD_MAX_AGE_MS + DAY, 400);
    const store = openStore(db);
    const run = smallRun();
    store.createRun({ ...run, dataset: { ...run.dataset, source: 'csv', file: kept } });
    store.close();
    host = await startHost({
      dbPath: db,
      rendererDir: dir,
      workerPath: path.join(dir, 'no-worker.js'),
      uploadLimit: 1000,
      uploadsTotalLimit: 1500,
    });
  });
  afterAll(() => host?.close());

  const upload = (name: string, body: Buffer) =>
    new Promise<{ status: number; json: { error: { message: string } } }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'PUT',
          path: `/upload?name=${name}`,
          headers: { authorization: `Bearer ${host.token}`, 'content-length': String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString()) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('removed the stale upload at start and kept the one a run uses', () => {
    expect(fs.readdirSync(imports)).toEqual([path.basename(kept)]);
  });

  it('refuses an upload that would take the folder past its cap, keeping nothing of it', async () => {
    expect((await upload('first.csv', Buffer.alloc(900, 0x31))).status).toBe(201);
    const r = await upload('second.csv', Buffer.alloc(900, 0x32));
    expect(r.status).toBe(413);
    expect(r.json.error.message).toBe(
      'upload: the uploads the lab keeps would pass 1500 bytes, the most it keeps; uploads no run uses are removed 7 days after upload',
    );
    expect(fs.readdirSync(imports).filter((f) => f.includes('second') || f.startsWith('.'))).toEqual([]);
  });

  it('writes an upload under a hidden temporary name and gives it its name only when complete', async () => {
    fs.rmSync(
      path.join(
        imports,
        fs.readdirSync(imports).find((f) => f.includes('first'))!,
      ),
    );
    const req = http.request({
      host: '127.0.0.1',
      port: host.port,
      method: 'PUT',
      path: '/upload?name=half.csv',
      headers: { authorization: `Bearer ${host.token}`, 'content-length': '600' },
    });
    const answer = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
    });
    req.write(Buffer.alloc(300, 0x33));
    const partial = () => fs.readdirSync(imports).filter((f) => f.startsWith('.partial-'));
    for (let i = 0; i < 500 && partial().length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    // Half-way: only the temporary file, no file under the final name.
    expect(partial()).toHaveLength(1);
    expect(fs.readdirSync(imports).filter((f) => f.endsWith('half.csv'))).toEqual([]);
    req.end(Buffer.alloc(300, 0x34));
    expect(await answer).toBe(201);
    const done = fs.readdirSync(imports).filter((f) => f.endsWith('-half.csv'));
    expect(done).toHaveLength(1);
    expect(fs.statSync(path.join(imports, done[0])).size).toBe(600);
    expect(partial()).toEqual([]);
  });
});
