/**
 * 0013: a message's Reply-To, so that an agent's reply goes where the
 * sender asked (RFC 5322 §3.6.2): a contact form's mail comes from
 * noreply@ with the customer in Reply-To, a shop's order mail names its
 * support address. It is read with the body (the whole message is parsed
 * then), which every reply waits for anyway; headers-first listing stays as
 * lean as it was. Bodies cached before this migration read as having none:
 * their replies go to the sender, as before.
 */
import type { Migration } from './migration.ts';

export const migration0013: Migration = {
  version: 13,
  name: 'reply-to',
  sql: `ALTER TABLE message_bodies ADD COLUMN reply_to_json TEXT NOT NULL DEFAULT '[]';`,
};
