/**
 * `backprop-lab runs …`: the experiment database from the command line — list, show, rename,
 * delete, export and import runs, in text for people or JSON for scripts.
 */
import { resolve } from 'node:path';
import type { RunDetail, RunSummary } from '../store/types';
import { exportRunWithData } from '../export/course-data';
import { parseArgs, UsageError, type FlagSpecs } from './args';
import { DB_FLAG, jsonFlag } from './common-flags';
import { openCliStore } from './context';
import { visible } from '../store/visible-text';

export const RUNS_FLAGS: FlagSpecs = {
  db: DB_FLAG,
  json: jsonFlag('JSON on stdout'),
};

export const RUNS_USAGE = `runs list                      every run, newest first
  runs show ID                   one run whole (hyperparameters, metrics, confusion matrix; --json adds
                                 the training health at each snapshot)
  runs rename ID NAME            give a run a new name
  runs delete ID                 delete a run with its history, images and weights (one training stops)
  runs export ID FOLDER          write run.json, weights.json, history.csv and images/ to FOLDER
  runs import FOLDER             read an exported folder back as a new run`;

export function runsCommand(argv: readonly string[]): number {
  const { flags, positionals } = parseArgs(argv, RUNS_FLAGS);
  const [action, ...rest] = positionals;
  const json = flags.json === true;
  const expect = (n: number, usage: string) => {
    if (rest.length !== n) throw new UsageError(`runs ${action}: usage: runs ${action} ${usage}`);
  };
  const store = openCliStore(flags.db);
  try {
    switch (action) {
      case 'list': {
        expect(0, '');
        const runs = store.listRuns({ sort: 'createdAt', order: 'desc' });
        print(json ? runs : formatList(runs));
        return 0;
      }
      case 'show': {
        expect(1, 'ID');
        const run = store.getRun(runId(rest[0]));
        print(json ? { ...run, health: store.getHealth([run.id])[0].health } : formatRun(run));
        return 0;
      }
      case 'rename': {
        expect(2, 'ID NAME');
        const id = runId(rest[0]);
        store.rename(id, rest[1]);
        const name = store.getRun(id).name;
        print(json ? { id, name } : `run ${id} is now named '${visible(name)}'`);
        return 0;
      }
      case 'delete': {
        expect(1, 'ID');
        const id = runId(rest[0]);
        // A run still training (here or in the app) is deleted all the same, as asked: the process
        // training it sees the run gone within a second, stops its worker and writes nothing more.
        const { status } = store.getRun(id);
        const training = status === 'queued' || status === 'running';
        store.deleteRun(id);
        const text = training
          ? `run ${id} was ${status}: its training stops, and the run is deleted`
          : `run ${id} deleted`;
        print(json ? { id, deleted: true, wasTraining: training } : text);
        return 0;
      }
      case 'export': {
        expect(2, 'ID FOLDER');
        const id = runId(rest[0]);
        const folder = resolve(rest[1]);
        const missing = exportRunWithData(store, id, folder);
        if (missing) process.stderr.write(`note: ${missing}\n`);
        print(json ? { id, folder } : `run ${id} exported to ${folder}`);
        return 0;
      }
      case 'import': {
        expect(1, 'FOLDER');
        const folder = resolve(rest[0]);
        const id = store.importRun(folder);
        print(json ? { id, folder } : `imported ${folder} as run ${id}`);
        return 0;
      }
      case undefined:
        throw new UsageError(`runs: which action? usage:\n  ${RUNS_USAGE}`);
      default:
        throw new UsageError(
          `runs: unknown action '${action}' (expected list, show, rename, delete, export or import)`,
        );
    }
  } finally {
    store.close();
  }
}

function runId(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`run id must be a whole number, got '${raw}'`);
  return Number(raw);
}

/**
 * Writes text or JSON to stdout. Text shows stored names, tags and notes through `visible` (issue 20,
 * B6); JSON escapes C0 controls itself, and here also C1 controls and bidirectional overrides, which
 * some terminals obey, as \u escapes that parse back to the same string.
 */
function print(value: unknown): void {
  const text =
    typeof value === 'string'
      ? value
      : JSON.stringify(value, null, 2).replace(
          /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        );
  process.stdout.write(text + '\n');
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

function formatList(runs: RunSummary[]): string {
  if (runs.length === 0) return 'no runs yet: start one with `backprop-lab train`';
  const header = ['id', 'name', 'status', 'optimizer', 'λ', 'hidden', 'iters', 'cost', 'train', 'test'];
  const rows = runs.map((r) => [
    String(r.id),
    visible(r.name),
    r.status,
    r.optimizer,
    String(r.lambda),
    r.hiddenLayers.join(','),
    String(r.lastIteration ?? 0) + '/' + r.iterations,
    r.lastCost === null ? '—' : r.lastCost.toFixed(4),
    pct(r.metrics?.trainAccuracy),
    pct(r.metrics?.testAccuracy),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function formatRun(r: RunDetail): string {
  const hp = r.hyperparameters;
  const lines = [
    `run ${r.id}: ${visible(r.name)} — ${r.status}${r.failureReason ? ` (${visible(r.failureReason)})` : ''}`,
    `  created      ${new Date(r.createdAt).toISOString()}`,
    `  network      ${[r.width * r.height, ...hp.hiddenLayers, 10].join('-')} (${r.width}×${r.height} inputs)`,
    `  training     ${hp.optimizer}, ${hp.iterations} ${hp.optimizer === 'sgd' ? 'epochs' : 'iterations'}, λ = ${hp.lambda}, ${hp.impl}, init ${hp.init} (ε ${hp.epsilon}), seed ${hp.seed}` +
      (hp.cost || hp.activation
        ? `, ${hp.cost ?? 'cross-entropy'} cost, ${hp.activation ?? 'sigmoid'} hidden units`
        : ''),
    `  data         ${r.dataset.source}${r.dataset.file ? ' ' + visible(r.dataset.file) : ''}: ${r.dataset.trainSize} train / ${r.dataset.validationSize} validation / ${r.dataset.testSize} test, data seed ${r.dataset.dataSeed}`,
    `  history      ${r.historyLength} iterations, last cost ${r.lastCost ?? '—'}`,
    `  snapshots    ${r.snapshots.length}`,
  ];
  if (r.metrics) {
    const m = r.metrics;
    lines.push(
      `  accuracy     train ${pct(m.trainAccuracy)}, validation ${pct(m.validationAccuracy)}, test ${pct(m.testAccuracy)}`,
      `  final cost   ${m.finalCost}`,
      `  time         ${(m.durationMs / 1000).toFixed(2)} s, ${m.costEvaluations} cost evaluations`,
    );
  }
  if (r.tags.length) lines.push(`  tags         ${r.tags.map((t) => visible(t)).join(', ')}`);
  // Notes keep their lines, each indented under the first, so no line can pose as a row of its own.
  if (r.notes)
    lines.push(`  notes        ${visible(r.notes, true).replace(/\t/g, '\\t').replace(/\n/g, '\n               ')}`);
  if (r.confusion) {
    lines.push('  confusion (rows: true digit, columns: predicted)');
    lines.push('       ' + r.confusion.map((_, k) => String(k).padStart(5)).join(''));
    r.confusion.forEach((row, k) =>
      lines.push(`  ${String(k).padStart(4)} ` + row.map((v) => String(v).padStart(5)).join('')),
    );
  }
  return lines.join('\n');
}
