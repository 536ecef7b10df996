/**
 * 0022: "Send & Done". A reply can carry the status its conversation takes
 * once it has gone out. It is recorded then, by the dispatcher, not when the
 * agent clicks: the fold orders facts by time, so a status op older than the
 * reply would be overruled by it (an agent's reply makes a conversation wait
 * on the customer), and a reply that is undone, given back or never sent
 * must not close anything.
 */
import type { Migration } from './migration.ts';

export const migration0022: Migration = {
  version: 22,
  name: 'send-then-done',
  sql: `
ALTER TABLE outbox ADD COLUMN then_status TEXT CHECK (then_status IS NULL OR then_status = 'done');
`,
};
