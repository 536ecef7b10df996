/**
 * 0017: an outbox item remembers that the agent scheduled it ("Send later"),
 * after its state has moved on to sending or failed. A scheduled reply is
 * checked against its conversation when it falls due (outbox/dispatcher.ts):
 * the agent's collision check was made when it was scheduled, perhaps days
 * before. Items queued before this migration count as scheduled when they
 * are waiting as such, or when their time lay further ahead than the longest
 * undo window (120 s) allows.
 */
import type { Migration } from './migration.ts';

export const migration0017: Migration = {
  version: 17,
  name: 'outbox-scheduled',
  sql: `
ALTER TABLE outbox ADD COLUMN scheduled INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET scheduled = 1 WHERE state = 'scheduled' OR send_at - created_at > 120000;
`,
};
