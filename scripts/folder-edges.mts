/**
 * The table of which src-main folders may import which, read from docs/architecture.md (its one home), and
 * the comparison of that table with the folders' real imports. scripts/import-cycles.test.mts runs it.
 *
 * The doc's table is the rule itself rather than a copy of it: a reader of the map and the test read the
 * same cells, so the map cannot drift from the code without the test failing.
 */
import { readFileSync } from 'node:fs';

/** One row of the folder table: what a folder's modules may import, and what its tests may import on top. */
export interface FolderRule {
  readonly mayImport: readonly string[];
  readonly testsAlso: readonly string[];
}

/** The heading whose first table (rows starting with `src-main/…`) holds the rules. */
export const TABLE_HEADING = '## The folders and what each may import';

/**
 * The folder rules of a markdown document, keyed by folder (`src-main/nn`). A cell lists folders by their
 * names under src-main (`nn`, `run`), backticked or not, separated by commas; `nothing of ours` and `—` mean
 * none. Anything else in those cells is an error naming the row, so the table stays machine-readable.
 */
export function parseFolderRules(markdown: string): Map<string, FolderRule> {
  const start = markdown.indexOf(TABLE_HEADING);
  if (start < 0) throw new Error(`docs/architecture.md: no heading "${TABLE_HEADING}"`);
  const section = markdown.slice(start + TABLE_HEADING.length).split(/\n## /)[0];
  const rules = new Map<string, FolderRule>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // A table row is "| a | b | c | d |": empty strings at both ends.
    if (cells.length < 3 || !/^`src-main\//.test(cells[1])) continue;
    if (cells.length !== 6)
      throw new Error(`folder table: row "${line}" needs 4 cells (folder, holds, may import, tests also)`);
    const folder = unquote(cells[1]);
    if (!/^src-main\/[a-z-]+$/.test(folder)) throw new Error(`folder table: "${cells[1]}" is not one src-main folder`);
    if (rules.has(folder)) throw new Error(`folder table: ${folder} has two rows`);
    rules.set(folder, { mayImport: folderList(cells[3], folder), testsAlso: folderList(cells[4], folder) });
  }
  if (rules.size === 0) throw new Error(`docs/architecture.md: no src-main rows under "${TABLE_HEADING}"`);
  return rules;
}

/** The rules in the repository's docs/architecture.md. */
export function readFolderRules(path: string): Map<string, FolderRule> {
  return parseFolderRules(readFileSync(path, 'utf8'));
}

function unquote(cell: string): string {
  return cell.replace(/^`|`$/g, '');
}

function folderList(cell: string, row: string): string[] {
  if (cell === 'nothing of ours' || cell === '—') return [];
  return cell.split(',').map((part) => {
    const name = unquote(part.trim());
    if (!/^[a-z-]+$/.test(name)) {
      throw new Error(`folder table, row ${row}: "${part.trim()}" is not a folder name (write e.g. \`nn\`, \`run\`)`);
    }
    return `src-main/${name}`;
  });
}

/**
 * Where the folder graphs and the rules disagree, one readable line each: an edge the code has and the table
 * does not allow, an allowed edge nothing uses any more (the map would then claim more than the code does),
 * and a folder with no row. `modules` and `tests` are folder → folders imported, from their own files;
 * `examples` names, for a forbidden edge "from → to", one file import that makes it.
 */
export function folderRuleBreaks(
  rules: Map<string, FolderRule>,
  modules: Map<string, readonly string[]>,
  tests: Map<string, readonly string[]>,
  examples: Map<string, string> = new Map(),
): string[] {
  const found: string[] = [];
  const short = (f: string) => f.replace(/^src-main\//, '');
  const where = (from: string, to: string) => {
    const file = examples.get(`${from} → ${to}`);
    return file ? ` (${file})` : '';
  };
  for (const folder of new Set([...modules.keys(), ...tests.keys()])) {
    if (!rules.has(folder)) found.push(`${folder} has no row in the folder table of docs/architecture.md`);
  }
  for (const [folder, rule] of rules) {
    const used = new Set(modules.get(folder) ?? []);
    const usedByTests = new Set(tests.get(folder) ?? []);
    for (const target of used) {
      if (!rule.mayImport.includes(target)) {
        found.push(
          `${folder} imports ${short(target)}${where(folder, target)}, which its row does not allow (May import)`,
        );
      }
    }
    for (const target of usedByTests) {
      if (!rule.mayImport.includes(target) && !rule.testsAlso.includes(target)) {
        found.push(
          `${folder}'s tests import ${short(target)}${where(folder, target)}, which its row does not allow (Its tests also import)`,
        );
      }
    }
    for (const target of rule.mayImport) {
      if (!used.has(target)) found.push(`${folder}: its row allows ${short(target)}, which no module of it imports`);
    }
    for (const target of rule.testsAlso) {
      if (rule.mayImport.includes(target)) {
        found.push(`${folder}: its row lists ${short(target)} under both May import and Its tests also import`);
      } else if (!usedByTests.has(target)) {
        found.push(`${folder}: its row allows its tests ${short(target)}, which no test of it imports`);
      }
    }
  }
  return found;
}
