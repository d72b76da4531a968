/**
 * `backprop-lab explain`: backprop for one example of a stored run — every a, z, δ, this example's
 * gradient and cost — as JSON for scripts or a short summary for people. A bad run id, an example
 * out of range or an input of the wrong size is a usage error (exit 2, one line).
 */
import { resolve } from 'node:path';
import { loadDigitsFile } from '../data/load';
import { DataError } from '../data/errors';
import { explainExample, SATURATION_SLOPE } from '../explain/backprop';
import { visible } from '../store/visible-text';
import { thetaLayout } from '../nn/shape';
import { subscript as sub, unitName, weightName, type LayerNames } from '../nn/weight-names';
import { StoreError } from '../store/types';
import { ExplainInputError, resolveExample, runToExplain, SplitCache, type ExampleSource } from '../explain/examples';
import { deltaCheckJson, explanationJson } from '../explain/report';
import type { CostName, HiddenActivation, ModelChoice } from '../nn/model';
import { modelOf } from '../run/hyperparameters';
import type { DeltaCheckJson } from '../explain/types';
import { ACTIVATION_FLAG, COST_FLAG } from './train-flags';
import { parseArgs, UsageError, type FlagSpecs } from './args';
import { DB_FLAG, jsonFlag, runFlag } from './common-flags';
import { openCliStore } from './context';

export const EXPLAIN_FLAGS: FlagSpecs = {
  run: runFlag('id of a finished run whose weights explain the example'),
  example: { kind: 'string', help: 'train:N or test:N, the run’s own N-th training or test example (from 0)' },
  csv: { kind: 'string', help: 'a CSV file of examples (label, then pixels, as training reads them)' },
  row: { kind: 'integer', min: 0, help: 'the data row of --csv to explain, from 0 (a header row not counted)' },
  label: { kind: 'integer', min: 0, help: 'target class instead of the example’s own label ("what if it were K?")' },
  check: {
    kind: 'boolean',
    help: 'check every unit’s δ against a central difference of the example’s cost in its z (must agree to 1e-7)',
  },
  cost: { ...COST_FLAG, help: 'explain with this cost instead of the run’s own (cross-entropy or quadratic)' },
  activation: { ...ACTIVATION_FLAG, help: 'explain with this hidden activation instead of the run’s own' },
  db: DB_FLAG,
  json: jsonFlag('a, z, delta, grad, cost, label and predicted as one JSON object'),
};

