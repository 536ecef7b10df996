/**
 * 0005: team sync over the shared mailbox (see team/team-replica.ts).
 *
 * Invariants:
 * - `team_cursor.last_uid`: every message of the team folder with a UID at or
 *   below it (under `uidvalidity`) has been processed — applied, deferred or
 *   skipped — and is listed in `team_messages`. It moves in the same
 *   transaction as the ops it brought, so a crash rereads, never skips.
 * - `team_messages` lists only messages of the current UIDVALIDITY; when it
 *   changes, the account's rows go and the folder is read again (the op log
 *   is keyed by HLC, so rereading adds nothing twice).
 * - `team_claims` keeps the first folder position (UID) at which each claim of
 *   the exactly-once protocol was seen (team/claims.ts).
 */
import type { Migration } from './migration.ts';

export const migration0005: Migration = {
  version: 5,
  name: 'team',
  sql: `
CREATE TABLE team_cursor (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  folder TEXT NOT NULL,
  uidvalidity INTEGER NOT NULL,
  last_uid INTEGER NOT NULL DEFAULT 0,
  last_heard_at INTEGER,
  -- Id of the team key the folder was last read with ('' for none): when it
  -- changes, messages skipped for want of the right key are read again.
  key_id TEXT NOT NULL DEFAULT ''
);

CREATE TABLE team_messages (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  uid INTEGER NOT NULL,
  message_id TEXT,
  kind TEXT,
  actor TEXT,
  op_count INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('applied', 'deferred', 'skipped')),
  problem TEXT,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, uid)
) WITHOUT ROWID;
CREATE INDEX team_messages_state ON team_messages (account_id, state, seen_at);
-- Retried on every pull: found without scanning the account's messages.
CREATE INDEX team_messages_deferred ON team_messages (account_id, uid) WHERE state = 'deferred';

CREATE TABLE team_claims (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  action TEXT NOT NULL,
  node TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  uid INTEGER NOT NULL,
  hlc TEXT NOT NULL,
  PRIMARY KEY (account_id, action, node, attempt)
) WITHOUT ROWID;
`,
};
