/**
 * The listing worker (sync/header-lister.ts) against the real Dovecot: what it
 * lists on its own connection is exactly what the sync connection lists, a
 * large folder pass stores the server's messages exactly, in the same
 * provisional conversations, whether the worker serves every batch, fails
 * halfway or cannot log in, and every failure
 * retires the worker instead of losing a batch.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src-main/core/clock.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { upsertFolder } from '../../src-main/core/db/folders.repo.ts';
import type { Logger } from '../../src-main/core/log.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import { provisionalGroups } from '../../src-main/core/conversations/provisional-groups.ts';
import { newMessageOf } from '../../src-main/core/mail/header-row.ts';
import type { PreparedHeaders } from '../../src-main/core/sync/header-batch.ts';
import { HEADER_FETCH_QUERY, prepareHeaderBatch } from '../../src-main/core/sync/header-batch.ts';
import type { HeaderLister, ListingAsk } from '../../src-main/core/sync/header-lister.ts';
import { startHeaderLister } from '../../src-main/core/sync/header-lister.ts';
import { createImapClient } from '../../src-main/core/sync/imap-client.ts';
import { DEFER_THREADING_AT, syncFolder } from '../../src-main/core/sync/folder-sync.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { startDovecot } from '../support/dovecot.ts';
// The pipeline as core loads it (threading, contacts, full-text): a large pass gives provisional conversations.
import '../../src-main/core/search/index-step.ts';
import { buildMail, seedAccount } from '../support/mail-fixtures.ts';
import { until } from './sync-support.ts';

const USER = 'lister@example.test';
const PASSWORD = 'pw-lister';
// Above DEFER_THREADING_AT, so a pass defers threading and asks for the lister.
const COUNT = 700;
const BATCH = 100;
// A second mailbox where every mail has a Message-ID, so no batch needs a whole fetch (a wait on the network).
const AHEAD_USER = 'ahead@example.test';
const AHEAD_COUNT = 600;
let dovecot: DovecotServer;
let dir: string;

function settings(password = PASSWORD, user = USER) {
  return { host: dovecot.host, port: dovecot.port, security: 'none' as const, user, password };
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLogger, warnings, warn: (msg: string) => void warnings.push(msg) };
}

async function withSyncClient<T>(fn: (client: ImapFlow) => Promise<T>, user = USER): Promise<T> {
  const client = createImapClient(settings(PASSWORD, user), {}, { disableAutoIdle: true });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout();
  }
}

beforeAll(async () => {
  expect(COUNT).toBeGreaterThanOrEqual(DEFER_THREADING_AT);
  dovecot = await startDovecot({ users: [USER, AHEAD_USER].map((user) => ({ user, password: PASSWORD })) });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-lister-'));
  await dovecot.withClient(USER, async (client) => {
    for (let i = 1; i <= COUNT; i++) {
      // Every 50th mail has no Message-ID: the lister names it for a whole fetch on the sync connection.
      const messageId = i % 50 === 0 ? null : `l${i}@shop.example`;
      await client.append('INBOX', buildMail(mailSpec(i, messageId)), i % 4 === 0 ? ['\\Seen'] : []);
    }
  });
  await dovecot.withClient(AHEAD_USER, async (client) => {
    for (let i = 1; i <= AHEAD_COUNT; i++) await client.append('INBOX', buildMail(mailSpec(i, `a${i}@shop.example`)));
  });
}, 120_000);

afterAll(async () => {
  await dovecot?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Every third mail answers the one before it, every sixth from the team, and
 * every seventh is the team writing first (so the customer is a recipient):
 * provisional conversations group them, also across batches, and name their
 * customers by the account's own address.
 */
function mailSpec(i: number, messageId: string | null) {
  if (i % 7 === 0) return { subject: `Following up ${i}`, messageId, from: `Team <${USER}>`, to: `Customer ${i} <c${i}@shop.example>` };
  if (i % 3 !== 0 || (i - 1) % 50 === 0) return { subject: `Question ${i}`, messageId, from: `Customer ${i} <c${i}@shop.example>` };
  const parent = `l${i - 1}@shop.example`;
  const from = i % 6 === 0 ? `Team <${USER}>` : `Customer ${i - 1} <c${i - 1}@shop.example>`;
  const to = i % 6 === 0 ? `c${i - 1}@shop.example` : `Team <${USER}>`;
  return { subject: `Re: Question ${i - 1}`, messageId, from, to, inReplyTo: parent, references: [parent] };
}

async function inboxValidity(): Promise<number> {
  return withSyncClient(async (client) => Number((await client.mailboxOpen('INBOX', { readOnly: true })).uidValidity));
}

function ask(uidvalidity: number, uids: number[]): ListingAsk {
  return { path: 'INBOX', uidvalidity, place: { accountId: 1, folderId: 1, uidvalidity }, uids, now: 1_700_000_000_000, ownAddresses: [USER] };
}

