/**
 * Migration 0012 and its repository: a mail is acknowledged once however
 * often it is queued, what happened is kept with the recipient (the
 * per-sender limit counts it), waiting for this desktop's own work does not
 * count as a failed attempt, and a mail gone from the cache takes its row
 * with it.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import {
  acknowledgementOf,
  acknowledgementsNotSent,
  acknowledgementsSentTo,
  dueAcknowledgements,
  nextAcknowledgementAt,
  postponeAcknowledgement,
  queueAcknowledgements,
  settleAcknowledgement,
} from '../../../src-main/core/db/acknowledgements.repo.ts';

function database() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
  for (const [id, mid] of [[1, 'anna-1@shop.example'], [2, 'ben-1@shop.example']] as const) {
    db.prepare("INSERT INTO messages (id, account_id, message_id, dedupe_key, subject, from_address, date) VALUES (?, 1, ?, ?, 'Help', 'anna@shop.example', 1000)").run(id, mid, `k${id}`);
  }
  return db;
}

const queued = (messageRowId: number, messageId: string) => ({ actionId: `acknowledge:${messageId}`, accountId: 1, messageRowId, ruleId: 'r1', templateId: 't1' });

describe('migration 0012 (acknowledgements)', () => {
  it('queues a mail once, however many times it is stored or rules want it', () => {
    const db = database();
    expect(queueAcknowledgements(db, [queued(1, 'anna-1@shop.example'), queued(1, 'anna-1@shop.example')], 5_000)).toBe(1);
    expect(queueAcknowledgements(db, [queued(1, 'anna-1@shop.example')], 6_000)).toBe(0);
    expect(dueAcknowledgements(db, 5_000, 10).map((r) => [r.message_id, r.rule_id, r.template_id, r.path])).toEqual([['anna-1@shop.example', 'r1', 't1', null]]);
    expect(dueAcknowledgements(db, 4_999, 10)).toEqual([]);
  });

  it('postpones, counting only real failures, and settles with the recipient the per-sender limit counts', () => {
    const db = database();
    queueAcknowledgements(db, [queued(1, 'anna-1@shop.example'), queued(2, 'ben-1@shop.example')], 5_000);
    const [anna, ben] = dueAcknowledgements(db, 5_000, 10);
    if (!anna || !ben) throw new Error('both due');
    postponeAcknowledgement(db, anna.id, 7_000, 'not folded yet', false);
    postponeAcknowledgement(db, ben.id, 65_000, 'server unreachable');
    expect(acknowledgementOf(db, anna.action_id)).toMatchObject({ state: 'pending', attempts: 0, reason: 'not folded yet' });
    expect(acknowledgementOf(db, ben.action_id)).toMatchObject({ state: 'pending', attempts: 1 });
    expect(nextAcknowledgementAt(db)).toBe(7_000);

    settleAcknowledgement(db, anna.id, { state: 'sent', recipient: 'Anna@Shop.example', reason: null }, 8_000);
    settleAcknowledgement(db, ben.id, { state: 'skipped', recipient: 'anna@shop.example', reason: { code: 'list', text: 'it came through a mailing list' } }, 9_000);
    expect(acknowledgementsSentTo(db, 'ANNA@shop.example', 8_000)).toBe(1);
    expect(acknowledgementOf(db, ben.action_id)).toMatchObject({ state: 'skipped', reason_code: 'list', reason: 'it came through a mailing list' });
    expect(acknowledgementsSentTo(db, 'anna@shop.example', 8_001)).toBe(0);
    expect(nextAcknowledgementAt(db)).toBeNull();
  });

  it('lists, for a conversation’s timeline, what was not sent and why', () => {
    const db = database();
    db.prepare("INSERT INTO conversations (id, account_id, root_message_id, ticket, subject, last_message_at) VALUES (7, 1, 'anna-1@shop.example', 'K7F3Q2', 'Help', 1000)").run();
    db.prepare('UPDATE messages SET conversation_id = 7 WHERE id = 1').run();
    queueAcknowledgements(db, [queued(1, 'anna-1@shop.example'), queued(2, 'ben-1@shop.example')], 5_000);
    const [anna, ben] = dueAcknowledgements(db, 5_000, 10);
    if (!anna || !ben) throw new Error('both due');
    expect(acknowledgementsNotSent(db, 7)).toEqual([]);
    settleAcknowledgement(db, anna.id, { state: 'skipped', recipient: null, reason: { code: 'automatic', text: 'it is automatic mail' } }, 8_000);
    settleAcknowledgement(db, ben.id, { state: 'skipped', recipient: null, reason: { code: 'list', text: 'a list' } }, 8_000);
    expect(acknowledgementsNotSent(db, 7)).toEqual([{ id: anna.id, rule_id: 'r1', reason_code: 'automatic', settled_at: 8_000 }]);
  });

  it('drops the row of a mail deleted from the cache', () => {
    const db = database();
    queueAcknowledgements(db, [queued(1, 'anna-1@shop.example')], 5_000);
    db.prepare('DELETE FROM messages WHERE id = 1').run();
    expect(acknowledgementOf(db, 'acknowledge:anna-1@shop.example')).toBeNull();
  });
});
