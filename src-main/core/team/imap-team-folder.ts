/**
 * The team folder on the shared mailbox's IMAP server, over a connection the
 * caller opened (team-transport.ts owns its lifecycle).
 *
 * "Hidden": IMAP has no hidden folders. The folder is created unsubscribed,
 * so mail clients that show subscribed folders do not show it, and
 * Switchboard's own folder list leaves it out by name.
 *
 * Deleting: \Deleted + UID EXPUNGE of exactly the given UIDs (UIDPLUS). A
 * server without UIDPLUS gets a plain EXPUNGE, which also removes other
 * messages flagged \Deleted in this folder — only compactors flag here, and
 * they flag only what their already-appended snapshot covers, so that is safe.
 */
import type { ImapFlow } from 'imapflow';
import type { FolderMessage, TeamFolder } from './team-folder.ts';
import { UidValidityChangedError } from './team-folder.ts';

export const DEFAULT_TEAM_FOLDER = 'Switchboard Team';

/** "1:5,7,9:12" — IMAP commands have a line limit; 10,000 UIDs in a row must not become 60 KB. */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const out: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i] as number;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i] as number;
    out.push(start === end ? String(start) : `${start}:${end}`);
    i++;
  }
  return out.join(',');
}

const FETCH_BATCH = 500;

export class ImapTeamFolder implements TeamFolder {
  private readonly client: ImapFlow;
  private readonly name: string;
  private path: string;

  constructor(client: ImapFlow, name: string) {
    this.client = client;
    this.name = name;
    this.path = name;
  }

  get mailboxPath(): string {
    return this.path;
  }

  async open(): Promise<{ uidValidity: number }> {
    let box;
    try {
      box = await this.client.mailboxOpen(this.path);
    } catch (err) {
      if (!this.client.usable) throw err;
      const created = await this.client.mailboxCreate(this.name);
      this.path = created.path;
      if (created.created) await this.client.mailboxUnsubscribe(created.path).catch(() => false);
      box = await this.client.mailboxOpen(this.path);
    }
    return { uidValidity: Number(box.uidValidity) };
  }

  async listAfter(afterUid: number): Promise<number[]> {
    const found = await this.client.search({ uid: `${afterUid + 1}:*` }, { uid: true });
    // "N:*" also matches the highest UID when it is below N: filter.
    return (found || []).filter((uid) => uid > afterUid).sort((a, b) => a - b);
  }

  async fetch(uids: readonly number[]): Promise<FolderMessage[]> {
    const out: FolderMessage[] = [];
    for (let i = 0; i < uids.length; i += FETCH_BATCH) {
      const range = uidSet(uids.slice(i, i + FETCH_BATCH));
      for await (const m of this.client.fetch(range, { uid: true, source: true }, { uid: true })) {
        if (m.source) out.push({ uid: m.uid, raw: m.source });
      }
    }
    return out.sort((a, b) => a.uid - b.uid);
  }

  async append(raw: Buffer): Promise<{ uid: number | null }> {
    const res = await this.client.append(this.path, raw, ['\\Seen']);
    if (!res) throw new Error('The server refused to store a team-sync message.');
    const box = this.client.mailbox;
    const sameFolder = res.uidValidity === undefined || !box || box.uidValidity === res.uidValidity;
    return { uid: typeof res.uid === 'number' && sameFolder ? res.uid : null };
  }

  async expunge(uidValidity: number, uids: readonly number[]): Promise<void> {
    if (uids.length === 0) return;
    const box = this.client.mailbox;
    if (!box || box.path !== this.path) throw new Error('The team folder is not open.');
    if (Number(box.uidValidity) !== uidValidity) throw new UidValidityChangedError(uidValidity, Number(box.uidValidity));
    const ok = await this.client.messageDelete(uidSet(uids), { uid: true });
    if (!ok) throw new Error('The server refused to delete compacted team-sync messages.');
  }
}
