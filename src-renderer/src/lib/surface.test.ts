import { describe, expect, it } from 'vitest';
import {
  contourLevels,
  contourSegments,
  costScale,
  formatFactorial,
  log10Factorial,
  scalePosition,
  scaleValue,
  sharpnessRatio,
  valleyVerdict,
  viridis,
} from './surface';

describe('the colour scale in J', () => {
  it('runs viridis from purple to yellow and places J on a log axis', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(0.5)).toEqual([33, 145, 140]);
    expect(viridis(0.125)).toEqual([64, 42, 112]); // halfway between the first two stops
    expect(viridis(-3)).toEqual([68, 1, 84]);
    const scale = costScale([
      [
        [0.1, 1],
        [10, Infinity],
      ],
      [[0.5, NaN]],
    ]);
    expect(scale).toEqual({ low: 0.1, high: 10 });
    expect(scalePosition(1, scale)).toBeCloseTo(0.5, 12);
    expect(scaleValue(0.5, scale)).toBeCloseTo(1, 12);
    expect(contourLevels(scale, 1)[0]).toBeCloseTo(1, 12);
    expect(costScale([[[2, 2]]])).toEqual({ low: 2, high: 2.02 });
  });
});

describe('contours by marching squares', () => {
  it('crosses a cell where its corners lie on both sides of the level, at the interpolated point', () => {
    // J rises left to right: 0 | 2; the level 1 crosses half-way along the top and bottom edges.
    const segs = contourSegments(
      [
        [0, 2],
        [0, 2],
      ],
      1,
    );
    expect(segs).toEqual([{ c1: 0.5, r1: 0, c2: 0.5, r2: 1 }]);
    // A level no corner straddles draws nothing; a quarter of the way when the values are 0 and 4.
    expect(
      contourSegments(
        [
          [0, 2],
          [0, 2],
        ],
        3,
      ),
    ).toEqual([]);
    expect(contourSegments([[0], [4]], 1)).toEqual([]);
    const bowl = contourSegments(
      [
        [4, 4, 4],
        [4, 0, 4],
        [4, 4, 4],
      ],
      1,
    );
    expect(bowl).toHaveLength(4); // a closed ring around the centre, one piece per cell
  });
});

describe('relabellings of a hidden layer', () => {
  it('counts n! exactly while it is short and as a power of ten after', () => {
    expect(formatFactorial(0)).toBe('1');
    expect(formatFactorial(5)).toBe('120');
    expect(formatFactorial(9)).toBe('362,880');
    expect(formatFactorial(10)).toBe('3.63 × 10⁶'); // 3,628,800
    expect(formatFactorial(25)).toBe('1.55 × 10²⁵'); // 15,511,210,043,330,985,984,000,000
    expect(log10Factorial(25)).toBeCloseTo(Math.log10(1.5511210043330986e25), 10);
    expect(() => log10Factorial(-1)).toThrow('log10Factorial: n is -1, not a whole number ≥ 0');
  });
});

describe('the valley verdict', () => {
  it('compares the largest barrier before and after matching units with 5 % of the mean final J', () => {
    const final = [0.3, 0.32, 0.31]; // mean 0.31 → T = 0.0155
    const before = [
      [0, 1.2, 0.9],
      [1.1, 0, 0.8],
      [0.95, 0.7, 0],
    ];
    const same = valleyVerdict(final, before, [
      [0, 0.01, 0.012],
      [0.009, 0, 0.015],
      [0.01, 0.011, 0],
    ]);
    expect(same.kind).toBe('same-valley');
    expect(same.threshold).toBeCloseTo(0.0155, 12);
    expect(same.worstBefore).toBe(1.2);
    expect(same.worstAfter).toBe(0.015);
    expect(same.removed).toBeCloseTo(1.185 / 1.2, 12);
    const different = valleyVerdict(final, before, [
      [0, 0.4, 0.2],
      [0.3, 0, 0.1],
      [0.2, 0.1, 0],
    ]);
    expect(different).toMatchObject({ kind: 'different', worstAfter: 0.4 });
    expect(
      valleyVerdict(
        [1, 1],
        [
          [0, 0.01],
          [0.02, 0],
        ],
        [
          [0, 0],
          [0, 0],
        ],
      ).kind,
    ).toBe('one-valley');
    expect(() => valleyVerdict([1], [[0]], [[0]])).toThrow('valleyVerdict: 1 runs; a barrier needs two');
    expect(sharpnessRatio(0.2, 0.8)).toBe(4);
    expect(sharpnessRatio(0, 0.8)).toBeNull();
  });
});
