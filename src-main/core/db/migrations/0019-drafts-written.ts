/**
 * 0019: whether the agent has written in a draft. `compose.start` stores a
 * reply's draft as soon as the composer opens (recipients, subject, quote),
 * so a reply opened and closed again is a draft nobody wrote. "My drafts"
 * and the list's "Draft" mark show only drafts saved by the agent or given
 * an attachment. Drafts from before count as written once saved after they
 * were made.
 */
import type { Migration } from './migration.ts';

export const migration0019: Migration = {
  version: 19,
  name: 'drafts-written',
  sql: `
ALTER TABLE drafts ADD COLUMN written INTEGER NOT NULL DEFAULT 0;
UPDATE drafts SET written = 1 WHERE saved_at > created_at OR EXISTS (SELECT 1 FROM draft_attachments a WHERE a.draft_id = drafts.id);
`,
};
