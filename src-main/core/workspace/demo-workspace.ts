/**
 * The demo workspace: a local, clearly labelled account filled by our own
 * deterministic generator, so a newcomer sees a realistic desk without a
 * server. Its mail goes through the same parse → store pipeline as real mail
 * (so the demo exercises the real code), with folders that have no server
 * (UIDVALIDITY 1, UIDs in generation order).
 */
import type { Database } from 'better-sqlite3';
import type { MessageFolderRole } from '../../../src-preload/api.ts';
import type { Logger } from '../log.ts';
import { accountsOfKind, deleteAccount, getAccount, insertAccount } from '../db/accounts.repo.ts';
import type { AccountRow } from '../db/accounts.repo.ts';
import { upsertFolder } from '../db/folders.repo.ts';
import { deleteKeptOps } from '../db/ops.repo.ts';
import { setSetting, getSetting } from '../db/settings.repo.ts';
import { DEMO_MAILBOX_ADDRESS, generateDemoMailbox } from '../demo/demo-mailbox.ts';
import type { DemoMessage } from '../demo/demo-mailbox.ts';
import { ingestMessages } from '../mail/ingest.ts';
import type { IngestInput } from '../mail/ingest.ts';
import type { LocalActor } from '../team/local-actor.ts';
import { seedDemoTemplates } from './demo-templates.ts';

const DISMISSED = 'demo.dismissed';
const BATCH = 250;

const roleOf: Record<DemoMessage['folder'], MessageFolderRole> = { INBOX: 'inbox', Sent: 'sent', Junk: 'junk' };

export function findDemoAccount(db: Database): AccountRow | undefined {
  return accountsOfKind(db, 'demo')[0];
}

export async function createDemoWorkspace(db: Database, dataDir: string, now: number, log: Logger, actor: LocalActor): Promise<AccountRow> {
  const existing = findDemoAccount(db);
  if (existing) return existing;
  const started = performance.now();
  const messages = generateDemoMailbox({ now });
  const accountId = insertAccount(db, {
    kind: 'demo',
    name: 'Northwind Outfitters (demo)',
    email: DEMO_MAILBOX_ADDRESS,
    imap: null,
    smtp: null,
    secret: null,
    createdAt: now,
  });
  const folderIds = new Map<DemoMessage['folder'], number>();
  for (const folder of ['INBOX', 'Sent', 'Junk'] as const) {
    folderIds.set(folder, upsertFolder(db, accountId, folder, roleOf[folder]).id);
  }
  const inputs: IngestInput[] = messages.map((m, i) => ({
    accountId,
    folderId: folderIds.get(m.folder) ?? 0,
    uidvalidity: 1,
    uid: i + 1,
    flags: m.flags,
    raw: m.raw,
    internalDate: m.date,
  }));
  for (let i = 0; i < inputs.length; i += BATCH) {
    await ingestMessages(db, dataDir, inputs.slice(i, i + BATCH));
  }
  seedDemoTemplates(actor);
  setSetting(db, DISMISSED, 'false');
  log.info('demo workspace created', { messages: messages.length, ms: Math.round(performance.now() - started) });
  const row = getAccount(db, accountId);
  if (!row) throw new Error('demo account vanished right after insert');
  return row;
}

/** Removes the demo's account, its mail, its templates and what the agent did to them (the ops kept on this desktop). */
export function removeDemoWorkspace(db: Database): boolean {
  const demo = findDemoAccount(db);
  // Remembered so that `npm start` does not bring it back uninvited.
  setSetting(db, DISMISSED, 'true');
  return db.transaction(() => {
    deleteKeptOps(db);
    return demo ? deleteAccount(db, demo.id) : false;
  })();
}

export function demoWasDismissed(db: Database): boolean {
  return getSetting(db, DISMISSED) === 'true';
}
