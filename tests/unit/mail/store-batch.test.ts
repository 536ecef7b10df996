/**
 * A deferred sync batch (mail/ingest.ts `storeBatch`) inserts each new row
 * with its provisional conversation. What the agent would notice if that went
 * wrong: a message twice, a message in no conversation, a conversation whose
 * count is not its members, or a bad answer from the listing worker changing
 * what the list shows.
 */
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../../src-main/core/conversations/thread-step.ts';
import { provisionalGroups } from '../../../src-main/core/conversations/provisional-groups.ts';
import { openDatabase } from '../../../src-main/core/db/connection.ts';
import { upsertFolder } from '../../../src-main/core/db/folders.repo.ts';
import type { PreparedHeaderRow } from '../../../src-main/core/mail/header-row.ts';
import { newMessageOf, prepareHeaderRow } from '../../../src-main/core/mail/header-row.ts';
import { storeBatch } from '../../../src-main/core/mail/ingest.ts';
import { buildMail, seedAccount } from '../../support/mail-fixtures.ts';

const TEAM = 'support@example.test';
let db: Database;
let accountId: number;
let inbox: number;
let archive: number;

beforeEach(() => {
  db = openDatabase(':memory:').db;
  accountId = seedAccount(db, TEAM);
  inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
  archive = upsertFolder(db, accountId, 'Archive', 'archive').id;
});
afterEach(() => db.close());

function row(raw: Buffer, folderId: number, uid: number, flags: string[] = []): PreparedHeaderRow {
  const headers = raw.subarray(0, raw.indexOf('\r\n\r\n') + 4);
  const r = prepareHeaderRow({ accountId, folderId, uidvalidity: 1, uid, flags, size: raw.length, headers, internalDate: Date.UTC(2026, 0, 1) });
  if (!r) throw new Error('needs a Message-ID');
  return r;
}

const question = (n: number) => buildMail({ messageId: `q${n}@shop.example`, subject: `Question ${n}`, from: `Customer ${n} <c${n}@shop.example>` });
const reply = (n: number) =>
  buildMail({ messageId: `r${n}@example.test`, subject: `Re: Question ${n}`, from: `Team <${TEAM}>`, to: `c${n}@shop.example`, inReplyTo: `q${n}@shop.example`, references: [`q${n}@shop.example`] });

interface Listed {
  message_id: string;
  conversation: string;
}

function list(): { messages: Listed[]; conversations: unknown[]; queued: number; locations: number } {
  return {
    messages: db
      .prepare<[], Listed>('SELECT m.message_id, c.root_message_id AS conversation FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id ORDER BY m.message_id')
      .all(),
    conversations: db
      .prepare(
        `SELECT root_message_id, subject, customer_address, message_count, unread_count,
           (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS members FROM conversations c ORDER BY root_message_id`,
      )
      .all(),
    queued: (db.prepare('SELECT count(*) AS n FROM thread_queue').get() as { n: number }).n,
    locations: (db.prepare('SELECT count(*) AS n FROM message_locations').get() as { n: number }).n,
  };
}

describe('a deferred header batch', () => {
  it('puts each new message in its conversation, joins stored ones, and only adds a location for mail it knows', () => {
    const [r1, q2] = [reply(1), question(2)];
    storeBatch(db, [row(r1, inbox, 1)], [], { deferThreading: true });
    const results = storeBatch(
      db,
      // The reply again (archived), and the second question in two folders within the batch.
      [row(question(1), inbox, 2, ['\\Seen']), row(r1, archive, 7), row(q2, inbox, 3), row(q2, archive, 8), row(reply(2), inbox, 4)],
      [],
      { deferThreading: true },
    );
    expect(results.map((r) => [r.created, r.locationAdded])).toEqual([
      [true, true],
      [false, true],
      [true, true],
      [false, true],
      [true, true],
    ]);
    expect(results[3]?.messageRowId).toBe(results[2]?.messageRowId);
    const shown = list();
    expect(shown.messages).toEqual([
      { message_id: 'q1@shop.example', conversation: 'q1@shop.example' },
      { message_id: 'q2@shop.example', conversation: 'q2@shop.example' },
      { message_id: 'r1@example.test', conversation: 'q1@shop.example' },
      { message_id: 'r2@example.test', conversation: 'q2@shop.example' },
    ]);
    // The reply stored first made the row (its subject until the threading pass); its question joined it, counts add up.
    expect(shown.conversations).toEqual([
      { root_message_id: 'q1@shop.example', subject: 'Re: Question 1', customer_address: 'c1@shop.example', message_count: 2, unread_count: 1, members: 2 },
      { root_message_id: 'q2@shop.example', subject: 'Question 2', customer_address: 'c2@shop.example', message_count: 2, unread_count: 2, members: 2 },
    ]);
    expect(shown.queued).toBe(4);
    expect(shown.locations).toBe(6);
  });

  it('uses groups computed elsewhere only when they fit the batch, so a wrong answer changes nothing', () => {
    const rows = [row(question(1), inbox, 1), row(reply(1), inbox, 2), row(question(2), inbox, 3)];
    const good = provisionalGroups(rows.map(newMessageOf), new Set([TEAM]));
    const bad: unknown[][] = [
      [],
      good.slice(1),
      [...good, good[0]],
      good.map((g) => ({ ...g, members: g.members.map((m) => m + 10) })),
      good.map((g) => ({ ...g, header: null })),
      good.map((g) => ({ ...g, aggregates: { ...g.aggregates, messageCount: -1 } })),
    ];
    storeBatch(db, rows, [], { deferThreading: true });
    const expected = list();
    expect(expected.conversations).toHaveLength(2);
    for (const groups of [good, ...bad]) {
      db.close();
      db = openDatabase(':memory:').db;
      accountId = seedAccount(db, TEAM);
      inbox = upsertFolder(db, accountId, 'INBOX', 'inbox').id;
      storeBatch(db, rows, [], { deferThreading: true, groups });
      expect(list(), JSON.stringify(groups).slice(0, 200)).toEqual(expected);
    }
  });
});
