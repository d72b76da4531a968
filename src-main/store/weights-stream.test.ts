import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parameterCount, rollThetas } from '../nn/shape';
import { exactNumber } from './codec';
import { weightsJsonChunks, writeChunksToFile } from './weights-stream';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-lab-weights-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** weights.json exactly as exports wrote it before streaming: the whole text built in one string. */
function exportTextBefore(sizes: number[], thetas: number[][][]): string {
  const matrices = thetas.map(
    (m) => `    [\n${m.map((row) => `      [${row.map(exactNumber).join(', ')}]`).join(',\n')}\n    ]`,
  );
  return `{\n  "sizes": [${sizes.join(', ')}],\n  "thetas": [\n${matrices.join(',\n')}\n  ]\n}\n`;
}

/** A Θ with the numbers that are hard to write: −0, 0.1 + 0.2, the smallest subnormal, large and tiny values. */
function awkwardTheta(sizes: number[]): Float64Array {
  const specials = [-0, 0.1 + 0.2, 5e-324, -1.7976931348623157e308, 1e-7, 123456789.125, -0.12, 0];
  const theta = new Float64Array(parameterCount(sizes));
  let state = 7;
  for (let i = 0; i < theta.length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    theta[i] = i < specials.length ? specials[i] : (state / 2 ** 31 - 0.5) * 0.24;
  }
  return theta;
}

describe('weightsJsonChunks', () => {
  for (const sizes of [
    [4, 3, 2],
    [2, 5, 3, 1],
    [16, 25, 10],
  ]) {
    const theta = awkwardTheta(sizes);
    const thetas = rollThetas(theta, sizes);

    it(`export layout is byte-identical to the text exports wrote before (${sizes.join('-')})`, () => {
      const file = path.join(dir, `export-${sizes.join('-')}.json`);
      writeChunksToFile(file, weightsJsonChunks(sizes, theta, 'export'));
      expect(fs.readFileSync(file, 'utf8')).toBe(exportTextBefore(sizes, thetas));
    });

    it(`compact layout is byte-identical to JSON.stringify({ sizes, thetas }) (${sizes.join('-')})`, () => {
      const file = path.join(dir, `compact-${sizes.join('-')}.json`);
      writeChunksToFile(file, weightsJsonChunks(sizes, theta, 'compact'));
      expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify({ sizes, thetas }));
    });
  }

  it('never holds more than one row of Θ as text: the longest chunk of a 400-400 network is one row', () => {
    const sizes = [400, 400, 10];
    const theta = awkwardTheta(sizes);
    let longest = 0;
    let total = 0;
    let chunks = 0;
    for (const chunk of weightsJsonChunks(sizes, theta, 'export')) {
      longest = Math.max(longest, chunk.length);
      total += chunk.length;
      chunks++;
    }
    // 410 rows plus the brackets between matrices; a row has 401 numbers of at most 25 characters.
    expect(chunks).toBe(2 + 410 + 2 * 2 + 1);
    expect(longest).toBeLessThan(401 * 27 + 10);
    expect(total).toBeGreaterThan(100 * longest);
  });
});
