import { describe, expect, it } from 'vitest';
import { formatFlags, parseArgs, UsageError, type FlagSpecs } from './args';

const specs: FlagSpecs = {
  lambda: { kind: 'number', min: 0, help: 'regularization λ' },
  hidden: { kind: 'integer-list', min: 1, help: 'hidden units' },
  iterations: { kind: 'integer', min: 1, help: 'iterations' },
  'learning-rate': { kind: 'number', min: 0, exclusiveMin: true, help: 'step size' },
  optimizer: { kind: 'string', choices: ['cg', 'lbfgs', 'sgd'], help: 'optimizer' },
  json: { kind: 'boolean', help: 'JSON output' },
};

describe('parseArgs', () => {
  it('reads values, lists, booleans, = forms and positionals', () => {
    const r = parseArgs(['train', '--lambda', '3', '--hidden=25,10', '--json', '--optimizer', 'lbfgs', 'extra'], specs);
    expect(r.positionals).toEqual(['train', 'extra']);
    expect(r.flags).toEqual({ lambda: 3, hidden: [25, 10], json: true, optimizer: 'lbfgs' });
  });

  it('accepts exponents and leading dots', () => {
    expect(parseArgs(['--lambda', '1e-3'], specs).flags.lambda).toBe(0.001);
    expect(parseArgs(['--lambda', '.5'], specs).flags.lambda).toBe(0.5);
  });

  it.each([
    [['--lambda', '-1'], "--lambda: expected a number ≥ 0, got '-1'"],
    [['--lambda', 'NaN'], "--lambda: expected a number ≥ 0, got 'NaN'"],
    [['--lambda', ''], "--lambda: expected a number ≥ 0, got ''"],
    [['--lambda', 'Infinity'], "--lambda: expected a number ≥ 0, got 'Infinity'"],
    [['--hidden', '0'], "--hidden: expected a whole number ≥ 1, got '0'"],
    [['--hidden', '25,,10'], "--hidden: expected a whole number ≥ 1, got ''"],
    [['--iterations', '2.5'], "--iterations: expected a whole number ≥ 1, got '2.5'"],
    [['--learning-rate', '0'], "--learning-rate: expected a number > 0, got '0'"],
    [['--optimizer', 'adam'], "--optimizer: expected one of cg, lbfgs, sgd, got 'adam'"],
    [['--lambda'], '--lambda needs a value (regularization λ)'],
    [['--lambda', '--json'], '--lambda needs a value (regularization λ)'],
    [['--json=1'], '--json takes no value'],
    [['--lamda', '1'], 'unknown flag --lamda'],
    [['--lambda', '1', '--lambda', '2'], '--lambda is given twice'],
  ])('%j fails with one line naming the flag', (argv, message) => {
    expect(() => parseArgs(argv, specs)).toThrow(UsageError);
    expect(() => parseArgs(argv, specs)).toThrow(message);
  });

  it('suggests a flag that was cut short', () => {
    expect(() => parseArgs(['--iter', '5'], specs)).toThrow('unknown flag --iter (did you mean --iterations?)');
  });

  it('allows negative-looking positionals to be told apart from flags only by the -- prefix', () => {
    expect(parseArgs(['-1'], specs).positionals).toEqual(['-1']);
  });
});

describe('formatFlags', () => {
  it('aligns one flag per line with its placeholder', () => {
    const text = formatFlags({ json: specs.json, optimizer: specs.optimizer });
    expect(text).toBe('  --json                    JSON output\n  --optimizer cg|lbfgs|sgd  optimizer');
  });
});
