import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.ts';
import { buildMenuTemplate, installMenu } from '../../../src-main/app/menu.ts';
import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => import('./fake-electron.ts'));

beforeEach(() => fake.reset());

function roles(template: MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu.map((s) => s.role ?? s.type ?? '') : []));
}

describe('application menu', () => {
  it('has no reload or developer tools in the packaged app', () => {
    const shipped = roles(buildMenuTemplate({ platform: 'win32', isPackaged: true }));
    expect(shipped).not.toContain('toggleDevTools');
    expect(shipped).not.toContain('reload');
    expect(shipped).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'selectAll', 'undo']));
    const dev = roles(buildMenuTemplate({ platform: 'linux', isPackaged: false }));
    expect(dev).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('uses the app menu on macOS', () => {
    const template = buildMenuTemplate({ platform: 'darwin', isPackaged: true });
    expect(template[0]!.label).toBe('Switchboard');
    expect(roles([template[0]!])).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
  });

  it('installs the menu', () => {
    installMenu({ platform: 'linux', isPackaged: true });
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
  });
});
