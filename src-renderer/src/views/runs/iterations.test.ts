import { describe, expect, it } from 'vitest';
import { iterationsCell } from './iterations';

describe('iterationsCell: iterations done, not planned', () => {
  const run = (status: 'queued' | 'running' | 'finished' | 'cancelled', lastIteration: number | null) =>
    iterationsCell({ status, iterations: 400, lastIteration, optimizer: 'cg' });
  it('a run that stopped before its budget converged there', () => {
    expect(run('finished', 188)).toEqual({
      text: '188',
      note: 'converged at 188',
      title: 'The optimizer stopped at iteration 188 of 400: no step lowered J further.',
    });
  });
  it('a run that used its budget shows it; queued and running ones their plan and progress', () => {
    expect(run('finished', 400).text).toBe('400');
    expect(run('queued', null).text).toBe('400');
    expect(run('running', 12)).toEqual({ text: '12 / 400', title: 'at iteration 12 of 400' });
  });
  it('a cancelled run says how far it got; sgd counts epochs', () => {
    expect(run('cancelled', 37)).toEqual({ text: '37 / 400', title: 'cancelled at iteration 37 of 400' });
    expect(iterationsCell({ status: 'finished', iterations: 5, lastIteration: 5, optimizer: 'sgd' }).title).toBe(
      'ran all 5 epochs',
    );
  });
});
