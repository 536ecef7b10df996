/**
 * `npm run bench:search`: search latency and threading throughput at 100,000
 * messages, on this machine, with notmuch as a yardstick when installed.
 *
 * 1. Builds a cache in a temp dir: the demo generator with several seeds
 *    until 100,000 messages, ingested through the real pipeline (parse →
 *    store → thread → contact → full-text triggers), in batches like a sync.
 * 2. Runs 20 representative queries (words, phrases, from:, negation,
 *    has:attachment, dates, as-you-type prefixes) RUNS times each, one page
 *    of 50 conversations with snippets, and prints p50/p95 per query and overall.
 * 3. Threading throughput: the incremental pipeline step as it ran during
 *    ingest, and the pure batch partition over the same 100,000 messages.
 * 4. notmuch, when installed: the same mail as a Maildir, `notmuch new` (in
 *    the background while our cache is built; queries run after both), and
 *    the same queries through `notmuch search` (each run is a process start,
 *    so its baseline — `notmuch count` of nothing — is reported too).
 * Writes reports/bench/search.json. Deletes the temp dir at the end.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import '../../src-main/core/search/index-step.ts';
import { insertAccount } from '../../src-main/core/db/accounts.repo.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { threadSources } from '../../src-main/core/db/thread-index.repo.ts';
import { upsertFolder } from '../../src-main/core/db/folders.repo.ts';
import { DEMO_MAILBOX_ADDRESS, generateDemoMailbox } from '../../src-main/core/demo/demo-mailbox.ts';
import type { DemoMessage } from '../../src-main/core/demo/demo-mailbox.ts';
import { prepareMessages, storePrepared } from '../../src-main/core/mail/ingest.ts';
import type { IngestInput } from '../../src-main/core/mail/ingest.ts';
import { threadingTotals } from '../../src-main/core/conversations/rethread.ts';
import { threadInputOf } from '../../src-main/core/conversations/thread-source.ts';
import { searchConversations } from '../../src-main/core/search/search.service.ts';
import { partition } from '../../src-main/core/threading/index.ts';

const TARGET = Number(process.env.SB_BENCH_MESSAGES ?? 100_000);
const RUNS = 30;
const NOTMUCH_RUNS = 5;
const PAGE = 50;
const BATCH = 500;
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const DAY = 86_400_000;

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const recent = isoDay(NOW - 7 * DAY);
const older = isoDay(NOW - 30 * DAY);

/** [our query, notmuch query]. */
const QUERIES: Array<[string, string]> = [
  ['refund', 'refund'],
  ['order', 'order'],
  ['"order number"', '"order number"'],
  ['"passed inspection"', '"passed inspection"'],
  ['from:chloe', 'from:chloe'],
  ['from:northwind-demo.test', 'from:northwind-demo.test'],
  ['to:support', 'to:support'],
  ['subject:invoice', 'subject:invoice'],
  ['refund -jacket', 'refund and not jacket'],
  ['-refund', 'not refund'],
  ['has:attachment', 'tag:attachment'],
  ['has:attachment invoice', 'tag:attachment and invoice'],
  [`after:${recent} refund`, `date:${recent}.. and refund`],
  [`before:${older} parcel`, `date:..${older} and parcel`],
  ['refu', 'refu*'],
  ['ex', 'ex*'],
  ['rückerstattung', 'rückerstattung'],
  ['zwrot pieniędzy', 'zwrot and pieniędzy'],
  ['colis abîmé', 'colis and abîmé'],
  ['xylophonequartz', 'xylophonequartz'],
];

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

const round = (n: number): number => Math.round(n * 100) / 100;

function generate(): DemoMessage[] {
  const out: DemoMessage[] = [];
  for (let seed = 1; out.length < TARGET; seed++) {
    const needed = TARGET - out.length;
    const conversations = Math.min(20_000, Math.max(50, Math.ceil(needed / 3.2)));
    for (const m of generateDemoMailbox({ seed, now: NOW, conversations })) {
      if (out.length >= TARGET) break;
      out.push(m);
    }
  }
  return out;
}

