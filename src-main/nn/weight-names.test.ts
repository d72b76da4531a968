import { describe, expect, it } from 'vitest';
import { unitName, weightIndex, weightName } from './weight-names';

const digits = { sizes: [784, 25, 10], classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], image: true };
const wine = {
  sizes: [3, 4, 3],
  classNames: ['barbera', 'barolo', 'grignolino'],
  featureNames: ['alcohol', 'malic acid', 'ash'],
};

describe('weightName: Ng’s Θ(l) named by what its row and column stand for', () => {
  it('names an output weight by class and hidden unit (row 8, column 6 of Θ(2) in Ng’s 1-based index)', () => {
    expect(weightName(digits, 2, 7, 5)).toBe('Θ(2)[class 7, unit 5]');
    expect(weightIndex(2, 7, 5)).toBe('Θ(2)₈,₆');
  });
  it('names a first-layer weight by unit and pixel, and column 1 as the bias', () => {
    expect(weightName(digits, 1, 4, 123)).toBe('Θ(1)[unit 5, pixel 123]');
    expect(weightName(digits, 1, 4, 0)).toBe('Θ(1)[unit 5, bias]');
    expect(weightName(digits, 2, 0, 0)).toBe('Θ(2)[class 0, bias]');
  });
  it('uses a table’s class and feature names', () => {
    expect(weightName(wine, 2, 1, 4)).toBe('Θ(2)[class barolo, unit 4]');
    expect(weightName(wine, 1, 0, 2)).toBe('Θ(1)[unit 1, malic acid]');
  });
  it('numbers unnamed inputs and classes', () => {
    const small = { sizes: [3, 5, 3] };
    expect(weightName(small, 1, 0, 3)).toBe('Θ(1)[unit 1, input 3]');
    expect(weightName(small, 2, 2, 5)).toBe('Θ(2)[class 2, unit 5]');
  });
  it('names a weight between two hidden layers by both units', () => {
    expect(weightName({ sizes: [4, 6, 5, 2] }, 2, 4, 6)).toBe('Θ(2)[unit 5, unit 6]');
  });
  it('refuses a place outside the network, saying which', () => {
    expect(() => weightName(digits, 3, 0, 0)).toThrow('Θ(l) exists for l = 1…2 in a 784-25-10 network, got l = 3');
    expect(() => weightName(digits, 2, 10, 0)).toThrow('layer 3 has units 0…9 (from 0), got 10');
    expect(() => weightName(digits, 2, 0, 26)).toThrow('Θ(2) has columns 0…25 (from 0, 0 = bias), got 26');
  });
});

describe('unitName', () => {
  it('says pixel, unit or class by layer', () => {
    expect(unitName(digits, 1, 0)).toBe('pixel 1');
    expect(unitName(digits, 2, 24)).toBe('unit 25');
    expect(unitName(wine, 3, 2)).toBe('class grignolino');
    expect(unitName(wine, 1, 0)).toBe('alcohol');
  });
});
