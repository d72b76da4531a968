// ESLint flat config: the recommended rules of ESLint, typescript-eslint and eslint-plugin-svelte; formatting is
// Prettier's job (see .prettierrc.json), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/', 'node_modules/', '.electron-native/', 'test-results/', 'playwright-report/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  ...svelte.configs['flat/prettier'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src-main/**', 'scripts/**', 'bin/**', 'e2e/**', '*.ts', '*.mts', '*.mjs', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Launchers and scripts are plain CommonJS so they run before anything is built; .cjs test support
    // (the electron stand-in, worker shims) is loaded with --require into plain Node.
    files: ['bin/**/*.js', 'scripts/**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // This rule of eslint-plugin-svelte 3.24 crashes on ESLint 10 outside .svelte files (scope lookup returns null).
    files: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.ts', '**/*.mts'],
    ignores: ['**/*.svelte.ts'],
    rules: { 'svelte/no-inner-declarations': 'off' },
  },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter kept for a signature, a skipped tuple element).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
);
