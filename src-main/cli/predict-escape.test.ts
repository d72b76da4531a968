/**
 * `backprop-lab predict` prints class names escaped (issue 20, B6, the last print left raw): class
 * names come from the user's data, so a CSV whose class column holds ESC sequences, BEL or a
 * right-to-left override would colour, ring or reorder the terminal. The built CLI in real
 * processes, a real database; each class name is shown as `\x1b[31mred`, `bell\x07`, `\u{202e}lla`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltWorker } from '../training/testing/build-worker';

let cli: string;
let dir: string;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args, '--db', join(dir, 'lab.db')], (e, stdout, stderr) =>
      resolve({ code: e ? (e.code as number) : 0, stdout, stderr }),
    );
  });
}

/** Three classes named with a colour escape, a bell and a right-to-left override, 12 rows each, well apart. */
const CLASSES = ['\u001b[31mred', 'bell\u0007', '\u202eplum'];
const ESCAPED = ['\\x1b[31mred', 'bell\\x07', '\\u{202e}plum'];

beforeAll(async () => {
  cli = join(dirname(await ensureBuiltWorker()), 'cli.js');
  dir = mkdtempSync(join(tmpdir(), 'bpl-predict-escape-'));
  const rows = Array.from({ length: 36 }, (_, i) => `${CLASSES[i % 3]},${(i % 3) * 10 + (i % 5) / 5},${i % 2}`);
  writeFileSync(join(dir, 'steering.csv'), `kind,x,y\n${rows.join('\n')}\n`);
  const trained = await run([
    'train',
    '--data',
    join(dir, 'steering.csv'),
    '--label-column',
    'kind',
    '--standardize',
    '--hidden',
    '3',
    '--iterations',
    '30',
    '--json',
  ]);
  expect(trained.code, trained.stderr).toBe(0);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('predict prints class names escaped', () => {
  it('every row, the header of the confusion matrix and its rows show \\x1b, \\x07 and \\u{202e}, never the characters', async () => {
    const out = await run(['predict', '--run', '1', '--data', join(dir, 'steering.csv')]);
    expect([out.code, out.stderr]).toEqual([0, '']);
    // eslint-disable-next-line no-control-regex -- the point: no control or bidi character reaches the terminal
    expect(out.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/u);
    const lines = out.stdout.trimEnd().split('\n');
    // The run's classes are the CSV's values sorted: the ESC one, "bell\x07", then the U+202E one.
    const sorted = [...CLASSES].sort();
    const shown = sorted.map((c) => ESCAPED[CLASSES.indexOf(c)]);
    expect(lines[lines.length - 4]).toBe(['', ...shown].join('\t'));
    expect(lines.slice(-3).map((l) => l.split('\t')[0])).toEqual(shown);
    const rows = lines.slice(2, 38).map((l) => l.split('\t'));
    expect(rows).toHaveLength(36);
    for (const r of rows) expect(shown).toContain(r[1].replace(/ ✗$/, ''));
    // JSON stays data: the names as stored, for programs to read.
    const json = JSON.parse(
      (await run(['predict', '--run', '1', '--data', join(dir, 'steering.csv'), '--json'])).stdout,
    );
    expect(json.classNames).toEqual(sorted);
  });
});
