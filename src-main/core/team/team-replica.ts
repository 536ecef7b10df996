/**
 * One desktop's replica of team state against the team folder: reads what
 * the others wrote (pull) and writes what this desktop changed (push). No
 * connection handling here — team-transport.ts decides when; tests drive the
 * same code against an in-memory folder.
 *
 * Invariants:
 * - Received ops, the message records and the UID cursor are written in one
 *   transaction; the HLC moves past received ops only after it committed. A
 *   crash anywhere rereads messages; rereading is harmless (ops are keyed by
 *   HLC), skipping is impossible.
 * - A local op is marked sent only after the APPEND that carries it
 *   succeeded; until then it stays in the offline queue (`sent_at IS NULL`).
 *   If the APPEND succeeded but its answer was lost, the batch goes again:
 *   a duplicate, which the fold ignores.
 * - A message that cannot be used (foreign, malformed, sealed for another
 *   passphrase) is recorded as skipped with its reason and never applied in
 *   part. A message with an op dated too far in the future is deferred and
 *   retried on every pull, so one desktop with a wrong clock cannot drag
 *   everyone's clocks forward — and its changes arrive once time catches up.
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import { appendOps, markOpsSent, unsentOps } from '../db/ops.repo.ts';
import {
  advanceTeamCursor,
  changeTeamKey,
  getTeamCursor,
  markTeamHeard,
  putClaimPosition,
  putTeamMessage,
  removeTeamMessages,
  resetTeamCursor,
  teamMessageCounts,
  deferredTeamUids,
  teamProblemCounts,
  unsentOpCount,
} from '../db/team.repo.ts';
import type { TeamMessageRecord } from '../db/team.repo.ts';
import type { Logger } from '../log.ts';
import type { TeamMessage, TeamMessageProblem } from './batch-codec.ts';
import { decodeTeamMessage, encodeTeamMessage } from './batch-codec.ts';
import { claimKeyOf } from './claim-ops.ts';
import { parseTimestamp } from './hlc.ts';
import type { LocalActor } from './local-actor.ts';
import type { Op } from './ops.ts';
import type { TeamKey } from './team-crypto.ts';
import type { FolderMessage, TeamFolder } from './team-folder.ts';

export interface TeamReplicaOptions {
  db: Database;
  accountId: number;
  actor: LocalActor;
  clock: Clock;
  log: Logger;
  /** The folder's name, kept with the cursor: a renamed folder is read from the start. */
  folderName: string;
  key: TeamKey | null;
  /** Ops per batch message (a burst of triage makes few messages). */
  maxOpsPerMessage?: number;
  /** Messages fetched and applied per transaction. */
  fetchChunk?: number;
  /** Remote ops dated further ahead of our clock than this are deferred. */
  maxDriftMs?: number;
}

export interface PullResult {
  /** Messages processed (applied, deferred or skipped). */
  messages: number;
  /** Ops this desktop did not have before. */
  newOps: number;
  /** Entities changed by those ops. */
  entities: Set<string>;
}

export interface ReplicaStatus {
  lastHeardAt: number | null;
  unsentOps: number;
  /** Messages in the folder this desktop could not use, by reason. */
  problems: Partial<Record<TeamMessageProblem, number>>;
  /** Applied messages (batches and snapshots) this desktop knows in the folder. */
  folderMessages: number;
  folderBytes: number;
}

const KEY_PROBLEMS: TeamMessageProblem[] = ['sealed-no-passphrase', 'sealed-other-passphrase', 'unsealed-refused'];

interface Planned {
  record: TeamMessageRecord;
  /** The decoded message: its ops are applied when the record says `applied`. */
  message: TeamMessage | null;
}

export class TeamReplica {
  readonly db: Database;
  readonly accountId: number;
  readonly actor: LocalActor;
  readonly clock: Clock;
  readonly log: Logger;
  readonly key: TeamKey | null;
  private readonly o: TeamReplicaOptions;
  private openUidValidity: number | null = null;

