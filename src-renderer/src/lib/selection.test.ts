/** The run browser's ticked runs: each id once, in the order ticked; unticking and dropping deleted runs. */
import { beforeEach, describe, expect, it } from 'vitest';
import { selection } from './selection.svelte';

beforeEach(() => selection.clear());

describe('selection', () => {
  it('keeps each ticked id once, in the order ticked', () => {
    selection.toggle(7);
    selection.toggle(3);
    selection.toggle(7, true);
    selection.toggle(12);
    expect(selection.ids).toEqual([7, 3, 12]);
    expect(selection.has(3)).toBe(true);
    expect(selection.has(4)).toBe(false);
  });

  it('toggle without a flag flips; with false it only unticks', () => {
    selection.toggle(5);
    selection.toggle(6);
    selection.toggle(5);
    expect(selection.ids).toEqual([6]);
    selection.toggle(9, false);
    expect(selection.ids).toEqual([6]);
    selection.toggle(6, false);
    expect(selection.ids).toEqual([]);
  });

  it('remove drops the deleted runs and keeps the rest in order; clear empties it', () => {
    for (const id of [1, 2, 3, 4]) selection.toggle(id);
    selection.remove([2, 4, 99]);
    expect(selection.ids).toEqual([1, 3]);
    selection.clear();
    expect(selection.ids).toEqual([]);
    expect(selection.has(1)).toBe(false);
  });

  it('each change replaces the array, so views reading ids see a new value', () => {
    selection.toggle(1);
    const before = selection.ids;
    selection.toggle(2);
    expect(selection.ids).not.toBe(before);
    expect(before).toEqual([1]);
  });
});
