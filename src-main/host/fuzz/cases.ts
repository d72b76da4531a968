/**
 * The requests of the API fuzz, drawn from a seed so a failure can be replayed: for every channel
 * of the API table, arguments shaped after its zod schema (keys, enum values, numbers at the
 * edges), then mutated — a wrong type somewhere, a huge string, a deep nesting, a prototype key
 * (__proto__, constructor, prototype) — plus malformed envelopes (bad JSON, not an array, unknown
 * or garbled channel, wrong content type, an over-limit body). Paths point at the fixture files a
 * fuzz run lays out: a small CSV, a gzip bomb, a FIFO, a symbolic link, a missing file.
 */
import type { z } from 'zod';
import { REQUEST_CHANNELS, requests } from '../../api/table';
import { seededRandom } from '../../nn/random';

/** One HTTP request of the fuzz. */
export interface FuzzCase {
  /** What kind of case, for the report. */
  kind: string;
  /** The path after /api/ (already percent-encoded where it needs to be). */
  channel: string;
  body: string;
  contentType: string;
}

const NUMBERS = [
  0,
  1,
  -1,
  2,
  3,
  7,
  25,
  100,
  0.5,
  -0.5,
  1e6,
  1e9,
  5e9,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  -(2 ** 53),
  1e308,
  -1e308,
  5e-324,
];
const STRINGS = [
  '',
  ' ',
  'a',
  'x'.repeat(300),
  '\u0000',
  '../../etc/passwd',
  'constructor',
  '__proto__',
  'toString',
  '😀',
  '\u202e',
  // Terminal steering (issue 20, B6) and names longer in UTF-8 bytes than in characters (B8).
  '\x1b[2J\x1b]0;pwned\x07',
  'x\n999 fake finished\r',
  `${'漢'.repeat(200)}.csv`,
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

type Schema = z.ZodType & { def: Record<string, unknown> & { type: string } };

/** Builds arguments that follow a channel's schema loosely: real keys and values, random choices. */
function shaped(schema: Schema, rnd: () => number, paths: string[], depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const def = schema.def;
  if (depth > 6) return null;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      if (def.type !== 'default' && rnd() < 0.2) return def.type === 'nullable' ? null : undefined;
      return shaped(def.innerType as Schema, rnd, paths, depth);
    case 'pipe':
      return shaped(def.in as Schema, rnd, paths, depth);
    case 'object': {
      const shape = def.shape as Record<string, Schema>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(shape)) {
        if (rnd() < 0.5) continue;
        const v = shaped(shape[key], rnd, paths, depth + 1);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case 'array': {
      const n = Math.floor(rnd() * 4);
      return Array.from({ length: n }, () => shaped(def.element as Schema, rnd, paths, depth + 1));
    }
    case 'tuple':
      return (def.items as Schema[]).map((s) => shaped(s, rnd, paths, depth + 1));
    case 'union':
      return shaped(pick(def.options as Schema[]), rnd, paths, depth);
    case 'enum':
      return pick(Object.values(def.entries as Record<string, string>));
    case 'literal':
      return pick(def.values as unknown[]);
    case 'number':
      return pick(NUMBERS);
    case 'boolean':
      return rnd() < 0.5;
    case 'string':
      return rnd() < 0.6 ? pick(paths) : pick(STRINGS);
    case 'record':
      return { a: shaped(def.valueType as Schema, rnd, paths, depth + 1) };
    default:
      return pick([null, 0, 'x', {}, []]);
  }
}

/** A value of any JSON type, including the awkward ones. */
function anyValue(rnd: () => number, paths: string[]): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const r = rnd();
  if (r < 0.2) return pick(NUMBERS);
  if (r < 0.4) return pick([...STRINGS, ...paths]);
  if (r < 0.5) return pick([null, true, false]);
  if (r < 0.7) return [pick(NUMBERS), pick(STRINGS)];
  return { [pick(PROTO_KEYS)]: { polluted: true }, id: pick(NUMBERS) };
}

/** Replaces one value somewhere inside `v` (or `v` itself) by `replacement`. */
function mutateSomewhere(v: unknown, rnd: () => number, replacement: () => unknown): unknown {
  if (Array.isArray(v) && v.length > 0 && rnd() < 0.7) {
    const i = Math.floor(rnd() * v.length);
    const copy = [...v];
    copy[i] = mutateSomewhere(v[i], rnd, replacement);
    return copy;
  }
  if (v && typeof v === 'object' && !Array.isArray(v) && rnd() < 0.7) {
    const keys = Object.keys(v);
    if (keys.length > 0) {
      const k = keys[Math.floor(rnd() * keys.length)];
      return { ...(v as object), [k]: mutateSomewhere((v as Record<string, unknown>)[k], rnd, replacement) };
    }
  }
  return replacement();
}

/** Adds a prototype key at the top of an object inside the arguments (written as JSON text, as an attacker would). */
function withProtoKey(args: unknown[], rnd: () => number): string {
  const key = PROTO_KEYS[Math.floor(rnd() * PROTO_KEYS.length)];
  const i = args.findIndex((a) => a && typeof a === 'object' && !Array.isArray(a));
  const poison = `"${key}": {"polluted": true, "prototype": {"polluted": true}, "toString": 1}`;
  if (i < 0) return `[{${poison}}${args.length ? ',' : ''}${args.map((a) => JSON.stringify(a) ?? 'null').join(',')}]`;
  const obj = JSON.stringify(args[i]);
  const poisoned = obj === '{}' ? `{${poison}}` : `{${poison},${obj.slice(1)}`;
  return `[${args.map((a, j) => (j === i ? poisoned : (JSON.stringify(a) ?? 'null'))).join(',')}]`;
}

