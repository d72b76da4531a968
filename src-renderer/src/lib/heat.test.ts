import { describe, expect, it } from 'vitest';
import { divergingColor, greyColor, maxAbs, num, short, sub } from './heat';

describe('the Backprop view’s colours and numbers', () => {
  it('maps signed values blue–white–red and inputs to grey', () => {
    expect(divergingColor(0, 2)).toEqual([255, 255, 255]);
    expect(divergingColor(-2, 2)).toEqual([59, 91, 219]);
    expect(divergingColor(2, 2)).toEqual([196, 40, 60]);
    expect(divergingColor(1, 2)).toEqual([226, 148, 158]);
    expect(divergingColor(5, 0)).toEqual([255, 255, 255]);
    expect(greyColor(1)).toEqual([255, 255, 255]);
    expect(greyColor(-3)).toEqual([0, 0, 0]);
    expect(maxAbs([0.5, -3, 2])).toBe(3);
  });
  it('writes numbers short and unit numbers as subscripts', () => {
    expect([num(0.41234), num(0.061), num(0.0251), num(-4.4e-16), num(0), num(2)]).toEqual([
      '0.4123',
      '0.061',
      '0.0251',
      '-4.40e-16',
      '0',
      '2',
    ]);
    expect(sub(17)).toBe('₁₇');
    expect([short(-0.0082071), short(5.4012), short(9.64e-5), short(0)]).toEqual(['-0.00821', '5.40', '9.6e-5', '0']);
  });
});
