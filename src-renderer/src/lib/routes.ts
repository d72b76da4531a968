/**
 * The app's addresses, kept in the URL hash so reloads, back/forward and the Electron menu all land
 * on the same view: #/new, #/new/from/7 (New run filled in from run 7), #/runs, #/runs/7, #/live/7,8,
 * #/compare/3,5, #/draw, #/lessons, #/lessons/gradient-check, #/lessons/training-evolution/7 (that lesson
 * opened on run 7), #/backprop, #/backprop/7/test:12 (run 7's test example 12; also train:N,
 * drawing:ID and pad, the drawing handed over by Draw), #/surface/7 (run 7's cost surface) and
 * #/surface/7,8 (also the line from run 7's minimum to run 8's).
 */
import type { View } from '../../../src-main/api/table';
import { LESSON_IDS, type LessonId } from '../../../src-main/lessons/descriptions';

export type Route =
  | { name: 'new'; from?: number }
  | { name: 'runs' }
  | { name: 'run'; id: number }
  | { name: 'live'; ids: number[] }
  | { name: 'compare'; ids: number[] }
  | { name: 'draw' }
  | { name: 'lessons' }
  /** runId: the run a lesson was opened from (only the training evolution takes one). */
  | { name: 'lesson'; id: LessonId; runId?: number }
  | { name: 'backprop'; runId: number | null; example: ExampleRef | null }
  /** The cost surface of ids[0] (none: pick a run), and the line to ids[1]'s minimum when given. */
  | { name: 'surface'; ids: number[] }
  | { name: 'not-found'; hash: string };

/** An example the Backprop view can open from an address: a run's own, a saved drawing, or the pad's drawing. */
export type ExampleRef = { kind: 'train' | 'test'; index: number } | { kind: 'drawing'; id: number } | { kind: 'pad' };

/** Reads a hash such as "#/compare/3,5" into a route; anything unknown becomes not-found. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').replace(/\/+$/, '');
  const [head = '', rest, ...more] = path.split('/');
  if (head === 'backprop') return parseBackprop(rest, more, hash);
  if (head === 'lessons' && rest === 'training-evolution' && more.length === 1) {
    const runId = parseId(more[0]);
    return runId === null ? { name: 'not-found', hash } : { name: 'lesson', id: rest, runId };
  }
  if (head === 'new' && rest === 'from' && more.length === 1) {
    const from = parseId(more[0]);
    return from === null ? { name: 'not-found', hash } : { name: 'new', from };
  }
  if (more.length > 0) return { name: 'not-found', hash };
  switch (head) {
    case '':
    case 'new':
      return rest === undefined ? { name: 'new' } : { name: 'not-found', hash };
    case 'runs': {
      if (rest === undefined) return { name: 'runs' };
      const id = parseId(rest);
      return id === null ? { name: 'not-found', hash } : { name: 'run', id };
    }
    case 'live':
    case 'compare':
    case 'surface': {
      // An empty comparison is a real place: it explains how to pick runs.
      const ids = rest === undefined || rest === '' ? [] : parseIds(rest);
      if (ids === null || (head === 'surface' && ids.length > 2)) return { name: 'not-found', hash };
      return head === 'live'
        ? { name: 'live', ids }
        : head === 'compare'
          ? { name: 'compare', ids }
          : { name: 'surface', ids };
    }
    case 'draw':
      return rest === undefined ? { name: head } : { name: 'not-found', hash };
    case 'lessons':
      if (rest === undefined || rest === '') return { name: 'lessons' };
      // "Different starts" was rebuilt as "Will the optimizer get stuck?": old addresses land there.
      if (rest === 'seeds') return { name: 'lesson', id: 'stuck' };
      return (LESSON_IDS as readonly string[]).includes(rest)
        ? { name: 'lesson', id: rest as LessonId }
        : { name: 'not-found', hash };
    default:
      return { name: 'not-found', hash };
  }
}

/** The hash of a route; parseHash(routeHash(r)) gives r back. */
export function routeHash(route: Route): string {
  switch (route.name) {
    case 'new':
      return route.from === undefined ? '#/new' : `#/new/from/${route.from}`;
    case 'runs':
      return '#/runs';
    case 'run':
      return `#/runs/${route.id}`;
    case 'live':
    case 'compare':
    case 'surface':
      return `#/${route.name}${route.ids.length ? `/${route.ids.join(',')}` : ''}`;
    case 'draw':
    case 'lessons':
      return `#/${route.name}`;
    case 'lesson':
      return `#/lessons/${route.id}${route.runId === undefined ? '' : `/${route.runId}`}`;
    case 'backprop':
      if (route.runId === null) return '#/backprop';
      return `#/backprop/${route.runId}${route.example ? `/${exampleText(route.example)}` : ''}`;
    case 'not-found':
      return route.hash;
  }
}

/** Where a menu command of the Electron shell (the table's app.navigate) takes the user. */
export function routeOfView(view: View, lastComparison: number[] = []): Route {
  switch (view) {
    case 'new-run':
      return { name: 'new' };
    case 'runs':
      return { name: 'runs' };
    case 'compare':
      return { name: 'compare', ids: lastComparison };
    case 'draw':
      return { name: 'draw' };
    case 'lessons':
      return { name: 'lessons' };
    case 'backprop':
      return { name: 'backprop', runId: null, example: null };
  }
}

/** An example as it appears in an address: train:3, test:12, drawing:5, pad. */
export function exampleText(e: ExampleRef): string {
  return e.kind === 'pad' ? 'pad' : e.kind === 'drawing' ? `drawing:${e.id}` : `${e.kind}:${e.index}`;
}

function parseBackprop(rest: string | undefined, more: string[], hash: string): Route {
  if (rest === undefined || rest === '') return { name: 'backprop', runId: null, example: null };
  const runId = parseId(rest);
  if (runId === null || more.length > 1) return { name: 'not-found', hash };
  if (more.length === 0) return { name: 'backprop', runId, example: null };
  const text = more[0];
  if (text === 'pad') return { name: 'backprop', runId, example: { kind: 'pad' } };
  const match = /^(train|test|drawing):(\d{1,9})$/.exec(text);
  if (!match) return { name: 'not-found', hash };
  const n = Number(match[2]);
  if (match[1] === 'drawing')
    return n >= 1 ? { name: 'backprop', runId, example: { kind: 'drawing', id: n } } : { name: 'not-found', hash };
  return { name: 'backprop', runId, example: { kind: match[1] as 'train' | 'test', index: n } };
}

function parseId(s: string): number | null {
  if (!/^[1-9]\d{0,15}$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

function parseIds(s: string): number[] | null {
  const ids: number[] = [];
  for (const part of s.split(',')) {
    const id = parseId(part);
    if (id === null) return null;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}
