/**
 * A message exactly as the server holds it ("Show original"): every header
 * (Received, Authentication-Results, DKIM) and the undecoded body. Agents
 * need it to check whether a "customer" is a phishing attempt, to hand a
 * mail to IT or a provider, or to save it as a .eml file.
 *
 * The cache keeps no raw bytes (they would double its size), so the source
 * is read from the server each time, on a short session of its own (like
 * the mail inspector's) so it never waits behind a sync. The demo's mail
 * has no server: its generator is deterministic, so the message is made
 * again from the demo's creation time and its place in the generated
 * mailbox, and checked against the stored Message-ID.
 */
import type { Database } from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import type { MessageOriginal } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { FetchLocation } from '../db/bodies.repo.ts';
import { fetchLocationsOf } from '../db/bodies.repo.ts';
import { getAccount } from '../db/accounts.repo.ts';
import { getMessageIdentity } from '../db/messages.repo.ts';
import { generateDemoMailbox } from '../demo/demo-mailbox.ts';
import { messageIdsIn } from '../mail/parse.ts';
import { firstHeader, splitHeaders } from '../mail/parse-fallback.ts';
import { AccountUnusableError, accountServers, withImap } from '../outbox/account-servers.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import { isUnreachable } from '../sync/classify-error.ts';

/** The bytes travel base64 in one JSON message, as attachments do (attachments.handlers.ts). */
export const MAX_ORIGINAL_BYTES = 64 * 1024 * 1024;

export interface OriginalDeps {
  db: Database;
  secrets: SecretStore;
  clock: Clock;
  log: Logger;
}

/** A file name from the subject: printable, no path separators, short enough for every file system. */
export function originalFileName(subject: string): string {
  const base = subject
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
  return `${base || 'message'}.eml`;
}

function idOf(raw: Buffer): string | null {
  return messageIdsIn(firstHeader(splitHeaders(raw).headers, 'message-id'))[0] ?? null;
}

async function fromServer(client: ImapFlow, location: FetchLocation): Promise<Buffer | null> {
  const lock = await client.getMailboxLock(location.path, { readOnly: true });
  try {
    const box = client.mailbox;
    if (!box || Number(box.uidValidity) !== location.uidvalidity) return null;
    const found = await client.fetchOne(String(location.uid), { source: true }, { uid: true });
    return found && found.source ? found.source : null;
  } finally {
    lock.release();
  }
}

async function imapOriginal(deps: OriginalDeps, accountId: number, messageId: number): Promise<Buffer | null> {
  const locations = fetchLocationsOf(deps.db, messageId);
  if (locations.length === 0) return null;
  try {
    const servers = await accountServers(deps.db, deps.secrets, accountId);
    return await withImap(servers.imap, deps.clock, async (client) => {
      for (const location of locations) {
        const raw = await fromServer(client, location);
        if (raw) return raw;
      }
      return null;
    });
  } catch (err) {
    if (err instanceof AccountUnusableError) throw new DeskFailure('unavailable', err.sentence);
    deps.log.warn('could not read the original of a message from the server', { messageId, err });
    throw new DeskFailure('unavailable', sentence(isUnreachable(err) ? 'originalOffline' : 'originalUnreadable'));
  }
}

function demoOriginal(createdAt: number, uid: number, wanted: string | null): Buffer | null {
  const raw = generateDemoMailbox({ now: createdAt })[uid - 1]?.raw ?? null;
  return raw && idOf(raw) === wanted ? raw : null;
}

export async function readOriginal(deps: OriginalDeps, messageId: number): Promise<MessageOriginal> {
  const identity = getMessageIdentity(deps.db, messageId);
  if (!identity) throw new DeskFailure('not-found', sentence('messageGone'));
  const account = getAccount(deps.db, identity.accountId);
  let raw: Buffer | null = null;
  if (account?.kind === 'demo') {
    raw = identity.uid === null ? null : demoOriginal(account.created_at, identity.uid, identity.messageId);
  } else if (account) {
    raw = await imapOriginal(deps, account.id, messageId);
  }
  if (!raw) throw new DeskFailure('unavailable', sentence('originalGone'));
  if (raw.length > MAX_ORIGINAL_BYTES) throw new DeskFailure('unavailable', sentence('originalTooLarge'));
  return { fileName: originalFileName(identity.subject), size: raw.length, dataBase64: raw.toString('base64') };
}
