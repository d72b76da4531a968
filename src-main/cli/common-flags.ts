/**
 * The flags several commands share, defined once so that --db, --json and --run read, check and explain
 * themselves the same way in every command. A command may say what its --json prints or which run --run names.
 */
import type { FlagSpec } from './args';

/** --db PATH: the experiment database every command that reads or writes runs opens. */
export const DB_FLAG: FlagSpec = {
  kind: 'string',
  help: 'experiment database (default: the app data folder, or $BACKPROP_LAB_DB)',
};

/** --json: print machine-readable output on stdout; `what` says what the command prints. */
export function jsonFlag(what = 'one JSON object on stdout'): FlagSpec {
  return { kind: 'boolean', help: `print ${what}` };
}

/** --run ID: a run of the store, by its id (whole number ≥ 1); `help` says which run the command wants. */
export function runFlag(help: string): FlagSpec {
  return { kind: 'integer', min: 1, help };
}
