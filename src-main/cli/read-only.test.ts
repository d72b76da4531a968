/**
 * A 0444 database file in a 0555 folder, used through the built CLI (issue 20, B9): browsing and
 * export work, rename and training say the database is read-only and why, never "corrupt". Root
 * ignores permission bits, so when the tests run as root the CLI runs as the user nobody (setpriv);
 * otherwise as the user running the tests.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import { openStore } from '../store/open';
import { smallResult, smallRun } from '../store/fixtures';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
const canDropRoot = asRoot && spawnSync('setpriv', ['--version']).status === 0;

let cli: string;
let dir: string;
let folder: string;
let file: string;

beforeAll(async () => {
  cli = path.join(path.dirname(await ensureBuiltWorker()), 'cli.js');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-cli-read-only-'));
  fs.chmodSync(dir, 0o777);
  folder = path.join(dir, 'locked');
  fs.mkdirSync(folder);
  file = path.join(folder, 'runs.db');
  const store = openStore(file);
  const id = store.createRun(smallRun({}, 'finished one'));
  store.markRunning(id);
  store.finishRun(id, smallResult());
  store.close();
  fs.chmodSync(file, 0o444);
  fs.chmodSync(folder, 0o555);
}, 120_000);

afterAll(() => {
  fs.chmodSync(folder, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, prefix] = canDropRoot
    ? ['setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', process.execPath]]
    : [process.execPath, []];
  return new Promise((resolve) => {
    execFile(command, [...prefix, cli, ...args, '--db', file], { cwd: dir, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(asRoot && !canDropRoot)('a database the user may not write (0444 file, 0555 folder)', () => {
  const reason = 'you have no permission to write it (mode 0444)';

  it('runs list and runs export work', async () => {
    const list = await run(['runs', 'list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).map((r: { name: string }) => r.name)).toEqual(['finished one']);
    const out = path.join(dir, 'exported');
    const exported = await run(['runs', 'export', '1', out]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(fs.existsSync(path.join(out, 'weights.json'))).toBe(true);
  });

  it('runs rename says the database is read-only and why', async () => {
    const r = await run(['runs', 'rename', '1', 'new name']);
    expect([r.code, r.stderr]).toEqual([
      1,
      `backprop-lab: the database ${file} is read-only: ${reason}; renaming a run needs to write to it\n`,
    ]);
  });

  it('train says the database is read-only and why, and stores nothing', async () => {
    const csv = path.join(dir, 'tiny.csv');
    fs.writeFileSync(csv, 'label,a,b\n' + Array.from({ length: 40 }, (_, i) => `${i % 2},${i},${40 - i}`).join('\n'));
    const r = await run(['train', '--data', csv, '--label-column', 'label', '--iterations', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the database ${file} is read-only: ${reason}; starting a run needs to write to it`);
    expect(r.stderr).not.toMatch(/corrupt/);
    expect(fs.readdirSync(folder)).toEqual(['runs.db']);
  });
});
