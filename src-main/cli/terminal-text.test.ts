/**
 * `runs list` and `runs show` print stored names, tags and notes with control characters escaped
 * (issue 20, B6), even those an older version stored raw: no colours, cleared screens, OSC titles or
 * fake rows reach the terminal. The built CLI in a real Node process, on a real database file.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import { openStore } from '../store/open';
import { smallRun } from '../store/fixtures';

let cli: string;
let dir: string;
let db: string;

const HOSTILE_NAME = 'x\x1b[2J\x1b]0;pwned\x07\n999 fake finished\r';

beforeAll(async () => {
  cli = path.join(path.dirname(await ensureBuiltWorker()), 'cli.js');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-cli-terminal-'));
  db = path.join(dir, 'runs.db');
  const store = openStore(db);
  const id = store.createRun(smallRun({}, 'plain'));
  store.failRun(id, 'stopped \x1b[31mred');
  store.setTags(id, ['ok']);
  store.close();
  // As a version before the fix stored them: straight into the table, past today's checks.
  const raw = new Database(db);
  raw.prepare('UPDATE runs SET name = ?, notes = ? WHERE id = 1').run(HOSTILE_NAME, 'first\n\x1b[1Asecond\x9b2J');
  raw.prepare(`UPDATE run_tags SET tag = 'tag\x1b[5m' WHERE run_id = 1`).run();
  raw.close();
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args, '--db', db], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

describe('runs list and runs show escape control characters', () => {
  it('runs list: one row per run, the name escaped', async () => {
    const r = await run(['runs', 'list']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(CONTROLS);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^1 +x\\x1b\[2J\\x1b\]0;pwned\\x07\\x0a999 fake finished\\x0d +failed /);
  });

  it('runs show: name, failure reason, tags and notes escaped; notes keep their lines, indented', async () => {
    const r = await run(['runs', 'show', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(CONTROLS);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'run 1: x\\x1b[2J\\x1b]0;pwned\\x07\\x0a999 fake finished\\x0d — failed (stopped \\x1b[31mred)',
    );
    expect(lines).toContain('  tags         tag\\x1b[5m');
    expect(lines).toContain('  notes        first');
    expect(lines).toContain('               \\x1b[1Asecond\\x9b2J');
  });

  it('runs list --json parses back to the stored text, with no C1 control or bidi override raw', async () => {
    const r = await run(['runs', 'list', '--json']);
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    expect(r.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(JSON.parse(r.stdout)[0].name).toBe(HOSTILE_NAME);
  });
});
