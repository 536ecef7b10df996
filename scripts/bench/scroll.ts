/**
 * `npm run bench:scroll`: scrolling a triage drawer of a 100,000-conversation
 * desk in Chromium, measuring long tasks (issue 5: none over 50 ms).
 *
 * 1. Builds the same cache as `bench:triage` (scripts/bench/support/
 *    triage-cache.ts) in a temp dir, folds it, adds the team ops and folds
 *    again (by the wall clock, as the host does), so the host starts on a
 *    cache with nothing left to fold.
 * 2. Starts the real browser-mode core host on it (needs the built renderer:
 *    `npx vite build -c src-renderer/vite.config.ts`), opens it in Debian's
 *    Chromium, clicks the drawer (default "open": every open conversation)
 *    and scrolls the list from the first row to the last with the e2e
 *    helper scrollWholeList, which loads every page on the way and records
 *    every long task the main thread had.
 * 3. Prints the figures, writes reports/bench/scroll.json and screenshots
 *    reports/screenshots/bench-scroll-{start,end}.png. Nothing is asserted.
 *
 * Coverage: by default a step scrolls 0.8 of the list's height, so every row
 * passes through view; at 100k conversations (48,139 open rows, 6 rows a
 * step, 2 frames a step: 8,049 steps) the scroll takes about 5 minutes, and
 * building and folding the cache 2 more (`--cache` skips that).
 * `--step-screens 4` scrolls four screens a step (every page still loads,
 * only about a fifth of the rows are painted) in about a minute.
 *
 * Options: --drawer ID (default open), --step-screens N (default 0.8),
 * --timeout-min N (default 45), --cache DIR (keep the folded cache in DIR:
 * built there once, copied from there on later runs; for iterating on the
 * renderer), --trace FILE (record a Chromium performance trace of the scroll
 * to FILE: tasks, script, style, layout, paint and GC, as DevTools' Performance
 * panel shows them; load it there to see what a long task was; about 1 MB per
 * second of scrolling). SB_BENCH_CONVERSATIONS overrides 100,000.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { chromiumArgs } from '../../playwright.config.ts';
import { systemClock } from '../../src-main/core/clock.ts';
import { EventBus } from '../../src-main/core/events.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import { createLocalActor } from '../../src-main/core/team/local-actor.ts';
import { startTriage } from '../../src-main/core/triage/triage.service.ts';
import { startCoreHost } from '../../tests/e2e/support/core-host.ts';
import type { CoreHost } from '../../tests/e2e/support/core-host.ts';
import { scrollWholeList } from '../../tests/e2e/support/long-tasks.ts';
import { build, conversationRoots, foldBacklog, seedBillingGroup, teamOps } from './support/triage-cache.ts';

const root = path.resolve(import.meta.dirname, '../..');
const TARGET = Number(process.env.SB_BENCH_CONVERSATIONS ?? 100_000);
const VIEWPORT = { width: 1360, height: 850 };
const CACHE_FILE = 'cache.sqlite';
const round = (n: number): number => Math.round(n * 100) / 100;

function options() {
  const { values } = parseArgs({
    options: {
      drawer: { type: 'string', default: 'open' },
      'step-screens': { type: 'string', default: '0.8' },
      'timeout-min': { type: 'string', default: '45' },
      cache: { type: 'string' },
      trace: { type: 'string' },
    },
  });
  const stepScreens = Number(values['step-screens']);
  const timeoutMin = Number(values['timeout-min']);
  if (!(stepScreens > 0)) throw new Error(`--step-screens must be a number above 0, got ${values['step-screens']}`);
  if (!(timeoutMin > 0)) throw new Error(`--timeout-min must be a number above 0, got ${values['timeout-min']}`);
  return {
    drawer: values.drawer,
    stepScreens,
    timeoutMs: timeoutMin * 60_000,
    cache: values.cache ? path.resolve(values.cache) : null,
    trace: values.trace ? path.resolve(values.trace) : null,
  };
}

/** Builds and folds the desk in `dir`, as bench:triage does, and closes it; returns what it built. */
async function buildFoldedCache(dir: string): Promise<{ buildSeconds: number; foldSeconds: number; teamOps: number }> {
  const { db, buildSeconds } = build(dir, TARGET);
  try {
    // The wall clock, not bench:triage's fixed NOW: the host folds by the wall clock, and a cache folded
    // at NOW would have its snoozes, SLAs and auto-closes come due at start, refolding for a minute.
    const clock = systemClock;
    const actor = createLocalActor(db, clock);
    seedBillingGroup(db, actor.node);
    const triage = startTriage({ db, events: new EventBus(), actor, clock, log: silentLogger });
    const counts = triage.handlers['triage.counts'];
    const started = performance.now();
    while (foldBacklog(db) > 0) await counts({ accountId: null });
    const ops = teamOps(db, conversationRoots(db));
    while (foldBacklog(db) > 0) await counts({ accountId: null });
    const foldSeconds = (performance.now() - started) / 1000;
    triage.close();
    return { buildSeconds, foldSeconds, teamOps: ops };
  } finally {
    db.close();
  }
}

