/**
 * The account's folders as the server lists them, with each folder's STATUS
 * (one LIST-STATUS round trip on servers that have it), mirrored into the
 * `folders` table.
 *
 * The STATUS values are what makes a no-change resync cheap: a folder whose
 * UIDVALIDITY, UIDNEXT, message count and HIGHESTMODSEQ all equal what the
 * cache recorded after its last complete pass has nothing new, so it is not
 * even selected.
 *
 * A folder gone from the server is deleted here, with its locations; its
 * messages become unlocated and survive one full pass (the folder may have
 * been renamed, and the messages are found again under the new name). A
 * folder that so far exists only locally, as the target of a queued move, is
 * kept: the write-back replay creates it on the server.
 */
import type { Database } from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import type { FolderRow } from '../db/folders.repo.ts';
import { deleteFolder, listFolders, upsertListedFolder } from '../db/folders.repo.ts';
import { folderHasPlaceholders } from '../db/writeback.repo.ts';
import type { RoledEntry } from './folder-roles.ts';
import { assignRoles, isSyncable } from './folder-roles.ts';

export interface FolderStatus {
  messages: number | null;
  uidNext: number | null;
  uidValidity: number | null;
  highestModseq: string | null;
}

export interface ServerFolder extends RoledEntry {
  status: FolderStatus | null;
}

export interface SyncTarget {
  folder: FolderRow;
  status: FolderStatus | null;
}

function toStatus(s: { messages?: number | undefined; uidNext?: number | undefined; uidValidity?: bigint | undefined; highestModseq?: bigint | undefined } | undefined): FolderStatus | null {
  if (!s || s.messages === undefined) return null;
  return {
    messages: s.messages ?? null,
    uidNext: s.uidNext ?? null,
    uidValidity: s.uidValidity !== undefined ? Number(s.uidValidity) : null,
    highestModseq: s.highestModseq !== undefined ? s.highestModseq.toString() : null,
  };
}

export async function listServerFolders(client: ImapFlow, skip?: (path: string) => boolean): Promise<ServerFolder[]> {
  // STATUS of the selected mailbox is this session's view of it (RFC 3501 6.3.10), stale even after
  // a NOOP when the mailbox was deleted and recreated: its STATUS is not trusted, its pass selects
  // it again. (Leaving it with CLOSE would expunge what someone flagged \Deleted.)
  const selected = client.mailbox ? client.mailbox.path : null;
  const listed = await client.list({ statusQuery: { messages: true, uidNext: true, uidValidity: true, highestModseq: true } });
  const syncable = listed.filter((e) => isSyncable({ ...e, delimiter: e.delimiter || null }, skip));
  const roled = assignRoles(syncable.map((e) => ({ path: e.path, name: e.name, delimiter: e.delimiter || null, flags: e.flags, specialUse: e.specialUse })));
  return roled.map((r, i) => {
    const status = syncable[i]?.status as Parameters<typeof toStatus>[0] & { error?: unknown };
    return { ...r, status: status && !status.error && r.path !== selected ? toStatus(status) : null };
  });
}

/** Mirrors the server's folder list into the cache; returns the folders to sync, INBOX first. */
export function reconcileFolders(db: Database, accountId: number, server: readonly ServerFolder[]): { targets: SyncTarget[]; changed: boolean } {
  return db.transaction(() => {
    const before = listFolders(db, accountId);
    const byPath = new Map(before.map((f) => [f.path, f]));
    let changed = false;
    const targets: SyncTarget[] = [];
    for (const s of server) {
      const old = byPath.get(s.path);
      const folder = upsertListedFolder(db, accountId, { path: s.path, role: s.role, delimiter: s.delimiter, specialUse: s.specialUse ?? null });
      if (!old || old.role !== folder.role || old.delimiter !== folder.delimiter) changed = true;
      targets.push({ folder, status: s.status });
    }
    const listed = new Set(server.map((s) => s.path));
    for (const f of before) {
      if (listed.has(f.path) || folderHasPlaceholders(db, f.id)) continue;
      deleteFolder(db, f.id);
      changed = true;
    }
    targets.sort((a, b) => Number(b.folder.role === 'inbox') - Number(a.folder.role === 'inbox'));
    return { targets, changed };
  })();
}

/** True when STATUS says the folder is exactly as the cache left it after its last complete pass. */
export function unchangedSinceLastPass(folder: FolderRow, status: FolderStatus | null, storedCount: () => number): boolean {
  if (!status || folder.uidvalidity === null || folder.highestmodseq === null) return false;
  if (status.highestModseq === null || status.uidValidity === null) return false;
  return (
    status.uidValidity === folder.uidvalidity &&
    status.highestModseq === folder.highestmodseq &&
    status.uidNext === folder.uidnext &&
    status.messages === storedCount()
  );
}
