/** `import text from './x.wat'`: the module compiled by scripts/vite-plugin-wat.mts, as base64. */
declare module '*.wat' {
  const base64: string;
  export default base64;
}
