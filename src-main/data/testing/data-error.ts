/** Test support: the message of the DataError `fn` throws; anything else thrown, or nothing, fails the test. */
import { DataError } from '../errors';

export function messageOfDataError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataError) return e.message;
    throw e;
  }
  throw new Error('expected a DataError');
}
