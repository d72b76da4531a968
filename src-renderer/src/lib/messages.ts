/**
 * API errors read "runs.rename: rename: run 2: name must not be empty": the channel and method
 * help a log reader, not a student. In a dialog or next to a button, the part that says what was
 * wrong is enough.
 */
export function humanMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  // Drop leading "channel:" and "method:" words (no spaces, letters and dots only).
  const stripped = raw.replace(/^(?:[a-zA-Z]+(?:\.[a-zA-Z]+)*: )+/, '');
  return stripped ? stripped[0].toUpperCase() + stripped.slice(1) : raw;
}
