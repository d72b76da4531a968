/**
 * The app's addresses, kept in the URL hash so reloads, back/forward and the Electron menu all land
 * on the same view: #/new, #/runs, #/runs/7, #/live/7,8, #/compare/3,5, #/draw, #/lessons,
 * #/lessons/gradient-check.
 */
import type { View } from '../../../src-main/api/table';
import { LESSON_IDS, type LessonId } from '../../../src-main/lessons/descriptions';

export type Route =
  | { name: 'new' }
  | { name: 'runs' }
  | { name: 'run'; id: number }
  | { name: 'live'; ids: number[] }
  | { name: 'compare'; ids: number[] }
  | { name: 'draw' }
  | { name: 'lessons' }
  | { name: 'lesson'; id: LessonId }
  | { name: 'not-found'; hash: string };

/** Reads a hash such as "#/compare/3,5" into a route; anything unknown becomes not-found. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').replace(/\/+$/, '');
  const [head = '', rest, ...more] = path.split('/');
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
    case 'compare': {
      // An empty comparison is a real place: it explains how to pick runs.
      const ids = rest === undefined || rest === '' ? [] : parseIds(rest);
      if (ids === null) return { name: 'not-found', hash };
      return head === 'live' ? { name: 'live', ids } : { name: 'compare', ids };
    }
    case 'draw':
      return rest === undefined ? { name: head } : { name: 'not-found', hash };
    case 'lessons':
      if (rest === undefined || rest === '') return { name: 'lessons' };
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
      return '#/new';
    case 'runs':
      return '#/runs';
    case 'run':
      return `#/runs/${route.id}`;
    case 'live':
    case 'compare':
      return `#/${route.name}${route.ids.length ? `/${route.ids.join(',')}` : ''}`;
    case 'draw':
    case 'lessons':
      return `#/${route.name}`;
    case 'lesson':
      return `#/lessons/${route.id}`;
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
  }
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
