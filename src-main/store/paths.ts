/**
 * Where the database file lives: an explicit path (CLI `--db PATH`) wins, then the BACKPROP_LAB_DB
 * environment variable, then the OS convention's user-data folder of the app "backprop-lab" — the same
 * folder Electron's app.getPath('userData') gives, so the CLI and the app share one history.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'backprop-lab';
export const DATABASE_FILE_NAME = 'backprop-lab.db';

/** Absolute path of the database file: explicit path, else $BACKPROP_LAB_DB, else <userData>/backprop-lab.db. */
export function resolveDatabasePath(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (explicit !== undefined && explicit.trim() !== '') return p.resolve(explicit);
  const fromEnv = env.BACKPROP_LAB_DB;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return p.resolve(fromEnv);
  return p.join(userDataFolder(env, platform), DATABASE_FILE_NAME);
}

/** The per-user folder Electron would use as userData for an app named "backprop-lab". */
export function userDataFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(env.USERPROFILE || os.homedir(), 'AppData', 'Roaming');
    return path.win32.join(appData, APP_NAME);
  }
  const home = env.HOME || os.homedir();
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_NAME);
  // Electron follows the XDG base-directory spec on Linux and the BSDs.
  const config = env.XDG_CONFIG_HOME || path.posix.join(home, '.config');
  return path.posix.join(config, APP_NAME);
}
