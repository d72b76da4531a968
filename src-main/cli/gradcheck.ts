/**
 * `backprop-lab gradcheck`: compares backprop's gradient with central differences on Ng's debug
 * network (3 inputs, 5 hidden units, 3 labels, m = 5), the check every learner runs before trusting
 * their backprop, for any cost (--cost) and hidden activation (--activation).
 */
import { IMPLEMENTATIONS, type Implementation } from '../nn/cost';
import { debugNetwork } from '../nn/debug-network';
import { checkGradients } from '../nn/gradcheck';
import { createCostFunction } from '../nn/implementations';
import { GRADIENT_CHECK_THRESHOLD } from '../lessons/gradient-check';
import { parseArgs, UsageError, type FlagSpecs } from './args';
import { hyperparametersSchema, modelOf } from '../run/hyperparameters';
import type { CostName, HiddenActivation as ActivationName } from '../nn/model';
import { ACTIVATION_FLAG, COST_FLAG } from './train-flags';
import { jsonFlag } from './common-flags';
import { flagSpecFromSchema } from './schema-flags';

export const GRADCHECK_FLAGS: FlagSpecs = {
  lambda: flagSpecFromSchema(hyperparametersSchema.shape.lambda, 'regularization strength λ (default 0)'),
  impl: { kind: 'string', choices: IMPLEMENTATIONS, help: 'implementation whose gradient is checked (default loop)' },
  cost: COST_FLAG,
  activation: ACTIVATION_FLAG,
  json: jsonFlag(),
};

export function gradcheckCommand(argv: readonly string[]): number {
  const { flags, positionals } = parseArgs(argv, GRADCHECK_FLAGS);
  if (positionals.length > 0) throw new UsageError(`gradcheck: unexpected argument '${positionals[0]}'`);
  const lambda = (flags.lambda as number | undefined) ?? 0;
  const impl = (flags.impl as Implementation | undefined) ?? 'loop';
  const model = modelOf({
    cost: flags.cost as CostName | undefined,
    activation: flags.activation as ActivationName | undefined,
  });
  const { sizes, theta, examples } = debugNetwork();
  let f;
  try {
    f = createCostFunction(impl, sizes, examples, lambda, model);
  } catch (e) {
    throw new UsageError(`--impl: ${(e as Error).message}`);
  }
  let check;
  try {
    check = checkGradients(f, theta);
  } finally {
    f.dispose();
  }
  const passed = check.relativeDifference < GRADIENT_CHECK_THRESHOLD;
  if (flags.json) {
    process.stdout.write(
      JSON.stringify({
        network: sizes,
        m: examples.m,
        lambda,
        impl,
        model,
        cost: check.cost,
        relativeDifference: check.relativeDifference,
        threshold: GRADIENT_CHECK_THRESHOLD,
        passed,
        numeric: Array.from(check.numeric),
        analytic: Array.from(check.analytic),
      }) + '\n',
    );
  } else {
    const rows = Array.from(
      check.numeric,
      (n, i) => `  ${n.toFixed(10).padStart(14)}  ${check.analytic[i].toFixed(10).padStart(14)}`,
    );
    process.stdout.write(
      [
        `Gradient check on Ng's debug network ${sizes.join('-')}, m = ${examples.m}, λ = ${lambda}, ${impl} implementation, ` +
          `${model.cost} cost, ${model.activation} hidden units`,
        '       numeric        backprop',
        ...rows,
        `cost J               ${check.cost}`,
        `relative difference  ${check.relativeDifference.toExponential(3)} (${passed ? 'passes' : 'FAILS'}: must be below ${GRADIENT_CHECK_THRESHOLD})`,
      ].join('\n') + '\n',
    );
  }
  return passed ? 0 : 1;
}
