/**
 * notebook.ipynb and train.py from one list of cells (notebook-cells.ts): the notebook keeps the markdown
 * as markdown cells, the script as comments, so both say the same thing in the same order.
 */
import type { Cell } from './notebook-cells';

export const NOTEBOOK_FILE = 'notebook.ipynb';
export const TRAIN_SCRIPT_FILE = 'train.py';

const lines = (s: string) => s.split('\n').map((l, i, all) => (i < all.length - 1 ? `${l}\n` : l));

/** The cells as a Jupyter notebook (nbformat 4), without outputs. */
export function notebookJson(cells: readonly Cell[]): string {
  const nb = {
    cells: cells.map((c) =>
      c.kind === 'markdown'
        ? { cell_type: 'markdown', metadata: {}, source: lines(c.source) }
        : { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: lines(c.source) },
    ),
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(nb, null, 1)}\n`;
}

/** The cells as a script: markdown becomes # comments; `python3 train.py --json` prints only the result. */
export function trainScript(cells: readonly Cell[]): string {
  const parts = cells.map((c) =>
    c.kind === 'markdown'
      ? c.source
          .split('\n')
          .map((l) => (l ? `# ${l}` : '#'))
          .join('\n')
      : c.source,
  );
  return `#!/usr/bin/env python3\n# Run from this folder: python3 train.py [--json]\n${parts.join('\n\n')}\n`;
}
