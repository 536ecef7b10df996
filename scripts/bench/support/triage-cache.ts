/**
 * A big, realistic triage cache for benchmarks, built in seconds.
 *
 * Why a shared module: `bench:triage` (core handlers) and `bench:scroll` (the
 * renderer in Chromium) must measure the same desk, so both build it here.
 * The cache is deterministic (seeded random numbers), so two runs, or the two
 * benches, see the same conversations, customers and team ops.
 *
 * - `build`: conversations (a customer message each, an agent reply for about
 *   a third, a follow-up for some) stored through the repositories and
 *   threaded by the real threading step in batches — no MIME parsing.
 * - `teamOps`: assignments, tags, priorities, done and snoozes as five agents
 *   would have recorded them, appended as received ops (a later triage fold
 *   applies them).
 * - `seedBillingGroup`: the group those ops assign to, with this desktop in
 *   it, so "mine" and group drawers have rows.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { threadMessages } from '../../../src-main/core/conversations/rethread.ts';
import { insertAccount } from '../../../src-main/core/db/accounts.repo.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { upsertFolder } from '../../../src-main/core/db/folders.repo.ts';
import { insertBody, insertLocation, insertMessage } from '../../../src-main/core/db/messages.repo.ts';
import { appendOps } from '../../../src-main/core/db/ops.repo.ts';
import { formatTimestamp } from '../../../src-main/core/team/hlc.ts';
import type { Op } from '../../../src-main/core/team/ops.ts';
import { messageEntity } from '../../../src-main/core/team/ops.ts';

/** "Now" of the built desk: every date in the cache is relative to it. */
export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
export const DAY = 86_400_000;
/** The shared mailbox's address. */
export const DESK = 'support@bench.example';
/** Node ids of the five agents whose ops the cache holds. */
export const AGENTS = ['a000000000000001', 'a000000000000002', 'a000000000000003', 'a000000000000004', 'a000000000000005'];
export const TAGS = ['refund', 'shipping', 'vip', 'bug', 'invoice'];
/** Conversations stored (and threaded) per transaction. */
const BATCH = 2_000;

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same cache. */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BuiltCache {
  db: Database;
  accountId: number;
  buildSeconds: number;
}

/**
 * Opens (migrating) `cache.sqlite` in `dir` and stores `target` conversations
 * in one demo account. Prints progress on stdout. The caller closes `db`.
 */
export function build(dir: string, target: number): BuiltCache {
  const { db } = openDatabase(path.join(dir, 'cache.sqlite'));
  const accountId = insertAccount(db, { kind: 'demo', name: 'Bench', email: DESK, imap: null, smtp: null, secret: null, createdAt: NOW });
  const inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
  const sent = upsertFolder(db, accountId, 'Sent', 'sent').id;
  const random = rng(42);
  let uid = 1;
  const store = (id: string, from: string, to: string, at: number, inReplyTo: string | null, text: string, folderId: number): number => {
    const row = insertMessage(db, {
      accountId,
      messageId: id,
      dedupeKey: id,
      subject: `Order ${id.slice(0, 8)}`,
      from: { name: '', address: from },
      to: [{ name: '', address: to }],
      cc: [],
      replyTo: [],
      inReplyTo,
      references: inReplyTo ? [inReplyTo] : [],
      date: at,
      snippet: text.slice(0, 200),
      hasAttachments: false,
      seen: random() < 0.7,
      size: 1000,
    });
    insertBody(db, row, { text, html: null }, NOW);
    insertLocation(db, row, { folderId, uidvalidity: 1, uid: uid++ }, []);
    return row;
  };
  const started = performance.now();
  for (let start = 0; start < target; start += BATCH) {
    db.transaction(() => {
      const rows: number[] = [];
      for (let i = start; i < Math.min(target, start + BATCH); i++) {
        const customer = `c${i % 20_000}@customer.example`;
        const at = NOW - Math.floor(random() * 730 * DAY);
        const angry = random() < 0.02;
        const q = `q${i}@customer.example`;
        rows.push(store(q, customer, DESK, at, null, angry ? 'This is unacceptable, I want a refund now or I will call my lawyer!!!' : 'Hello, where is my order?', inbox));
        if (random() < 0.35) rows.push(store(`r${i}@bench.example`, DESK, customer, at + 3_600_000, q, 'We are on it.', sent));
        if (random() < 0.1) rows.push(store(`f${i}@customer.example`, customer, DESK, at + 7_200_000, q, 'Any news?', inbox));
      }
      threadMessages(db, rows);
    })();
    if ((start / BATCH) % 5 === 0) process.stdout.write(`\r  stored ${Math.min(target, start + BATCH)} / ${target} conversations`);
  }
  process.stdout.write('\n');
  return { db, accountId, buildSeconds: (performance.now() - started) / 1000 };
}

/**
 * The group `group:billing` ("Billing") with `localNode` and a second agent
 * in it, recorded a day before NOW by the first agent.
 */
export function seedBillingGroup(db: Database, localNode: string): void {
  const author = AGENTS[0] as string;
  appendOps(
    db,
    [
      { hlc: formatTimestamp(NOW - DAY, 0, author), actor: author, entity: 'group:billing', field: 'name', value: 'Billing' },
      { hlc: formatTimestamp(NOW - DAY, 1, author), actor: author, entity: 'group:billing', field: 'members', value: [localNode, AGENTS[1] as string] },
    ],
    NOW,
    'received',
  );
}

/**
 * Team ops as if five agents had worked the desk, recorded from their own
 * desktops, over the conversations named by `roots` (their root Message-IDs).
 * Returns how many ops were appended.
 */
export function teamOps(db: Database, roots: readonly string[]): number {
  const random = rng(7);
  const ops: Op[] = [];
  let counter = 0;
  for (const root of roots) {
    const actor = AGENTS[Math.floor(random() * AGENTS.length)] as string;
    const at = NOW - Math.floor(random() * 30 * DAY);
    const op = (field: string, value: Op['value']) => ops.push({ hlc: formatTimestamp(at, counter++ & 0xffff, actor), actor, entity: messageEntity(root), field, value });
    const r = random();
    if (r < 0.3) op('assignee', `agent:${AGENTS[Math.floor(random() * AGENTS.length)]}`);
    else if (r < 0.4) op('assignee', 'group:billing');
    if (random() < 0.2) op(`tag:${TAGS[Math.floor(random() * TAGS.length)]}`, true);
    if (random() < 0.1) op('priority', random() < 0.5 ? 'high' : 'urgent');
    if (random() < 0.3) op('status', 'done');
    else if (random() < 0.05) op('snooze', { until: NOW + Math.floor(random() * 14 * DAY) });
  }
  for (let i = 0; i < ops.length; i += 10_000) appendOps(db, ops.slice(i, i + 10_000), NOW, 'received');
  return ops.length;
}

/** Root Message-IDs of every conversation, in id order (what `teamOps` takes). */
export function conversationRoots(db: Database): string[] {
  return (db.prepare('SELECT root_message_id AS r FROM conversations ORDER BY id').all() as Array<{ r: string }>).map((r) => r.r);
}

/** Conversations still waiting for the triage fold (both dirty queues). */
export function foldBacklog(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM triage_dirty UNION ALL SELECT count(*) FROM triage_dirty_ids').all() as Array<{ n: number }>).reduce((sum, r) => sum + r.n, 0);
}
