/**
 * After the server accepted a mail: its copy in the Sent folder (unless the
 * server saves one itself) and in the cache, so the conversation shows the
 * reply at once and its status folds to waiting-on-customer (the copy is
 * from the mailbox's address, so threading and the fold see it as ours).
 *
 * Idempotent, because it runs again at start for items whose copy was not
 * recorded: the Sent folder is searched for the Message-ID before appending,
 * and ingesting the same bytes again adds nothing (dedupe key).
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import { getFolderByRole, upsertFolder } from '../db/folders.repo.ts';
import { markCopied } from '../db/outbox.repo.ts';
import type { OutboxDbRow } from '../db/outbox.repo.ts';
import type { Logger } from '../log.ts';
import { ingestMessage } from '../mail/ingest.ts';
import type { AccountServers } from './account-servers.ts';
import { appendCopy, folderHasMessageId, withImap } from './account-servers.ts';
import { sentCopyMode } from './send-settings.ts';

export interface SentCopyDeps {
  db: Database;
  dataDir: string;
  clock: Clock;
  log: Logger;
}

/** Returns the cache row of the stored copy, or null when it could not be stored. */
export async function storeSentCopy(deps: SentCopyDeps, row: OutboxDbRow, servers: AccountServers, raw: Buffer, date: number): Promise<number | null> {
  const { db } = deps;
  let folder = getFolderByRole(db, row.account_id, 'sent');
  let location: { uid: number; uidValidity: number } | null = null;
  let appendFailed = false;
  if (sentCopyMode(db, row.account_id) === 'append') {
    try {
      location = await withImap(servers.imap, deps.clock, async (client) => {
        if (!folder) {
          // No Sent folder known: make one, as desktop mail clients do; the sync adopts it.
          await client.mailboxCreate('Sent').catch(() => undefined);
          folder = upsertFolder(db, row.account_id, 'Sent', 'sent');
        }
        if (await folderHasMessageId(client, folder.path, row.message_id)) return null;
        return appendCopy(client, folder.path, raw, new Date(date));
      });
    } catch (err) {
      // Offline or refused: the cache still gets the copy now; the append is retried later.
      deps.log.warn('could not append the Sent copy', { outboxId: row.id, err });
      appendFailed = true;
    }
  }
  if (!folder) {
    markCopied(db, row.id);
    return null;
  }
  // Without a UID from the server (server-saves, or no UIDPLUS) the copy gets a placeholder
  // location, as the write-back queue does; the sync replaces it with the server's.
  const result = await ingestMessage(
    db,
    deps.dataDir,
    {
      accountId: row.account_id,
      folderId: folder.id,
      uidvalidity: location?.uidValidity ?? 0,
      uid: location?.uid ?? -row.id,
      flags: ['\\Seen'],
      raw,
      internalDate: date,
    },
    { clock: deps.clock },
  );
  if (!appendFailed) markCopied(db, row.id);
  return result.messageRowId;
}
