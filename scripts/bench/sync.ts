/**
 * `npm run bench:sync -- --messages N`: the sync engine against a throwaway
 * Dovecot, next to the bare ceilings on the same mailbox.
 *
 * 1. Corpus: the demo generator (several seeds until N messages; customer
 *    mail in INBOX, agents' replies in Sent, spam in Junk), written straight
 *    into Dovecot's Maildir (cur/, flags in the file name, mtime = date)
 *    rather than APPENDed: 50,000 APPENDs take minutes, files take seconds.
 * 2. Warm-up: every folder is read once (index built, Dovecot's cache filled)
 *    so that no measurement pays for the server's first look.
 * 3. Ceilings (sync-ceilings.ts): imapflow fetching envelopes only; imapflow
 *    fetching sources + mailparser + a plain SQLite/FTS5 insert; mbsync. And
 *    floors, not goals: imapflow fetching the header lines core's header
 *    phase asks for, with nothing done with them, and the whole header
 *    blocks for comparison; and a bare listing (those lines + mailparser +
 *    a plain insert under a UNIQUE dedupe key).
 * 4. Core (sync-core-child.ts) in a child process, bundled to JavaScript
 *    with its worker entries as the app ships it (bundle-core.ts;
 *    `--from-source` runs the .ts sources instead, where every isolate also
 *    loads Node's type stripping): time to the first stored
 *    page, to all headers listed (first full pass done), to all bodies cached
 *    and indexed; no-change resyncs; the child's peak RSS; per phase, the
 *    longest the event loop was held (how long an agent's request waits);
 *    core's CPU time (all threads) until headers and until everything, and
 *    that time over the machine's cores next to each goal's time: the
 *    shortest wall time the work allows even with every core busy.
 *    `--breakdown` runs core a second time without the after-store steps
 *    (threading, contacts, and so without provisional conversations), to
 *    show the sync engine's own share.
 *    `--core-only` skips step 3 (about three minutes at 50,000): for
 *    comparing two versions of core run after run, not for the ratios.
 *    `--trace-headers` gives every message the ~3 KB of transport headers
 *    (Received, DKIM, ARC, ...) real mail carries and the generator leaves
 *    out (trace-headers.ts); it changes every figure, so compare runs with
 *    and without it only by their ratios.
 *    `--core-node-flags "..."` starts core's process with those Node flags
 *    instead of the flags core runs with everywhere (CORE_NODE_FLAGS below);
 *    MALLOC_ARENA_MAX in the bench's own environment overrides core's default.
 * Disk speed varies up to 3× between runs on these machines: compare only
 * figures of one run. Writes reports/bench/sync.json.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';
import { generateDemoMailbox } from '../../src-main/core/demo/demo-mailbox.ts';
import type { DemoMessage } from '../../src-main/core/demo/demo-mailbox.ts';
import { startDovecot } from '../../tests/support/dovecot.ts';
import type { Server } from './sync-ceilings.ts';
import { bareEnvelopes, bareFullPipeline, bareHeaderBlocks, bareListing, bareWholeHeaderBlocks, mbsyncFull } from './sync-ceilings.ts';
import { bundleCore } from './bundle-core.ts';
import { withTraceHeaders } from './trace-headers.ts';
import { HEADER_FETCH_QUERY } from '../../src-main/core/sync/header-batch.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const USER = 'bench@example.test';
const PASSWORD = 'bench-pw';
const GOALS = { headersRatio: 1.5, bodiesRatio: 1.2, resyncMs: 200, rssMb: 300 };
// What Electron (src-main/app/core-process.ts CORE_EXEC_ARGV, CORE_MEMORY_ENV), scripts/start.sh and `npm run host` start core with.
const CORE_NODE_FLAGS = ['--max-semi-space-size=8', '--heap-growing-percent=50'];
const CORE_MEMORY_ENV = { MALLOC_ARENA_MAX: '1' };

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) throw new Error(`${name} must be an integer between 1 and 1,000,000`);
  return value;
}

function generate(target: number): DemoMessage[] {
  const out: DemoMessage[] = [];
  for (let seed = 1; out.length < target; seed++) {
    const conversations = Math.min(20_000, Math.max(20, Math.ceil((target - out.length) / 3.2)));
    for (const m of generateDemoMailbox({ seed, now: NOW, conversations })) {
      if (out.length >= target) break;
      out.push(m);
    }
  }
  return out;
}

const maildirOf: Record<DemoMessage['folder'], string> = { INBOX: '', Sent: '.Sent', Junk: '.Junk' };

function writeMaildir(mailRoot: string, mail: readonly DemoMessage[]): void {
  for (const sub of Object.values(maildirOf)) for (const d of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(mailRoot, sub, d), { recursive: true });
  mail.forEach((m, i) => {
    const flags = m.flags.includes('\\Seen') ? 'S' : '';
    const file = path.join(mailRoot, maildirOf[m.folder], 'cur', `${Math.floor(m.date / 1000)}.M${i}P1.bench,S=${m.raw.length}:2,${flags}`);
    fs.writeFileSync(file, m.raw);
    fs.utimesSync(file, m.date / 1000, m.date / 1000);
  });
}

async function warmUp(s: Server): Promise<void> {
  const c = new ImapFlow({ host: '127.0.0.1', port: s.port, secure: false, doSTARTTLS: false, auth: { user: s.user, pass: s.password }, logger: false });
  await c.connect();
  for (const folder of s.folders) {
    const lock = await c.getMailboxLock(folder);
    try {
      for await (const m of c.fetch('1:*', { uid: true, flags: true, size: true, internalDate: true, envelope: true, headers: true, source: true })) void m;
      // Dovecot caches the header fields a client asks for by name: core's first pass must not pay for that.
      for await (const m of c.fetch('1:*', HEADER_FETCH_QUERY)) void m;
    } finally {
      lock.release();
    }
  }
  await c.logout();
}

interface CoreFigures {
  firstPageMs: number;
  headersMs: number;
  /** When the threading queue a large listing leaves was empty (null: nothing was deferred). */
  threadedMs: number | null;
  headersCpuMs: number;
  headersServerCpuMs: number;
  bodiesMs: number;
  bodiesCpuMs: number;
  bodiesServerCpuMs: number;
  resyncMs: number[];
  messages: number;
  backlog: number;
  unindexed: number;
  maxRssMb: number;
  /** The peak RSS so far when each phase ended (headers, threading, bodies, resyncs). */
  maxRssMbAt: Record<string, number>;
  /** Per phase (headers, threading, bodies): the longest and 99th-percentile event-loop delay in core. */
  loopDelayMs: Record<string, { max: number; p99: number }>;
}

