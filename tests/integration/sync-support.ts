/**
 * Shared pieces of the sync integration tests (tests/integration/sync-*.test.ts):
 * an AccountSync wired to a test Dovecot user, waiting helpers, and the
 * server's own view of a folder to compare the cache with.
 */
import type { Database } from 'better-sqlite3';
import { expect } from 'vitest';
import type { AccountHealth, MessageFolderRole, MessageSummary } from '../../src-preload/api.ts';
import { listMessages } from '../../src-main/core/db/messages.repo.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import { AccountSync } from '../../src-main/core/sync/account-sync.ts';
import type { AccountSyncOptions } from '../../src-main/core/sync/account-sync.ts';
import type { DovecotServer } from '../support/dovecot.ts';

export interface SyncHarness {
  sync: AccountSync;
  healths: AccountHealth[];
  changed: number[][];
}

export function makeSync(
  dovecot: DovecotServer,
  user: string,
  db: Database,
  dataDir: string,
  accountId: number,
  extra: Partial<AccountSyncOptions> = {},
): SyncHarness {
  const healths: AccountHealth[] = [];
  const changed: number[][] = [];
  const password = dovecot.users.find((u) => u.user === user)?.password ?? '';
  const sync = new AccountSync({
    db,
    dataDir,
    accountId,
    imap: { host: dovecot.host, port: dovecot.port, security: 'none', user, password },
    log: silentLogger,
    onHealth: (h) => healths.push(h),
    onMessagesChanged: (ids) => changed.push(ids),
    backoff: { baseMs: 100, maxMs: 800 },
    ...extra,
  });
  return { sync, healths, changed };
}

export async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  await expect.poll(check, { timeout: timeoutMs, interval: 50, message: what }).toBe(true);
}

/** Every message the cache lists for a role (or a folder id), newest first. */
export function listed(db: Database, accountId: number, folder: MessageFolderRole, folderId?: number): MessageSummary[] {
  const out: MessageSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = listMessages(db, { accountId, folder, cursor, limit: 500, ...(folderId !== undefined ? { folderId } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export interface ServerMessage {
  uid: number;
  messageId: string;
  subject: string;
  flags: string[];
}

/** The folder as the server has it right now. */
export async function serverFolder(dovecot: DovecotServer, user: string, folder: string): Promise<ServerMessage[]> {
  return dovecot.withClient(user, async (client) => {
    const box = await client.mailboxOpen(folder);
    if (box.exists === 0) return [];
    const rows = await client.fetchAll('1:*', { uid: true, envelope: true, flags: true });
    return rows.map((r) => ({
      uid: r.uid,
      messageId: (r.envelope?.messageId ?? '').replace(/^<|>$/g, ''),
      subject: r.envelope?.subject ?? '',
      flags: [...(r.flags ?? [])].sort(),
    }));
  });
}

/** Message-IDs the cache stores for an account (one row per mail). */
export function storedMessageIds(db: Database, accountId: number): string[] {
  return (db.prepare('SELECT message_id FROM messages WHERE account_id = ? ORDER BY message_id').all(accountId) as Array<{ message_id: string | null }>).map(
    (r) => r.message_id ?? '',
  );
}
