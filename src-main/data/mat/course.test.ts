/**
 * The course's conventions, by hand: ex4data1.mat's X holds 20×20 images column-major (Octave's
 * reshape reads X(i, :) down the columns), y = 10 is the digit 0, Theta1 has the bias in column 1; the
 * lab keeps images row-major and classes in its own order. Every translation is checked on small
 * matrices whose every value is known.
 */
import { describe, expect, it } from 'vitest';
import { DataError } from '../errors';
import { courseDataOfLab, courseLabels, courseTable, courseThetasOfLab, imageSide, labThetasOfCourse } from './course';
import type { MatMatrix } from './format';

const mat = (name: string, rows: number, cols: number, values: number[], className = 'double'): MatMatrix =>
  ({ name, rows, cols, className, data: Float64Array.from(values) }) as MatMatrix;
const vars = (...ms: MatMatrix[]) => new Map(ms.map((m) => [m.name, m]));
const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return (e as Error).message;
  }
  return 'no error';
};

describe('course data (X, y as ex4data1.mat)', () => {
  it('turns column-major 4×4 images upright (row-major) and names y = 10 as the digit 0', () => {
    // Two examples; X(i, :) = 16·(i−1) + (0…15). Octave: reshape(0:15, 4, 4)(r+1, c+1) = r + 4c.
    const X = mat('X', 2, 16, new Array<number>(32).fill(0));
    for (let i = 0; i < 2; i++) for (let j = 0; j < 16; j++) X.data[i + j * 2] = 16 * i + j;
    const y = mat('y', 2, 1, [10, 3]);
    const table = courseTable(vars(X, y), 'ex.mat');
    expect([table.m, table.width, table.height, table.kind]).toEqual([2, 4, 4, 'values']);
    expect(Array.from(table.pixels.subarray(0, 16))).toEqual([0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15]);
    expect(table.pixels[16 + 1]).toBe(16 + 4);
    expect(table.classNames).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    expect(Array.from(table.labels)).toEqual([9, 2]);
    expect(table.featureNames).toBeNull();
    expect(table.note).toBe(
      "MAT-file: X 2×16 (4×4 images stored column-major as Octave's reshape reads them), y 2×1 with classes 1…10; " +
        'y = 10 is the digit 0, shown as 0.',
    );
  });

  it('reads features that are no square image as a table x1…xn, in their order', () => {
    const table = courseTable(vars(mat('X', 2, 3, [1, 2, 3, 4, 5, 6]), mat('y', 2, 1, [1, 2])), 'iris.mat');
    expect([table.width, table.height]).toEqual([3, 1]);
    expect(Array.from(table.pixels)).toEqual([1, 3, 5, 2, 4, 6]);
    expect(table.featureNames).toEqual(['x1', 'x2', 'x3']);
    expect(table.classNames).toEqual(['1', '2']);
    expect(table.note).toBe('MAT-file: X 2×3 (3 features), y 2×1 with classes 1…2.');
    expect([imageSide(400), imageSide(784), imageSide(4), imageSide(401)]).toEqual([20, 28, null, null]);
  });

  it('refuses wrong shapes, classes and labels, naming the variable', () => {
    const X = mat('X', 2, 3, [1, 2, 3, 4, 5, 6]);
    expect(message(() => courseTable(vars(X, mat('y', 1, 2, [1, 2])), 'd.mat'))).toBe(
      "d.mat: variable y: is 1×2; it must be 2×1, one label per row of X (y = y' turns it)",
    );
    expect(message(() => courseTable(vars(X, mat('y', 2, 1, [0, 1])), 'd.mat'))).toBe(
      'd.mat: variable y: row 1 is 0; labels must be whole numbers 1…K (K ≤ 100), y = 10 for the digit 0',
    );
    expect(message(() => courseTable(vars(X, mat('y', 2, 1, [1, 1])), 'd.mat'))).toBe(
      'd.mat: variable y: has only the class 1; a network needs at least 2 classes',
    );
    expect(
      message(() => courseTable(vars(mat('X', 2, 3, [1, 2, 3, 4, 5, 6], 'int16'), mat('y', 2, 1, [1, 2])), 'd.mat')),
    ).toBe('d.mat: variable X: is int16; X must be double or uint8');
    expect(
      message(() => courseTable(vars(mat('X', 2, 3, [1, 2, NaN, 4, 5, 6]), mat('y', 2, 1, [1, 2])), 'd.mat')),
    ).toBe('d.mat: variable X: row 1, column 2 is NaN, not a finite number');
    expect(message(() => courseTable(vars(mat('y', 2, 1, [1, 2])), 'd.mat'))).toBe(
      'd.mat: has no variable X (the examples, m×n, one per row, as in ex4data1.mat)',
    );
  });
});

