/**
 * File-system errors on a user's path answer 4xx with one line (issue 20, B8), and names with control
 * characters are refused at the API (B6). Real files through the real API, no mocks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smallRun } from '../store/fixtures';
import { openTestApi, type TestApi } from './testing/test-api';
import { HTTP_STATUS } from './errors';

let t: TestApi;
let id: number;
beforeEach(() => {
  t = openTestApi('bpl-path-errors-');
  id = t.store.createRun(smallRun({}, 'plain'));
  t.store.failRun(id, 'stopped');
});
afterEach(() => t.close());

describe('paths the file system cannot take', () => {
  it('runs.export to a 4,000-character path: a 400 naming the byte limit, not ENAMETOOLONG 500', async () => {
    const folder = path.join(t.dir, 'allowed', 'a'.repeat(4000));
    const e = await t.failure('runs.export', [id, folder]);
    expect(e).toEqual({
      code: 'invalid-argument',
      message: `runs.export: folder: the name "${'a'.repeat(19)}…${'a'.repeat(19)}" is 4000 bytes long in UTF-8, more than the 255 a file or folder name may have`,
    });
    expect(HTTP_STATUS[e.code]).toBe(400);
  });

  it('a path of 2,000 characters but over 4,095 bytes, and a name of 100 CJK characters (300 bytes)', async () => {
    const deep = path.join(t.dir, 'allowed', ...Array.from({ length: 52 }, () => 'é'.repeat(40)));
    expect((await t.failure('runs.export', [id, deep])).message).toMatch(
      /^runs\.export: folder: the path is \d{4} bytes long in UTF-8, more than the 4095 a path may have$/,
    );
    const cjk = path.join(t.dir, 'allowed', '漢'.repeat(100));
    expect((await t.failure('runs.export', [id, cjk])).message).toContain('is 300 bytes long in UTF-8');
  });

  it('any other file-system error on the path is a 4xx with one line', async () => {
    const file = path.join(t.dir, 'allowed', 'a-file');
    fs.writeFileSync(file, 'x');
    const e = await t.failure('runs.export', [id, path.join(file, 'below')]);
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toBe(`runs.export: cannot mkdir ${file}: it already exists (EEXIST)`);
    expect(e.message).not.toContain('\n');
  });
});

describe('names and tags with control characters are refused', () => {
  it('runs.rename, runs.setTags and training.start say which character', async () => {
    expect(await t.failure('runs.rename', [id, 'a\x1b[2J'])).toEqual({
      code: 'invalid-argument',
      message: `runs.rename: rename: run ${id}: name contains the control character \\x1b at character 2; names and tags must be one line of visible text`,
    });
    expect((await t.failure('runs.setTags', [id, ['ok', 'x\ny']])).message).toBe(
      `runs.setTags: setTags: run ${id}: tag 2 contains the control character \\x0a at character 2; names and tags must be one line of visible text`,
    );
    expect(await t.failure('training.start', [{ name: 'n\x07' }])).toEqual({
      code: 'invalid-argument',
      message:
        'training.start: request.name: contains the control character \\x07 at character 2; a name must be one line of visible text',
      path: ['request', 'name'],
    });
    expect(t.store.getRun(id)).toMatchObject({ name: 'plain', tags: [] });
  });
});
