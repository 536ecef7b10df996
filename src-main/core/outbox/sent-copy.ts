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
import type { ImapRunner } from './account-servers.ts';
import { appendCopy, folderHasMessageId, withImap } from './account-servers.ts';
import { sentCopyMode } from './send-settings.ts';

export interface SentCopyDeps {
  db: Database;
  dataDir: string;
  clock: Clock;
  log: Logger;
}

/** What was sent, for filing its copy: the outbox's item, or a rule's acknowledgement. */
export interface SentMail {
  accountId: number;
  /** Without brackets. */
  messageId: string;
  /** The UID of the cache's copy until the sync brings the server's; null: no cache copy without the server's UID. */
  placeholderUid: number | null;
  /** Called once the copy is where it belongs (appended, or the server keeps its own): not to be tried again. */
  copied(): void;
}

/** The outbox item's mail, whose copy is recorded on the item. */
export function outboxMail(db: Database, row: OutboxDbRow): SentMail {
  return { accountId: row.account_id, messageId: row.message_id, placeholderUid: -row.id, copied: () => markCopied(db, row.id) };
}

/** Returns the cache row of the stored copy, or null when it could not be stored. */
export async function storeSentCopy(
  deps: SentCopyDeps,
  mail: SentMail,
  servers: AccountServers,
  raw: Buffer,
  date: number,
  imap: ImapRunner = (fn) => withImap(servers.imap, deps.clock, fn),
): Promise<number | null> {
  const { db } = deps;
  let folder = getFolderByRole(db, mail.accountId, 'sent');
  let location: { uid: number; uidValidity: number } | null = null;
  let appendFailed = false;
  if (sentCopyMode(db, mail.accountId) === 'append') {
    try {
      location = await imap(async (client) => {
        if (!folder) {
          // No Sent folder known: make one, as desktop mail clients do; the sync adopts it.
          await client.mailboxCreate('Sent').catch(() => undefined);
          folder = upsertFolder(db, mail.accountId, 'Sent', 'sent');
        }
        if (await folderHasMessageId(client, folder.path, mail.messageId)) return null;
        return appendCopy(client, folder.path, raw, new Date(date));
      });
    } catch (err) {
      // Offline or refused: the cache still gets the copy now; the append is retried later.
      deps.log.warn('could not append the Sent copy', { messageId: mail.messageId, err });
      appendFailed = true;
    }
  }
  if (!folder) {
    mail.copied();
    return null;
  }
  if (!location && mail.placeholderUid === null) {
    if (!appendFailed) mail.copied();
    return null;
  }
  // Without a UID from the server (server-saves, or no UIDPLUS) the copy gets a placeholder
  // location, as the write-back queue does; the sync replaces it with the server's.
  const result = await ingestMessage(
    db,
    deps.dataDir,
    {
      accountId: mail.accountId,
      folderId: folder.id,
      uidvalidity: location?.uidValidity ?? 0,
      uid: location?.uid ?? mail.placeholderUid ?? 0,
      flags: ['\\Seen'],
      raw,
      internalDate: date,
    },
    { clock: deps.clock },
  );
  if (!appendFailed) mail.copied();
  return result.messageRowId;
}
