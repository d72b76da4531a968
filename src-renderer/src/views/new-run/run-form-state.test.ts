/**
 * RunFormState against the real API: a CSV of 40 rows written to the lab's allowed folder is
 * inspected by the real data.inspect, the sizes follow it, and the request the form builds is
 * started by the real supervisor and trains to the end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindRealApi, type TestApi } from '../../lib/testing/real-api';

let t: TestApi;
let RunFormState: typeof import('./run-form-state.svelte').RunFormState;
let csv: string;

beforeAll(async () => {
  t = await bindRealApi('run-form-state-');
  ({ RunFormState } = await import('./run-form-state.svelte'));
  // 40 rows, 4 of each class 0…9, two features; the class column is named "digit".
  const rows = ['a,b,digit'];
  for (let i = 0; i < 40; i++) rows.push(`${(i % 7) / 7},${(i % 5) / 5},${i % 10}`);
  csv = path.join(t.dir, 'allowed', 'forty.csv');
  fs.writeFileSync(csv, `${rows.join('\n')}\n`);
}, 120_000);
afterAll(() => t?.close());

describe('RunFormState', () => {
  it("starts as Ng's preset with no errors, and its request is the default run", () => {
    const s = new RunFormState();
    expect(s.presetId).toBe('ng');
    expect(s.errorCount).toBe(0);
    // The full request is run-form.test.ts's; here, that the state's derived check is of its form.
    expect(s.checked.request).toMatchObject({
      hyperparameters: { hiddenLayers: [25], lambda: 1, optimizer: 'cg', iterations: 50 },
      dataset: { source: 'mnist', trainSize: 5000 },
    });
  });

  it('a bad value is shown only once its field is touched (or a start attempted); an edit drops the preset', () => {
    const s = new RunFormState();
    s.form.lambda = 'lots';
    s.form.iterations = '0';
    expect(s.errorCount).toBe(2);
    expect(s.checked.request).toBeNull();
    expect(s.err('lambda')).toBeUndefined();
    expect(s.field('lambda')).toEqual({
      id: 'f-lambda',
      name: 'lambda',
      'aria-invalid': undefined,
      'aria-describedby': undefined,
    });
    s.edited('lambda');
    expect(s.presetId).toBeNull();
    expect(s.err('lambda')).toBe('“lots” is not a number.');
    expect(s.field('lambda')).toEqual({
      id: 'f-lambda',
      name: 'lambda',
      'aria-invalid': 'true',
      'aria-describedby': 'f-lambda-msg',
    });
    expect(s.err('iterations')).toBeUndefined();
    s.attempted = true;
    expect(s.err('iterations')).toBe('Must be at least 1.');
  });

  it("the API's message shows until the field is touched again", () => {
    const s = new RunFormState();
    s.serverErrors = { seed: 'seed: refused by the lab' };
    expect(s.err('seed')).toBe('seed: refused by the lab');
    s.touch('seed');
    expect(s.err('seed')).toBeUndefined();
    expect(s.serverErrors).toEqual({});
  });

  it('a CSV is inspected by the lab; sizes not typed follow it (70/15/15) and a later edit hides its summary', async () => {
    const s = new RunFormState();
    s.form.source = 'csv';
    s.form.file = csv;
    s.form.validationSize = '10';
    s.edited('validationSize');
    await s.inspect('train');
    expect(s.inspectError).toBeNull();
    expect(s.inspecting).toBe(false);
    expect(s.fileInfo).toMatchObject({ count: 40 });
    expect([s.form.trainSize, s.form.validationSize, s.form.testSize]).toEqual(['28', '10', '6']);
    s.form.file = `${csv} `; // the same file once trimmed: still the summary of what is chosen
    expect(s.fileInfo).toMatchObject({ count: 40 });
    s.form.labelColumn = 'a'; // read another way: the summary no longer applies
    expect(s.fileInfo).toBeNull();
  });

  it('a file that is not there: the error names it, and no summary is kept', async () => {
    const s = new RunFormState();
    s.form.source = 'csv';
    s.form.file = path.join(t.dir, 'allowed', 'missing.csv');
    await s.inspect('train');
    expect(s.inspectError).toBe(`${path.join(t.dir, 'allowed', 'missing.csv')}: file not found`);
    expect(s.fileInfo).toBeNull();
  });

  it('split larger than the inspected file is an error of the split', async () => {
    const s = new RunFormState();
    s.form.source = 'csv';
    s.form.file = csv;
    await s.inspect('train');
    s.form.trainSize = '35';
    s.edited('trainSize');
    expect(s.err('split')).toBe('train + validation + test = 47 examples, but the file has 40.');
  });

  it('choosePreset fills the hyperparameters, keeps the data chosen, and forgets touched fields', () => {
    const s = new RunFormState();
    s.form.source = 'csv';
    s.form.file = csv;
    s.form.lambda = 'x';
    s.edited('lambda');
    s.choosePreset('overfit');
    expect(s.presetId).toBe('overfit');
    expect(s.form.source).toBe('csv');
    expect(s.form.file).toBe(csv);
    expect(s.form.lambda).toBe('0');
    expect(s.touched).toEqual({});
    expect(s.err('lambda')).toBeUndefined();
  });

  it('the request it builds for the CSV is accepted by the lab and trains to the end', async () => {
    const s = new RunFormState();
    s.form.source = 'csv';
    s.form.file = csv;
    s.form.hiddenLayers = '3';
    s.form.iterations = '5';
    s.form.name = 'from the form';
    await s.inspect('train');
    const request = s.checked.request;
    expect(request).toMatchObject({
      hyperparameters: { hiddenLayers: [3], iterations: 5, impl: 'fast' },
      dataset: { source: 'csv', file: csv, trainSize: 28, validationSize: 6, testSize: 6 },
      count: 1,
      name: 'from the form',
    });
    const { ids } = await t.value('training.start', [request]);
    for (const start = Date.now(); ; await new Promise((r) => setTimeout(r, 50))) {
      const { status } = await t.value('runs.get', [ids[0]]);
      if (status !== 'queued' && status !== 'running') break;
      if (Date.now() - start > 60_000) throw new Error('the run did not end');
    }
    const detail = await t.value('runs.get', [ids[0]]);
    expect(detail).toMatchObject({ status: 'finished', name: 'from the form' });
  }, 120_000);
});
