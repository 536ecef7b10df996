/**
 * Scrolls a virtualized list from top to bottom in the page, a little less
 * than a screen at a time so every row passes through view, while a
 * PerformanceObserver records long tasks (the main thread busy > 50 ms).
 * Returns what was rendered and what was measured; the spec (or bench)
 * decides what to assert and writes the figures to reports/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';

export interface ScrollMeasurement {
  /** Distinct rows that were in the DOM at some step. */
  rowsSeen: number;
  /** Rows the list held at the end (data-total). */
  rowsInList: number;
  steps: number;
  durationMs: number;
  /** Each long task, with the rows the list held when it was reported (which page it followed). */
  longTasks: { startMs: number; durationMs: number; listRows: number }[];
  longestTaskMs: number;
  tasksOver50Ms: number;
  /** Steps at which the viewport had a gap without a row (a blank flash). */
  blankSteps: number;
  /** The time limit ended the scroll before the list's end. */
  timedOut: boolean;
}

export interface ScrollOptions {
  /** How far one step scrolls, in screens (the list's visible height). Below 1 every row passes through view; default 0.8. */
  stepScreens?: number;
  /** Stops scrolling (with `timedOut`) after this long; default 120 s. */
  timeoutMs?: number;
}

// The function below runs in the page; this file is type-checked without the DOM library, so it names the little it uses.
interface Rect {
  top: number;
  bottom: number;
  height: number;
}
interface PageElement {
  scrollTop: number;
  readonly clientHeight: number;
  readonly scrollHeight: number;
  readonly id: string;
  readonly dataset: Record<string, string | undefined>;
  readonly firstElementChild: { offsetHeight: number } | null;
  getBoundingClientRect(): Rect;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface PageGlobals {
  requestAnimationFrame(callback: () => void): number;
}

export async function scrollWholeList(list: Locator, options: ScrollOptions = {}): Promise<ScrollMeasurement> {
  const settings = { stepScreens: options.stepScreens ?? 0.8, timeoutMs: options.timeoutMs ?? 120_000 };
  if (!(settings.stepScreens > 0)) throw new Error(`stepScreens must be above 0, got ${settings.stepScreens}`);
  return list.evaluate(async (element, { stepScreens, timeoutMs: limit }) => {
    const el = element as unknown as PageElement;
    const page = globalThis as unknown as PageGlobals;
    const frame = (): Promise<void> => new Promise((resolve) => page.requestAnimationFrame(() => resolve()));
    const longTasks: { startMs: number; durationMs: number; listRows: number }[] = [];
    const observer = new PerformanceObserver((entries) => {
      const listRows = Number(el.dataset.total ?? 0);
      for (const entry of entries.getEntries()) longTasks.push({ startMs: Math.round(entry.startTime), durationMs: Math.round(entry.duration), listRows });
    });
    // 'longtask' is a browser entry type that Node's typings do not list.
    observer.observe({ type: 'longtask' as 'mark', buffered: false });
    const seen = new Set<string>();
    let steps = 0;
    let blankSteps = 0;
    let timedOut = false;
    const started = performance.now();
    el.scrollTop = 0;
    await frame();
    for (;;) {
      await frame();
      await frame();
      const box = el.getBoundingClientRect();
      let covered = 0;
      for (const row of el.querySelectorAll('[data-testid="message-row"]')) {
        seen.add(row.dataset.conversationId ?? '');
        const r = row.getBoundingClientRect();
        covered += Math.max(0, Math.min(r.bottom, box.bottom) - Math.max(r.top, box.top));
      }
      const listHeight = el.firstElementChild?.offsetHeight ?? 0;
      if (covered + 2 < Math.min(box.height, listHeight - el.scrollTop)) blankSteps += 1;
      const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
      if (atEnd && el.dataset.complete === 'true') break;
      if (performance.now() - started > limit) {
        timedOut = true;
        break;
      }
      if (atEnd) {
        // The next page is on its way; give it a moment.
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      el.scrollTop += Math.max(1, Math.floor(el.clientHeight * stepScreens));
      steps += 1;
    }
    // Long tasks are reported after they end: let the last ones arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    observer.disconnect();
    const longest = longTasks.reduce((max, task) => Math.max(max, task.durationMs), 0);
    return {
      rowsSeen: seen.size,
      rowsInList: Number(el.dataset.total ?? 0),
      steps,
      durationMs: Math.round(performance.now() - started),
      longTasks,
      longestTaskMs: longest,
      tasksOver50Ms: longTasks.filter((task) => task.durationMs > 50).length,
      blankSteps,
      timedOut,
    };
  }, settings);
}

export function writeMeasurement(name: string, data: unknown): string {
  const file = path.resolve(import.meta.dirname, '..', '..', '..', 'reports', `${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}
