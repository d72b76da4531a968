/**
 * The Backprop view's channels: one example of a run explained (a, z, δ, gradients, one step) and the
 * per-example-sum check over the run's training set. A run's data is rebuilt from its dataset spec
 * and kept for the next request (most runs share one dataset), so stepping through examples only
 * costs the explanation itself.
 */
import {
  exampleSpec,
  ExplainInputError,
  resolveExample,
  runToExplain,
  SplitCache,
  type ExampleSource,
} from '../explain/examples';
import { backpropView } from '../explain/report';
import { sumCheckJob } from '../explain/sum-check';
import type { RunStore } from '../store/types';
import { allowedDataset } from './dataset-paths';
import { invalidArgument } from './errors';
import { loadSplitInThread, type LoadSplit } from './threads/split-loader';
import type { Implementations } from './implementations';
import { EXPLAIN_LIMITS } from './explain-schemas';
import { sumCheckInCallingThread, type SumCheckRunner } from './threads/sum-check-runner';

type ExplainChannel = 'explain.example' | 'explain.sumCheck';

/**
 * The explain channels over `store`; user mistakes (no such example, wrong size) come back as invalid
 * arguments. The sum check's arithmetic runs where `sumCheck` puts it (a worker thread in the shells).
 */
export function explainImplementations(
  store: RunStore,
  sumCheck: SumCheckRunner = sumCheckInCallingThread,
  allowed?: (path: string, what: string) => string,
  loadSplit: LoadSplit = loadSplitInThread,
): Pick<Implementations, ExplainChannel> {
  // The run's data files are held to the allowed folders at every load, not only when it was trained.
  const splits = new SplitCache(allowed ? (d) => allowedDataset(d, allowed, "explain: the run's dataset") : undefined);
  const asInvalid = <T>(channel: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ExplainInputError) throw invalidArgument(`${channel}: ${e.message}`);
      throw e;
    }
  };
  return {
    'explain.example': async (request) => {
      const target = asInvalid('explain.example', () => runToExplain(store, request.runId, request.weights ?? 'final'));
      const source = request.source as ExampleSource;
      // The data is loaded off the API's thread first; resolveExample then finds it held.
      if (source.kind === 'train' || source.kind === 'test') {
        if (target.run.dataset.testSource !== 'handwriting' || source.kind === 'train')
          await splits.prefetch(exampleSpec(target.run.dataset), loadSplit);
      }
      return asInvalid('explain.example', () => {
        const example = resolveExample(store, target, source, splits);
        return backpropView(target, example, { label: request.label, rate: request.rate });
      });
    },
    'explain.sumCheck': async (runId, options) => {
      const target = asInvalid('explain.sumCheck', () => runToExplain(store, runId, options?.weights ?? 'final'));
      await splits.prefetch(exampleSpec(target.run.dataset), loadSplit);
      return sumCheck(
        asInvalid('explain.sumCheck', () => {
          const train = splits.get(exampleSpec(target.run.dataset)).train;
          return sumCheckJob(target, train, options?.limit ?? EXPLAIN_LIMITS.sumExamples);
        }),
      );
    },
  };
}
