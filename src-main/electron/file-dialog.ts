/**
 * data.pickFile in the desktop app: the system's open dialog, attached to our window so it is modal
 * to the lab (and on macOS slides down from its title bar).
 */
import path from 'node:path';
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { FilePurpose } from '../api/table';
import { dataFileDialogOptions } from './file-dialog-options';

/** Shows the open dialog for a data file of `purpose`; resolves to its absolute path, or null when cancelled. */
export async function pickDataFile(win: BrowserWindow | undefined, purpose: FilePurpose): Promise<string | null> {
  const options = dataFileDialogOptions(purpose);
  const result =
    win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

/** Shows the save dialog for a run's export .zip, offering `fileName` in the Downloads folder; null when cancelled. */
export async function pickExportPath(win: BrowserWindow | undefined, fileName: string): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: 'Save the run (weights, ONNX model, predict.py, history, images) as a .zip',
    defaultPath: path.join(app.getPath('downloads'), fileName),
    buttonLabel: 'Save',
    filters: [{ name: 'Zip archive', extensions: ['zip'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
  };
  const result =
    win && !win.isDestroyed() ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}
