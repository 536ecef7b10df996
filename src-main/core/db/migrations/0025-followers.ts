/**
 * 0025: who follows a conversation, as last folded (`follow:<agent>` ops,
 * triage/triage-fold.ts). Kept beside the assignee so the triage bar shows
 * "Following" and undo can tell what a follow changed, without folding the
 * ops again. No follow op predates this migration, so nothing is backfilled.
 */
import type { Migration } from './migration.ts';

export const migration0025: Migration = {
  version: 25,
  name: 'followers',
  sql: `
ALTER TABLE conversation_state ADD COLUMN followers_json TEXT NOT NULL DEFAULT '[]';
`,
};
