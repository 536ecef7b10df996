/**
 * Migration 0019: "My drafts" lists the drafts an agent wrote in or attached
 * to, not every reply that was opened and closed again.
 */
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { migrations } from '../../../src-main/core/db/migrations/index.ts';
import { insertDraft, insertDraftAttachment, saveDraft, writtenDrafts } from '../../../src-main/core/db/drafts.repo.ts';

it('counts older drafts saved after they were made, or with an attachment, as written; new ones once saved or attached to', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 18));
  db.prepare("INSERT INTO accounts (id, kind, name, email, created_at) VALUES (1, 'imap', 'Desk', 'desk@x.test', 0)").run();
  const old = db.prepare("INSERT INTO drafts (id, account_id, conversation_id, mode, subject, created_at, saved_at) VALUES (?, 1, ?, 'reply', ?, 100, ?)");
  old.run(1, 1, 'opened only', 100);
  old.run(2, 2, 'typed in', 250);
  old.run(3, 3, 'attached to', 100);
  db.prepare("INSERT INTO draft_attachments (draft_id, filename, content_type, size, sha256) VALUES (3, 'a.txt', 'text/plain', 1, 'x')").run();

  migrate(db, migrations);
  expect(writtenDrafts(db).map((d) => d.subject)).toEqual(['typed in', 'attached to']);

  const base = { accountId: 1, mode: 'reply' as const, inReplyTo: null, to: [], cc: [], bcc: [], html: '', now: 500 };
  const typed = insertDraft(db, { ...base, conversationId: 4, subject: 'typed now' });
  const attached = insertDraft(db, { ...base, conversationId: 5, subject: 'attached now' });
  insertDraft(db, { ...base, conversationId: 6, subject: 'opened now' });
  // The same millisecond as it was made: written all the same.
  saveDraft(db, typed, { to: [], cc: [], bcc: [], subject: 'typed now', html: '<p>Hello</p>' }, 500);
  insertDraftAttachment(db, attached, { filename: 'b.txt', contentType: 'text/plain', size: 1, sha256: 'y' });
  expect(writtenDrafts(db).map((d) => d.subject)).toEqual(['attached now', 'typed now', 'typed in', 'attached to']);
});
