/**
 * Text files the lab used to misread or choke on (issue 20, B4 and B7): RFC 4180 line breaks inside
 * quoted fields, errors that named "head" instead of the file, duplicate header names, and files too
 * long, too wide or too large to hold, refused with one line before their memory is taken. The limits
 * are lowered through BACKPROP_LAB_DATA_LIMITS so the files stay small.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadTable } from './load';
import type { NamedTable } from './tabular';
import { messageOfDataError } from './testing/data-error';

const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-hostile-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => delete process.env.BACKPROP_LAB_DATA_LIMITS);
const write = (name: string, content: string | Buffer) => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};
const limit = (limits: Record<string, number>) => (process.env.BACKPROP_LAB_DATA_LIMITS = JSON.stringify(limits));

describe('RFC 4180 in full', () => {
  it('reads line breaks inside quoted fields, as Python’s csv module does', () => {
    // Python: list(csv.reader(open(f))) gives 4 rows, the second ['versi\ncolor', '4.7', '1.4'].
    const file = write('q3.csv', 'species,petal,width\n"versi\ncolor",4.7,1.4\nsetosa,1.4,0.2\n"set\nosa",1.3,0.2\n');
    const t = loadTable(file) as NamedTable;
    expect(t.m).toBe(3);
    expect(t.columns).toEqual(['species', 'petal', 'width']);
    expect(t.classNames).toEqual(['set\nosa', 'setosa', 'versi\ncolor']);
    expect(Array.from(t.labels)).toEqual([2, 1, 0]);
    expect(Array.from(t.pixels)).toEqual([4.7, 1.4, 1.4, 0.2, 1.3, 0.2]);
  });

  it('names the file, not "head", when a quote is never closed', () => {
    const file = write('open-quote.csv', 'label,a,b\n"3,1,2\n4,5,6\n');
    expect(messageOfDataError(() => loadTable(file))).toBe(
      `${file}: line 2: a quoted field is never closed (missing ")`,
    );
  });

  it('refuses duplicate header names with their column numbers, in both readers', () => {
    const digits = write('dup-digits.csv', 'label,a,a\n3,1,2\n4,5,6\n');
    expect(messageOfDataError(() => loadTable(digits))).toBe(
      `${digits}: line 1: the header names "a" twice, columns 2 and 3; give every column its own name`,
    );
    expect(messageOfDataError(() => loadTable(digits, undefined, { labelColumn: 'a' }))).toBe(
      `${digits}: line 1: the header names "a" twice, columns 2 and 3; give every column its own name`,
    );
    const table = write('dup-table.csv', 'Width,species,width\n1,a,2\n3,b,4\n');
    expect(messageOfDataError(() => loadTable(table))).toBe(
      `${table}: line 1: the header names "width" twice, columns 1 and 3; give every column its own name`,
    );
  });
});

describe('text too large to hold is refused before it is held', () => {
  it('a row longer than the line limit (4 MiB by default), in both readers', () => {
    const digits = write('one-line.csv', `3,${'1'.repeat(5 * 2 ** 20)}\n`);
    expect(messageOfDataError(() => loadTable(digits))).toBe(
      `${digits}: line 1: a row is longer than 4 MiB, the most the lab reads in one row (is this a CSV file?)`,
    );
    limit({ maxLineBytes: 100 });
    const table = write('long-table.csv', `species,x\nsetosa,1\nvirginica,${'2'.repeat(200)}\n`);
    expect(messageOfDataError(() => loadTable(table))).toBe(
      `${table}: line 3: a row is longer than 100 bytes, the most the lab reads in one row (is this a CSV file?)`,
    );
  });

  it('more columns than a 256×256 image and its label', () => {
    const digits = write('wide.csv', `3${',0'.repeat(70_000)}\n4${',0'.repeat(70_000)}\n`);
    expect(messageOfDataError(() => loadTable(digits))).toBe(
      `${digits}: line 1: a row has more than 65,537 columns, the most the lab reads (a 256×256 image and its label)`,
    );
    const table = write('wide-table.csv', `species${',x'.repeat(70_000)}\na${',1'.repeat(70_000)}\n`);
    expect(messageOfDataError(() => loadTable(table))).toBe(
      `${table}: line 1: a row has more than 65,537 columns, the most the lab reads (a 256×256 image and its label)`,
    );
  });

  it('values needing more memory than the table limit, counted before allocating', () => {
    limit({ maxTableBytes: 1000 });
    const rows = Array.from({ length: 20 }, (_, i) => `${i % 10},0,0,0,0,0,0,0,0,0,255`).join('\n');
    const digits = write('many-rows.csv', rows);
    expect(messageOfDataError(() => loadTable(digits))).toBe(
      `${digits}: its 20 rows × 10 pixels need 1,600 bytes of memory, more than the 1,000 bytes the lab holds of one file`,
    );
    const table = write('many-table.csv', `species,a,b,c,d\n${'x,1,2,3,4\ny,5,6,7,8\n'.repeat(20)}`);
    expect(messageOfDataError(() => loadTable(table))).toBe(
      `${table}: its 40 rows × 4 features need 1,280 bytes of memory, more than the 1,000 bytes the lab holds of one file`,
    );
  });

  it('a CSV larger than the CSV limit on disk or once gunzipped, before it is read or inflated past it', () => {
    limit({ maxCsvBytes: 1000 });
    const text = Array.from({ length: 250 }, (_, i) => `${i % 10},1,2,3`).join('\n');
    const plain = write('big.csv', text);
    expect(messageOfDataError(() => loadTable(plain))).toBe(
      `${plain}: file is 1,999 bytes, more than the 1,000 bytes the lab reads of a CSV file`,
    );
    const gz = write('big.csv.gz', gzipSync(text));
    expect(messageOfDataError(() => loadTable(gz))).toBe(
      `${gz}: gzip data inflates to more than 1,000 bytes, the most the lab reads of a CSV file`,
    );
  });
});
