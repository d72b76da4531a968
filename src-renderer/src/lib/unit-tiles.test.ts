import { describe, expect, it } from 'vitest';
import { unitTiles } from './unit-tiles';

describe('unitTiles', () => {
  it('places 25 28×28 tiles of a 146×146 grid on a 146-pixel box one to one', () => {
    const tiles = unitTiles(25, 146, 146, 146);
    expect(tiles).toHaveLength(25);
    expect(tiles[0]).toEqual({ left: 1, top: 1, width: 28, height: 28 });
    expect(tiles[6]).toEqual({ left: 30, top: 30, width: 28, height: 28 });
    expect(tiles[24]).toEqual({ left: 117, top: 117, width: 28, height: 28 });
  });

  it('centres a wide grid (10 units: 3 rows of 4) in a square box and scales it', () => {
    // 10 units of 2×2: cols 4, rows 3 → 1 + 4·3 = 13 wide, 1 + 3·3 = 10 high; box 26 → scale 2, 3 px margin on top.
    const tiles = unitTiles(10, 13, 10, 26);
    expect(tiles[0]).toEqual({ left: 2, top: 5, width: 4, height: 4 });
    expect(tiles[9]).toEqual({ left: 2 + 3 * 2, top: 5 + 2 * 3 * 2, width: 4, height: 4 });
  });

  it('gives no tiles for an image that is not such a grid', () => {
    expect(unitTiles(25, 100, 146, 146)).toEqual([]);
    expect(unitTiles(0, 146, 146, 146)).toEqual([]);
  });
});
