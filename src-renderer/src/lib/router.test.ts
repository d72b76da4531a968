/**
 * The router follows the URL hash. Node has no window, so a minimal one stands in for the browser's:
 * setting location.hash to a different value fires 'hashchange' afterwards (as browsers do, in a
 * later task); setting the same hash fires nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';

class HashLocation {
  #hash: string;
  constructor(
    hash: string,
    private readonly target: EventTarget,
  ) {
    this.#hash = hash;
  }
  get hash(): string {
    return this.#hash;
  }
  set hash(value: string) {
    const next = value.startsWith('#') ? value : `#${value}`;
    if (next === this.#hash) return;
    this.#hash = next;
    setTimeout(() => this.target.dispatchEvent(new Event('hashchange')), 0);
  }
}

const win = new EventTarget();
const loc = new HashLocation('#/runs/12', win);
let router: typeof import('./router.svelte').router;

beforeAll(async () => {
  Object.assign(globalThis, { window: win, location: loc });
  ({ router } = await import('./router.svelte'));
});

const settled = () => new Promise((r) => setTimeout(r, 5));

describe('router', () => {
  it('starts on the route of the hash the page opened with', () => {
    expect(router.route).toEqual({ name: 'run', id: 12 });
  });

  it('follows hash changes made outside it (links, back/forward), junk becoming not-found', async () => {
    loc.hash = '#/compare/3,5';
    await settled();
    expect(router.route).toEqual({ name: 'compare', ids: [3, 5] });
    loc.hash = '#/runs/twelve';
    await settled();
    expect(router.route).toEqual({ name: 'not-found', hash: '#/runs/twelve' });
    loc.hash = '#/lessons/training-evolution/7';
    await settled();
    expect(router.route).toEqual({ name: 'lesson', id: 'training-evolution', runId: 7 });
  });

  it('go writes the route into the hash, and the route follows', async () => {
    router.go({ name: 'backprop', runId: 7, example: { kind: 'test', index: 12 } });
    expect(loc.hash).toBe('#/backprop/7/test:12');
    await settled();
    expect(router.route).toEqual({ name: 'backprop', runId: 7, example: { kind: 'test', index: 12 } });
  });

  it('go to the route already shown sets it again at once (no hashchange comes)', () => {
    router.route = { name: 'draw' };
    router.go({ name: 'backprop', runId: 7, example: { kind: 'test', index: 12 } });
    expect(router.route).toEqual({ name: 'backprop', runId: 7, example: { kind: 'test', index: 12 } });
  });
});
