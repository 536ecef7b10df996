/**
 * 0016: the full-text index's sender column also holds the Reply-To names
 * and addresses (db/search.repo.ts), so `from:hana` and a search for her
 * address find the mail she sent through a website's contact form, whose
 * From is the website. Mail that names a Reply-To is indexed again; the
 * index is written from `search_queue` as for any new mail.
 */
import type { Migration } from './migration.ts';

export const migration0016: Migration = {
  version: 16,
  name: 'reply-to-searchable',
  sql: `INSERT OR IGNORE INTO search_queue (message_id) SELECT id FROM messages WHERE reply_to_json <> '[]';`,
};