describe('the listing worker', () => {
  it('lists a batch exactly as the sync connection does, mail without a Message-ID included', async () => {
    const uidvalidity = await inboxValidity();
    const uids = Array.from({ length: 120 }, (_, i) => i + 1);
    const own: PreparedHeaders = await withSyncClient(async (client) => {
      await client.mailboxOpen('INBOX', { readOnly: true });
      return prepareHeaderBatch(ask(uidvalidity, uids).place, uids, await client.fetchAll(uids.join(','), HEADER_FETCH_QUERY, { uid: true }), 1_700_000_000_000);
    });
    const lister = startHeaderLister(settings(), {}, systemClock, silentLogger);
    expect(lister).not.toBeNull();
    try {
      const listed = await lister?.list(ask(uidvalidity, uids));
      // With the batch's provisional conversations, as storing would compute them here.
      expect(listed).toEqual({ ...own, groups: provisionalGroups(own.headerRows.map(newMessageOf), new Set([USER])) });
      expect(listed?.groups?.length).toBeLessThan(100);
      expect(listed?.headerRows).toHaveLength(118);
      expect(listed?.needWhole).toEqual([50, 100]);
      expect(lister?.usable).toBe(true);
    } finally {
      lister?.close();
    }
  });

  it('refuses a batch of another UIDVALIDITY (its UIDs would name other mail), and retires itself', async () => {
    const uidvalidity = await inboxValidity();
    const log = recordingLogger();
    const lister = startHeaderLister(settings(), {}, systemClock, log);
    try {
      expect(await lister?.list(ask(uidvalidity + 1, [1, 2, 3]))).toBeNull();
      expect(lister?.usable).toBe(false);
      expect(await lister?.list(ask(uidvalidity, [1, 2, 3]))).toBeNull();
      expect(log.warnings.join('\n')).toMatch(/listing on the sync connection/);
    } finally {
      lister?.close();
    }
  });

  it('answers null when its login is refused, so the pass lists on the connection it has', async () => {
    const uidvalidity = await inboxValidity();
    const lister = startHeaderLister(settings('wrong password'), {}, systemClock, silentLogger);
    try {
      await until('the worker tried to log in', () => lister?.ready === true || lister?.usable === false);
      expect(await lister?.list(ask(uidvalidity, [1]))).toBeNull();
      expect(lister?.usable).toBe(false);
    } finally {
      lister?.close();
    }
  });
});