async function main(): Promise<number> {
  const opts = options();
  if (!fs.existsSync(path.join(root, 'out/renderer/index.html'))) {
    console.error('The renderer is not built (out/renderer/index.html is missing). Build it first:\n  npx vite build -c src-renderer/vite.config.ts');
    return 1;
  }
  const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, ramGb: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, chromium: '' };
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, Node ${machine.node}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-scroll-'));
  let host: CoreHost | null = null;
  let browser: Browser | null = null;
  const cleanUp = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await host?.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // Ctrl-C still removes the temp dir (a 100k cache is a few hundred MB).
  const onSignal = (signal: NodeJS.Signals): void => {
    console.error(`\n${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let corpus: { buildSeconds: number | null; foldSeconds: number | null; teamOps: number | null; from: string };
    const cached = opts.cache ? path.join(opts.cache, CACHE_FILE) : null;
    if (cached && fs.existsSync(cached)) {
      fs.copyFileSync(cached, path.join(dir, CACHE_FILE));
      corpus = { buildSeconds: null, foldSeconds: null, teamOps: null, from: cached };
      console.log(`copied the folded cache from ${cached}`);
    } else {
      const built = await buildFoldedCache(dir);
      corpus = { ...built, from: 'built' };
      console.log(`built ${TARGET} conversations in ${built.buildSeconds.toFixed(1)} s; folded them with ${built.teamOps} team ops in ${built.foldSeconds.toFixed(1)} s`);
      if (cached) {
        fs.mkdirSync(path.dirname(cached), { recursive: true });
        fs.copyFileSync(path.join(dir, CACHE_FILE), cached);
        console.log(`kept the folded cache in ${cached}`);
      }
    }

    let started = performance.now();
    host = await startCoreHost({ dataDir: dir });
    const hostStartMs = Math.round(performance.now() - started);
    browser = await chromium.launch({ executablePath: process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
    machine.chromium = browser.version();
    const page = await browser.newPage({ viewport: VIEWPORT });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // Page load: from navigation to the first list row, then to the drawer counts.
    started = performance.now();
    await page.goto(host.url);
    await page.getByTestId('message-row').first().waitFor({ timeout: 120_000 });
    const firstRowMs = Math.round(performance.now() - started);
    const drawer = page.getByTestId(`drawer-${opts.drawer}`);
    await page.locator(`[data-testid="drawer-${opts.drawer}"][data-count]`).waitFor({ timeout: 120_000 });
    const countsMs = Math.round(performance.now() - started);
    const expectedRows = Number(await drawer.getAttribute('data-count'));

    started = performance.now();
    await drawer.click();
    await page.locator(`[data-testid="drawer-${opts.drawer}"][aria-current="page"]`).waitFor();
    const list = page.getByTestId('message-list');
    await list.locator('[data-testid="message-row"]').first().waitFor({ timeout: 60_000 });
    const drawerFirstRowMs = Math.round(performance.now() - started);
    await page.screenshot({ path: screenshot('start') });
    console.log(`host started in ${hostStartMs} ms; first row ${firstRowMs} ms after navigation, drawer counts ${countsMs} ms; drawer "${opts.drawer}" (${expectedRows} rows) showed its first row ${drawerFirstRowMs} ms after the click`);
    console.log(`scrolling ${opts.stepScreens} screens a step${opts.stepScreens < 1 ? ' (every row passes through view)' : ' (rows are skipped; every page still loads)'}…`);

    // The categories DevTools' Performance panel records, without screenshots and JS samples.
    if (opts.trace) await browser.startTracing(page, { path: opts.trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.gc', 'disabled-by-default-v8.gc', 'blink.user_timing'] });
    const measured = await scrollWholeList(list, { stepScreens: opts.stepScreens, timeoutMs: opts.timeoutMs });
    if (opts.trace) {
      await browser.stopTracing();
      console.log(`Chromium performance trace written to ${opts.trace}`);
    }
    await page.screenshot({ path: screenshot('end') });
    const heapMb = await page.evaluate(() => {
      // Chromium-only and not in the Node typings this script is checked with.
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return memory ? Math.round(memory.usedJSHeapSize / 2 ** 20) : null;
    });

    const over50 = measured.longTasks.filter((task) => task.durationMs > 50);
    const report = {
      generatedAt: new Date().toISOString(),
      machine,
      corpus: { conversations: TARGET, ...corpus, buildSeconds: corpus.buildSeconds === null ? null : round(corpus.buildSeconds), foldSeconds: corpus.foldSeconds === null ? null : round(corpus.foldSeconds) },
      goal: 'no long task over 50 ms while scrolling the whole list',
      setup: { drawer: opts.drawer, viewport: VIEWPORT, stepScreens: opts.stepScreens, everyRowInView: opts.stepScreens < 1, timeoutMs: opts.timeoutMs },
      pageLoad: { hostStartMs, firstRowMs, drawerCountsMs: countsMs, drawerFirstRowMs },
      scroll: {
        expectedRows,
        rowsInList: measured.rowsInList,
        rowsSeen: measured.rowsSeen,
        steps: measured.steps,
        durationMs: measured.durationMs,
        msPerStep: measured.steps > 0 ? round(measured.durationMs / measured.steps) : null,
        timedOut: measured.timedOut,
        blankSteps: measured.blankSteps,
        longTaskCount: measured.longTasks.length,
        longestTaskMs: measured.longestTaskMs,
        tasksOver50Ms: measured.tasksOver50Ms,
        longTaskTotalMs: measured.longTasks.reduce((sum, task) => sum + task.durationMs, 0),
        longTasks: measured.longTasks,
      },
      rendererHeapMb: heapMb,
      pageErrors,
    };

    console.log(`\nrows: ${measured.rowsSeen} seen of ${measured.rowsInList} in the list (drawer count ${expectedRows})${measured.timedOut ? ' — TIMED OUT before the end' : ''}`);
    console.log(`steps: ${measured.steps} in ${(measured.durationMs / 1000).toFixed(1)} s (${report.scroll.msPerStep ?? '-'} ms a step); blank steps: ${measured.blankSteps}`);
    console.log(`long tasks: ${measured.longTasks.length}, longest ${measured.longestTaskMs} ms, ${over50.length} over 50 ms (${report.scroll.longTaskTotalMs} ms in all)`);
    if (heapMb !== null) console.log(`renderer JS heap at the end: ${heapMb} MB`);
    if (pageErrors.length > 0) console.log(`page errors: ${pageErrors.length} (first: ${pageErrors[0]})`);
    const out = path.join(root, 'reports/bench/scroll.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`written ${path.relative(process.cwd(), out)}, reports/screenshots/bench-scroll-{start,end}.png`);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanUp();
  }
}

function screenshot(name: string): string {
  const dir = path.join(root, 'reports/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `bench-scroll-${name}.png`);
}

process.exitCode = await main();
