/**
 * A small, strict command-line flag parser. Every flag is declared with its kind, so a wrong value
 * fails with one line naming the flag ("--lambda: expected a number ≥ 0, got 'abc'") rather than
 * turning into NaN deep inside training.
 */

export class UsageError extends Error {}

export type FlagKind = 'boolean' | 'string' | 'number' | 'integer' | 'integer-list';

export interface FlagSpec {
  readonly kind: FlagKind;
  /** Smallest allowed value for numbers (inclusive unless `exclusiveMin`). */
  readonly min?: number;
  readonly exclusiveMin?: boolean;
  /** Largest allowed value for numbers (inclusive unless `exclusiveMax`). */
  readonly max?: number;
  readonly exclusiveMax?: boolean;
  /** Allowed values for strings. */
  readonly choices?: readonly string[];
  readonly help: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;
export type FlagValue = boolean | string | number | number[];

export interface ParsedArgs {
  readonly flags: Record<string, FlagValue>;
  readonly positionals: string[];
}

/** Parses `--name value`, `--name=value` and boolean `--name` flags; anything not starting with -- is positional. */
export function parseArgs(argv: readonly string[], specs: FlagSpecs): ParsedArgs {
  const flags: Record<string, FlagValue> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown flag --${name}${suggest(name, specs)}`);
    if (name in flags) throw new UsageError(`--${name} is given twice`);
    if (spec.kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    let raw: string | undefined;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      raw = argv[i + 1];
      if (raw === undefined || (raw.startsWith('--') && raw.length > 2))
        throw new UsageError(`--${name} needs a value (${spec.help})`);
      i++;
    }
    flags[name] = convert(name, raw, spec);
  }
  return { flags, positionals };
}

function convert(name: string, raw: string, spec: FlagSpec): FlagValue {
  switch (spec.kind) {
    case 'string':
      if (raw === '') throw new UsageError(`--${name}: expected a value, got an empty string`);
      if (spec.choices && !spec.choices.includes(raw)) {
        throw new UsageError(`--${name}: expected one of ${spec.choices.join(', ')}, got '${raw}'`);
      }
      return raw;
    case 'number':
    case 'integer':
      return checkNumber(name, raw, spec);
    case 'integer-list': {
      const parts = raw.split(',');
      return parts.map((p) => checkNumber(name, p.trim(), spec));
    }
    default:
      throw new UsageError(`--${name}: unsupported flag kind`);
  }
}

function checkNumber(name: string, raw: string, spec: FlagSpec): number {
  const integer = spec.kind !== 'number';
  const what = integer ? 'a whole number' : 'a number';
  const bound = describeBounds(spec);
  // Number('') is 0 and Number(' ') is 0: only accept text that really spells a number.
  const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) ? Number(raw) : NaN;
  const ok =
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    (spec.min === undefined || (spec.exclusiveMin ? value > spec.min : value >= spec.min)) &&
    (spec.max === undefined || (spec.exclusiveMax ? value < spec.max : value <= spec.max));
  if (!ok) throw new UsageError(`--${name}: expected ${what}${bound}, got '${raw}'`);
  return value;
}

function describeBounds(spec: FlagSpec): string {
  const lo = spec.min === undefined ? '' : `${spec.exclusiveMin ? '>' : '≥'} ${spec.min}`;
  const hi = spec.max === undefined ? '' : `${spec.exclusiveMax ? '<' : '≤'} ${spec.max}`;
  if (lo && hi) return ` ${lo} and ${hi}`;
  return lo || hi ? ` ${lo || hi}` : '';
}

function suggest(name: string, specs: FlagSpecs): string {
  const close = Object.keys(specs).find((k) => k.startsWith(name) || name.startsWith(k));
  return close ? ` (did you mean --${close}?)` : '';
}

/** Usage text for a command's flags, one per line, aligned. */
export function formatFlags(specs: FlagSpecs): string {
  // The limits a value is checked against are shown, so a user learns them before hitting them.
  const names = Object.entries(specs).map(([n, s]) => [
    `--${n}${s.kind === 'boolean' ? '' : ' ' + placeholder(s)}`,
    s.max === undefined ? s.help : `${s.help} [${describeBounds(s).trim()}]`,
  ]);
  const width = Math.max(...names.map(([n]) => n.length));
  return names.map(([n, h]) => `  ${n.padEnd(width)}  ${h}`).join('\n');
}

function placeholder(s: FlagSpec): string {
  if (s.choices) return s.choices.join('|');
  return { string: 'TEXT', number: 'N', integer: 'N', 'integer-list': 'N[,N…]', boolean: '' }[s.kind];
}
