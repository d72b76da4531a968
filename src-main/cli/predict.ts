/**
 * `backprop-lab predict --run ID --data FILE`: a finished run's network on new data, in the terminal.
 * Prints each row's predicted class with its score, and, when the file has the class column, the
 * accuracy and the confusion matrix. Rows count from 0, a header row not counted.
 */
import { modelOf } from '../run/hyperparameters';
import { DataError } from '../data/errors';
import { readPredictData } from '../export/predict-data';
import { accuracy, confusionMatrix, outputScores } from '../nn/predict';
import { StoreError } from '../store/types';
import { visible } from '../store/visible-text';
import { parseArgs, UsageError, type FlagSpecs } from './args';
import { DB_FLAG, jsonFlag, runFlag } from './common-flags';
import { openCliStore } from './context';

export const PREDICT_FLAGS: FlagSpecs = {
  run: runFlag('id of the finished run whose network predicts (required)'),
  data: { kind: 'string', help: 'CSV, IDX or image folder to predict (required)' },
  labels: { kind: 'string', help: 'IDX labels of --data, when --data is IDX images' },
  'label-column': { kind: 'string', help: "class column of a CSV, by name or 1-based number (default: the run's)" },
  db: DB_FLAG,
  json: jsonFlag(),
};

export function predictCommand(argv: readonly string[]): number {
  const { flags, positionals } = parseArgs(argv, PREDICT_FLAGS);
  if (positionals.length > 0) throw new UsageError(`predict: unexpected argument '${positionals[0]}'`);
  if (flags.run === undefined) throw new UsageError('predict: --run is required (the id of a finished run)');
  if (flags.data === undefined) throw new UsageError('predict: --data is required (the file to predict)');
  const id = flags.run as number;
  const store = openCliStore(flags.db);
  let detail, weights;
  try {
    detail = store.getRun(id);
    if (detail.status !== 'finished') {
      throw new UsageError(`--run: run ${id} is ${detail.status}; only a finished run has a trained network`);
    }
    weights = store.getWeights(id);
  } catch (e) {
    if (e instanceof StoreError && e.code === 'not-found') throw new UsageError(`--run: there is no run ${id}`);
    throw e;
  } finally {
    store.close();
  }
  const { sizes, theta } = weights;
  let data;
  try {
    data = readPredictData(
      String(flags.data),
      flags.labels === undefined ? undefined : String(flags.labels),
      {
        classNames: detail.classNames,
        featureNames: detail.featureNames,
        labelColumn: detail.dataset.labelColumn,
        inputs: sizes[0],
      },
      flags['label-column'] === undefined ? undefined : String(flags['label-column']),
    );
  } catch (e) {
    if (e instanceof DataError) throw new UsageError(`--data: ${e.message}`);
    throw e;
  }
  const { m, n } = data;
  const X = data.X;
  const s = detail.standardization;
  if (s) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) X[i * n + j] = (X[i * n + j] - s.mean[j]) / s.sd[j];
  const K = sizes[sizes.length - 1];
  const scores = outputScores(theta, sizes, X, m, modelOf(detail.hyperparameters));
  const predicted = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    for (let k = 1; k < K; k++) if (scores[i * K + k] > scores[i * K + predicted[i]]) predicted[i] = k;
  }
  const names = detail.classNames;
  const labels = data.labels;
  const summary = labels
    ? { accuracy: accuracy(predicted, labels), confusion: confusionMatrix(predicted, labels, K) }
    : {};
  if (flags.json) {
    const rows = Array.from(predicted, (k, i) => ({
      row: i,
      predicted: names[k],
      scores: Array.from(scores.subarray(i * K, (i + 1) * K)),
      ...(labels ? { label: names[labels[i]] } : {}),
    }));
    process.stdout.write(`${JSON.stringify({ run: id, classNames: names, rows, ...summary })}\n`);
    return 0;
  }
  // Class names come from the user's data (or an imported run): shown escaped, they cannot steer the terminal.
  const shown = names.map((c) => visible(c));
  const lines = [`run ${id} (${sizes.join('-')}) on ${m} row${m === 1 ? '' : 's'} of ${visible(String(flags.data))}`];
  lines.push(['row', 'predicted', 'score', ...(labels ? ['label'] : [])].join('\t'));
  predicted.forEach((k, i) => {
    const row = [String(i), shown[k], scores[i * K + k].toFixed(4)];
    if (labels) row.push(labels[i] === k ? shown[labels[i]] : `${shown[labels[i]]} ✗`);
    lines.push(row.join('\t'));
  });
  if (summary.confusion) {
    lines.push(
      '',
      `accuracy ${(summary.accuracy * 100).toFixed(2)}% (${m} rows)`,
      'confusion (rows: true class, columns: predicted):',
    );
    lines.push(['', ...shown].join('\t'));
    summary.confusion.forEach((row, t) => lines.push([shown[t], ...row].join('\t')));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
