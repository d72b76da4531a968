/**
 * How fast the Backprop view answers, for `npm run bench -- --only backprop` (never asserted in tests):
 * opening an example once the run's weights and data are loaded (target < 50 ms, through the real API
 * and a JSON round trip, as IPC and HTTP carry it), the first open (which loads the run's data), and
 * the per-example-sum check over 5,000 training examples, on a default 784-25-10 run in a temp store.
 */
import { performance } from 'node:perf_hooks';
import { openDefaultRun } from './default-run';
import { median } from './measure';

export interface BackpropBenchResult {
  readonly case: string;
  readonly medianMs: number;
  readonly repeats: number;
  readonly detail: string;
}

/** Times explain.example and explain.sumCheck on a default-sized run written to a temporary store. */
export async function benchBackprop(repeats = 40): Promise<BackpropBenchResult[]> {
  // No run is trained here: the supervisor only has to exist for the API.
  const { api, id, close } = openDefaultRun('bpl-bench-backprop-');
  try {
    const call = async (channel: string, args: unknown[]) => {
      const r = await api.dispatch(channel, args);
      if (!r.ok) throw new Error(r.error.message);
      return JSON.parse(JSON.stringify(r.value)) as { computeMs: number; m?: number; maxAbsDifference?: number };
    };

    const t0 = performance.now();
    await call('explain.example', [{ runId: id, source: { kind: 'test', index: 0 } }]);
    const firstMs = performance.now() - t0;

    const times: number[] = [];
    const compute: number[] = [];
    let bytes = 0;
    for (let k = 1; k <= repeats; k++) {
      const start = performance.now();
      const r = await api.dispatch('explain.example', [
        { runId: id, source: { kind: k % 2 ? 'test' : 'train', index: k * 37 }, label: k % 10 },
      ]);
      if (!r.ok) throw new Error(r.error.message);
      const text = JSON.stringify(r.value);
      JSON.parse(text);
      times.push(performance.now() - start);
      compute.push((r.value as { computeMs: number }).computeMs);
      bytes = text.length;
    }

    const sums: number[] = [];
    let difference = 0;
    for (let k = 0; k < 3; k++) {
      const start = performance.now();
      const r = await call('explain.sumCheck', [id, { limit: 5000 }]);
      sums.push(performance.now() - start);
      difference = r.maxAbsDifference!;
    }
    return [
      {
        case: 'open an example (weights and data loaded)',
        medianMs: median(times),
        repeats,
        detail: `target < 50 ms; explain ${median(compute).toFixed(1)} ms, JSON ${(bytes / 1024).toFixed(0)} KB`,
      },
      {
        case: 'open the first example (loads the run’s data)',
        medianMs: firstMs,
        repeats: 1,
        detail: '5,000+2,500+2,500 digits',
      },
      {
        case: 'sum check over 5,000 training examples',
        medianMs: median(sums),
        repeats: 3,
        detail: `max |difference| = ${difference.toExponential(1)}`,
      },
    ];
  } finally {
    await close();
  }
}
