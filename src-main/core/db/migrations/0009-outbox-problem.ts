/**
 * 0009: an outbox item's problem as a sentence by key (docs/decisions.md,
 * "Core says what went wrong by key").
 *
 * `problem_json` holds the Sentence (key, values, English) the drawer shows
 * in the agent's language after a restart; `problem` keeps the English, which
 * the log and older readers use. Problems recorded before this migration had
 * no key: they become `recordedText`, shown as they were recorded.
 */
import type { Migration } from './migration.ts';

export const migration0009: Migration = {
  version: 9,
  name: 'outbox-problem',
  sql: `
ALTER TABLE outbox ADD COLUMN problem_json TEXT;
UPDATE outbox SET problem_json = json_object('key', 'recordedText', 'vars', json_object('text', problem), 'text', problem) WHERE problem IS NOT NULL;
`,
};
