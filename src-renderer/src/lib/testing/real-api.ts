/**
 * The renderer's state classes tested as they run: `api` (lib/api.ts) is bound to the real API — a
 * store file, a supervisor training in real child processes, the cost-surface threads — through the
 * same bridge shape the desktop preload gives, so only the IPC hop is left out.
 *
 * lib/api.ts picks its transport when first imported, so call this before importing anything that
 * imports it (a test imports the class under test with `await import(...)` after this).
 */
import type { BridgeApi } from '../../../../src-main/api/transport/client';
import { openTestApi, type TestApi } from '../../../../src-main/api/testing/test-api';
import { ensureBuiltWorker } from '../../../../src-main/training/testing/build-worker';

export type { TestApi };

export async function bindRealApi(prefix: string): Promise<TestApi> {
  const t = openTestApi(prefix, { workerPath: await ensureBuiltWorker(), concurrency: 2, landscapeThreads: 2 });
  const bridge: BridgeApi = {
    invoke: (channel, args) => t.api.dispatch(channel, args),
    subscribe: (listener) => t.api.subscribe(listener),
  };
  (globalThis as { backpropLab?: BridgeApi }).backpropLab = bridge;
  return t;
}

/** Waits until `ok()` holds, polling every 20 ms; fails naming `what` after `timeoutMs`. */
export async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  for (const start = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
  }
}