describe('course weights (Theta1, Theta2, … as ex4weights.mat)', () => {
  it('maps digits 0…9 to labels 10, 1…9; 1…K to themselves; other names by position', () => {
    expect(courseLabels(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])).toEqual([10, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(courseLabels(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(courseLabels(['2', '1', '3'])).toEqual([2, 1, 3]);
    expect(courseLabels(['setosa', 'versicolor'])).toEqual([1, 2]);
  });

  it("permutes Theta1's pixel columns and the last Θ's rows into the lab's order, and back to the same bits", () => {
    // A 2×2-image network (4 inputs, 1 hidden unit, 2 classes named 'b', 'a'... by position).
    // Theta1 = [b p0 p1 p2 p3] in course (column-major) pixel order: course index c·2 + r.
    const theta1 = mat('Theta1', 1, 5, [0.5, 10, 11, 12, 13]);
    const theta2 = mat('Theta2', 2, 2, [1, 2, 3, 4]); // rows [1 3] and [2 4]
    const shape = { image: { width: 2, height: 2 }, classNames: ['2', '1'] };
    const lab = labThetasOfCourse(vars(theta1, theta2), 'w.mat', shape);
    // Lab pixel (r, c) at r·2 + c: (0,0)=course 0, (0,1)=course 2, (1,0)=course 1, (1,1)=course 3.
    expect(lab[0]).toEqual([[0.5, 10, 12, 11, 13]]);
    // Lab output 0 is class '2', course row 2.
    expect(lab[1]).toEqual([
      [2, 4],
      [1, 3],
    ]);
    const back = courseThetasOfLab(lab, shape);
    expect(back.map((t) => [t.name, t.rows, t.cols, Array.from(t.data)])).toEqual([
      ['Theta1', 1, 5, [0.5, 10, 11, 12, 13]],
      ['Theta2', 2, 2, [1, 2, 3, 4]],
    ]);
    const data = courseDataOfLab({ X: Float64Array.of(10, 12, 11, 13), y: Uint8Array.of(0), m: 1, n: 4 }, shape);
    expect(data.map((v) => [v.name, v.rows, v.cols, Array.from(v.data)])).toEqual([
      ['X', 1, 4, [10, 11, 12, 13]],
      ['y', 1, 1, [2]],
    ]);
  });

  it('refuses Θs that do not chain, are missing or are not numbers', () => {
    const shape = { image: null, classNames: ['1', '2'] };
    const t1 = mat('Theta1', 3, 5, new Array<number>(15).fill(0));
    expect(message(() => labThetasOfCourse(vars(t1, mat('Theta2', 2, 3, [0, 0, 0, 0, 0, 0])), 'w.mat', shape))).toBe(
      'w.mat: variable Theta2: is 2×3 but Theta1 has 3 rows, so it needs 4 columns (bias first)',
    );
    expect(message(() => labThetasOfCourse(vars(mat('Theta2', 2, 4, [])), 'w.mat', shape))).toBe(
      'w.mat: has no variable Theta1 (Theta1, Theta2, … as in ex4weights.mat)',
    );
    expect(message(() => labThetasOfCourse(vars(t1, mat('Theta3', 2, 4, [])), 'w.mat', shape))).toBe(
      'w.mat: variable Theta3: has Theta3 but no Theta2',
    );
    expect(message(() => labThetasOfCourse(vars(mat('Theta1', 1, 2, [0, Infinity])), 'w.mat', shape))).toBe(
      'w.mat: variable Theta1: (1, 2) is Infinity, not a finite number',
    );
  });
});
