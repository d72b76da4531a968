import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { watPlugin } from './scripts/vite-plugin-wat.mjs';

// Unit and integration tests live next to the code they test (`*.test.ts`).
// e2e/ holds Playwright specs that run against the web host; vitest must not pick them up.
export default defineConfig({
  // `import x from './kernel.wat'` compiles WebAssembly text at build time (the fast cost kernel).
  // Svelte compiles the renderer's `.svelte.ts` state classes ($state runes), so they are tested as they run.
  plugins: [watPlugin(), svelte({ configFile: false })],
  test: {
    include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'scripts/**/*.test.mts'],
    exclude: ['e2e/**', 'node_modules/**', 'out/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
