import { describe, expect, it } from 'vitest';
import { parseHash, routeHash, routeOfView, type Route } from './routes';

describe('the Backprop view addresses', () => {
  it('reads a run and an example, and writes them back', () => {
    const cases: [string, Route][] = [
      ['#/backprop', { name: 'backprop', runId: null, example: null }],
      ['#/backprop/7', { name: 'backprop', runId: 7, example: null }],
      ['#/backprop/7/test:12', { name: 'backprop', runId: 7, example: { kind: 'test', index: 12 } }],
      ['#/backprop/7/train:0', { name: 'backprop', runId: 7, example: { kind: 'train', index: 0 } }],
      ['#/backprop/3/drawing:5', { name: 'backprop', runId: 3, example: { kind: 'drawing', id: 5 } }],
      ['#/backprop/3/pad', { name: 'backprop', runId: 3, example: { kind: 'pad' } }],
    ];
    for (const [hash, route] of cases) {
      expect(parseHash(hash)).toEqual(route);
      expect(routeHash(route)).toBe(hash);
    }
  });
  it('refuses anything else', () => {
    for (const bad of [
      '#/backprop/0',
      '#/backprop/7/test',
      '#/backprop/7/drawing:0',
      '#/backprop/7/test:1/x',
      '#/backprop/7/valid:1',
    ]) {
      expect(parseHash(bad)).toEqual({ name: 'not-found', hash: bad });
    }
  });
  it('is a place the menu can open', () => {
    expect(routeOfView('backprop')).toEqual({ name: 'backprop', runId: null, example: null });
  });
});

describe('parseHash', () => {
  it('opens New run on an empty hash', () => {
    expect(parseHash('')).toEqual({ name: 'new' });
    expect(parseHash('#/')).toEqual({ name: 'new' });
  });
  it('opens New run filled in from a run ("Run again with one change")', () => {
    expect(parseHash('#/new/from/7')).toEqual({ name: 'new', from: 7 });
    expect(parseHash('#/new/from/0')).toEqual({ name: 'not-found', hash: '#/new/from/0' });
    expect(parseHash('#/new/from')).toEqual({ name: 'not-found', hash: '#/new/from' });
    expect(parseHash('#/new/7')).toEqual({ name: 'not-found', hash: '#/new/7' });
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
  });
  it('opens the training evolution on the run it was launched from', () => {
    expect(parseHash('#/lessons/training-evolution/7')).toEqual({ name: 'lesson', id: 'training-evolution', runId: 7 });
    expect(routeHash({ name: 'lesson', id: 'training-evolution', runId: 7 })).toBe('#/lessons/training-evolution/7');
    expect(parseHash('#/lessons/training-evolution/x')).toEqual({
      name: 'not-found',
      hash: '#/lessons/training-evolution/x',
    });
    expect(parseHash('#/lessons/symmetry/7')).toEqual({ name: 'not-found', hash: '#/lessons/symmetry/7' });
    expect(parseHash('#/draw/1')).toEqual({ name: 'not-found', hash: '#/draw/1' });
  });
  it('opens the cost surface of one run, or of two with the line between their minima', () => {
    expect(parseHash('#/surface')).toEqual({ name: 'surface', ids: [] });
    expect(parseHash('#/surface/7')).toEqual({ name: 'surface', ids: [7] });
    expect(parseHash('#/surface/7,8')).toEqual({ name: 'surface', ids: [7, 8] });
    expect(parseHash('#/surface/7,8,9')).toEqual({ name: 'not-found', hash: '#/surface/7,8,9' });
    expect(parseHash('#/surface/0')).toEqual({ name: 'not-found', hash: '#/surface/0' });
  });
  it('sends the old address of "Different starts" to the lesson that replaced it', () => {
    expect(parseHash('#/lessons/seeds')).toEqual({ name: 'lesson', id: 'stuck' });
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
      { name: 'new', from: 12 },
      { name: 'runs' },
      { name: 'run', id: 3 },
      { name: 'live', ids: [1, 2] },
      { name: 'compare', ids: [] },
      { name: 'compare', ids: [4, 9] },
      { name: 'draw' },
      { name: 'lessons' },
      { name: 'lesson', id: 'gradient-check' },
      { name: 'lesson', id: 'validation-curve' },
      { name: 'lesson', id: 'training-evolution', runId: 12 },
      { name: 'lesson', id: 'stuck' },
      { name: 'surface', ids: [] },
      { name: 'surface', ids: [5, 6] },
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
