import { describe, expect, it } from 'vitest';
import {
  binLabels,
  histogramConfig,
  outgoingLabels,
  saturationText,
  saturationWords,
  signed,
  stepUnit,
  weightBarsConfig,
  weightRange,
} from './unit-view';

describe('unit view read-outs', () => {
  it('writes weights with their sign and saturation as a share and a count', () => {
    expect(signed(0.41249)).toBe('+0.412');
    expect(signed(-0.0614)).toBe('−0.061');
    expect(signed(-0.0001)).toBe('+0.000');
    expect(saturationText({ saturated: { count: 615, fraction: 0.123, off: 600, on: 15 }, m: 5000 })).toBe(
      '12.3% (615 of 5,000)',
    );
    expect(saturationText({ saturated: { count: 0, fraction: 0, off: 0, on: 0 }, m: 9 })).toBe('0% (0 of 9)');
    expect(saturationText({ saturated: { count: 9, fraction: 1, off: 9, on: 0 }, m: 9 })).toBe('100% (9 of 9)');
  });

  it('labels 20 bins over [0, 1] and shades the saturated first and last bins', () => {
    expect(binLabels(20)[0]).toBe('0.00–0.05');
    expect(binLabels(20)[19]).toBe('0.95–1.00');
    const h = new Array(20).fill(0);
    h[0] = 3;
    h[19] = 4;
    h[10] = 1;
    const c = histogramConfig({ histogram: h, m: 8 });
    expect(c.data.datasets[0].data).toEqual(h);
    const colors = c.data.datasets[0].backgroundColor as string[];
    // Bins 0.00–0.05 and 0.95–1.00 are not wholly saturated (a(1 − a) < 0.02 needs a < 0.0204 or > 0.9796).
    expect(new Set(colors).size).toBe(1);
    const fifty = histogramConfig({ histogram: new Array(50).fill(1), m: 50 }).data.datasets[0]
      .backgroundColor as string[];
    // 50 bins of 0.02: exactly the first and the last hold saturated activations only.
    expect(fifty.map((c, b) => (c === fifty[25] ? '' : b)).filter((b) => b !== '')).toEqual([0, 49]);
    expect(binLabels(50)[49]).toBe('0.98–1.00');
    const fine = histogramConfig({ histogram: new Array(100).fill(1), m: 100 });
    const shades = fine.data.datasets[0].backgroundColor as string[];
    expect([shades[0], shades[1], shades[2], shades[97], shades[98], shades[99]].map((s) => s === shades[50])).toEqual([
      false,
      false,
      true,
      true,
      false,
      false,
    ]);
  });

  it('tanh: bins over [−1, 1], shading only bins with 1 − a² < 0.02 at both ends', () => {
    const shadedBins = (B: number) => {
      const c = histogramConfig({ histogram: new Array(B).fill(1), m: B, activation: 'tanh', histogramRange: [-1, 1] });
      const colors = c.data.datasets[0].backgroundColor as string[];
      return colors.map((col, b) => (col === colors[B / 2] ? -1 : b)).filter((b) => b >= 0);
    };
    expect(binLabels(50, [-1, 1])[0]).toBe('−1.00–−0.96');
    expect(binLabels(50, [-1, 1])[49]).toBe('0.96–1.00');
    // 0.04 wide: 1 − 0.96² = 0.0784, so no bin is saturated throughout; 0.01 wide: 1 − 0.99² = 0.0199 is.
    expect(shadedBins(50)).toEqual([]);
    expect(shadedBins(200)).toEqual([0, 199]);
  });

  it('ReLU: bins over [0, largest a], none shaded, and the panel speaks of dead examples', () => {
    const c = histogramConfig({ histogram: [3, 0, 0, 1], m: 4, activation: 'relu', histogramRange: [0, 4] });
    expect(c.data.labels).toEqual(['0.00–1.00', '1.00–2.00', '2.00–3.00', '3.00–4.00']);
    expect(new Set(c.data.datasets[0].backgroundColor as string[]).size).toBe(1);
    const relu = saturationWords({ activation: 'relu', saturated: { count: 3, fraction: 0.75, off: 3, on: 0 } });
    expect(relu.term).toBe('dead');
    expect(relu.rule).toBe(
      'Dead: z ≤ 0, so a = 0 and g′(z) = 0: backprop hands this unit no blame at all for those examples',
    );
    expect(relu.sides).toBe('3 examples');
    const tanh = saturationWords({
      activation: 'tanh',
      saturated: { count: 1200, fraction: 0.24, off: 200, on: 1000 },
    });
    expect(tanh.rule).toContain('g′(z) = 1 − a² < 0.02');
    expect(tanh.sides).toBe('200 near −1, 1,000 near 1');
    const sigmoid = saturationWords({ saturated: { count: 2, fraction: 0.5, off: 1, on: 1 } });
    expect([sigmoid.rule.includes('a(1 − a) < 0.02'), sigmoid.sides]).toEqual([true, '1 nearly off, 1 nearly on']);
  });

  it('colours weights by sign and names classes 0–9 or next-layer units from 1', () => {
    const c = weightBarsConfig([0.5, -1, 0], ['0', '1', '2'], 'class');
    expect(c.data.datasets[0].backgroundColor).toEqual(['#3b5bdb', '#d55e00', '#3b5bdb']);
    expect(outgoingLabels({ outgoing: [1, 2, 3], outgoingTo: 'classes' })).toEqual(['0', '1', '2']);
    expect(outgoingLabels({ outgoing: [1, 2], outgoingTo: 'units' })).toEqual(['1', '2']);
    expect(outgoingLabels({ outgoing: [1, 2, 3], outgoingTo: 'classes' }, ['barbera', 'barolo', 'grignolino'])).toEqual(
      ['barbera', 'barolo', 'grignolino'],
    );
    expect(weightRange([0.2, -0.7, 0.4])).toEqual({ min: -0.7, max: 0.4 });
  });

  it('steps through a layer with wrap-around', () => {
    expect(stepUnit(3, 25, 1)).toBe(4);
    expect(stepUnit(25, 25, 1)).toBe(1);
    expect(stepUnit(1, 25, -1)).toBe(25);
  });
});
