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
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { opsForEntity } from '../db/ops.repo.ts';
import type { LocalActor } from './local-actor.ts';
import { foldFields } from './ops.ts';
import { listAgents } from './roster.ts';

export type PresenceKind = 'viewing' | 'replying';

export const PRESENCE_PREFIX = 'presence:';
export const PRESENCE_LEASE_MS = 90_000;
export const PRESENCE_RENEW_MS = 30_000;

export function presenceEntity(messageId: string): string {
  return PRESENCE_PREFIX + messageId;
}

const leaseSchema = z.strictObject({ kind: z.enum(['viewing', 'replying']), expiresAt: z.number() });

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
    const lease = leaseSchema.safeParse(op.value);
    if (!lease.success || lease.data.expiresAt <= now) continue;
    const agent = agents.get(node);
    out.push({ node, kind: lease.data.kind, expiresAt: lease.data.expiresAt, name: agent?.name ?? null, colour: agent?.colour ?? null });
  }
  // Replying first: it is what an agent about to reply must notice.
  return out.sort((a, b) => (a.kind === b.kind ? (a.name ?? a.node).localeCompare(b.name ?? b.node) : a.kind === 'replying' ? -1 : 1));
}

/** This desktop's own leases: set while the agent views or replies, renewed through the Clock. */
export class PresenceLeases {
  private readonly actor: LocalActor;
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly renewMs: number;
  private readonly selfRenew: boolean;
  private readonly held = new Map<string, { kind: PresenceKind; cancel: () => void }>();

  /**
   * `selfRenew: false`: every `set` writes one lease and the caller renews by
   * calling it again — core uses this so a lease lives only as long as the
   * window that asked for it keeps asking (a closed tab leaves no ghost).
   */
  constructor(o: { actor: LocalActor; clock: Clock; leaseMs?: number; renewMs?: number; selfRenew?: boolean }) {
    this.actor = o.actor;
    this.clock = o.clock;
    this.leaseMs = o.leaseMs ?? PRESENCE_LEASE_MS;
    this.renewMs = o.renewMs ?? PRESENCE_RENEW_MS;
    this.selfRenew = o.selfRenew ?? true;
  }

  /** Starts, changes (viewing → replying) or with null ends this agent's presence on a conversation. */
  set(messageId: string, kind: PresenceKind | null): void {
    const current = this.held.get(messageId);
    current?.cancel();
    this.held.delete(messageId);
    if (kind === null) {
      if (current) this.write(messageId, null);
      return;
    }
    this.write(messageId, kind);
    if (!this.selfRenew) {
      this.held.set(messageId, { kind, cancel: () => undefined });
      return;
    }
    const renew = (): void => {
      this.write(messageId, kind);
      entry.cancel = this.clock.schedule(this.renewMs, renew);
    };
    const entry = { kind, cancel: this.clock.schedule(this.renewMs, renew) };
    this.held.set(messageId, entry);
  }

  /** Ends every lease held here (the window closes, the app quits). */
  clear(): void {
    for (const id of [...this.held.keys()]) this.set(id, null);
  }

  private write(messageId: string, kind: PresenceKind | null): void {
    const value = kind ? { kind, expiresAt: this.clock.now() + this.leaseMs } : null;
    this.actor.record([{ entity: presenceEntity(messageId), field: this.actor.node, value }]);
  }
}