function runCore(dir: string, port: number, options: { syncOnly: boolean; nodeFlags: string[]; entry: string }): Promise<CoreFigures> {
  return new Promise((resolve, reject) => {
    const dataDir = fs.mkdtempSync(path.join(dir, 'core-'));
    const args = ['--disable-warning=ExperimentalWarning', ...options.nodeFlags, options.entry, dataDir, String(port), USER, PASSWORD];
    const proc = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...CORE_MEMORY_ENV, ...process.env, SB_BENCH_SYNC_ONLY: options.syncOnly ? '1' : '0' },
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`core child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as CoreFigures);
    });
  });
}

type Ceilings = Awaited<ReturnType<typeof measureCeilings>>;

/** Step 3: the bare ceilings and floors on the same mailbox, printed as they are measured. */
async function measureCeilings(server: Server, dir: string) {
  const envelopes = await bareEnvelopes(server);
  console.log(`ceiling, imapflow envelopes only:            ${s1(envelopes.ms)} (${envelopes.messages}; client CPU ${s1(envelopes.cpuMs)}, server CPU ${s1(envelopes.serverCpuMs)})`);
  const headerBlocks = await bareHeaderBlocks(server);
  console.log(`floor, imapflow header lines core fetches:   ${s1(headerBlocks.ms)} (${headerBlocks.messages}; ${(headerBlocks.ms / envelopes.ms).toFixed(2)}× envelopes: core's fetch alone; client CPU ${s1(headerBlocks.cpuMs)}, server CPU ${s1(headerBlocks.serverCpuMs)})`);
  const wholeHeaders = await bareWholeHeaderBlocks(server);
  console.log(`  for comparison, whole header blocks:        ${s1(wholeHeaders.ms)} (${wholeHeaders.messages}; ${(wholeHeaders.ms / envelopes.ms).toFixed(2)}× envelopes; client CPU ${s1(wholeHeaders.cpuMs)}, server CPU ${s1(wholeHeaders.serverCpuMs)})`);
  const listing = await bareListing(server, dir);
  console.log(`floor, header blocks + mailparser + insert:  ${s1(listing.ms)} (${listing.messages}; ${(listing.ms / envelopes.ms).toFixed(2)}× envelopes: a bare listing, no threading; client CPU ${s1(listing.cpuMs)}, server CPU ${s1(listing.serverCpuMs)})`);
  const full = await bareFullPipeline(server, dir);
  console.log(`ceiling, imapflow + mailparser + SQLite/FTS5: ${s1(full.ms)} (${full.messages}; client CPU ${s1(full.cpuMs)}, server CPU ${s1(full.serverCpuMs)})`);
  const mbsync = mbsyncFull(server, dir);
  console.log(mbsync ? `mbsync full sync:                             ${s1(mbsync.ms)} (${mbsync.messages})` : 'mbsync: not installed');
  return { envelopes, headerBlocks, wholeHeaders, listing, full, mbsync };
}

function ceilingFigures({ envelopes, headerBlocks, wholeHeaders, listing, full, mbsync }: Ceilings) {
  return { envelopesMs: envelopes.ms, envelopesCpuMs: envelopes.cpuMs, envelopesServerCpuMs: envelopes.serverCpuMs, headerBlocksMs: headerBlocks.ms, headerBlocksCpuMs: headerBlocks.cpuMs, headerBlocksServerCpuMs: headerBlocks.serverCpuMs, wholeHeaderBlocksMs: wholeHeaders.ms, wholeHeaderBlocksCpuMs: wholeHeaders.cpuMs, bareListingMs: listing.ms, bareListingCpuMs: listing.cpuMs, bareListingServerCpuMs: listing.serverCpuMs, fullPipelineMs: full.ms, fullPipelineCpuMs: full.cpuMs, fullPipelineServerCpuMs: full.serverCpuMs, mbsyncMs: mbsync?.ms ?? null };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const s1 = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const target = argValue('--messages', 5_000);
  const breakdown = process.argv.includes('--breakdown');
  const coreOnly = process.argv.includes('--core-only');
  const traceHeaders = process.argv.includes('--trace-headers');
  const fromSource = process.argv.includes('--from-source');
  // Core as it ships (bundled JavaScript), unless asked to run its .ts sources as the tests do.
  const entry = fromSource ? path.join(here, 'sync-core-child.ts') : await bundleCore();
  const flagsAt = process.argv.indexOf('--core-node-flags');
  const nodeFlags = flagsAt >= 0 ? (process.argv[flagsAt + 1] ?? '').split(/\s+/).filter(Boolean) : CORE_NODE_FLAGS;
  const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, ramGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  console.log(`bench:sync — ${target} messages — ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM`);
  let t = performance.now();
  const generated = generate(target);
  const mail = traceHeaders ? generated.map((m, i) => ({ ...m, raw: withTraceHeaders(m.raw, i, m.date) })) : generated;
  const distinctIds = new Set(mail.map((m) => m.raw.toString('latin1').match(/^Message-ID:\s*(\S+)/im)?.[1] ?? '')).size;
  console.log(`corpus: ${mail.length} messages (${distinctIds} distinct Message-IDs), ${(mail.reduce((a, m) => a + m.raw.length, 0) / 2 ** 20).toFixed(1)} MB, generated in ${s1(performance.now() - t)}${traceHeaders ? ', with real mail\'s transport headers (--trace-headers)' : ''}`);

  const dovecot = await startDovecot({ users: [{ user: USER, password: PASSWORD }] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-sync-'));
  try {
    t = performance.now();
    writeMaildir(path.join(dovecot.dir, 'mail', USER), mail);
    execFileSync('chown', ['-R', 'dovecot:dovecot', path.join(dovecot.dir, 'mail')]);
    console.log(`seeded: Maildir files written directly in ${s1(performance.now() - t)}`);
    const server: Server = { port: dovecot.port, user: USER, password: PASSWORD, folders: ['INBOX', 'Sent', 'Junk'] };
    t = performance.now();
    await warmUp(server);
    console.log(`warm-up read of every folder: ${s1(performance.now() - t)}`);

    const ceilings = coreOnly ? null : await measureCeilings(server, dir);
    console.log(`core runs from ${fromSource ? 'its TypeScript sources (--from-source)' : 'a JavaScript bundle, as shipped'}`);
    const core = await runCore(dir, dovecot.port, { syncOnly: false, nodeFlags, entry });
    const resync = median(core.resyncMs);
    console.log(
      `core: first page stored after ${s1(core.firstPageMs)}; all headers listed ${s1(core.headersMs)}; ${core.threadedMs === null ? '' : `all threaded ${s1(core.threadedMs)}; `}bodies cached and indexed ${s1(core.bodiesMs)}`,
    );
    console.log(`core: CPU until all headers listed: core ${s1(core.headersCpuMs)} (all threads), server ${s1(core.headersServerCpuMs)}; until bodies cached and indexed: core ${s1(core.bodiesCpuMs)}, server ${s1(core.bodiesServerCpuMs)}`);
    const held = Object.entries(core.loopDelayMs).map(([phase, d]) => `${phase} ${d.max} ms (p99 ${d.p99} ms)`);
    console.log(`core: longest event-loop hold (a request from the agent waits this long): ${held.join('; ')}`);
    console.log(`core: peak RSS so far at the end of each phase: ${Object.entries(core.maxRssMbAt).map(([phase, mb]) => `${phase} ${mb} MB`).join(', ')}`);
    console.log(`core: no-change resync median ${resync.toFixed(1)} ms (${core.resyncMs.map((x) => x.toFixed(1)).join(', ')}); peak RSS ${core.maxRssMb.toFixed(0)} MB; ${core.messages} messages, ${core.backlog} without body, ${core.unindexed} not yet in the search index`);

    const ratios = ceilings && {
      headers: core.headersMs / ceilings.envelopes.ms,
      bodies: core.bodiesMs / ceilings.full.ms,
      bodiesPhaseOnly: (core.bodiesMs - core.headersMs) / ceilings.full.ms,
      vsMbsync: ceilings.mbsync ? core.bodiesMs / ceilings.mbsync.ms : null,
    };
    // The shortest wall time core's own CPU time allows with every core busy all along: a goal below it
    // needs less work per message, not better overlap.
    const cpuFloor = ceilings && {
      headersMs: core.headersCpuMs / machine.cores,
      headersGoalMs: ceilings.envelopes.ms * GOALS.headersRatio,
      bodiesMs: core.bodiesCpuMs / machine.cores,
      bodiesGoalMs: ceilings.full.ms * GOALS.bodiesRatio,
    };
    const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');
    console.log('');
    if (ratios) {
      console.log(`headers listed / bare envelopes:          ${ratios.headers.toFixed(2)}× (goal ≤ ${GOALS.headersRatio}) ${verdict(ratios.headers <= GOALS.headersRatio)}`);
      console.log(`bodies cached+indexed / bare full:         ${ratios.bodies.toFixed(2)}× (goal ≤ ${GOALS.bodiesRatio}) ${verdict(ratios.bodies <= GOALS.bodiesRatio)}`);
      console.log(`  (body phase alone / bare full:           ${ratios.bodiesPhaseOnly.toFixed(2)}×)`);
      if (cpuFloor) {
        const floorLine = (what: string, floor: number, goal: number): string =>
          `  core's CPU time until ${what} / ${machine.cores} cores: ≥ ${s1(floor)} of wall time; the goal allows ${s1(goal)}`;
        console.log(floorLine('headers listed', cpuFloor.headersMs, cpuFloor.headersGoalMs));
        console.log(floorLine('bodies cached ', cpuFloor.bodiesMs, cpuFloor.bodiesGoalMs));
      }
      if (ratios.vsMbsync !== null) console.log(`everything cached / mbsync:                ${ratios.vsMbsync.toFixed(2)}×`);
    } else {
      console.log('ceilings not measured (--core-only): no ratios');
    }
    console.log(`no-change resync:                          ${resync.toFixed(1)} ms (goal < ${GOALS.resyncMs}) ${verdict(resync < GOALS.resyncMs)}`);
    console.log(`core peak RSS:                             ${core.maxRssMb.toFixed(0)} MB (goal < ${GOALS.rssMb}) ${verdict(core.maxRssMb < GOALS.rssMb)}`);
    console.log(`throughput:                                ${Math.round(core.messages / (core.bodiesMs / 1000))} messages/s (everything cached)`);
    let syncOnly: CoreFigures | null = null;
    if (breakdown) {
      syncOnly = await runCore(dir, dovecot.port, { syncOnly: true, nodeFlags, entry });
      console.log('');
      const of = (ms: number, ceiling: number | undefined, what: string): string => (ceiling === undefined ? '' : ` (${(ms / ceiling).toFixed(2)}× ${what})`);
      console.log(`breakdown — core without the threading/contacts steps: headers ${s1(syncOnly.headersMs)}${of(syncOnly.headersMs, ceilings?.envelopes.ms, 'envelopes')}, everything ${s1(syncOnly.bodiesMs)}${of(syncOnly.bodiesMs, ceilings?.full.ms, 'bare full')}, peak RSS ${syncOnly.maxRssMb.toFixed(0)} MB`);
      // A listing large enough defers threading and contacts: what is left of them in the header phase is the provisional conversations.
      const what = core.threadedMs === null ? 'threading + contacts steps' : 'provisional conversations (threading deferred)';
      console.log(`            ${what} cost ${s1(core.headersMs - syncOnly.headersMs)} of the ${s1(core.headersMs)} header phase`);
    }

    const report = {
      date: new Date().toISOString(),
      messages: mail.length,
      seeding: 'Maildir files written directly before the first login (not APPEND)',
      traceHeaders,
      machine,
      ceilings: ceilings && ceilingFigures(ceilings),
      coreNodeFlags: nodeFlags,
      coreRunsFrom: fromSource ? 'typescript sources (type stripping)' : 'bundled JavaScript, as shipped',
      core: { ...core, resyncMedianMs: resync, messagesPerSecond: core.messages / (core.bodiesMs / 1000) },
      coreWithoutThreadingAndContacts: syncOnly,
      ratios,
      cpuFloor,
      goals: GOALS,
    };
    fs.mkdirSync(path.join(root, 'reports', 'bench'), { recursive: true });
    fs.writeFileSync(path.join(root, 'reports', 'bench', 'sync.json'), JSON.stringify(report, null, 2) + '\n');
    console.log(`\nwrote reports/bench/sync.json`);
  } finally {
    await dovecot.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
