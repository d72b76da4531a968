/**
 * Where the desktop app finds better-sqlite3 compiled for Electron's ABI. node_modules keeps the build
 * for Node (the tests and the CLI use it); `npm start` puts the Electron build in
 * .electron-native/<electron version>/better_sqlite3.node and passes its path in BACKPROP_LAB_NATIVE_BINDING.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The folder `npm start` builds into, for this Electron version. */
export function electronNativeFolder(appRoot: string, electronVersion: string): string {
  return path.join(appRoot, '.electron-native', electronVersion);
}

/** Path of the Electron build of better_sqlite3.node, or undefined to let better-sqlite3 find its own. */
export function findNativeBinding(
  appRoot: string,
  electronVersion: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const fromEnv = env.BACKPROP_LAB_NATIVE_BINDING;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  const file = path.join(electronNativeFolder(appRoot, electronVersion), 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}
