/**
 * `npx backprop-lab <command>`: headless training and the experiment database from a terminal.
 * Usage errors print one line naming the flag and exit 2; failures exit 1.
 */
import { formatFlags, UsageError } from './args';
import { GRADCHECK_FLAGS, gradcheckCommand } from './gradcheck';
import { PREDICT_FLAGS, predictCommand } from './predict';
import { RUNS_FLAGS, RUNS_USAGE, runsCommand } from './runs';
import { trainCommand } from './train';
import { TRAIN_FLAGS } from './train-flags';

const USAGE = `Backprop Lab — train small neural networks on handwritten digits and see what they learn.

usage: backprop-lab <command> [flags]

commands:
  train        train a network and record the run in the experiment database
  gradcheck    check backprop's gradient against central differences on Ng's debug network
  bench        speed of each cost+gradient implementation and of the store
  runs         list, show, rename, delete, export and import recorded runs
  predict      a finished run's network on a data file: classes, scores, accuracy
  help         this text; \`backprop-lab help train\` for a command's flags

train flags:
${formatFlags(TRAIN_FLAGS)}

gradcheck flags:
${formatFlags(GRADCHECK_FLAGS)}

runs:
  ${RUNS_USAGE}
${formatFlags(RUNS_FLAGS)}

predict flags:
${formatFlags(PREDICT_FLAGS)}
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'train':
      return trainCommand(rest);
    case 'gradcheck':
      return gradcheckCommand(rest);
    case 'runs':
      return runsCommand(rest);
    case 'predict':
      return predictCommand(rest);
    case 'bench': {
      const { benchCommand } = await import('./bench');
      return benchCommand(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}' (expected train, gradcheck, bench, runs, predict or help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`backprop-lab: ${message}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
