import { describe, expect, it } from 'vitest';
import { parseHash, routeHash, routeOfView, type Route } from './routes';

describe('parseHash', () => {
  it('opens New run on an empty hash', () => {
    expect(parseHash('')).toEqual({ name: 'new' });
    expect(parseHash('#/')).toEqual({ name: 'new' });
  });
  it('reads run ids, dropping duplicates', () => {
    expect(parseHash('#/runs/42')).toEqual({ name: 'run', id: 42 });
    expect(parseHash('#/compare/3,5,3')).toEqual({ name: 'compare', ids: [3, 5] });
    expect(parseHash('#/live/7')).toEqual({ name: 'live', ids: [7] });
    expect(parseHash('#/compare')).toEqual({ name: 'compare', ids: [] });
  });
  it('refuses ids that are not positive whole numbers', () => {
    for (const bad of [
      '#/runs/0',
      '#/runs/-1',
      '#/runs/1.5',
      '#/runs/abc',
      '#/compare/3,,5',
      '#/runs/99999999999999999',
    ]) {
      expect(parseHash(bad)).toEqual({ name: 'not-found', hash: bad });
    }
  });
  it('opens a lesson by its id, and only a known one', () => {
    expect(parseHash('#/lessons')).toEqual({ name: 'lessons' });
    expect(parseHash('#/lessons/symmetry')).toEqual({ name: 'lesson', id: 'symmetry' });
    expect(parseHash('#/lessons/training-evolution/')).toEqual({ name: 'lesson', id: 'training-evolution' });
    expect(parseHash('#/lessons/calculus')).toEqual({ name: 'not-found', hash: '#/lessons/calculus' });
    expect(parseHash('#/draw/1')).toEqual({ name: 'not-found', hash: '#/draw/1' });
  });
  it('refuses unknown places', () => {
    expect(parseHash('#/settings')).toEqual({ name: 'not-found', hash: '#/settings' });
    expect(parseHash('#/runs/1/x')).toEqual({ name: 'not-found', hash: '#/runs/1/x' });
  });
});

describe('routeHash', () => {
  it('round-trips every route', () => {
    const routes: Route[] = [
      { name: 'new' },
      { name: 'runs' },
      { name: 'run', id: 3 },
      { name: 'live', ids: [1, 2] },
      { name: 'compare', ids: [] },
      { name: 'compare', ids: [4, 9] },
      { name: 'draw' },
      { name: 'lessons' },
      { name: 'lesson', id: 'gradient-check' },
      { name: 'lesson', id: 'validation-curve' },
    ];
    for (const r of routes) expect(parseHash(routeHash(r))).toEqual(r);
  });
});

describe('routeOfView', () => {
  it("maps the menu's views, compare keeping the last selection", () => {
    expect(routeOfView('new-run')).toEqual({ name: 'new' });
    expect(routeOfView('runs')).toEqual({ name: 'runs' });
    expect(routeOfView('compare', [2, 3])).toEqual({ name: 'compare', ids: [2, 3] });
    expect(routeOfView('draw')).toEqual({ name: 'draw' });
    expect(routeOfView('lessons')).toEqual({ name: 'lessons' });
  });
});
