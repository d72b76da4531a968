/**
 * The one error every data loader throws, so the UI and CLI can show the learner exactly which file
 * is wrong, where (a 1-based CSV line or an IDX byte offset) and what is wrong with it.
 */

/**
 * A data file that cannot be used: `file` as the user gave it, `location` such as "line 7" or
 * "byte 16"; the message reads "<file>: <location>: <problem>".
 */
export class DataError extends Error {
  readonly file: string;
  readonly location?: string;
  /** What is wrong, without file and location. */
  readonly problem: string;

  constructor(file: string, problem: string, location?: string) {
    super(location ? `${file}: ${location}: ${problem}` : `${file}: ${problem}`);
    this.name = 'DataError';
    this.file = file;
    this.location = location;
    this.problem = problem;
  }
}
