/**
 * "Alice is viewing", "Bob is replying": presence as lease ops.
 *
 *   presence:<Message-ID>   field <node>   value { kind, expiresAt } | null
 *
 * A lease names the conversation by a Message-ID of one of its messages (the
 * one the agent opened); the query takes every Message-ID of the
 * conversation, so presence survives thread merges like other team state.
 * Each agent writes only its own cell (field = its node). A lease is renewed
 * while it holds and simply expires when a desktop goes away: no desktop
 * ever has to clean up after another. Expiry is judged on the reader's
 * clock, so skew between desktops shifts it by that much; leases are long
 * (90 s) compared with expected skew.
 *
 * 'sending' is not the window's to set: core holds it while a reply of this
 * desktop to the conversation is on its way out (undo window, sending, a
 * retry, or accepted by the server but not yet filed in Sent), because until
 * the copy is in the shared mailbox a colleague's cache cannot show it and
 * the send-time collision check could not see it (outbox-queue.ts).
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { opsForEntity } from '../db/ops.repo.ts';
import type { LocalActor } from './local-actor.ts';
import { foldFields } from './ops.ts';
import { listAgents } from './roster.ts';

export type PresenceKind = 'viewing' | 'replying' | 'sending';

export const PRESENCE_PREFIX = 'presence:';
export const PRESENCE_LEASE_MS = 90_000;
export const PRESENCE_RENEW_MS = 30_000;

export function presenceEntity(messageId: string): string {
  return PRESENCE_PREFIX + messageId;
}

const leaseSchema = z.strictObject({ kind: z.enum(['viewing', 'replying', 'sending']), expiresAt: z.number() });

/** A lease op's value, or null for an ended lease or one this version cannot read. */
export function leaseOf(value: unknown): { kind: PresenceKind; expiresAt: number } | null {
  const lease = leaseSchema.safeParse(value);
  return lease.success ? lease.data : null;
}

// What a colleague about to reply must notice first: a reply already going out, then one being written.
const URGENCY: Record<PresenceKind, number> = { sending: 0, replying: 1, viewing: 2 };

/** Orders presence most urgent first, then by name. */
export function byUrgency<T extends { kind: PresenceKind; name: string | null }>(a: T, b: T): number {
  return URGENCY[a.kind] - URGENCY[b.kind] || (a.name ?? '').localeCompare(b.name ?? '');
}

export interface PresenceEntry {
  node: string;
  kind: PresenceKind;
  expiresAt: number;
  /** From the roster, when the agent published a profile. */
  name: string | null;
  colour: string | null;
}

/**
 * Who is viewing or replying to the conversation made of `messageIds`, now.
 * The earliest `expiresAt` tells when to ask again.
 */
export function whoIsHere(db: Database, messageIds: Iterable<string>, now: number, exceptNode: string | null = null): PresenceEntry[] {
  const entities = new Set([...messageIds].map(presenceEntity));
  const ops = [...entities].flatMap((e) => opsForEntity(db, e)).filter((op) => op.field === op.actor);
  const agents = new Map(listAgents(db).map((a) => [a.node, a]));
  const out: PresenceEntry[] = [];
  for (const [node, op] of foldFields(ops, entities)) {
    if (node === exceptNode) continue;
    const lease = leaseOf(op.value);
    if (!lease || lease.expiresAt <= now) continue;
    const agent = agents.get(node);
    out.push({ node, kind: lease.kind, expiresAt: lease.expiresAt, name: agent?.name ?? null, colour: agent?.colour ?? null });
  }
  return out.sort((a, b) => byUrgency({ kind: a.kind, name: a.name ?? a.node }, { kind: b.kind, name: b.name ?? b.node }));
}

/**
 * This desktop's own leases, one cell per conversation root: what the window
 * asks for (viewing, replying) and, over it, 'sending' while `sendingRoots`
 * names the root (a reply going out; held and renewed by core itself, since
 * it lasts whether or not a window shows the conversation).
 */
export class PresenceLeases {
  private readonly actor: LocalActor;
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly renewMs: number;
  private readonly selfRenew: boolean;
  private readonly sendingRoots: () => Iterable<string>;
  private readonly held = new Map<string, { kind: PresenceKind; cancel: () => void }>();
  private sending = new Set<string>();
  private cancelSendingRenewal: (() => void) | null = null;

  /**
   * `selfRenew: false`: every `set` writes one lease and the caller renews by
   * calling it again — core uses this so a lease lives only as long as the
   * window that asked for it keeps asking (a closed tab leaves no ghost).
   */
  constructor(o: { actor: LocalActor; clock: Clock; leaseMs?: number; renewMs?: number; selfRenew?: boolean; sendingRoots?: () => Iterable<string> }) {
    this.actor = o.actor;
    this.clock = o.clock;
    this.leaseMs = o.leaseMs ?? PRESENCE_LEASE_MS;
    this.renewMs = o.renewMs ?? PRESENCE_RENEW_MS;
    this.selfRenew = o.selfRenew ?? true;
    this.sendingRoots = o.sendingRoots ?? (() => []);
  }

  /** Starts, changes (viewing → replying) or with null ends this agent's presence on a conversation. */
  set(messageId: string, kind: PresenceKind | null): void {
    const current = this.held.get(messageId);
    current?.cancel();
    this.held.delete(messageId);
    if (kind === null) {
      // A reply going out keeps its lease when the window moves on.
      if (current && !this.sending.has(messageId)) this.write([[messageId, null]]);
      return;
    }
    this.write([[messageId, this.sending.has(messageId) ? 'sending' : kind]]);
    if (!this.selfRenew) {
      this.held.set(messageId, { kind, cancel: () => undefined });
      return;
    }
    const renew = (): void => {
      this.write([[messageId, this.sending.has(messageId) ? 'sending' : kind]]);
      entry.cancel = this.clock.schedule(this.renewMs, renew);
    };
    const entry = { kind, cancel: this.clock.schedule(this.renewMs, renew) };
    this.held.set(messageId, entry);
  }

  /**
   * Reads `sendingRoots` again: roots that start having a reply going out say
   * 'sending', roots whose reply is filed (or taken back) fall back to what
   * the window asked for, or end. While any is sending, this runs again
   * every renewal period, renewing them all in one batch of ops.
   */
  refreshSending(): void {
    const next = new Set(this.sendingRoots());
    const writes: Array<[string, PresenceKind | null]> = [];
    for (const root of next) writes.push([root, 'sending']);
    for (const root of this.sending) if (!next.has(root)) writes.push([root, this.held.get(root)?.kind ?? null]);
    this.sending = next;
    this.write(writes);
    this.cancelSendingRenewal?.();
    this.cancelSendingRenewal = next.size > 0 ? this.clock.schedule(this.renewMs, () => this.refreshSending()) : null;
  }

  /** Ends every lease held here (the window closes, the app quits). */
  clear(): void {
    this.cancelSendingRenewal?.();
    this.cancelSendingRenewal = null;
    const roots = new Set([...this.held.keys(), ...this.sending]);
    for (const entry of this.held.values()) entry.cancel();
    this.held.clear();
    this.sending = new Set();
    this.write([...roots].map((root): [string, null] => [root, null]));
  }

  private write(leases: ReadonlyArray<readonly [string, PresenceKind | null]>): void {
    if (leases.length === 0) return;
    const expiresAt = this.clock.now() + this.leaseMs;
    this.actor.record(leases.map(([messageId, kind]) => ({ entity: presenceEntity(messageId), field: this.actor.node, value: kind ? { kind, expiresAt } : null })));
  }
}
