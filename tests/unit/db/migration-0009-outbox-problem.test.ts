import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { claimForSending, drawerRows, getOutboxRow, insertOutboxItem, markOutboxFailed, toOutboxItem } from '../../../src-main/core/db/outbox.repo.ts';
import { sentence } from '../../../src-main/core/sentences.ts';

function database(upTo = migrations.length) {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, upTo));
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'A', 'a@x.test', 0)").run();
  return db;
}

const item = (messageId: string) => ({
  draftId: 1, accountId: 1, conversationId: null, messageId, subject: 's', to: [], payload: '{}', state: 'undo-window' as const, sendAt: 0, now: 0,
});

describe('migration 0009 (outbox problem by key)', () => {
  it('keeps a problem recorded before it, to be shown as it was recorded (the renderer says `recordedText` as its text)', () => {
    const db = database(8);
    // As 0007's outbox wrote it (the repository of today needs 0009's column).
    db.prepare(`INSERT INTO outbox (draft_id, account_id, message_id, subject, to_json, payload, state, send_at, problem, created_at, updated_at)
      VALUES (1, 1, 'old@x.test', 's', '[]', '{}', 'failed', 0, 'The mail server refused the recipient ben@shop.example.', 0, 0)`).run();
    migrate(db);
    const [row] = drawerRows(db).map(toOutboxItem);
    const english = 'The mail server refused the recipient ben@shop.example.';
    expect(row?.problem).toEqual({ key: 'recordedText', vars: { text: english }, text: english });
    expect(getOutboxRow(db, row?.id ?? 0)?.problem).toBe(english);
  });

  it('stores a new problem by key next to its English, and an item without one reads null', () => {
    const db = database();
    const failed = insertOutboxItem(db, item('new@x.test'));
    const fine = insertOutboxItem(db, item('fine@x.test'));
    claimForSending(db, failed, false, 1);
    markOutboxFailed(db, failed, sentence('smtpAuthRejected'), '535 5.7.8 Authentication failed', null, 2);
    const stored = getOutboxRow(db, failed);
    expect(stored?.problem).toBe('The mail server rejected the user name or password for sending. Check the account’s SMTP settings.');
    expect(stored && toOutboxItem(stored).problem).toMatchObject({ key: 'smtpAuthRejected', vars: {} });
    const untouched = getOutboxRow(db, fine);
    expect(untouched && toOutboxItem(untouched).problem).toBeNull();
  });

  it('reads an unreadable stored sentence as its English rather than as nothing', () => {
    const db = database();
    const id = insertOutboxItem(db, item('broken@x.test'));
    db.prepare("UPDATE outbox SET state = 'failed', problem = 'Sending failed.', problem_json = '{not json' WHERE id = ?").run(id);
    const row = getOutboxRow(db, id);
    expect(row && toOutboxItem(row).problem).toMatchObject({ key: 'recordedText', text: 'Sending failed.' });
  });
});
