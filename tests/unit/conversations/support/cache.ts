/**
 * A throwaway cache for conversation, contact and search tests: an in-memory
 * database with the real migrations, one account with INBOX/Sent/Junk, and
 * helpers that store messages through the repositories (fast, no MIME) and
 * read conversations back in a form two desktops can compare.
 */
import type { Database } from 'better-sqlite3';
import { ManualClock } from '../../../../src-main/core/clock.ts';
import { openDatabase } from '../../../../src-main/core/db/connection.ts';
import { upsertFolder } from '../../../../src-main/core/db/folders.repo.ts';
import { deleteLocation, deleteOrphanMessages, insertBody, insertLocation, insertMessage } from '../../../../src-main/core/db/messages.repo.ts';
import type { LocationKey, NewMessage } from '../../../../src-main/core/db/messages.repo.ts';
import { createLocalActor } from '../../../../src-main/core/team/local-actor.ts';
import type { LocalActor } from '../../../../src-main/core/team/local-actor.ts';
import { addressOf } from '../../../../src-main/core/threading/thread-keys.ts';
import type { ThreadInput } from '../../../../src-main/core/threading/index.ts';
import { seedAccount } from '../../../support/mail-fixtures.ts';

export const DESK = 'support@desk.example';

export interface TestCache {
  db: Database;
  accountId: number;
  inbox: number;
  sent: number;
  junk: number;
  clock: ManualClock;
  actor: LocalActor;
  nextUid: number;
  /** Where each stored row lives, to delete it the way the sync does. */
  locations: Map<number, LocationKey>;
}

export function openTestCache(email = DESK): TestCache {
  const db = openDatabase(':memory:').db;
  const accountId = seedAccount(db, email);
  const clock = new ManualClock(Date.UTC(2026, 0, 10));
  return {
    db,
    accountId,
    inbox: upsertFolder(db, accountId, 'INBOX', 'inbox').id,
    sent: upsertFolder(db, accountId, 'Sent', 'sent').id,
    junk: upsertFolder(db, accountId, 'Junk', 'junk').id,
    clock,
    actor: createLocalActor(db, clock),
    nextUid: 1,
    locations: new Map(),
  };
}

export interface StoredSpec {
  input: Omit<ThreadInput, 'key'>;
  /** Same on every desktop that stores this mail (the dedupe key). */
  dedupeKey: string;
  text?: string;
  /** null: store the row headers-only (no body yet). */
  withBody?: boolean;
  seen?: boolean;
  hasAttachments?: boolean;
  fromName?: string;
  folder?: 'inbox' | 'sent' | 'junk';
}

/** The message row a spec makes, as ingest would build it. */
export function newMessageOfSpec(cache: TestCache, spec: StoredSpec): NewMessage {
  const from = addressOf(spec.input.from) || spec.input.from;
  return {
    accountId: cache.accountId,
    messageId: spec.input.messageId,
    dedupeKey: spec.dedupeKey,
    subject: spec.input.subject,
    from: { name: spec.fromName ?? '', address: from },
    to: spec.input.to.map((t) => ({ name: '', address: addressOf(t) || t })),
    cc: [],
    replyTo: (spec.input.replyTo ?? []).map((r) => ({ name: '', address: addressOf(r) || r })),
    inReplyTo: spec.input.inReplyTo,
    references: spec.input.references,
    date: spec.input.date,
    snippet: (spec.text ?? '').slice(0, 200),
    hasAttachments: spec.hasAttachments ?? false,
    seen: spec.seen ?? true,
    size: 100,
    hasBody: spec.withBody !== false,
  };
}

/**
 * Stores one message row (no pipeline steps run); returns its row id.
 * `conversationId`: a provisional conversation given before the insert, as a deferred sync batch does.
 */
export function storeRow(cache: TestCache, spec: StoredSpec, conversationId: number | null = null): number {
  const message = newMessageOfSpec(cache, spec);
  const id = insertMessage(cache.db, { ...message, conversationId });
  if (spec.withBody !== false) insertBody(cache.db, id, { text: spec.text ?? '', html: null }, cache.clock.now());
  const own = message.from.address === DESK;
  const folder = spec.folder ?? (own ? 'sent' : 'inbox');
  const folderId = folder === 'sent' ? cache.sent : folder === 'junk' ? cache.junk : cache.inbox;
  const location = { folderId, uidvalidity: 1, uid: cache.nextUid++ };
  insertLocation(cache.db, id, location, []);
  cache.locations.set(id, location);
  return id;
}

/** Deletes rows as the sync does when mail is gone from the server: locations first, then the orphans. */
export function deleteRows(cache: TestCache, ids: readonly number[]): void {
  cache.db.transaction(() => {
    for (const id of ids) {
      const at = cache.locations.get(id);
      if (at) deleteLocation(cache.db, at);
      cache.locations.delete(id);
    }
    deleteOrphanMessages(cache.db, cache.accountId);
  })();
}

export interface ConversationRow {
  id: number;
  root: string;
  ticket: string;
  members: number[];
  tokens: string[];
}

/** Test-only SQL: reads back what threading stored, independently of the repositories under test. */
export function storedConversations(db: Database): ConversationRow[] {
  const rows = db.prepare('SELECT id, root_message_id AS root, ticket FROM conversations ORDER BY id').all() as Array<{ id: number; root: string; ticket: string }>;
  return rows.map((r) => ({
    ...r,
    members: (db.prepare('SELECT id FROM messages WHERE conversation_id = ? ORDER BY id').all(r.id) as Array<{ id: number }>).map((m) => m.id),
    tokens: (db.prepare('SELECT token FROM conversation_tokens WHERE conversation_id = ? ORDER BY token').all(r.id) as Array<{ token: string }>).map((t) => t.token),
  }));
}

export function unthreadedCount(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM messages WHERE conversation_id IS NULL').get() as { n: number }).n;
}

/** Seeded shuffle (mulberry32 + Fisher-Yates), so a failure replays. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