  constructor(o: TeamReplicaOptions) {
    this.o = o;
    this.db = o.db;
    this.accountId = o.accountId;
    this.actor = o.actor;
    this.clock = o.clock;
    this.log = o.log;
    this.key = o.key;
  }

  /** The UIDVALIDITY of the folder as last opened, or null before `open`. */
  get uidValidity(): number | null {
    return this.openUidValidity;
  }

  /**
   * Opens the folder; a new folder or UIDVALIDITY restarts reading from the
   * first message. `changed`: the folder was known under another UIDVALIDITY
   * (rebuilt, or deleted and created again): it may have lost messages.
   */
  async open(folder: TeamFolder): Promise<{ reread: boolean; changed: boolean }> {
    const { uidValidity } = await folder.open();
    const cursor = getTeamCursor(this.db, this.accountId);
    const reread = !cursor || cursor.uidValidity !== uidValidity || cursor.folder !== this.o.folderName;
    if (reread) {
      if (cursor) this.log.warn('team folder changed: reading it again', { from: cursor.uidValidity, to: uidValidity });
      resetTeamCursor(this.db, this.accountId, this.o.folderName, uidValidity, this.clock.now());
    }
    const keyId = this.key?.id ?? '';
    if ((getTeamCursor(this.db, this.accountId)?.keyId ?? '') !== keyId) changeTeamKey(this.db, this.accountId, keyId, KEY_PROBLEMS);
    this.openUidValidity = uidValidity;
    return { reread, changed: reread && cursor !== null };
  }

  async pull(folder: TeamFolder): Promise<PullResult> {
    this.requireOpen();
    const result: PullResult = { messages: 0, newOps: 0, entities: new Set() };
    const deferred = deferredTeamUids(this.db, this.accountId);
    if (deferred.length > 0) {
      const fetched = await folder.fetch(deferred);
      const present = new Set(fetched.map((m) => m.uid));
      removeTeamMessages(this.db, this.accountId, deferred.filter((uid) => !present.has(uid)));
      this.apply(fetched, null, result);
    }
    const cursor = getTeamCursor(this.db, this.accountId);
    const uids = await folder.listAfter(cursor?.lastUid ?? 0);
    const chunk = this.o.fetchChunk ?? 200;
    for (let i = 0; i < uids.length; i += chunk) {
      const slice = uids.slice(i, i + chunk);
      this.apply(await folder.fetch(slice), slice.at(-1) ?? 0, result);
    }
    markTeamHeard(this.db, this.accountId, this.clock.now());
    return result;
  }

  /** Sends queued local ops, `maxOpsPerMessage` per message. Returns how many messages went out. */
  async push(folder: TeamFolder, maxMessages = Number.POSITIVE_INFINITY): Promise<number> {
    this.requireOpen();
    let sent = 0;
    while (sent < maxMessages) {
      const ops = unsentOps(this.db, this.o.maxOpsPerMessage ?? 500);
      if (ops.length === 0) break;
      await this.appendMessage(folder, { kind: 'batch', ops });
      markOpsSent(this.db, ops.map((op) => op.hlc), this.clock.now());
      sent++;
    }
    return sent;
  }

  /**
   * Appends a message written here. When its UID directly follows the cursor
   * there is nothing between to read, so it counts as read at once (its ops
   * are ours already); otherwise the next pull reads it back like any other.
   */
  async appendMessage(folder: TeamFolder, m: { kind: 'batch' | 'snapshot'; ops: readonly Op[]; covers?: readonly string[] }): Promise<string> {
    const { raw, messageId } = encodeTeamMessage({ kind: m.kind, actor: this.actor.node, ops: m.ops, date: this.clock.now(), ...(m.covers ? { covers: m.covers } : {}) }, this.key);
    const { uid } = await folder.append(raw);
    const cursor = getTeamCursor(this.db, this.accountId);
    if (uid !== null && cursor && cursor.uidValidity === this.openUidValidity && uid === cursor.lastUid + 1) {
      const now = this.clock.now();
      this.db.transaction(() => {
        this.notePositions(m.ops, uid);
        putTeamMessage(this.db, this.accountId, {
          uid, messageId, kind: m.kind, actor: this.actor.node, opCount: m.ops.length, bytes: raw.length, state: 'applied', problem: null, seenAt: now,
        });
        advanceTeamCursor(this.db, this.accountId, uid, now);
      })();
    }
    return messageId;
  }

