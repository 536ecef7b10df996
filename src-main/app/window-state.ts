/**
 * The window opens where the agent left it: same size, same place, maximized
 * or not. Saved to `<userData>/window-state.json` when the window closes and,
 * debounced, whenever it is moved or resized (a crash or a power cut keeps
 * the last place too). Saved bounds are used only if enough of the title bar
 * would be on a display that is still there: a window saved on a monitor
 * that has since been unplugged opens centred on the primary one instead of
 * out of reach.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { BrowserWindow, Rectangle } from 'electron';
import type { Logger } from './log.ts';

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 720, height: 480 };
/** How much of the window's top edge must lie on a display for the saved place to be used. */
const VISIBLE_TITLE = { width: 120, height: 32 };
const SAVE_DELAY_MS = 1_000;

const rectangle = z.strictObject({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});
const savedSchema = z.strictObject({ bounds: rectangle, maximized: z.boolean() });
export type SavedWindowState = z.infer<typeof savedSchema>;

export interface Placement {
  /** x and y absent: let the OS centre it. */
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

const clampSize = (size: { width: number; height: number }, area: Rectangle): { width: number; height: number } => ({
  width: Math.max(MIN_SIZE.width, Math.min(size.width, area.width)),
  height: Math.max(MIN_SIZE.height, Math.min(size.height, area.height)),
});

/** Where the window opens, given what was saved and the displays there are now (the primary first). */
export function placeWindow(saved: SavedWindowState | null, workAreas: readonly Rectangle[]): Placement {
  const primary = workAreas[0];
  if (!saved || !primary) return { bounds: primary ? clampSize(DEFAULT_SIZE, primary) : { ...DEFAULT_SIZE }, maximized: saved?.maximized ?? false };
  const { bounds } = saved;
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: VISIBLE_TITLE.height };
  const home = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(VISIBLE_TITLE.width, bounds.width) && o.height >= Math.min(VISIBLE_TITLE.height, bounds.height);
  });
  if (!home) return { bounds: clampSize(bounds, primary), maximized: saved.maximized };
  const size = clampSize(bounds, home);
  // Kept on its display: a window that grew past the edge is moved back in, not cut.
  const x = Math.min(Math.max(bounds.x, home.x), home.x + home.width - size.width);
  const y = Math.min(Math.max(bounds.y, home.y), home.y + home.height - size.height);
  return { bounds: { x, y, ...size }, maximized: saved.maximized };
}

export function readWindowState(file: string, log: Logger): SavedWindowState | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = savedSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: handled below like any other bad file.
  }
  log.warn('the saved window place could not be read; the window opens at its default size', { file });
  return null;
}

function writeWindowState(file: string, state: SavedWindowState, log: Logger): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch (err) {
    log.warn('the window place could not be saved', { err });
  }
}

/** Saves the window's place on close, and a second after it stops moving or resizing. */
export function trackWindowState(window: BrowserWindow, file: string, log: Logger): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed()) return;
    // The normal bounds: a maximized window reopens maximized and, once restored, at its earlier size.
    writeWindowState(file, { bounds: window.getNormalBounds(), maximized: window.isMaximized() }, log);
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', save);
}
