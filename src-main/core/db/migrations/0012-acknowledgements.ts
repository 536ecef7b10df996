/**
 * 0012: automatic acknowledgements ("We have your message, ticket #K7F3Q2")
 * that automation rules send to a customer who starts a conversation.
 *
 * Each desktop that stores such mail queues one row for it (in the storing
 * transaction, rules/rule-step.ts); the
 * acknowledger (rules/acknowledger.ts) works the queue outside transactions,
 * and the claim protocol (team/claims.ts) lets one desktop of the team send
 * it. The row keeps what happened here (sent, sent by a colleague, skipped
 * and why, failed and why), which also bounds how often one sender is
 * acknowledged, and tells the conversation's timeline why a customer got
 * no acknowledgement.
 *
 * `action_id` is the claim protocol's action (`acknowledge:<Message-ID>`), the
 * same on every desktop. `message_id` is the cache row of the customer's
 * mail; deleting the mail from the cache drops its row (nothing left to
 * acknowledge).
 */
import type { Migration } from './migration.ts';

export const migration0012: Migration = {
  version: 12,
  name: 'acknowledgements',
  sql: `
CREATE TABLE acknowledgements (
  id INTEGER PRIMARY KEY,
  action_id TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  rule_id TEXT NOT NULL,
  template_id TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'sent-elsewhere', 'skipped', 'failed')),
  recipient TEXT,
  -- Why it was not sent: English for the log, and a code (AcknowledgementReason) the timeline words.
  reason TEXT,
  reason_code TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  settled_at INTEGER
);
CREATE INDEX acknowledgements_due ON acknowledgements (next_at) WHERE state = 'pending';
CREATE INDEX acknowledgements_recipient ON acknowledgements (recipient, settled_at) WHERE state IN ('sent', 'sent-elsewhere');
CREATE INDEX acknowledgements_message ON acknowledgements (message_id);
`,
};
