/** Vite's `?raw` import: the file's text, bundled (predict.py ships inside the built app this way). */
declare module '*.py?raw' {
  const text: string;
  export default text;
}
