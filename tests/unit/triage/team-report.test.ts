/**
 * The team report from a real cache: what counts as new, as the customer's
 * own mail, as a reply and whose, as resolved, and the first-reply wait.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rootOfConversation } from '../../../src-main/core/db/conversations.repo.ts';
import { appendOps } from '../../../src-main/core/db/ops.repo.ts';
import { enqueueInspection, finishInspection } from '../../../src-main/core/db/audit.repo.ts';
import { formatTimestamp } from '../../../src-main/core/team/hlc.ts';
import { messageEntity } from '../../../src-main/core/team/ops.ts';
import { publishAgentProfile } from '../../../src-main/core/team/roster.ts';
import { median, teamReport } from '../../../src-main/core/triage/team-report.ts';
import { triageSchemas } from '../../../src-main/core/triage/triage.schemas.ts';
import { DESK, openTriageCache } from './support.ts';
import type { TriageCache } from './support.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const BOB = 'b0b0000000000002';

let t: TriageCache;
let from: number;
let to: number;
beforeEach(() => {
  t = openTriageCache();
  to = t.clock.now();
  from = to - 7 * DAY;
  publishAgentProfile(t.actor, { name: 'Dana Agent', address: 'dana@desk.example' });
  appendOps(t.db, [
    { hlc: formatTimestamp(to - 30 * DAY, 0, BOB), actor: BOB, entity: `agent:${BOB}`, field: 'name', value: 'Bob Baker' },
    { hlc: formatTimestamp(to - 30 * DAY, 1, BOB), actor: BOB, entity: `agent:${BOB}`, field: 'address', value: 'bob@desk.example' },
  ], to, 'received');
});
afterEach(() => t.db.close());

let counter = 0;
const status = (conversation: number, value: string, at: number, actor = t.actor.node) =>
  appendOps(t.db, [{ hlc: formatTimestamp(at, counter++, actor), actor, entity: messageEntity(rootOfConversation(t.db, conversation) ?? ''), field: 'status', value }], to, 'received');
const rowId = (messageId: string) => t.db.prepare('SELECT id FROM messages WHERE message_id = ?').pluck().get(messageId) as number;

describe('team report', () => {
  it('counts what came in and went out in the period, whose replies they were, and the first-reply wait', () => {
    // Before the period: a conversation and its reply; in it, the customer writes again.
    const old = t.mail('old1@customer.example', from - DAY, { from: 'carl@customer.example' });
    t.mail('oldr@desk.example', from - DAY + HOUR, { from: DESK, fromName: 'Dana Agent (Desk)', inReplyTo: 'old1@customer.example', folder: 'sent' });
    t.mail('old2@customer.example', from + DAY, { from: 'carl@customer.example', inReplyTo: 'oldr@desk.example' });
    // In the period: answered after 1 h by Dana, after 3 h by Bob, once from webmail after 5 h, and one not yet.
    const a = t.mail('a1@customer.example', from + 2 * DAY, { from: 'ann@customer.example' });
    t.mail('ar@desk.example', from + 2 * DAY + HOUR, { from: DESK, fromName: 'Dana Agent (Desk)', inReplyTo: 'a1@customer.example', folder: 'sent' });
    t.mail('b1@customer.example', from + 3 * DAY, { from: 'ben@customer.example' });
    t.mail('br@desk.example', from + 3 * DAY + 3 * HOUR, { from: DESK, fromName: 'Bob Baker (Desk)', inReplyTo: 'b1@customer.example', folder: 'sent' });
    t.mail('c1@customer.example', from + 4 * DAY, { from: 'cid@customer.example' });
    t.mail('cr@desk.example', from + 4 * DAY + 5 * HOUR, { from: DESK, fromName: 'Support', inReplyTo: 'c1@customer.example', folder: 'sent' });
    t.mail('d1@customer.example', from + 5 * DAY, { from: 'dee@customer.example' });
    // A rule's acknowledgement and the customer's out-of-office are neither a reply nor the customer writing.
    t.mail('sb-action.ack1@desk.example', from + 2 * DAY + MIN, { from: DESK, fromName: 'Desk', inReplyTo: 'a1@customer.example', folder: 'sent' });
    t.mail('ooo@customer.example', from + 2 * DAY + 2 * HOUR, { from: 'ann@customer.example', inReplyTo: 'ar@desk.example' });
    enqueueInspection(t.db, rowId('ooo@customer.example'));
    finishInspection(t.db, rowId('ooo@customer.example'), 'auto-reply');
    // The team writing first (an outbound mail) starts no customer conversation.
    t.mail('out1@desk.example', from + 6 * DAY, { from: DESK, fromName: 'Dana Agent (Desk)', to: ['eve@customer.example'], folder: 'sent' });

    // Resolved: Dana closes Ann's twice (counted once), Bob closes Carl's; a "done" before the period does not count.
    status(a, 'done', from + 2 * DAY + 2 * HOUR);
    status(a, 'closed', from + 3 * DAY);
    status(old, 'done', from + DAY + HOUR, BOB);
    status(old, 'done', from - HOUR);
    t.drain();

    const r = teamReport(t.db, null, from, to);
    expect(r).toMatchObject({
      newConversations: 4,
      customerMessages: 5,
      replies: 4,
      unattributedReplies: 1,
      resolved: 2,
      firstReply: { answered: 3, waiting: 1, medianMs: 3 * HOUR },
    });
    expect(r.agents).toEqual([
      { agent: `agent:${t.actor.node}`, name: 'Dana Agent', replies: 2, resolved: 1 },
      { agent: `agent:${BOB}`, name: 'Bob Baker', replies: 1, resolved: 1 },
    ]);
  });

  it('leaves spam out', () => {
    const spam = t.mail('s1@spammer.example', from + DAY, { from: 'win@spammer.example' });
    status(spam, 'spam', from + DAY + MIN);
    t.drain();
    expect(teamReport(t.db, null, from, to)).toMatchObject({ newConversations: 0, customerMessages: 0 });
  });

  it('the median of an even count is the mean of the middle two; of nothing, nothing', () => {
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNull();
  });

  it('refuses a period that ends before it starts or spans more than a year, in plain words', () => {
    const bad = triageSchemas['triage.report'].safeParse({ accountId: null, from: to, to: from });
    expect(bad.success ? '' : bad.error.issues[0]?.message).toBe("A report's period must end after it starts.");
    expect(triageSchemas['triage.report'].safeParse({ accountId: null, from: to - 400 * DAY, to }).success).toBe(false);
  });
});