describe('a large folder pass with the listing worker', () => {
  /** One pass of INBOX into a fresh cache; returns the cache and how often the lister was asked. */
  async function pass(lister: HeaderLister | null, afterBatch: () => void = () => undefined, user = USER): Promise<{ db: Database; stored: number }> {
    const db = openDatabase(':memory:').db;
    const accountId = seedAccount(db, user);
    const folder = upsertFolder(db, accountId, 'INBOX', 'inbox');
    let stored = 0;
    await withSyncClient((client) =>
      syncFolder(
        {
          db,
          dataDir: dir,
          accountId,
          client,
          clock: systemClock,
          log: silentLogger,
          headerBatchSize: BATCH,
          onStored: (n) => {
            stored += n;
            afterBatch();
          },
          onChanged: () => undefined,
          lister: () => lister,
        },
        folder,
      ),
      user,
    );
    return { db, stored };
  }

  async function expectServerMessages(db: Database): Promise<void> {
    const server = await dovecot.withClient(USER, async (client) => {
      await client.mailboxOpen('INBOX', { readOnly: true });
      return (await client.fetchAll('1:*', { uid: true, envelope: true, flags: true })).map((m) => ({
        messageId: (m.envelope?.messageId ?? '').replace(/^<|>$/g, ''),
        seen: m.flags?.has('\\Seen') ?? false,
      }));
    });
    const rows = db.prepare<[], { message_id: string; seen: number; conversation_id: number | null }>('SELECT message_id, seen, conversation_id FROM messages').all();
    expect(rows).toHaveLength(COUNT);
    // Mail without a Message-ID gets a derived one when stored whole; compare the others by id and read state.
    const byId = new Map(rows.map((r) => [r.message_id, r]));
    for (const m of server.filter((s) => s.messageId !== '')) expect(byId.get(m.messageId)?.seen, m.messageId).toBe(m.seen ? 1 : 0);
    expect(rows.filter((r) => r.conversation_id === null)).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM thread_queue').get()).toEqual({ n: COUNT });
    // The conversation list shows what a pass without the worker shows: same rows, same members.
    expect(conversationList(db)).toEqual(await baseline());
  }

  /** Every conversation row as the agent sees it, with its members' Message-IDs; row ids left out. */
  function conversationList(db: Database): unknown[] {
    return db
      .prepare(
        `SELECT c.root_message_id, c.ticket, c.subject, c.customer_address, c.customer_name, c.last_message_at, c.message_count,
           c.unread_count, c.snippet, (SELECT group_concat(message_id, ' ') FROM (SELECT message_id FROM messages m
             WHERE m.conversation_id = c.id ORDER BY message_id)) AS members
         FROM conversations c ORDER BY c.root_message_id`,
      )
      .all();
  }

  let listedHere: unknown[] | null = null;
  /** The conversations of a pass that lists every batch on the sync connection. */
  async function baseline(): Promise<unknown[]> {
    if (!listedHere) {
      const list = conversationList((await pass(null)).db);
      // Replies joined their questions, across batches too: far fewer conversations than messages.
      expect(list.length).toBeLessThan(COUNT * 0.75);
      listedHere = list;
    }
    return listedHere;
  }

  it('stores exactly the server’s messages from the rows the worker listed', async () => {
    const real = startHeaderLister(settings(), {}, systemClock, silentLogger);
    expect(real).not.toBeNull();
    if (!real) return;
    await until('the worker is ready', () => real.ready, 20_000);
    let asked = 0;
    const counting: HeaderLister = {
      get usable() {
        return real.usable;
      },
      get ready() {
        return real.ready;
      },
      list: (a) => (asked++, real.list(a)),
      close: () => real.close(),
    };
    try {
      const { db, stored } = await pass(counting);
      // Every batch but the first (listed on the sync connection at once) came from the worker.
      expect(asked).toBe(Math.ceil(COUNT / BATCH) - 1);
      expect(real.usable).toBe(true);
      expect(stored).toBe(COUNT);
      await expectServerMessages(db);
    } finally {
      real.close();
    }
  });

  it('lists the rest on the sync connection when the worker fails halfway, losing and duplicating nothing', async () => {
    // A worker that dies after two batches (a fault the test cannot cause in a real worker on cue).
    const real = startHeaderLister(settings(), {}, systemClock, silentLogger);
    if (!real) throw new Error('no listing worker');
    await until('the worker is ready', () => real.ready, 20_000);
    let served = 0;
    let dead = false;
    const dying: HeaderLister = {
      get usable() {
        return !dead;
      },
      get ready() {
        return !dead && real.ready;
      },
      list: async (a) => {
        if (dead || ++served > 2) {
          dead = true;
          return null;
        }
        return real.list(a);
      },
      close: () => real.close(),
    };
    try {
      const { db, stored } = await pass(dying);
      expect(dead).toBe(true);
      expect(stored).toBe(COUNT);
      await expectServerMessages(db);
    } finally {
      real.close();
    }
  });

  it('lists everything on the sync connection when the worker cannot log in', async () => {
    const broken = startHeaderLister(settings('wrong password'), {}, systemClock, silentLogger);
    await until('the worker tried to log in', () => broken?.ready === true || broken?.usable === false);
    try {
      const { db, stored } = await pass(broken);
      expect(broken?.usable).toBe(false);
      expect(stored).toBe(COUNT);
      await expectServerMessages(db);
    } finally {
      broken?.close();
    }
  });

  it('lets the agent’s requests in between batches, even when the worker is ahead of the storing', async () => {
    // The worker's answers for the folder, recorded once, then served at once: the worker always ahead.
    const real = startHeaderLister(settings(PASSWORD, AHEAD_USER), {}, systemClock, silentLogger);
    if (!real) throw new Error('no listing worker');
    await until('the worker is ready', () => real.ready, 20_000);
    const answers = new Map<number, PreparedHeaders | null>();
    const recording: HeaderLister = {
      get usable() {
        return real.usable;
      },
      ready: true,
      list: async (a) => {
        const answer = await real.list(a);
        answers.set(a.uids[0] ?? 0, answer);
        return answer;
      },
      close: () => undefined,
    };
    try {
      await pass(recording, undefined, AHEAD_USER);
    } finally {
      real.close();
    }
    expect([...answers.values()].every((a) => a !== null && a.needWhole.length === 0)).toBe(true);
    const ahead: HeaderLister = { usable: true, ready: true, list: (a) => Promise.resolve(answers.get(a.uids[0] ?? 0) ?? null), close: () => undefined };
    // Stands for everything else core's thread serves (the agent's requests, IDLE): a timer that re-arms itself.
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns++;
      if (ticking) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const turnsAtBatch: number[] = [];
    try {
      const { db, stored } = await pass(ahead, () => turnsAtBatch.push(turns), AHEAD_USER);
      expect(stored).toBe(AHEAD_COUNT);
      expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: AHEAD_COUNT });
    } finally {
      ticking = false;
    }
    expect(turnsAtBatch).toHaveLength(Math.ceil(AHEAD_COUNT / BATCH));
    // The event loop turned between every two stored batches: no request waits for more than one batch.
    for (let i = 1; i < turnsAtBatch.length; i++) expect(turnsAtBatch[i], `turns before batch ${i}`).toBeGreaterThan(turnsAtBatch[i - 1] ?? 0);
  });
});
