/**
 * The New run form's state in one place, so its sections (network, training, data, the start bar)
 * can each be their own component: the fields, which of them were touched, what the API said about
 * them, and the data files inspected so far. A message shows next to a field once it was touched
 * (or a start was attempted); until then only the API's own message does.
 */
import type { DataFileInfo, InspectOptions } from '../../../../src-main/api/table';
import { defaultSplitSizes } from '../../../../src-main/api/table';
import { api } from '../../lib/api';
import { humanMessage } from '../../lib/messages';
import { labDataMessage } from './data-message';
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
  /** Uploaded copies' paths → the names of the files the person chose, so messages name those. */
  uploads = $state<Record<string, string>>({});

  /** How the files are read (class column, dropped rows, image size): a change asks for a new inspection. */
  readonly readKey = $derived(
    `${this.form.labelColumn.trim()}|${this.form.dropMissing}|${this.form.source === 'folder' ? this.form.imageSize : ''}`,
  );
  readonly fileKey = $derived(
    `${this.form.source}|${this.form.file.trim()}|${this.form.labels.trim()}|${this.readKey}`,
  );
  readonly testKey = $derived(
    `${this.form.source}|${this.form.testFile.trim()}|${this.form.testLabels.trim()}|${this.readKey}`,
  );
  readonly fileInfo = $derived(this.inspected && this.inspected.key === this.fileKey ? this.inspected.info : null);
  readonly testInfo = $derived(
    this.testInspected && this.testInspected.key === this.testKey ? this.testInspected.info : null,
  );
  readonly checked = $derived(
    validateRunForm(this.form, {
      fileExamples: this.fileInfo?.count ?? null,
      testFileExamples: this.testInfo?.count ?? null,
      handwritingSamples: this.drawings,
      detectedLabelColumn: this.fileInfo?.format === 'table' ? this.fileInfo.labelColumn : null,
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
    const { source, file, labels, testFile, testLabels, testSource, labelColumn, dropMissing, standardize, imageSize } =
      this.form;
    this.form = presetForm(p, {
      source,
      file,
      labels,
      testFile,
      testLabels,
      testSource,
      labelColumn,
      dropMissing,
      standardize,
      imageSize,
    });
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

  /** Remembers that `path` is the lab's copy of the file the person chose as `name` (no-op without a name). */
  uploaded(path: string, name: string | undefined) {
    if (name) this.uploads[path] = name;
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
      const f = this.form;
      const options: InspectOptions = {
        ...(f.source === 'csv' && f.labelColumn.trim() ? { labelColumn: f.labelColumn.trim() } : {}),
        ...(f.source === 'csv' && f.dropMissing ? { dropMissing: true } : {}),
        ...(f.source === 'folder' ? { folder: true } : {}),
        ...(f.source === 'folder' && /^\d+$/.test(f.imageSize.trim()) ? { imageSize: Number(f.imageSize) } : {}),
      };
      const result = await api.data.inspect(file, labels || null, options);
      if (which === 'train') this.inspected = { key, info: result };
      else this.testInspected = { key, info: result };
      this.suggestSizes();
    } catch (e) {
      this.inspectError = labDataMessage(humanMessage(e), this.uploads);
    } finally {
      this.inspecting = false;
    }
  }

  /**
   * Your own data: sizes the user has not typed follow the file (70/15/15 of it, or 90/10 with the
   * whole test file), so what Start will use is on screen before it is pressed.
   */
  suggestSizes() {
    const info = this.fileInfo;
    if (!info || this.form.source === 'mnist') return;
    const onHandwriting = this.form.testSource === 'handwriting';
    const testCount = this.testInfo?.count ?? (onHandwriting ? 0 : undefined);
    const sizes = defaultSplitSizes(info.count, this.form.testFile.trim() && !this.testInfo ? undefined : testCount);
    if (!this.touched.trainSize) this.form.trainSize = String(sizes.train);
    if (!this.touched.validationSize) this.form.validationSize = String(sizes.validation);
    if (!this.touched.testSize && !onHandwriting) this.form.testSize = String(sizes.test);
  }
}
