/** Preload: exposes the typed API to the sandboxed renderer through contextBridge. */
export {};