async function build(dir: string, mail: readonly DemoMessage[]) {
  const { db } = openDatabase(path.join(dir, 'cache.sqlite'));
  const accountId = insertAccount(db, {
    kind: 'demo',
    name: 'Bench',
    email: DEMO_MAILBOX_ADDRESS,
    imap: null,
    smtp: null,
    secret: null,
    createdAt: NOW,
  });
  const folders = new Map<DemoMessage['folder'], number>();
  for (const [name, role] of [['INBOX', 'inbox'], ['Sent', 'sent'], ['Junk', 'junk']] as const) folders.set(name, upsertFolder(db, accountId, name, role).id);
  const inputs: IngestInput[] = mail.map((m, i) => ({
    accountId,
    folderId: folders.get(m.folder) ?? 0,
    uidvalidity: 1,
    uid: i + 1,
    flags: m.flags,
    raw: m.raw,
    internalDate: m.date,
  }));
  let parseMs = 0;
  let storeMs = 0;
  for (let i = 0; i < inputs.length; i += BATCH) {
    const t0 = performance.now();
    const prepared = await prepareMessages(dir, inputs.slice(i, i + BATCH));
    const t1 = performance.now();
    storePrepared(db, prepared);
    storeMs += performance.now() - t1;
    parseMs += t1 - t0;
    if ((i / BATCH) % 20 === 0) process.stdout.write(`\r  ingested ${Math.min(i + BATCH, inputs.length)} / ${inputs.length}`);
  }
  process.stdout.write('\n');
  return { db, accountId, parseMs, storeMs };
}

function runOurs(db: ReturnType<typeof openDatabase>['db'], query: string) {
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    const t0 = performance.now();
    const result = searchConversations(db, { query, accountId: null, cursor: null, limit: PAGE });
    const ms = performance.now() - t0;
    if (i >= 2) times.push(ms);
    hits = result.items.length;
  }
  times.sort((a, b) => a - b);
  return { times, hits };
}

function notmuchAvailable(): boolean {
  return spawnSync('notmuch', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Writes the Maildir and starts `notmuch new` in the background (it indexes while our cache is built). */
function startNotmuch(dir: string, mail: readonly DemoMessage[]): { config: string; done: Promise<number> } {
  const maildir = path.join(dir, 'maildir');
  for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(maildir, sub), { recursive: true });
  mail.forEach((m, i) => fs.writeFileSync(path.join(maildir, 'cur', `${i + 1}.bench:2,S`), m.raw));
  const config = path.join(dir, 'notmuch-config');
  fs.writeFileSync(
    config,
    `[database]\npath=${maildir}\n[user]\nname=Bench\nprimary_email=${DEMO_MAILBOX_ADDRESS}\n[new]\ntags=inbox;\n[search]\nexclude_tags=\n[maildir]\nsynchronize_flags=false\n`,
  );
  const t0 = performance.now();
  const child = spawn('notmuch', [`--config=${config}`, 'new', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`notmuch new failed: ${stderr}`))));
  });
  return { config, done };
}

function runNotmuch(config: string, args: string[]) {
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < NOTMUCH_RUNS + 1; i++) {
    const t0 = performance.now();
    const r = spawnSync('notmuch', [`--config=${config}`, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`notmuch ${args.join(' ')} failed: ${r.stderr}`);
    if (i >= 1) times.push(ms);
    hits = r.stdout.split('\n').filter((l) => l.trim() !== '').length;
  }
  times.sort((a, b) => a - b);
  return { times, hits };
}

