/**
 * No import cycles in src-main or the renderer: every folder reads as a layer a newcomer can follow.
 *
 * Builds the import graph from the real sources with TypeScript's own module resolution (type-only
 * imports count too: a type cycle is still two folders that cannot be understood apart) and fails
 * naming each cycle it finds. Svelte components are read through their <script> blocks.
 *
 * Also checks the one boundary the architecture draws across roots: the renderer reaches src-main only
 * through the API table, plus the few modules listed in RENDERER_MAY_IMPORT (docs/architecture.md); and
 * src-main's folders against the folder table in docs/architecture.md (scripts/folder-edges.mts reads it).
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { folderRuleBreaks, parseFolderRules, readFolderRules, TABLE_HEADING } from './folder-edges.mjs';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const options: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The TypeScript a file holds: a .svelte file's <script> blocks, or the whole .ts file. */
function scriptOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** The files under `roots` each file imports (only those inside the roots: packages are not ours). */
export function importGraph(roots: string[]): Map<string, string[]> {
  const files = roots.flatMap((dir) => sourceFiles(join(root, dir)));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const imports = ts.preProcessFile(scriptOf(file), true, true).importedFiles.map((f) => f.fileName);
    const targets = new Set<string>();
    for (const spec of imports) {
      let target: string | undefined;
      if (spec.endsWith('.svelte')) {
        const path = resolve(dirname(file), spec);
        target = existsSync(path) ? path : undefined;
      } else {
        target = ts.resolveModuleName(spec, file, options, ts.sys).resolvedModule?.resolvedFileName;
      }
      if (target && known.has(target)) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Every strongly connected set of files with more than one member (or a self-import), as a path around it. */
export function cycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm, iterative enough for a few hundred files.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const members: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        members.push(w);
      } while (w !== v);
      if (members.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(members.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Top-level folders of a root (src-main/store, src-renderer/src/views, …): the concerns that must form layers. */
export function folderGraph(graph: Map<string, string[]>, roots: string[]): Map<string, string[]> {
  const folderOf = (file: string): string => {
    const rel = relative(root, file);
    const base = roots.find((r) => rel.startsWith(r + '/'))!;
    const rest = rel.slice(base.length + 1).split('/');
    return rest.length > 1 ? `${base}/${rest[0]}` : base;
  };
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    const edges = folders.get(from) ?? new Set<string>();
    folders.set(from, edges);
    for (const target of targets) if (folderOf(target) !== from) edges.add(folderOf(target));
  }
  return new Map([...folders].map(([folder, edges]) => [folder, [...edges]]));
}

/** Each cycle's files as one readable line. */
function named(found: string[][], relativeTo: string | null): string[] {
  return found.map((members) => members.map((f) => (relativeTo ? relative(relativeTo, f) : f)).join(' ↔ '));
}

/**
 * What src-renderer may import from src-main (a file, or a folder ending in /), from where, and why.
 * Everything else in src-main is the backend's inside: a view that needs a type or constant from there
 * gets it re-exported from api/table.ts.
 */
export const RENDERER_MAY_IMPORT: { target: string; from?: string; why: string }[] = [
  { target: 'src-main/api/table.ts', why: 'the API: every request, event, type and constant a view uses' },
  {
    target: 'src-main/api/transport/client.ts',
    from: 'src-renderer/src/lib/',
    why: 'the typed client lib/api.ts builds',
  },
  { target: 'src-main/api/errors.ts', from: 'src-renderer/src/lib/', why: 'ApiError and the result envelope' },
  {
    target: 'src-main/api/transport/web.ts',
    from: 'src-renderer/src/lib/',
    why: "the web host's paths, for lib/transport.ts",
  },
  {
    target: 'src-main/api/transport/upload-route.ts',
    from: 'src-renderer/src/lib/',
    why: "the web host's upload route, for lib/transport.ts",
  },
  { target: 'src-main/lessons/descriptions.ts', why: "the lessons' titles and texts (content, no logic)" },
  {
    target: 'src-main/draw/',
    from: 'src-renderer/src/views/draw/',
    why: "the drawing pad's preprocessing, run in the renderer so a drawing is read live",
  },
  {
    target: 'src-main/units/hidden-units.ts',
    why: "a hidden unit's weights as pixels, drawn live (lib/unit-tiles.ts, the drawing pad)",
  },
  { target: 'src-main/nn/shape.ts', from: 'src-renderer/src/views/draw/', why: "a network's layer sizes" },
  {
    target: 'src-main/api/testing/test-api.ts',
    from: 'src-renderer/src/lib/testing/',
    why: "tests only: the state classes' tests run against the real API over a real store (lib/testing/real-api.ts)",
  },
  {
    target: 'src-main/training/testing/build-worker.ts',
    from: 'src-renderer/src/lib/testing/',
    why: 'tests only: the built training worker those tests train with',
  },
  {
    target: 'src-main/lessons/convergence.ts',
    from: 'src-renderer/src/views/lessons/',
    why: 'the stated convergence criterion, one pure rule shared with the CLI and its tests',
  },
];

/** Imports from a renderer file into src-main that RENDERER_MAY_IMPORT does not allow, as "from → to". */
export function forbiddenRendererImports(graph: Map<string, string[]>, allowed = RENDERER_MAY_IMPORT): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const from = relative(root, file);
    if (!from.startsWith('src-renderer/')) continue;
    for (const target of targets.map((t) => relative(root, t))) {
      if (!target.startsWith('src-main/')) continue;
      const ok = allowed.some(
        (a) =>
          (a.target.endsWith('/') ? target.startsWith(a.target) : target === a.target) &&
          (!a.from || from.startsWith(a.from)),
      );
      if (!ok) found.push(`${from} → ${target}`);
    }
  }
  return found;
}

