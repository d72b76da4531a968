/**
 * Test support: supervisor-host.ts bundled into a script a test can run as a process of its own (and
 * kill -9 like a crashing app). Built inside the repository so that it finds node_modules.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { watPlugin } from '../../../scripts/vite-plugin-wat.mjs';
import { REPO_ROOT } from './build-worker';

/** Builds the supervisor host for this test process; returns its path and a function removing it. */
export async function buildSupervisorHost(): Promise<{ hostPath: string; remove: () => void }> {
  const hostDir = join(REPO_ROOT, `out/.test-workers/host-${process.pid}-${Math.random().toString(36).slice(2)}`);
  await build({
    configFile: false,
    logLevel: 'warn',
    root: REPO_ROOT,
    // The supervisor reaches the fast kernel (memory estimate, predictions), written in WebAssembly text.
    plugins: [watPlugin()],
    build: {
      ssr: join(REPO_ROOT, 'src-main/training/testing/supervisor-host.ts'),
      outDir: hostDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'supervisor-host.cjs' } },
    },
  });
  return {
    hostPath: join(hostDir, 'supervisor-host.cjs'),
    remove: () => rmSync(hostDir, { recursive: true, force: true }),
  };
}