async function main(): Promise<void> {
  const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, ramGb: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, Node ${machine.node}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-search-'));
  try {
    let t0 = performance.now();
    const mail = generate();
    const generateSeconds = (performance.now() - t0) / 1000;
    console.log(`generated ${mail.length} messages in ${generateSeconds.toFixed(1)} s`);

    const nm = notmuchAvailable() ? startNotmuch(dir, mail) : null;
    if (nm) console.log('notmuch new is indexing a Maildir of the same mail in the background');
    const built = await build(dir, mail);
    const { db } = built;
    const conversations = (db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;
    const contacts = (db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
    const totals = threadingTotals(db);
    const cacheMb = round(fs.statSync(path.join(dir, 'cache.sqlite')).size / 2 ** 20);
    console.log(
      `ingested: parse ${(built.parseMs / 1000).toFixed(1)} s, store+pipeline ${(built.storeMs / 1000).toFixed(1)} s; ` +
        `${conversations} conversations, ${contacts} contacts, cache ${cacheMb} MB`,
    );

    const ids = (db.prepare('SELECT id FROM messages ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
    const inputs = [];
    for (let i = 0; i < ids.length; i += 5000) inputs.push(...threadSources(db, ids.slice(i, i + 5000)).map(threadInputOf));
    t0 = performance.now();
    const batch = partition(inputs, { ownAddresses: [DEMO_MAILBOX_ADDRESS] });
    const batchMs = performance.now() - t0;
    const threading = {
      incrementalMessagesPerSecond: Math.round(totals.messages / (totals.ms / 1000)),
      incrementalMessages: totals.messages,
      incrementalSeconds: round(totals.ms / 1000),
      batchPartitionMessagesPerSecond: Math.round(inputs.length / (batchMs / 1000)),
      batchConversations: batch.length,
      storedConversations: conversations,
    };
    console.log(
      `threading: incremental pipeline step ${threading.incrementalMessagesPerSecond} msg/s (${threading.incrementalSeconds} s for ${totals.messages}); ` +
        `batch partition ${threading.batchPartitionMessagesPerSecond} msg/s; batch ${batch.length} vs stored ${conversations} conversations`,
    );

    let notmuch: { config: string; indexSeconds: number; baseline: number } | null = null;
    let notmuchNote: string | null = null;
    if (nm) {
      const indexSeconds = await nm.done;
      const baseline = percentile(runNotmuch(nm.config, ['count', 'xylophonequartzbaseline']).times, 50);
      notmuch = { config: nm.config, indexSeconds, baseline };
      console.log(`notmuch new: ${indexSeconds.toFixed(1)} s (in parallel with our ingest); process start + empty count ${baseline.toFixed(1)} ms`);
    } else {
      notmuchNote = 'notmuch is not installed: its column is skipped';
      console.log(notmuchNote);
    }

    const all: number[] = [];
    const rows = QUERIES.map(([ours, theirs]) => {
      const r = runOurs(db, ours);
      all.push(...r.times);
      const row = {
        query: ours,
        p50: round(percentile(r.times, 50)),
        p95: round(percentile(r.times, 95)),
        conversations: r.hits,
        notmuch: null as null | { query: string; p50: number; p95: number; threads: number },
      };
      if (notmuch) {
        const n = runNotmuch(notmuch.config, ['search', '--output=threads', `--limit=${PAGE}`, '--', theirs]);
        row.notmuch = { query: theirs, p50: round(percentile(n.times, 50)), p95: round(percentile(n.times, 95)), threads: n.hits };
      }
      return row;
    });
    all.sort((a, b) => a - b);
    const overall = { p50: round(percentile(all, 50)), p95: round(percentile(all, 95)), max: round(all[all.length - 1] ?? NaN) };

    console.log(`\n${'query'.padEnd(32)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'convs'.padStart(6)}   notmuch p50/p95 ms (threads)`);
    for (const r of rows) {
      const nm = r.notmuch ? `${r.notmuch.p50.toFixed(1)} / ${r.notmuch.p95.toFixed(1)} (${r.notmuch.threads})` : '-';
      console.log(`${r.query.padEnd(32)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${String(r.conversations).padStart(6)}   ${nm}`);
    }
    console.log(`\noverall (${all.length} runs): p50 ${overall.p50} ms, p95 ${overall.p95} ms, max ${overall.max} ms — target p95 ≤ 25 ms`);

    const report = {
      generatedAt: new Date().toISOString(),
      machine,
      corpus: { messages: mail.length, conversations, contacts, cacheMb, generateSeconds: round(generateSeconds), parseSeconds: round(built.parseMs / 1000), storeSeconds: round(built.storeMs / 1000) },
      threading,
      search: { runsPerQuery: RUNS, pageSize: PAGE, overall, queries: rows },
      notmuch: notmuch ? { indexSeconds: round(notmuch.indexSeconds), processBaselineMs: round(notmuch.baseline), runsPerQuery: NOTMUCH_RUNS } : { skipped: notmuchNote },
    };
    const out = path.resolve(import.meta.dirname, '../../reports/bench/search.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`written ${path.relative(process.cwd(), out)}`);
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
