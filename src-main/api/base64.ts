/** Bytes (a PNG file) as the base64 text the API carries, so IPC and HTTP send the same JSON-safe string. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
