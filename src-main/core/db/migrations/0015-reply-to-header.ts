/**
 * 0015: Reply-To is a header of the message row, read with the others at
 * listing time, not a part of the body. A website's contact form sends from
 * its own noreply@ with the customer in Reply-To; threading takes the
 * conversation's customer from it (threading/thread-keys.ts
 * `customerAddress`), and that has to be known before any body is fetched.
 *
 * For mail cached before:
 * - a body stored under 0013 gives its Reply-To to the message row, and its
 *   conversation is marked stale so the next thread step derives its customer
 *   again (conversations/rethread.ts);
 * - a message listed from its headers whose body comes later gets it then
 *   (db/bodies.repo.ts `storeFetchedBody`), the same way;
 * - a body cached before 0013 names no Reply-To, as it did.
 * The contact a changed customer would get on arrival is not created here:
 * contacts are made as mail is stored (contacts/contact-step.ts), and the
 * conversation shows its customer's name and address meanwhile.
 */
import type { Migration } from './migration.ts';

export const migration0015: Migration = {
  version: 15,
  name: 'reply-to-header',
  sql: `
ALTER TABLE messages ADD COLUMN reply_to_json TEXT NOT NULL DEFAULT '[]';
UPDATE messages SET reply_to_json = b.reply_to_json
  FROM message_bodies b WHERE b.message_id = messages.id AND b.reply_to_json <> '[]';
INSERT OR IGNORE INTO conversation_stale (conversation_id)
  SELECT DISTINCT conversation_id FROM messages WHERE reply_to_json <> '[]' AND conversation_id IS NOT NULL;
ALTER TABLE message_bodies DROP COLUMN reply_to_json;
`,
};
