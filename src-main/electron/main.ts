/** Electron main process: window, menu, IPC. Kept thin; everything else lives in Node modules. */
import { app } from 'electron';

app.whenReady().then(() => app.quit());