export function explainCommand(argv: readonly string[]): number {
  const { flags, positionals } = parseArgs(argv, EXPLAIN_FLAGS);
  if (positionals.length > 0) throw new UsageError(`explain: unexpected argument '${positionals[0]}'`);
  if (flags.run === undefined) throw new UsageError('explain: --run ID is required');
  const hasExample = flags.example !== undefined;
  const hasCsv = flags.csv !== undefined || flags.row !== undefined;
  if (hasExample === hasCsv)
    throw new UsageError('explain: give either --example train:N|test:N or --csv FILE --row N');
  if (hasCsv && (flags.csv === undefined || flags.row === undefined))
    throw new UsageError('explain: --csv FILE and --row N go together');

  const store = openCliStore(flags.db);
  try {
    const runId = flags.run as number;
    const target = usage(() => runToExplain(store, runId));
    const source = hasExample
      ? parseExample(flags.example as string)
      : csvSource(flags.csv as string, flags.row as number);
    const example = usage(() => resolveExample(store, target, source, new SplitCache()));
    const { sizes, theta } = target;
    const K = sizes[sizes.length - 1];
    const label = (flags.label as number | undefined) ?? example.label;
    if (label === null) throw new UsageError('explain: this example has no label; give --label K');
    if (label >= K) throw new UsageError(`--label: the network has ${K} classes (0…${K - 1}), got ${label}`);
    const own = modelOf(target.run.hyperparameters);
    const model: ModelChoice = {
      cost: (flags.cost as CostName | undefined) ?? own.cost,
      activation: (flags.activation as HiddenActivation | undefined) ?? own.activation,
    };
    const e = explainExample(theta, sizes, example.x, label, model);
    const check = flags.check ? deltaCheckJson(theta, e) : undefined;
    const checkPassed = check === undefined || check.largest.relativeDifference <= DELTA_CHECK_THRESHOLD;
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ ...explanationJson(e), ...(check ? { deltaCheck: check } : {}) })}\n`);
      return checkPassed ? 0 : 1;
    }
    const names: LayerNames = {
      sizes,
      classNames: target.run.classNames,
      featureNames: target.run.featureNames,
      image: target.run.width * target.run.height === sizes[0] && target.run.height > 1,
    };
    process.stdout.write(summary(runId, example.description, example.label, e, names, theta));
    if (check) process.stdout.write(deltaCheckSummary(check));
    return checkPassed ? 0 : 1;
  } finally {
    store.close();
  }
}

/** Runs `f`, turning "no such run / example / wrong size" into a usage error (exit 2). */
function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ExplainInputError || e instanceof DataError) throw new UsageError(`explain: ${e.message}`);
    if (e instanceof StoreError && e.code === 'not-found') throw new UsageError(`--run: ${e.message}`);
    throw e;
  }
}

/** The node-by-node check passes when every unit's δ agrees with its central difference this closely. */
export const DELTA_CHECK_THRESHOLD = 1e-7;

/** The node-by-node check for people: the largest difference, where it is, and what was left out. */
function deltaCheckSummary(check: DeltaCheckJson): string {
  const { relativeDifference, layer, unit } = check.largest;
  const passed = relativeDifference <= DELTA_CHECK_THRESHOLD;
  const leftOut = [
    check.kinks > 0 ? `${check.kinks} ReLU at its kink (no slope there)` : '',
    check.roundedToZero > 0 ? `${check.roundedToZero} with δ rounded to exactly 0 (true slope below 2.2e-16)` : '',
  ].filter(Boolean);
  return (
    [
      '',
      `δ checked node by node: ${check.units} units, each δ against (C(z + e) − C(z − e))/2e with e = ${check.e.toExponential(0)}`,
      `largest relative difference ${relativeDifference.toExponential(3)} at δ(${layer})${sub(unit + 1)} ` +
        `(${passed ? 'passes' : 'FAILS'}: must be at most ${DELTA_CHECK_THRESHOLD})` +
        (leftOut.length ? `; left out: ${leftOut.join(', ')}` : ''),
    ].join('\n') + '\n'
  );
}

function parseExample(raw: string): ExampleSource {
  const match = /^(train|test):(\d+)$/.exec(raw.trim());
  if (!match) throw new UsageError(`--example: expected train:N or test:N, got '${raw}'`);
  return { kind: match[1] as 'train' | 'test', index: Number(match[2]) };
}

/** Row `row` of a CSV file read exactly as training reads it (header skipped, 0–255 scaled to [0, 1]). */
function csvSource(file: string, row: number): ExampleSource {
  const digits = usage(() => loadDigitsFile(resolve(file)));
  if (row >= digits.m) throw new UsageError(`--row: ${file} has ${digits.m} data rows (0…${digits.m - 1}), got ${row}`);
  const pixels = digits.X.subarray(row * digits.n, (row + 1) * digits.n);
  return { kind: 'pixels', pixels, label: digits.y[row] };
}

/** The explanation for people: every class by name, every weight named as the views name it (weightName). */
function summary(
  runId: number,
  description: string,
  ownLabel: number | null,
  e: ReturnType<typeof explainExample>,
  names: LayerNames,
  theta: Float64Array,
): string {
  const L = e.sizes.length;
  const h = e.a[L - 1];
  const f = (v: number) => v.toFixed(4);
  const cls = (k: number) => visible(names.classNames?.[k] ?? String(k));
  const width = Math.max(5, ...Array.from(h, (_, k) => cls(k).length));
  const layout = thetaLayout(e.sizes);
  const lines = [
    `Run ${runId}, ${description}: network ${e.sizes.join('-')}, ${e.model.cost} cost, ${e.model.activation} hidden units`,
    `label ${cls(e.label)}${ownLabel !== null && ownLabel !== e.label ? ` (what if: its own label is ${cls(ownLabel)})` : ''}, predicted ${cls(e.predicted)}, this example's cost ${e.cost.toPrecision(6)}`,
    '',
    `${'class'.padEnd(width)}   a(L) = h(x)   y   ${e.model.cost === 'quadratic' ? 'δ(L) = (a − y)·a(1 − a)' : 'δ(L) = a − y'}`,
    ...Array.from(
      h,
      (v, k) =>
        `${cls(k).padEnd(width)}   ${f(v)}        ${k === e.label ? 1 : 0}   ${e.delta[L - 2][k] >= 0 ? ' ' : ''}${f(e.delta[L - 2][k])}`,
    ),
  ];
  e.backpropagated.forEach((back, i) => {
    const layer = i + 2;
    const d = e.delta[i];
    const order = Array.from(d.keys()).sort((p, q) => Math.abs(d[q]) - Math.abs(d[p]));
    const saturated = e.slope[i].filter((s) => s < SATURATION_SLOPE).length;
    const above = e.delta[i + 1];
    const { rows, cols, offset } = layout[i + 1];
    /** The largest term Θ(l)[k, unit j]·δ(l+1)ₖ of unit j's routed-back error. */
    const largest = (j: number) => {
      let best = 0;
      for (let k = 1; k < rows; k++) {
        if (
          Math.abs(theta[offset + k * cols + j + 1] * above[k]) >
          Math.abs(theta[offset + best * cols + j + 1] * above[best])
        )
          best = k;
      }
      const w = theta[offset + best * cols + j + 1];
      const to = layer + 1 === L ? `[${unitName(names, L, best)}]` : sub(best + 1);
      return `largest share ${weightName(names, layer, best, j + 1)}·δ(${layer + 1})${to} = ${w.toPrecision(4)}·${above[best].toPrecision(4)}`;
    };
    lines.push(
      '',
      `hidden layer ${layer}: ${d.length} units, ${saturated} saturated (g′(z) < ${SATURATION_SLOPE}); most blamed:`,
      ...order
        .slice(0, 5)
        .map(
          (j) =>
            `  δ(${layer})${sub(j + 1)} = (Θ(${layer})ᵀδ(${layer + 1}))${sub(j + 1)} · g′(z(${layer})${sub(j + 1)}) = ${back[j].toPrecision(4)} · ${e.slope[i][j].toPrecision(4)} = ${d[j].toPrecision(4)}; ${largest(j)}`,
        ),
    );
  });
  let norm = 0;
  let top = 0;
  e.grad.forEach((g, i) => {
    norm += g * g;
    if (Math.abs(g) > Math.abs(e.grad[top])) top = i;
  });
  const where = layout.findIndex((t) => top >= t.offset && top < t.offset + t.rows * t.cols);
  const at = top - layout[where].offset;
  const largestName = weightName(names, where + 1, Math.floor(at / layout[where].cols), at % layout[where].cols);
  lines.push(
    '',
    `|∂J/∂Θ| for this example = ${Math.sqrt(norm).toPrecision(6)} over ${e.grad.length} weights; largest entry ∂J/∂${largestName} = ${e.grad[top].toPrecision(4)}`,
  );
  return `${lines.join('\n')}\n`;
}
