import { describe, expect, it } from 'vitest';
import { estimateRunMemory, memoryHold } from './memory-estimate';
import { labPerTest, quickRun, SMALL_DATA, statusOf } from './testing/harness';

const MiB = 2 ** 20;

describe('memoryHold', () => {
  it('lets a run start beside others while their estimates together fit the budget', () => {
    expect(memoryHold([], 900 * MiB, 1000 * MiB)).toBeNull();
    expect(memoryHold([400 * MiB], 600 * MiB, 1000 * MiB)).toBeNull();
  });

  it('holds it once they do not, naming each number', () => {
    expect(memoryHold([400 * MiB, 300 * MiB], 600 * MiB, 1000 * MiB)).toBe(
      'waiting for memory: this run needs about 600 MiB and the 2 runs training now plan 700 MiB; together 1.3 GiB, ' +
        'more than the 1000 MiB budget they share; it starts when enough of them have finished',
    );
  });
});

describe('the supervisor counts the runs already training', () => {
  const labs = labPerTest();

  it('holds the second of two runs that fit alone but not together, then starts it when the first has finished', async () => {
    const run = quickRun();
    // 96 MiB runtime + 3,728,000 B examples + 1,431,720 B for cg's 9 copies of Θ + 2,920,480 B for fast
    // (of which one chunk of 64 of the 100 test images × 784 × 8 B = 401,408 B copied for their predictions).
    expect(estimateRunMemory(run.hyperparameters, SMALL_DATA, 28, 28).bytes).toBe(108_743_496);
    const lab = labs.open({ concurrency: 2, memoryBudget: () => 150 * MiB });
    const first = lab.supervisor.start(run);
    const second = lab.supervisor.start(run);
    // Two cores are free, but 2 × 104 MiB is more than 150 MiB: the second waits in the queue.
    expect(lab.supervisor.activeRuns()).toEqual({ running: [first], queued: [second] });
    expect(lab.store.getRun(second).status).toBe('queued');
    const held = lab.events.find((e) => e.type === 'status' && e.runId === second && e.reason !== undefined);
    expect(held).toEqual({
      type: 'status',
      runId: second,
      status: 'queued',
      reason:
        'waiting for memory: this run needs about 104 MiB and the run training now plans 104 MiB; together 208 MiB, ' +
        'more than the 150 MiB budget they share; it starts when enough of them have finished',
    });

    await lab.waitFor('the second run to finish', statusOf(second, 'finished'), 120_000);
    const firstDone = lab.events.findIndex(statusOf(first, 'finished'));
    const secondStart = lab.events.findIndex(statusOf(second, 'running'));
    expect(secondStart).toBeGreaterThan(firstDone);
  }, 150_000);
});
