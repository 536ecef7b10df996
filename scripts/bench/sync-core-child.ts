/**
 * Core's side of `npm run bench:sync`, in its own process so its peak RSS is
 * its own: opens a fresh cache, syncs one account with the real engine and
 * the real pipeline (threading, contacts, full-text triggers), then measures
 * no-change resyncs. Prints one JSON line with the figures, including a
 * memory timeline five times a second (RSS next to the V8 heap and Buffers, to
 * tell garbage-sized heaps from native memory), and per phase the longest
 * the event loop was held: how long an agent's request (open a
 * conversation, list a folder) could wait for core during the sync.
 *
 * Usage: node sync-core-child.ts <dataDir> <port> <user> <password>
 * With SB_BENCH_SYNC_ONLY=1 the after-store steps (threading, contacts,
 * full-text indexing of new rows) are not loaded: the sync engine's own share, for the breakdown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { insertAccount } from '../../src-main/core/db/accounts.repo.ts';
import { countBodyBacklog } from '../../src-main/core/db/bodies.repo.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { countMessages } from '../../src-main/core/db/messages.repo.ts';
import { countQueuedForIndex } from '../../src-main/core/db/search.repo.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import { AccountSync } from '../../src-main/core/sync/account-sync.ts';
import { serverCpuSince, serverImapCpu } from './sync-ceilings.ts';

const [dataDir, port, user, password] = process.argv.slice(2);
if (!dataDir || !port || !user || !password) throw new Error('usage: sync-core-child.ts <dataDir> <port> <user> <password>');

// Importing the index step registers threading, contacts and full-text indexing in the pipeline, as core does.
if (process.env.SB_BENCH_SYNC_ONLY !== '1') await import('../../src-main/core/search/index-step.ts');
const { db } = openDatabase(path.join(dataDir, 'cache.sqlite'));
const accountId = insertAccount(db, { kind: 'imap', name: 'Bench', email: user, imap: null, smtp: null, secret: null, createdAt: Date.now() });
let firstPageMs: number | null = null;
let headersMs: number | null = null;
// A large listing leaves a threading queue: when the sync moved past its phase, everything was threaded.
let threadingSeen = false;
let threadedMs: number | null = null;
// CPU spent by core (all its threads) and by the server's imap processes until all headers were listed, and until all bodies were.
let headersCpuMs: number | null = null;
let headersServerCpuMs: number | null = null;
let t0 = 0;
let cpu0 = process.cpuUsage();
// Sampled every 10 ms; each phase's figures are taken and the histogram reset when the next phase starts.
const loop = monitorEventLoopDelay({ resolution: 10 });
const loopDelayMs: Record<string, { max: number; p99: number }> = {};
/**
 * This process's own peak RSS. Not getrusage's maxRSS: Linux carries a
 * parent's peak across fork and exec into the child's, so core started by a
 * bench process that had just run the ceilings reported the bench's ~350 MB
 * as its own. VmHWM is the high-water mark of this process's own memory.
 */
function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s*(\d+)\s*kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: getrusage is the best there is.
  }
  return process.resourceUsage().maxRSS / 1024;
}

// The peak so far when each phase ends: which phase the peak belongs to, even when it is a spike between two samples.
const maxRssMbAt: Record<string, number> = {};
const endLoopPhase = (name: string): void => {
  loopDelayMs[name] = { max: Math.round(loop.max / 1e6), p99: Math.round(loop.percentile(99) / 1e6) };
  loop.reset();
  maxRssMbAt[name] = Math.round(peakRssMb());
};
let server0 = serverImapCpu();
const sync = new AccountSync({
  db,
  dataDir,
  accountId,
  imap: { host: '127.0.0.1', port: Number(port), security: 'none', user, password },
  log: silentLogger,
  idle: false,
  pollIntervalMs: 3_600_000,
  onHealth: (h) => {
    if (h.progress?.phase === 'threading') threadingSeen = true;
    else if (threadingSeen && threadedMs === null) {
      threadedMs = performance.now() - t0;
      endLoopPhase('threading');
    }
    if (headersMs === null && h.lastSyncAt !== null) {
      headersMs = performance.now() - t0;
      endLoopPhase('headers');
      const used = process.cpuUsage(cpu0);
      headersCpuMs = (used.user + used.system) / 1000;
      headersServerCpuMs = serverCpuSince(server0);
    }
  },
  onMessagesChanged: () => {
    firstPageMs ??= performance.now() - t0;
  },
});

// Where the memory is, five times a second (a header-phase spike lasts under a second): the V8 heap, Buffers (external/arrayBuffers) and the rest (native: SQLite, malloc).
const memoryTimeline: Array<{ s: number; rss: number; anon: number | null; heap: number; heapTotal: number; external: number; buffers: number }> = [];
const mb = (n: number): number => Math.round(n / 2 ** 20);
/** Anonymous resident memory (heaps, malloc, thread stacks) apart from mapped files such as node's own binary. */
function rssAnonMb(): number | null {
  try {
    const anon = /RssAnon:\s*(\d+)\s*kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return anon ? Math.round(Number(anon[1]) / 1024) : null;
  } catch {
    return null;
  }
}
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  memoryTimeline.push({ s: Math.round((performance.now() - t0) / 100) / 10, rss: mb(m.rss), anon: rssAnonMb(), heap: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), buffers: mb(m.arrayBuffers) });
}, 200);
server0 = serverImapCpu();
cpu0 = process.cpuUsage();
t0 = performance.now();
loop.enable();
sync.start();
await sync.whenIdle();
const bodiesMs = performance.now() - t0;
endLoopPhase('bodies');
loop.disable();
const bodiesUsed = process.cpuUsage(cpu0);
const bodiesCpuMs = (bodiesUsed.user + bodiesUsed.system) / 1000;
const bodiesServerCpuMs = serverCpuSince(server0);
const messages = countMessages(db, accountId);
const backlog = countBodyBacklog(db, accountId);
// "Indexed" must be true: nothing may be left for the first search to index.
const unindexed = countQueuedForIndex(db);
const resyncMs: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await sync.syncNow();
  resyncMs.push(performance.now() - t);
}
maxRssMbAt.resyncs = Math.round(peakRssMb());
clearInterval(sampler);
await sync.stop();
db.close();
process.stdout.write(
  JSON.stringify({
    firstPageMs,
    headersMs,
    threadedMs,
    headersCpuMs,
    headersServerCpuMs,
    bodiesMs,
    bodiesCpuMs,
    bodiesServerCpuMs,
    resyncMs,
    messages,
    backlog,
    unindexed,
    maxRssMb: peakRssMb(),
    maxRssMbAt,
    loopDelayMs,
    memoryTimeline,
    endMemoryMb: Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 2 ** 20)])),
  }) + '\n',
);
