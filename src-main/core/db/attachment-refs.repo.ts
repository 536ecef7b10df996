/**
 * Which attachment files the cache still needs: every content address named
 * by a message's attachment, a draft's attachment or an outbox item's payload
 * (an item keeps its attachments' addresses until it is gone, so a retry or
 * an undo can still read the bytes).
 */
import type { Database } from 'better-sqlite3';

const REFERENCED = `SELECT sha256 FROM attachments WHERE sha256 IS NOT NULL
  UNION SELECT sha256 FROM draft_attachments
  UNION SELECT json_extract(a.value, '$.sha256') FROM outbox o, json_each(o.payload, '$.attachments') a
    WHERE json_valid(o.payload) AND json_type(o.payload, '$.attachments') = 'array'`;

export function referencedAttachmentAddresses(db: Database): Set<string> {
  const out = new Set<string>();
  for (const row of db.prepare(REFERENCED).iterate() as Iterable<{ sha256: unknown }>) if (typeof row.sha256 === 'string') out.add(row.sha256);
  return out;
}
