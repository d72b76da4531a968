/**
 * Choosing a data file the way the shell allows: the system's open dialog in the desktop app, the
 * browser's file chooser there; a dropped file's own path in the desktop app, an uploaded copy in a
 * browser. Views get a path the API can read either way and pass it on to data.inspect and training.
 */
import type { FilePurpose } from '../../../../src-main/api/table';
import { api, placeFile, shell } from '../../lib/api';

export type { FilePurpose };

/** True in the desktop app, whose "Choose file…" opens the system's dialog; a browser uses <input type="file">. */
export const hasFileDialog = shell === 'electron';

/** In a browser a chosen file is uploaded to the lab, so its path names a copy, not the original. */
export const copiesFiles = shell === 'web';

/** The system's open dialog for a data file of `purpose` (desktop app); null when the user cancels. */
export async function chooseWithDialog(purpose: FilePurpose): Promise<string | null> {
  const chosen = await api.data.pickFile({ purpose });
  return chosen?.path ?? null;
}

/** The path to use for a dropped or chosen File; throws ApiError (too large, no path, host unreachable). */
export function pathOfChosenFile(file: File): Promise<string> {
  return placeFile(file);
}

/** The files of a drag: only a drag carrying files may be dropped on a picker (not text or links). */
export function draggedFiles(transfer: DataTransfer | null): boolean {
  return !!transfer && Array.from(transfer.types).includes('Files');
}

/** The one file of a drop, or a message why it can't be used (nothing, or several at once). */
export function droppedFile(transfer: DataTransfer | null): File | string {
  const files = transfer ? Array.from(transfer.files) : [];
  if (files.length === 0) return 'Drop a file, not text or a link.';
  if (files.length > 1) return `Drop one file at a time (${files.length} were dropped).`;
  return files[0];
}
