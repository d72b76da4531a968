// The vitest files whose code reaches what differs between Node versions: the native better-sqlite3 (built for
// one Node ABI), child processes and worker threads. .ci/run runs these under the machine's Node 20 as well,
// after the whole suite under Node 22 (the Node package.json's engines asks for).
//
// "Reaches" follows relative imports from each test file, transitively (./x, ../x.ts, ./x.js, a folder's index),
// so a test that opens the store through src-main/store/open.ts counts though it never names better-sqlite3.
// Prints the files, one a line, relative to the repository.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The module names whose use makes a file Node-version sensitive. */
const SENSITIVE = /['"](?:node:)?(?:child_process|worker_threads)['"]|['"]better-sqlite3['"]/;
/** The test files vitest.config.mts includes. */
const TEST_FILE = /^(src-main|src-renderer)\/.*\.test\.ts$|^scripts\/.*\.test\.mts$/;
const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+|require\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function walk(dir) {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    return statSync(join(root, path)).isDirectory() ? walk(path) : [path];
  });
}

/** The file a relative import names, trying the extensions TypeScript and Vite would. */
function resolveImport(from, spec) {
  const base = resolve(dirname(join(root, from)), spec);
  const stem = base.replace(/\.(js|mjs|cjs)$/, '');
  const candidates = [
    base,
    `${stem}.ts`,
    `${stem}.mts`,
    `${stem}.js`,
    `${stem}.mjs`,
    `${stem}.cjs`,
    join(base, 'index.ts'),
  ];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return found ? relative(root, found) : undefined;
}

const memo = new Map();
/** Whether `file` or anything it imports (relatively, transitively) uses a sensitive module. */
function sensitive(file, seen = new Set()) {
  if (memo.has(file)) return true;
  if (seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(join(root, file), 'utf8');
  let result = SENSITIVE.test(text);
  for (const m of text.matchAll(IMPORT)) {
    if (result) break;
    const target = resolveImport(file, m[1]);
    if (target && /\.(ts|mts|js|mjs|cjs)$/.test(target)) result = sensitive(target, seen);
  }
  // Only a yes is kept: a no cut short by an import cycle may be a yes when reached from elsewhere.
  if (result) memo.set(file, true);
  return result;
}

const tests = ['src-main', 'src-renderer', 'scripts']
  .flatMap(walk)
  .filter((f) => TEST_FILE.test(f))
  .sort();
const chosen = tests.filter((f) => sensitive(f));
if (chosen.length === 0) throw new Error('node-sensitive-tests: no test file reaches better-sqlite3 or a process');
process.stdout.write(`${chosen.join('\n')}\n`);