describe('the renderer depends on src-main only through the API table', () => {
  it('imports nothing from src-main outside RENDERER_MAY_IMPORT', () => {
    const graph = importGraph(['src-main', 'src-renderer/src']);
    expect(forbiddenRendererImports(graph)).toEqual([]);
  });

  it('names an import that is not allowed, and one allowed only from elsewhere', () => {
    const at = (p: string) => join(root, p);
    const graph = new Map([
      [at('src-renderer/src/views/A.svelte'), [at('src-main/api/table.ts'), at('src-main/store/types.ts')]],
      [at('src-renderer/src/views/B.svelte'), [at('src-main/draw/strokes.ts'), at('src-renderer/src/lib/api.ts')]],
      [at('src-renderer/src/views/draw/C.ts'), [at('src-main/draw/strokes.ts')]],
      [at('src-main/api/table.ts'), [at('src-main/store/types.ts')]],
    ]);
    expect(forbiddenRendererImports(graph)).toEqual([
      'src-renderer/src/views/A.svelte → src-main/store/types.ts',
      'src-renderer/src/views/B.svelte → src-main/draw/strokes.ts',
    ]);
  });
});

/**
 * src-main's folder graph, split into the modules' edges and the tests' (`*.test.ts`) edges, with one file
 * import per folder edge ("src-main/nn → src-main/run" → "nn/cost.ts → run/record.ts") to name in a failure.
 */
function srcMainFolderGraphs(): {
  modules: Map<string, string[]>;
  tests: Map<string, string[]>;
  examples: Map<string, string>;
} {
  const graph = importGraph(['src-main']);
  const isTest = (file: string) => /\.test\.m?ts$/.test(file);
  const folderOf = (file: string) => relative(root, file).split('/').slice(0, 2).join('/');
  const examples = new Map<string, string>();
  const short = (file: string) => relative(join(root, 'src-main'), file);
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const edge = `${folderOf(file)} → ${folderOf(target)}`;
      if (!examples.has(edge)) examples.set(edge, `${short(file)} → ${short(target)}`);
    }
  }
  return {
    modules: folderGraph(new Map([...graph].filter(([file]) => !isTest(file))), ['src-main']),
    tests: folderGraph(new Map([...graph].filter(([file]) => isTest(file))), ['src-main']),
    examples,
  };
}

describe("src-main's folders import only what docs/architecture.md's folder table allows", () => {
  it('every import of every src-main file is an allowed edge, and every allowed edge is used', () => {
    const rules = readFolderRules(join(root, 'docs/architecture.md'));
    const { modules, tests, examples } = srcMainFolderGraphs();
    expect(modules.size).toBeGreaterThan(15);
    expect(folderRuleBreaks(rules, modules, tests, examples)).toEqual([]);
  });

  it('the pure math folders import nothing but the math (landscape → nn only; nn → nothing)', () => {
    // The table could be loosened by mistake; these rows are the ones the project's standards fix.
    const rules = readFolderRules(join(root, 'docs/architecture.md'));
    expect(rules.get('src-main/nn')?.mayImport).toEqual([]);
    expect(rules.get('src-main/landscape')?.mayImport).toEqual(['src-main/nn']);
  });

  it('names a forbidden edge, an unused allowance, a test-only edge and a folder with no row', () => {
    const rules = parseFolderRules(
      [
        TABLE_HEADING,
        '',
        '| Folder | Holds | May import | Its tests also import |',
        '| --- | --- | --- | --- |',
        '| `src-main/nn` | math | nothing of ours | — |',
        '| `src-main/data` | files | `nn`, run | — |',
        '| `src-main/store` | SQLite | `nn` | `data` |',
        '',
        '## Next',
        '| `src-main/ignored` | after the section | `store` | — |',
      ].join('\n'),
    );
    expect([...rules.keys()]).toEqual(['src-main/nn', 'src-main/data', 'src-main/store']);
    const modules = new Map([
      ['src-main/nn', ['src-main/store']],
      ['src-main/data', ['src-main/nn']],
      ['src-main/store', ['src-main/nn']],
      ['src-main/cli', ['src-main/store']],
    ]);
    const tests = new Map([['src-main/store', ['src-main/data', 'src-main/run']]]);
    const examples = new Map([['src-main/nn → src-main/store', 'nn/a.ts → store/b.ts']]);
    expect(folderRuleBreaks(rules, modules, tests, examples)).toEqual([
      'src-main/cli has no row in the folder table of docs/architecture.md',
      'src-main/nn imports store (nn/a.ts → store/b.ts), which its row does not allow (May import)',
      'src-main/data: its row allows run, which no module of it imports',
      "src-main/store's tests import run, which its row does not allow (Its tests also import)",
    ]);
  });

  it('refuses a cell that is not a list of folder names, naming the row', () => {
    const table = (cell: string) =>
      `${TABLE_HEADING}\n| Folder | Holds | May import | Its tests also import |\n| \`src-main/nn\` | math | ${cell} | — |`;
    expect(() => parseFolderRules(table('everything above'))).toThrow(
      'folder table, row src-main/nn: "everything above" is not a folder name',
    );
  });
});

describe('import graph', () => {
  it('has no cycles in src-main or the renderer', () => {
    const graph = importGraph(['src-main', 'src-renderer/src']);
    expect(graph.size).toBeGreaterThan(150);
    expect(named(cycles(graph), root)).toEqual([]);
  });

  it('has no cycles between the folders (src-main/store, src-main/training, src-renderer/src/lib, …)', () => {
    const roots = ['src-main', 'src-renderer/src'];
    const folders = folderGraph(importGraph(roots), roots);
    expect(folders.size).toBeGreaterThan(15);
    expect(named(cycles(folders), null)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
  });
});
