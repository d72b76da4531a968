/**
 * `npx backprop-lab <command>`: headless training and the experiment database from a terminal.
 * Usage errors print one line naming the flag and exit 2; failures exit 1.
 */
import { traceProcessStart, tracePhase } from '../trace/phase-trace';
import { formatFlags, UsageError } from './args';

// Each command's modules load only when that command runs: `help` needs no database, and `train`
// starts its worker sooner when the bench's and the runs' code are not compiled first.
async function usage(): Promise<string> {
  const [
    { GRADCHECK_FLAGS },
    { RUNS_FLAGS, RUNS_USAGE },
    { TRAIN_FLAGS },
    { EXPLAIN_FLAGS },
    { PREDICT_FLAGS },
    { LANDSCAPE_FLAGS, LANDSCAPE_USAGE },
  ] = await Promise.all([
    import('./gradcheck'),
    import('./runs'),
    import('./train-flags'),
    import('./explain'),
    import('./predict'),
    import('./landscape'),
  ]);
  const { COST_FLAGS } = await import('./cost');
  return `Backprop Lab — train small neural networks on handwritten digits and see what they learn.

usage: backprop-lab <command> [flags]

commands:
  train        train a network and record the run in the experiment database
  gradcheck    check backprop's gradient against central differences on Ng's debug network
  explain      backprop for one example of a run: every a, z, δ, its gradient and cost
  bench        speed of each cost+gradient implementation and of the store
  runs         list, show, rename, delete, export and import recorded runs
  predict      a finished run's network on a data file: classes, scores, accuracy
  cost         J(Θ) and the accuracy of given weights (e.g. ex4weights.mat on ex4data1.mat), no training
  landscape    J along a line between Θ₀, Θ* and other runs' Θ*, or on a plane around Θ*
  help         this text; \`backprop-lab help train\` for a command's flags

train flags:
${formatFlags(TRAIN_FLAGS)}

gradcheck flags:
${formatFlags(GRADCHECK_FLAGS)}

explain --run ID (--example train:N | --example test:N | --csv FILE --row N) [--label K] [--json]:
${formatFlags(EXPLAIN_FLAGS)}

runs:
  ${RUNS_USAGE}
${formatFlags(RUNS_FLAGS)}

predict flags:
${formatFlags(PREDICT_FLAGS)}

cost --data FILE --weights FILE [--lambda L] [--json]:
${formatFlags(COST_FLAGS)}
${LANDSCAPE_USAGE}:
${formatFlags(LANDSCAPE_FLAGS)}
`;
}

async function main(argv: string[]): Promise<number> {
  traceProcessStart('cli');
  tracePhase('cli.main');
  const [command, ...rest] = argv;
  switch (command) {
    case 'train': {
      // The worker boots (Node, its modules, the digits) while this process loads train's modules,
      // reads the flags and opens the store.
      const [{ WarmWorkers }, { workerPath }] = await Promise.all([
        import('../training/node-worker'),
        import('./worker-path'),
      ]);
      const workers = new WarmWorkers(false);
      workers.prewarm(workerPath());
      return (await import('./train')).trainCommand(rest, workers);
    }
    case 'gradcheck':
      return (await import('./gradcheck')).gradcheckCommand(rest);
    case 'runs':
      return (await import('./runs')).runsCommand(rest);
    case 'explain':
      return (await import('./explain')).explainCommand(rest);
    case 'predict':
      return (await import('./predict')).predictCommand(rest);
    case 'cost':
      return (await import('./cost')).costCommand(rest);
    case 'landscape':
      return (await import('./landscape')).landscapeCommand(rest);
    case 'bench': {
      const { benchCommand } = await import('./bench-command');
      return benchCommand(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(await usage());
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(
        `unknown command '${command}' (expected train, gradcheck, explain, predict, cost, landscape, bench, runs or help)`,
      );
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