  status(): ReplicaStatus {
    const counts = teamMessageCounts(this.db, this.accountId);
    const problems: Partial<Record<TeamMessageProblem, number>> = {};
    for (const [problem, n] of teamProblemCounts(this.db, this.accountId)) problems[problem as TeamMessageProblem] = n;
    return {
      lastHeardAt: getTeamCursor(this.db, this.accountId)?.lastHeardAt ?? null,
      unsentOps: unsentOpCount(this.db),
      problems,
      folderMessages: counts.applied.messages,
      folderBytes: counts.applied.bytes,
    };
  }

  private requireOpen(): void {
    if (this.openUidValidity === null) throw new Error('TeamReplica: open() the folder first');
  }

  private plan(m: FolderMessage, now: number): Planned {
    const base = { uid: m.uid, bytes: m.raw.length, seenAt: now };
    const decoded = decodeTeamMessage(m.raw, this.key);
    if (!decoded.ok) {
      this.log.warn('team message skipped', { uid: m.uid, problem: decoded.problem, detail: decoded.detail });
      return { record: { ...base, messageId: null, kind: null, actor: null, opCount: 0, state: 'skipped', problem: decoded.problem }, message: null };
    }
    const msg = decoded.message;
    const record = { ...base, messageId: msg.messageId, kind: msg.kind, actor: msg.actor, opCount: msg.ops.length, problem: null };
    const limit = now + (this.o.maxDriftMs ?? 5 * 60_000);
    if (msg.ops.some((op) => (parseTimestamp(op.hlc)?.millis ?? 0) > limit)) {
      this.log.warn('team message deferred: dated in the future', { uid: m.uid, actor: msg.actor });
      return { record: { ...record, state: 'deferred' }, message: msg };
    }
    return { record: { ...record, state: 'applied' }, message: msg };
  }

  private apply(fetched: readonly FolderMessage[], advanceTo: number | null, result: PullResult): void {
    const now = this.clock.now();
    const planned = fetched.map((m) => this.plan(m, now));
    let newest: string | null = null;
    this.db.transaction(() => {
      for (const p of planned) {
        const msg = p.message;
        // Even a deferred message has its place in the folder: claims in it count (claims.ts).
        if (msg) this.notePositions(msg.ops, p.record.uid);
        if (msg && p.record.state === 'applied') {
          const own: string[] = [];
          for (const op of msg.ops) {
            if (appendOps(this.db, [op], now, 'received') > 0) {
              result.newOps++;
              result.entities.add(op.entity);
            }
            if (op.actor === this.actor.node) own.push(op.hlc);
            if (newest === null || op.hlc > newest) newest = op.hlc;
          }
          // Our own op seen in the folder was delivered, even if the APPEND's answer was lost.
          if (own.length > 0) markOpsSent(this.db, own, now);
        }
        putTeamMessage(this.db, this.accountId, p.record);
        result.messages++;
      }
      if (advanceTo !== null) advanceTeamCursor(this.db, this.accountId, advanceTo, now);
    })();
    if (newest !== null) this.actor.hlc.receive(newest);
  }

  private notePositions(ops: readonly Op[], uid: number): void {
    for (const op of ops) {
      const claim = claimKeyOf(op);
      if (claim) putClaimPosition(this.db, this.accountId, { ...claim, uid });
    }
  }
}
