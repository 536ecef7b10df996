import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../src-main/core/paths.ts';
import { APP_VERSION } from '../../../src-main/core/version.ts';

describe('data dir', () => {
  it('follows each OS convention, like Electron userData for "Switchboard"', () => {
    expect(defaultDataDir({ HOME: '/home/a', XDG_CONFIG_HOME: '/home/a/.cfg' }, 'linux')).toBe('/home/a/.cfg/Switchboard');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('Switchboard');
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Switchboard$/);
  });

  it('is overridden by SWITCHBOARD_DATA_DIR', () => {
    expect(defaultDataDir({ SWITCHBOARD_DATA_DIR: '/tmp/sb-x' }, 'linux')).toBe(path.resolve('/tmp/sb-x'));
  });
});

describe('version', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });
});
