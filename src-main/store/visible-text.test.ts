/**
 * Terminal injection (issue 20, B6): names and tags with control characters are refused with the
 * character shown escaped; an imported run keeps them, escaped visibly; `visible` shows them as `\x1b`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallRun } from './fixtures';
import { errorOf, useTempStore } from './test-helpers';
import type { RunStore } from './types';
import { firstSteering, visible } from './visible-text';

let dir: string;
let store: RunStore;
useTempStore((opened) => ({ dir, store } = opened));

describe('visible', () => {
  it('escapes C0, DEL, C1 and bidirectional overrides; keeps lines only when asked', () => {
    expect(visible('a\x1b[2Jb\rc\x07d\ne\tf\x7f\x9b\u202eg')).toBe(
      'a\\x1b[2Jb\\x0dc\\x07d\\x0ae\\x09f\\x7f\\x9b\\u{202e}g',
    );
    expect(visible('line 1\nline\t2\x1b', true)).toBe('line 1\nline\t2\\x1b');
    expect(visible('λ = 1, 手書き 😀')).toBe('λ = 1, 手書き 😀');
    expect(firstSteering('😀ab\x1bc')).toEqual({ escaped: '\\x1b', position: 4 });
    expect(firstSteering('plain')).toBeNull();
  });
});

describe('names and tags refuse control characters', () => {
  it('rename, createRun and setTags say which character and where', () => {
    const id = store.createRun(smallRun({}, 'plain'));
    const rename = errorOf(() => store.rename(id, 'ok\x1b[2J'));
    expect([rename.code, rename.message]).toEqual([
      'invalid-argument',
      `rename: run ${id}: name contains the control character \\x1b at character 3; names and tags must be one line of visible text`,
    ]);
    expect(errorOf(() => store.createRun(smallRun({}, 'x\n999 fake finished'))).message).toBe(
      'createRun: name contains the control character \\x0a at character 2; names and tags must be one line of visible text',
    );
    expect(errorOf(() => store.setTags(id, ['fine', 'bell\x07'])).message).toBe(
      `setTags: run ${id}: tag 2 contains the control character \\x07 at character 5; names and tags must be one line of visible text`,
    );
    expect(errorOf(() => store.rename(id, 'abc\u202etxt.exe')).message).toContain('\\u{202e} at character 4');
    expect(store.getRun(id)).toMatchObject({ name: 'plain', tags: [] });
    // Notes are several lines of text: they are stored as written and escaped when printed.
    store.setNotes(id, 'two\nlines \x1b[31m');
    expect(store.getRun(id).notes).toBe('two\nlines \x1b[31m');
  });

  it('an imported run keeps such characters, escaped visibly', () => {
    const id = store.createRun(smallRun({}, 'to export'));
    store.failRun(id, 'stopped');
    const folder = path.join(dir, 'exported');
    store.exportRun(id, folder);
    const runJson = path.join(folder, 'run.json');
    const run = JSON.parse(fs.readFileSync(runJson, 'utf8'));
    fs.writeFileSync(
      runJson,
      JSON.stringify({ ...run, name: 'evil\x1b]0;pwned\x07', tags: ['ok', 'a\rb'], notes: 'n\x1b[2J\nsecond' }),
    );
    const imported = store.getRun(store.importRun(folder));
    expect([imported.name, imported.tags, imported.notes]).toEqual([
      'evil\\x1b]0;pwned\\x07',
      ['ok', 'a\\x0db'],
      'n\\x1b[2J\nsecond',
    ]);
  });
});
