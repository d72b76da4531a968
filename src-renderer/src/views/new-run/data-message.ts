/**
 * Data errors as New run shows them: the backend's messages serve the CLI too, so they name paths as
 * given and the CLI's flags; here they name the file the person chose and the form's own fields.
 */
/** The command line's words in data errors, and what the New run form calls the same thing. */
const CLI_WORDS: [RegExp, string][] = [
  [
    /fix the file or drop such rows \(--drop-missing, or "Drop rows with missing values" in New run\)/,
    'fix the file, or tick “Drop rows with missing values” below',
  ],
  [/Choose another with --label-column/, 'Choose another in “Class column” below'],
  [/--label-column/g, '“Class column”'],
  [/--drop-missing/g, '“Drop rows with missing values”'],
];

/** Words a count is followed by in data errors, plural → singular, for "1 class" rather than "1 classes". */
const SINGULAR: Record<string, string> = {
  classes: 'class',
  rows: 'row',
  examples: 'example',
  labels: 'label',
  images: 'image',
  columns: 'column',
  features: 'feature',
  values: 'value',
  drawings: 'drawing',
  files: 'file',
};

/**
 * A data error in the lab's words: an uploaded file's internal copy (…/imports/20261204-…-missing.csv)
 * named as the file the person chose (“missing.csv”), the CLI's flags as the form's own fields, and
 * "1 classes" as "1 class". `uploads` maps each copy's path to the chosen file's name.
 */
export function labDataMessage(message: string, uploads: Readonly<Record<string, string>>): string {
  let text = message;
  // Longest paths first, so a path that is a prefix of another never cuts it in two.
  for (const copy of Object.keys(uploads).sort((a, b) => b.length - a.length)) {
    text = text.split(copy).join(`“${uploads[copy]}”`);
  }
  for (const [pattern, words] of CLI_WORDS) text = text.replace(pattern, words);
  return text.replace(
    /(^|[^\d.,])1 (classes|rows|examples|labels|images|columns|features|values|drawings|files)\b/g,
    (_, before: string, word: string) => `${before}1 ${SINGULAR[word]}`,
  );
}
