/**
 * data.pickFile in the desktop app: the system's open dialog, attached to our window so it is modal
 * to the lab (and on macOS slides down from its title bar).
 */
import { dialog, type BrowserWindow } from 'electron';
import type { FilePurpose } from '../api/table';
import { dataFileDialogOptions } from './file-dialog-options';

/** Shows the open dialog for a data file of `purpose`; resolves to its absolute path, or null when cancelled. */
export async function pickDataFile(win: BrowserWindow | undefined, purpose: FilePurpose): Promise<string | null> {
  const options = dataFileDialogOptions(purpose);
  const result =
    win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}
