/**
 * Reading the course's MAT-files from disk: the file I/O around parse.ts and course.ts. Only the
 * variables needed are decoded (X and y; Theta1, Theta2, …), so other variables in the file cost nothing.
 */
import { readDataFile } from '../read';
import {
  courseTable,
  labThetasOfCourse,
  wantsCourseData,
  wantsCourseWeights,
  type CourseTable,
  type LabDataShape,
} from './course';
import { looksLikeMat, parseMat } from './parse';

/** True when `file` should be read as a MAT-file: by its name, or by its header. */
export function isMatFile(file: string, bytes?: Uint8Array): boolean {
  return /\.mat$/i.test(file) || (bytes !== undefined && looksLikeMat(bytes));
}

/** X and y of a course data file (ex4data1.mat's layout) as a table; DataError naming the variable when wrong. */
export function loadCourseTable(file: string, bytes: Uint8Array = readDataFile(file)): CourseTable {
  return courseTable(parseMat(bytes, file, wantsCourseData), file);
}

/** Theta1, Theta2, … of a course weights file (ex4weights.mat's layout) as the lab's Θ for data of `shape`. */
export function loadCourseThetas(file: string, shape: LabDataShape): number[][][] {
  return labThetasOfCourse(parseMat(readDataFile(file), file, wantsCourseWeights), file, shape);
}
