/**
 * Text that reaches a terminal must not steer it (issue 20, B6). A run name, tag or note with ESC, CR,
 * BEL or a newline could colour the screen, clear it, fake table rows or split a name across lines;
 * Unicode's bidirectional overrides can make text read differently than it is stored. Names and tags
 * refuse such characters; imports and terminal output show them escaped, visibly, as `\x1b` or `\u{202e}`.
 */

/** C0 and C1 control characters, DEL, and the invisible bidirectional formatting characters. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const STEERING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** The same, but line breaks and tabs are let through (notes are several lines of text). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const STEERING_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** `\x1b` for a character below U+0100, `\u{202e}` above: what it is, in a form that cannot act. */
export function escapeCharacter(c: string): string {
  const code = c.codePointAt(0)!;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** `text` with every control or bidirectional character escaped visibly; `keepLines` lets \n and \t through. */
export function visible(text: string, keepLines = false): string {
  return text.replace(keepLines ? STEERING_BUT_LINES : STEERING, escapeCharacter);
}

/** The first control or bidirectional character in `text` and its 1-based position, or null. */
export function firstSteering(text: string): { escaped: string; position: number } | null {
  STEERING.lastIndex = 0;
  const m = STEERING.exec(text);
  STEERING.lastIndex = 0;
  return m ? { escaped: escapeCharacter(m[0]), position: [...text.slice(0, m.index)].length + 1 } : null;
}
