import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDatabasePath, userDataFolder } from './paths';

describe('resolveDatabasePath', () => {
  const env = { HOME: '/home/ada', BACKPROP_LAB_DB: '/data/from-env.db' };

  it('an explicit path wins over the environment, made absolute', () => {
    expect(resolveDatabasePath('/tmp/x/runs.db', env, 'linux')).toBe('/tmp/x/runs.db');
    expect(resolveDatabasePath('rel/runs.db', env, 'linux')).toBe(path.resolve('rel/runs.db'));
  });

  it('BACKPROP_LAB_DB wins over the user-data folder; blank values are ignored', () => {
    expect(resolveDatabasePath(undefined, env, 'linux')).toBe('/data/from-env.db');
    expect(resolveDatabasePath('  ', env, 'linux')).toBe('/data/from-env.db');
    expect(resolveDatabasePath(undefined, { HOME: '/home/ada', BACKPROP_LAB_DB: '' }, 'linux')).toBe(
      '/home/ada/.config/backprop-lab/backprop-lab.db',
    );
  });

  it("follows Electron's userData folder on Linux, macOS and Windows", () => {
    expect(resolveDatabasePath(undefined, { HOME: '/home/ada' }, 'linux')).toBe(
      '/home/ada/.config/backprop-lab/backprop-lab.db',
    );
    expect(resolveDatabasePath(undefined, { HOME: '/home/ada', XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe(
      '/xdg/backprop-lab/backprop-lab.db',
    );
    expect(resolveDatabasePath(undefined, { HOME: '/Users/ada' }, 'darwin')).toBe(
      '/Users/ada/Library/Application Support/backprop-lab/backprop-lab.db',
    );
    expect(resolveDatabasePath(undefined, { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\backprop-lab\\backprop-lab.db',
    );
    expect(userDataFolder({ USERPROFILE: 'C:\\Users\\ada' }, 'win32')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\backprop-lab',
    );
  });

  it('falls back to the OS home folder without HOME', () => {
    expect(userDataFolder({}, 'linux')).toBe(path.posix.join(os.homedir(), '.config', 'backprop-lab'));
  });
});
