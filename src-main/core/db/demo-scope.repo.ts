/**
 * Which mail and customers belong only to the demo workspace: SQL for
 * team/local-actor.ts, which keeps ops about them on this desktop even while
 * a real mailbox is connected beside the demo.
 */
import type { Database } from 'better-sqlite3';
import { preparedStatements } from './prepared.ts';

const sql = {
  // Known, and every copy in a demo account: a Message-ID the team's real mail also has is the team's business.
  demoMessageIds: `SELECT j.value AS id FROM json_each(?) j
    WHERE EXISTS (SELECT 1 FROM messages m WHERE m.message_id = j.value)
      AND NOT EXISTS (SELECT 1 FROM messages m JOIN accounts a ON a.id = m.account_id WHERE m.message_id = j.value AND a.kind <> 'demo')`,
  demoAddresses: `SELECT j.value AS id FROM json_each(?) j
    WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.customer_address = j.value)
      AND NOT EXISTS (SELECT 1 FROM conversations c JOIN accounts a ON a.id = c.account_id WHERE c.customer_address = j.value AND a.kind <> 'demo')`,
  noteAnchor: 'SELECT message_id FROM conversation_notes WHERE note_entity = ?',
} satisfies Record<string, string>;

const stmts = preparedStatements(sql);

/** Of these Message-IDs, those whose mail exists only in the demo workspace. */
export function demoOnlyMessageIds(db: Database, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  return new Set((stmts(db).demoMessageIds.all(JSON.stringify(ids)) as Array<{ id: string }>).map((r) => r.id));
}

/** Of these addresses (lower case), the customers who wrote only to the demo workspace. */
export function demoOnlyAddresses(db: Database, addresses: readonly string[]): Set<string> {
  if (addresses.length === 0) return new Set();
  return new Set((stmts(db).demoAddresses.all(JSON.stringify(addresses)) as Array<{ id: string }>).map((r) => r.id));
}

/** The Message-ID a note is anchored to, once its `conversation` op is in the log. */
export function noteAnchor(db: Database, noteEntity: string): string | null {
  return (stmts(db).noteAnchor.get(noteEntity) as { message_id: string } | undefined)?.message_id ?? null;
}
