/**
 * The New run form's state in one place, so its sections (network, training, data, the start bar)
 * can each be their own component: the fields, which of them were touched, what the API said about
 * them, and the data files inspected so far. A message shows next to a field once it was touched
 * (or a start was attempted); until then only the API's own message does.
 */
import type { DataFileInfo } from '../../../../src-main/api/table';
import { api } from '../../lib/api';
import { humanMessage } from '../../lib/messages';
import {
  PRESETS,
  defaultForm,
  presetForm,
  validateRunForm,
  type ErrorKey,
  type FieldName,
  type RunForm,
} from './run-form';

/** A data file's summary, kept with the source|file|labels it was read for so a later edit hides it. */
type Inspected = { key: string; info: DataFileInfo };

export class RunFormState {
  form = $state<RunForm>(defaultForm());
  presetId = $state<string | null>('ng');
  touched = $state<Partial<Record<ErrorKey, boolean>>>({});
  attempted = $state(false);
  serverErrors = $state<Partial<Record<ErrorKey, string>>>({});
  /** How many drawings "My handwriting" holds (null until known): the handwriting test set. */
  drawings = $state<number | null>(null);

  inspected = $state<Inspected | null>(null);
  testInspected = $state<Inspected | null>(null);
  inspecting = $state(false);
  inspectError = $state<string | null>(null);

  readonly fileKey = $derived(`${this.form.source}|${this.form.file.trim()}|${this.form.labels.trim()}`);
  readonly testKey = $derived(`${this.form.source}|${this.form.testFile.trim()}|${this.form.testLabels.trim()}`);
  readonly fileInfo = $derived(this.inspected && this.inspected.key === this.fileKey ? this.inspected.info : null);
  readonly testInfo = $derived(
    this.testInspected && this.testInspected.key === this.testKey ? this.testInspected.info : null,
  );
  readonly checked = $derived(
    validateRunForm(this.form, {
      fileExamples: this.fileInfo?.count ?? null,
      testFileExamples: this.testInfo?.count ?? null,
      handwritingSamples: this.drawings,
    }),
  );
  readonly errorCount = $derived(Object.keys(this.checked.errors).length);

  /** The message to show for a field: the form's own check once touched, else what the API said. */
  err(key: ErrorKey): string | undefined {
    const own = this.checked.errors[key];
    if (own && (this.attempted || this.touched[key])) return own;
    return this.serverErrors[key];
  }

  touch(key: ErrorKey) {
    this.touched[key] = true;
    delete this.serverErrors[key];
  }

  /** id, aria-invalid and aria-describedby of a field's control. */
  field(key: FieldName) {
    const e = this.err(key);
    return {
      id: `f-${key}`,
      name: key,
      'aria-invalid': e ? ('true' as const) : undefined,
      'aria-describedby': e ? `f-${key}-msg` : undefined,
    };
  }

  /** Fills every hyperparameter from a preset, keeping the data files chosen so far. */
  choosePreset(id: string) {
    const p = PRESETS.find((x) => x.id === id)!;
    const { source, file, labels, testFile, testLabels, testSource } = this.form;
    this.form = presetForm(p, { source, file, labels, testFile, testLabels, testSource });
    this.presetId = id;
    this.touched = {};
    this.serverErrors = {};
    this.attempted = false;
  }

  /** A field was changed by hand: no preset applies any more, and the split may need checking again. */
  edited(key: FieldName) {
    this.presetId = null;
    this.touch(key);
    if (key === 'trainSize' || key === 'validationSize' || key === 'testSize' || key === 'file' || key === 'testSource')
      this.touch('split');
  }

  /** Reads the training or test file's format, size and label counts, shown under the data fields. */
  async inspect(which: 'train' | 'test') {
    const file = (which === 'train' ? this.form.file : this.form.testFile).trim();
    const labels = (which === 'train' ? this.form.labels : this.form.testLabels).trim();
    const key = which === 'train' ? this.fileKey : this.testKey;
    if (!file) return;
    this.inspecting = true;
    this.inspectError = null;
    try {
      // No trailing undefined: over HTTP it would travel as null, which the schema refuses.
      const result = labels ? await api.data.inspect(file, labels) : await api.data.inspect(file);
      if (which === 'train') this.inspected = { key, info: result };
      else this.testInspected = { key, info: result };
    } catch (e) {
      this.inspectError = humanMessage(e);
    } finally {
      this.inspecting = false;
    }
  }
}
