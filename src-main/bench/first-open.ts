/**
 * The first open of a run in the Backprop view and in the hidden-unit panel (issue 23 §3): a default
 * run in a temporary store, opened once through the real API with its data loaded on the API's thread
 * (as the CLI does, and as the bench measured it before), and once with the API's long-lived data
 * thread booted and idle (a warm thread that has not read this run's data). Beside each: how long
 * the API's own thread was busy (its event loop's active time), the figure the windows feel.
 */
import { performance } from 'node:perf_hooks';
import { dataThreadLoaders } from '../api/threads/data-thread';
import { loadDataSplit } from '../data/load';
import { DEFAULT_DATASET } from '../run/hyperparameters';
import { measuredTrainMetrics } from '../store/fixtures';
import { defaultRunTheta, openDefaultRun } from './default-run';
import { pause } from './interleave';

export interface FirstOpenTiming {
  readonly view: 'Backprop view' | 'hidden-unit panel';
  readonly where: 'API thread' | 'data thread';
  /** Request → answer (JSON round trip included). */
  readonly ms: number;
  /** Of that, the API thread's event loop was busy this long. */
  readonly apiThreadMs: number;
}

const OPENS = [
  {
    view: 'Backprop view',
    channel: 'explain.example',
    args: (id: number) => [{ runId: id, source: { kind: 'test', index: 0 } }],
  },
  { view: 'hidden-unit panel', channel: 'runs.hiddenUnit', args: (id: number) => [id, 2, 1] },
] as const;

/** Times each first open on the API thread, then with a warm data thread of `readerFile` (the built data-reader.js). */
export async function benchFirstOpens(readerFile: string): Promise<FirstOpenTiming[]> {
  const train = loadDataSplit(DEFAULT_DATASET).train;
  const { sizes, theta } = defaultRunTheta();
  const metrics = measuredTrainMetrics(theta, sizes, train);
  const timings: FirstOpenTiming[] = [];
  for (const where of ['API thread', 'data thread'] as const) {
    for (const open of OPENS) {
      // A fresh store and API each time: nothing of the run is held anywhere yet.
      const loaders = where === 'data thread' ? dataThreadLoaders(readerFile) : undefined;
      const { api, id, close } = openDefaultRun('bpl-bench-first-open-', { loaders, metrics });
      try {
        // Warm: the thread has booted and loaded its modules (it starts with the API), and is idle.
        await pause(1500);
        const loop = performance.eventLoopUtilization();
        const start = performance.now();
        const r = await api.dispatch(open.channel, open.args(id));
        if (!r.ok) throw new Error(`bench: ${open.channel}: ${r.error.message}`);
        JSON.parse(JSON.stringify(r.value));
        const ms = performance.now() - start;
        timings.push({ view: open.view, where, ms, apiThreadMs: performance.eventLoopUtilization(loop).active });
      } finally {
        await close();
      }
    }
  }
  return timings;
}

/** One line per timing. */
export function formatFirstOpen(t: FirstOpenTiming): string {
  const where = t.where === 'API thread' ? 'data loaded on the API thread' : 'warm data thread';
  return `first open of a run in the ${t.view.padEnd(17)} (${where.padEnd(29)}) ${t.ms.toFixed(0).padStart(5)} ms; API thread busy ${t.apiThreadMs.toFixed(0).padStart(4)} ms`;
}
