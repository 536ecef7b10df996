/**
 * The window reopens where the agent left it, with `electron` mocked: the
 * placement rules (a display that is gone, a window larger than its display),
 * a bad or missing file, and the whole round trip through createMainWindow.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, screen } from './fake-electron.ts';
import { recordingLogger } from './test-helpers.ts';
import { createAppOrigin } from '../../../src-main/app/app-origin.ts';
import { createExternalOpener } from '../../../src-main/app/external-links.ts';
import { DEFAULT_SIZE, MIN_SIZE, placeWindow, readWindowState } from '../../../src-main/app/window-state.ts';
import { createMainWindow } from '../../../src-main/app/windows.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1400 };
let dir: string;
beforeEach(() => {
  fake.reset();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-window-state-'));
});
afterEach(() => {
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('where the window opens', () => {
  it('at its default size, centred, the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({ bounds: DEFAULT_SIZE, maximized: false });
  });

  it('where it was, on a display that is still there, maximized if it was', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, maximized: true };
    expect(placeWindow(saved, [laptop, monitor])).toEqual({ bounds: saved.bounds, maximized: true });
  });

  it('centred on the primary display when its monitor was unplugged, at a size that fits', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({ bounds: { width: 1440, height: 860 }, maximized: false });
  });

  it('moved back onto its display when it hangs over the edge, and never below the minimum size', () => {
    expect(placeWindow({ bounds: { x: 1300, y: 700, width: 900, height: 600 }, maximized: false }, [laptop])).toEqual({ bounds: { x: 540, y: 260, width: 900, height: 600 }, maximized: false });
    expect(placeWindow({ bounds: { x: 10, y: 10, width: 200, height: 100 }, maximized: false }, [laptop]).bounds).toMatchObject(MIN_SIZE);
  });
});

describe('the saved place', () => {
  it('is read back; a missing file is the first run; a damaged one is said in the log and ignored', () => {
    const { log, entries } = recordingLogger();
    const file = path.join(dir, 'window-state.json');
    expect(readWindowState(file, log)).toBeNull();
    fs.writeFileSync(file, '{"bounds": {"x": 1, "y": 2, "width": 900, "height": 600}, "maximized": false}');
    expect(readWindowState(file, log)).toEqual({ bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: false });
    expect(entries).toEqual([]);
    fs.writeFileSync(file, '{"bounds": {"x": "left"}');
    expect(readWindowState(file, log)).toBeNull();
    expect(entries.map((e) => [e.level, e.msg])).toEqual([['warn', 'the saved window place could not be read; the window opens at its default size']]);
  });

  it('follows the window through a run: saved a second after a move, and on close; the next run opens there, maximized', () => {
    vi.useFakeTimers();
    const { log } = recordingLogger();
    const stateFile = path.join(dir, 'window-state.json');
    const open = () =>
      createMainWindow({ preloadPath: '/p.cjs', origin: createAppOrigin(null), openExternal: createExternalOpener(log), log, locale: 'en-US', stateFile, onPageReady: () => {} });
    screen.displays = [{ id: 1, workArea: laptop }, { id: 2, workArea: monitor }];
    open();
    const first = fake.windows.at(-1)!;
    expect(first.options).toMatchObject({ width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height });
    expect(first.options['x']).toBeUndefined();
    first.normalBounds = { x: 1600, y: 50, width: 1500, height: 900 };
    first.emit('move');
    expect(fs.existsSync(stateFile)).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toEqual({ bounds: { x: 1600, y: 50, width: 1500, height: 900 }, maximized: false });
    first.maximized = true;
    first.emit('close');
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8')).maximized).toBe(true);

    open();
    const second = fake.windows.at(-1)!;
    expect(second.options).toMatchObject({ x: 1600, y: 50, width: 1500, height: 900 });
    expect(second.maximize).not.toHaveBeenCalled();
    second.emit('ready-to-show');
    expect(second.maximize).toHaveBeenCalledTimes(1);
    expect(second.show).toHaveBeenCalled();
  });
});