/** `count` fuzz cases from `seed`; `bodyLimit` is the host's body limit (some cases go just past it). */
export function fuzzCases(seed: number, count: number, paths: string[], bodyLimit: number): FuzzCase[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const cases: FuzzCase[] = [];
  const json = 'application/json';
  for (let i = 0; i < count; i++) {
    // Round-robin over the channels so every one is tried, the mutation drawn at random.
    const channel = REQUEST_CHANNELS[i % REQUEST_CHANNELS.length];
    const schema = requests[channel].args as unknown as Schema;
    const args = (shaped(schema, rnd, paths) as unknown[]).filter((a, j, all) => a !== undefined || j < all.length - 1);
    const r = rnd();
    const encode = (v: unknown) => JSON.stringify(v) ?? 'null';
    let c: FuzzCase;
    if (r < 0.35) c = { kind: 'shaped', channel, body: encode(args), contentType: json };
    else if (r < 0.55) {
      c = {
        kind: 'wrong type',
        channel,
        body: encode(mutateSomewhere(args, rnd, () => anyValue(rnd, paths))),
        contentType: json,
      };
    } else if (r < 0.65) c = { kind: 'prototype key', channel, body: withProtoKey(args, rnd), contentType: json };
    else if (r < 0.72) {
      const size = pick([1000, 100_000, Math.floor(bodyLimit * 0.9)]);
      c = {
        kind: 'huge string',
        channel,
        body: encode(mutateSomewhere(args, rnd, () => 'A'.repeat(size))),
        contentType: json,
      };
    } else if (r < 0.79) {
      const depth = pick([100, 5000, 100_000]);
      const deep =
        rnd() < 0.5 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const body = rnd() < 0.5 ? `[${deep}]` : encode(args).replace(/^\[/, `[${deep}${args.length ? ',' : ''}`);
      c = { kind: 'deep', channel, body, contentType: json };
    } else if (r < 0.83) {
      const n = pick([1000, 100_000]);
      c = {
        kind: 'huge array',
        channel,
        body: `[[${Array.from({ length: n }, (_, k) => k + 1).join(',')}]]`,
        contentType: json,
      };
    } else if (r < 0.88) {
      c = {
        kind: 'bad json',
        channel,
        body: pick(['[', '{"a":', '[1,]', "['x']", 'NaN', '[1e999999]', '\u0000', '']),
        contentType: json,
      };
    } else if (r < 0.92) {
      c = {
        kind: 'not an array',
        channel,
        body: encode(pick([{}, 1, 'x', null, true, { 0: 1, length: 1 }])),
        contentType: json,
      };
    } else if (r < 0.95) {
      const bad = pick([
        `${channel}x`,
        '%E0%A4%A',
        '__proto__',
        'constructor',
        'toString',
        '..%2f..%2fetc',
        'a'.repeat(5000),
        '',
      ]);
      c = { kind: 'unknown channel', channel: bad, body: encode(args), contentType: json };
    } else if (r < 0.97) {
      c = {
        kind: 'content type',
        channel,
        body: encode(args),
        contentType: pick(['text/plain', '', 'application/x-www-form-urlencoded', 'application/jsonx']),
      };
    } else {
      c = { kind: 'over the limit', channel, body: `["${'B'.repeat(bodyLimit + 10)}"]`, contentType: json };
    }
    cases.push(c);
  }
  return cases;
}

/**
 * Fixed cases of issue 20 sent before the drawn ones: names and tags with control characters (B6)
 * and paths the file system cannot take, too long in bytes or in one name (B8). Each must be a 4xx.
 */
export function hostileCases(folder: string): FuzzCase[] {
  const json = 'application/json';
  const longPath = `${folder}/${'a'.repeat(4000)}`;
  const cjkPath = `${folder}/${'漢'.repeat(200)}.csv`;
  const deepPath = `${folder}/${Array.from({ length: 52 }, () => 'é'.repeat(40)).join('/')}`;
  const steer = ['\x1b[2J', 'x\n999 fake finished', '\x1b]0;pwned\x07', 'a\rb', '\u009b31m', 'abc\u202etxt'];
  return [
    ...steer.map((name) => ({
      kind: 'hostile name',
      channel: 'runs.rename',
      body: JSON.stringify([1, name]),
      contentType: json,
    })),
    ...steer.map((tag) => ({
      kind: 'hostile tag',
      channel: 'runs.setTags',
      body: JSON.stringify([1, ['ok', tag]]),
      contentType: json,
    })),
    ...steer.map((name) => ({
      kind: 'hostile name',
      channel: 'training.start',
      body: JSON.stringify([{ name }]),
      contentType: json,
    })),
    ...[longPath, cjkPath, deepPath].flatMap((p) => [
      { kind: 'long path', channel: 'runs.export', body: JSON.stringify([1, p]), contentType: json },
      { kind: 'long path', channel: 'runs.import', body: JSON.stringify([p]), contentType: json },
      { kind: 'long path', channel: 'data.inspect', body: JSON.stringify([p]), contentType: json },
    ]),
  ];
}
