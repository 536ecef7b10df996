/**
 * Where the cache lives: the OS's per-user application-data folder, the same
 * one Electron's `app.getPath('userData')` gives for productName
 * "Switchboard", so browser mode and the desktop app share one workspace.
 * `SWITCHBOARD_DATA_DIR` overrides it (tests, several agents on one machine).
 */
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Switchboard';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.SWITCHBOARD_DATA_DIR;
  if (override) return path.resolve(override);
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
  }
}

export function cacheFile(dataDir: string): string {
  return path.join(dataDir, 'cache.sqlite');
}
