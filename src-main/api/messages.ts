/**
 * Validation errors in words a learner can act on: "must be ≥ 0, got -1" instead of zod's
 * "Too small: expected number to be >=0". Used as the error map of every argument parse, and to pick
 * the telling branch of a union ("a status or a list of statuses") instead of "Invalid input".
 */
import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

const TYPE_WORDS: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  tuple: 'a list',
  null: 'null',
};

/** A zod error map: the message for one issue, or undefined to keep zod's own. */
export function friendlyMessage(issue: RawIssue): string | undefined {
  const got = 'input' in issue ? describeValue(issue.input) : undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `missing (expected ${TYPE_WORDS[issue.expected] ?? issue.expected})`;
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}, got ${got}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const cmp =
        issue.code === 'too_small' ? (issue.inclusive === false ? '>' : '≥') : issue.inclusive === false ? '<' : '≤';
      const input = issue.input as unknown;
      if (issue.origin === 'string' && typeof input === 'string') {
        return `must have ${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} characters, got ${input.length}`;
      }
      if (issue.origin === 'array' && Array.isArray(input)) {
        return `must have ${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} items, got ${input.length}`;
      }
      return `must be ${cmp} ${bound}, got ${got}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${got}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${clip(k, 40)}"`).join(', ')}`;
    default:
      return undefined;
  }
}

/**
 * The issue to report: for a union that matched no branch, the first issue of the branch that got
 * furthest (the one that did not fail on the value's type itself), its path joined to the union's.
 */
export function tellingIssue(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  // Deepest first issue wins (the branch that accepted the value's shape); then one not failing on type.
  const score = (b: Issue[]) => (b[0] ? b[0].path.length * 2 + (b[0].code === 'invalid_type' ? 0 : 1) : -1);
  const branch = issue.errors.reduce((best, b) => (score(b) > score(best) ? b : best));
  if (!branch[0]) return issue;
  const inner = tellingIssue(branch[0]);
  return { ...inner, path: [...issue.path, ...inner.path] } as Issue;
}

/** A short description of a received value: numbers and short texts as they are, else their kind. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.length > 40 ? `text of ${v.length} characters` : JSON.stringify(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
