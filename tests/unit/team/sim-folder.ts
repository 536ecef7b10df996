/**
 * An in-memory team folder shared by simulated desktops, with the faults a
 * real server and network produce: a desktop can be offline, an APPEND can
 * succeed on the server while its answer is lost (the sender re-sends: a
 * duplicate), and the server can rebuild the folder with a new UIDVALIDITY
 * (which ends every open session, as a real server would). A `gate` lets
 * fast-check's scheduler decide in which order concurrent calls land.
 *
 * It keeps the IMAP guarantee the real thing gives: UIDs ascend in the order
 * messages are added.
 */
import type { FolderMessage, TeamFolder } from '../../../src-main/core/team/team-folder.ts';
import { UidValidityChangedError } from '../../../src-main/core/team/team-folder.ts';

export type Gate = (label: string) => Promise<void>;

export class OfflineError extends Error {
  constructor(what: string) {
    super(`offline: ${what}`);
    this.name = 'OfflineError';
  }
}

export class SimFolder {
  uidValidity = 1;
  private nextUid = 1;
  /** Bumped when the server rebuilds the folder: open sessions end. */
  epoch = 0;
  readonly messages: FolderMessage[] = [];
  gate: Gate | null = null;
  appends = 0;

  async pass(label: string): Promise<void> {
    if (this.gate) await this.gate(label);
  }

  add(raw: Buffer): number {
    const uid = this.nextUid++;
    this.messages.push({ uid, raw });
    this.appends++;
    return uid;
  }

  /** The server rebuilt its index: same messages, new UIDs, new UIDVALIDITY. */
  rebuild(): void {
    this.uidValidity += 1;
    this.epoch += 1;
    this.nextUid = 1;
    for (const m of this.messages) m.uid = this.nextUid++;
  }

  bytes(): number {
    return this.messages.reduce((n, m) => n + m.raw.length, 0);
  }

  client(name: string): SimFolderClient {
    return new SimFolderClient(this, name);
  }
}

export class SimFolderClient implements TeamFolder {
  online = true;
  /** The next APPEND reaches the server but its answer is lost. */
  loseNextAppendAnswer = false;
  private session: number | null = null;
  private readonly folder: SimFolder;
  private readonly name: string;

  constructor(folder: SimFolder, name: string) {
    this.folder = folder;
    this.name = name;
  }

  private check(what: string): void {
    if (!this.online) throw new OfflineError(`${this.name} ${what}`);
    if (this.session !== this.folder.epoch) throw new OfflineError(`${this.name} ${what}: session ended`);
  }

  async open(): Promise<{ uidValidity: number }> {
    await this.folder.pass(`${this.name} open`);
    if (!this.online) throw new OfflineError(`${this.name} open`);
    this.session = this.folder.epoch;
    return { uidValidity: this.folder.uidValidity };
  }

  async listAfter(afterUid: number): Promise<number[]> {
    await this.folder.pass(`${this.name} list`);
    this.check('list');
    return this.folder.messages.filter((m) => m.uid > afterUid).map((m) => m.uid);
  }

  async fetch(uids: readonly number[]): Promise<FolderMessage[]> {
    await this.folder.pass(`${this.name} fetch`);
    this.check('fetch');
    const want = new Set(uids);
    return this.folder.messages.filter((m) => want.has(m.uid)).map((m) => ({ uid: m.uid, raw: m.raw }));
  }

  async append(raw: Buffer): Promise<{ uid: number | null }> {
    await this.folder.pass(`${this.name} append`);
    this.check('append');
    const uid = this.folder.add(raw);
    if (this.loseNextAppendAnswer) {
      this.loseNextAppendAnswer = false;
      throw new OfflineError(`${this.name} append answer lost`);
    }
    return { uid };
  }

  async expunge(uidValidity: number, uids: readonly number[]): Promise<void> {
    await this.folder.pass(`${this.name} expunge`);
    this.check('expunge');
    if (uidValidity !== this.folder.uidValidity) throw new UidValidityChangedError(uidValidity, this.folder.uidValidity);
    const gone = new Set(uids);
    const keep = this.folder.messages.filter((m) => !gone.has(m.uid));
    this.folder.messages.splice(0, this.folder.messages.length, ...keep);
  }
}
