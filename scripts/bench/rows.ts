/**
 * `npm run bench:rows -- --messages N`: what one stored header costs in
 * SQLite alone, with the real schema and repositories, no IMAP and no JS
 * parsing. It prices the floor under the header phase of `bench:sync`:
 *
 * 1. `messages` rows through `insertMessage` (the real schema: seven
 *    secondary indexes, the dedupe UNIQUE and the triggers on `messages`).
 * 2. The same rows after dropping those indexes and triggers (only the
 *    dedupe UNIQUE left): what they cost.
 * 3. Thread keys through `saveThreadKeys` (a thread_messages row and three
 *    thread_nodes rows per message: its own id and two references).
 *
 * Batches of 2,000 per transaction, as the header phase commits. Disk speed
 * varies between runs on these machines; compare figures of one run.
 * Writes reports/bench/rows.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { insertAccount } from '../../src-main/core/db/accounts.repo.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { insertMessage } from '../../src-main/core/db/messages.repo.ts';
import { saveThreadKeys } from '../../src-main/core/db/thread-index.repo.ts';
import type { ThreadKeys } from '../../src-main/core/threading/index.ts';
import { tokenForRoot } from '../../src-main/core/threading/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BATCH = 2000;

function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < BATCH || value > 1_000_000) throw new Error(`${name} must be an integer between ${BATCH} and 1,000,000`);
  return value;
}

const idOf = (i: number): string => `${((i * 2654435761) >>> 0).toString(36)}.${i}@mail.shop.example`;

function freshCache(dir: string): { db: Database; accountId: number } {
  fs.rmSync(dir, { recursive: true, force: true });
  const { db } = openDatabase(path.join(dir, 'cache.sqlite'));
  const accountId = insertAccount(db, { kind: 'imap', name: 'Bench', email: 'desk@shop.example', imap: null, smtp: null, secret: null, createdAt: 0 });
  return { db, accountId };
}

function insertMessages(db: Database, accountId: number, n: number): { ms: number; ids: number[] } {
  const ids: number[] = [];
  const t = performance.now();
  for (let b = 0; b < n; b += BATCH) {
    db.transaction(() => {
      for (let i = b; i < Math.min(n, b + BATCH); i++) {
        ids.push(
          insertMessage(db, {
            accountId,
            messageId: idOf(i),
            dedupeKey: `k:${idOf(i)}:3f9a1c2b7d4e5f60718293a4b5c6d7e8`,
            subject: `Order ${i} has not arrived`,
            from: { name: 'Ann Lee', address: `customer${i % 5000}@mail.example` },
            to: [{ name: 'Support', address: 'desk@shop.example' }],
            cc: [],
            replyTo: [],
            inReplyTo: i % 3 === 0 ? null : idOf(i - 1),
            references: i % 3 === 0 ? [] : [idOf(i - (i % 3)), idOf(i - 1)],
            date: Date.UTC(2026, 0, 15) - i * 60_000,
            snippet: '',
            hasAttachments: false,
            seen: i % 2 === 0,
            size: 2048,
            hasBody: false,
          }),
        );
      }
    })();
  }
  return { ms: performance.now() - t, ids };
}

const n = argValue('--messages', 10_000);
const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, ramGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
console.log(`bench:rows — ${n} messages — ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, Node ${machine.node}`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-rows-'));
try {
  const real = freshCache(path.join(tmp, 'real'));
  const full = insertMessages(real.db, real.accountId, n);
  const t = performance.now();
  for (let b = 0; b < n; b += BATCH) {
    const batch = full.ids.slice(b, b + BATCH).map((messageId, k) => {
      const i = b + k;
      const links = [idOf(i - (i % 3) - 3), idOf(i - 1)];
      const keys: ThreadKeys = { key: messageId, id: idOf(i), synthetic: false, links, parent: idOf(i - 1), chain: [[links[0] ?? '', links[1] ?? '']], tokens: [], subjectKey: `customer${i % 5000}@mail.example\norder ${i}`, subjectFallback: false, date: Date.UTC(2026, 0, 15) - i * 60_000 };
      return { messageId, keys };
    });
    real.db.transaction(() => saveThreadKeys(real.db, real.accountId, batch, tokenForRoot))();
  }
  const threadMs = performance.now() - t;
  const nodeRows = (real.db.prepare('SELECT count(*) AS n FROM thread_nodes').get() as { n: number }).n;
  real.db.close();

  const bare = freshCache(path.join(tmp, 'bare'));
  const drop = bare.db.prepare("SELECT type, name FROM sqlite_master WHERE tbl_name = 'messages' AND type IN ('index', 'trigger') AND sql IS NOT NULL").all() as Array<{ type: string; name: string }>;
  for (const d of drop) bare.db.exec(`DROP ${d.type.toUpperCase()} ${d.name}`);
  const unique = insertMessages(bare.db, bare.accountId, n);
  bare.db.close();

  // Milliseconds per row, kept to 0.1 µs: the figures printed are µs with one decimal.
  const perRow = (ms: number, rows: number): number => Math.round((ms * 10_000) / rows) / 10_000;
  const report = {
    machine,
    messages: n,
    messageRow: { ms: Math.round(full.ms), perRowMs: perRow(full.ms, n) },
    messageRowUniqueOnly: { ms: Math.round(unique.ms), perRowMs: perRow(unique.ms, n), dropped: drop.map((d) => d.name) },
    threadKeys: { ms: Math.round(threadMs), rows: n + nodeRows, perRowMs: perRow(threadMs, n + nodeRows) },
  };
  const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;
  console.log(`messages row, real schema:                 ${us(report.messageRow.perRowMs)} per row (${report.messageRow.ms} ms)`);
  console.log(`messages row, dedupe UNIQUE only:          ${us(report.messageRowUniqueOnly.perRowMs)} per row (${drop.length} indexes/triggers dropped)`);
  console.log(`thread keys (thread_messages + nodes):     ${us(report.threadKeys.perRowMs)} per row (${report.threadKeys.rows} rows, ${report.threadKeys.ms} ms)`);
  const out = path.join(root, 'reports/bench/rows.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`wrote ${path.relative(root, out)}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
