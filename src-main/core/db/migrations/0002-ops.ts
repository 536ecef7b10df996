/**
 * 0002: the team-state op log (see team/ops.ts) and this desktop's identity.
 *
 * Invariants: an op's HLC is its identity (unique across the team), so
 * receiving the same op twice is a no-op; ops are never updated, only
 * appended (and compacted by the team-sync snapshot, which keeps winners).
 * `sent_at` is null for ops made here that the team transport has not yet
 * delivered — the offline queue.
 */
import type { Migration } from './migration.ts';

export const migration0002: Migration = {
  version: 2,
  name: 'ops',
  sql: `
CREATE TABLE ops (
  hlc TEXT PRIMARY KEY,
  actor TEXT NOT NULL,
  entity TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  sent_at INTEGER
) WITHOUT ROWID;
CREATE INDEX ops_entity_field ON ops (entity, field, hlc);
CREATE INDEX ops_unsent ON ops (hlc) WHERE sent_at IS NULL;
`,
};
