import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const needed = createRequire(import.meta.url)('./node-needed.js') as {
  parseVersion: (text: string) => [number, number, number];
  minimumOf: (range: string) => string;
  refusal: (version: string, range: string) => string | null;
  enginesNode: () => string;
};

describe('the Node a user needs (package.json engines, said by `npm start`)', () => {
  it('package.json states Node 22.12.0, the floor electron 45 and @electron/get 5 declare', () => {
    expect(needed.enginesNode()).toBe('>=22.12.0');
    const electron = createRequire(import.meta.url)(join(REPO, 'node_modules/electron/package.json')) as {
      engines?: { node?: string };
    };
    expect(electron.engines?.node).toBe('>= 22.12.0');
  });

  it('refuses an older Node in one line that names both versions and how to get the right one', () => {
    expect(needed.refusal('v20.20.2', '>=22.12.0')).toBe(
      'backprop-lab: needs Node.js 22.12.0 or newer (this is Node.js 20.20.2): install Node.js 22 LTS ' +
        '(nodejs.org, or `nvm install 22`), then `npm install` again so that better-sqlite3 is built for it',
    );
    expect(needed.refusal('22.11.9', '>=22.12.0')).toContain('(this is Node.js 22.11.9)');
    expect(needed.refusal('22.12.0', '>=22.12.0')).toBeNull();
    expect(needed.refusal('v22.23.5', '>=22.12.0')).toBeNull();
    expect(needed.refusal('24.0.0', '>=22.12.0')).toBeNull();
    // Compared as numbers, not text: "9" > "22" as strings.
    expect(needed.refusal('9.99.99', '>=22.12.0')).not.toBeNull();
  });

  it('names what it cannot read', () => {
    expect(() => needed.refusal('twenty', '>=22.12.0')).toThrow('not a Node.js version: "twenty"');
    expect(() => needed.minimumOf('^22')).toThrow('package.json engines.node is "^22"');
  });

  it('`npm start` on Node 20.20.2 prints that one line and exits 1, before building or serving anything', () => {
    // The real launcher in a child process whose process.version says 20.20.2, so this holds under any Node
    // (scripts/clean-clone.test.mts runs it under the Node that really runs the tests).
    const r = spawnSync(
      process.execPath,
      ['-e', "Object.defineProperty(process, 'version', { value: 'v20.20.2' }); require('./scripts/start.js')"],
      { cwd: REPO, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).toBe(`${needed.refusal('v20.20.2', '>=22.12.0')}\n`);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(1);
  });
});
