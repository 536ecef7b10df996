/**
 * This desktop's own presence leases (team/presence.ts), one cell per
 * conversation root, from two sources:
 *
 * - the window: viewing or replying while it shows the conversation. Core
 *   uses `selfRenew: false`, so such a lease lives only as long as the window
 *   keeps asking for it (a closed tab leaves no ghost);
 * - the outbox (`outboxRoots`): 'sending' while a reply of this desktop is on
 *   its way out, renewed here every period in one batch of ops, and
 *   'scheduled' while one waits for its time, written once with an expiry
 *   half a day after that time (the desktop may be off by then: the reply
 *   then leaves when it starts, and colleagues see it as late meanwhile).
 *
 * The outbox's kind takes the cell over the window's and gives it back after,
 * so a colleague sees the fact that matters most for their own reply.
 */
import type { Clock } from '../clock.ts';
import type { LocalActor } from './local-actor.ts';
import type { Lease, PresenceKind } from './presence.ts';
import { PRESENCE_LEASE_MS, PRESENCE_RENEW_MS, presenceEntity } from './presence.ts';

export type OutboxPresence = { kind: 'sending' } | { kind: 'scheduled'; sendAt: number };

type WindowKind = Exclude<PresenceKind, 'sending' | 'scheduled'>;

/**
 * How long after its time a scheduled reply is still announced, should its
 * desktop not be there to send it: through a night and a morning, when a
 * laptop closed with a reply for 9:00 most often starts again (the reply
 * then goes out). Colleagues see it as late, and can still send anyway.
 */
export const SCHEDULED_GRACE_MS = 12 * 60 * 60_000;

export class PresenceLeases {
  private readonly actor: LocalActor;
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly renewMs: number;
  private readonly selfRenew: boolean;
  private readonly outboxRoots: () => ReadonlyMap<string, OutboxPresence>;
  private readonly held = new Map<string, { kind: WindowKind; cancel: () => void }>();
  private outbox = new Map<string, OutboxPresence>();
  private cancelOutboxRenewal: (() => void) | null = null;

  constructor(o: { actor: LocalActor; clock: Clock; leaseMs?: number; renewMs?: number; selfRenew?: boolean; outboxRoots?: () => ReadonlyMap<string, OutboxPresence> }) {
    this.actor = o.actor;
    this.clock = o.clock;
    this.leaseMs = o.leaseMs ?? PRESENCE_LEASE_MS;
    this.renewMs = o.renewMs ?? PRESENCE_RENEW_MS;
    this.selfRenew = o.selfRenew ?? true;
    this.outboxRoots = o.outboxRoots ?? (() => new Map());
  }

  /** Starts, changes (viewing → replying) or with null ends the window's presence on a conversation. */
  set(root: string, kind: WindowKind | null): void {
    const current = this.held.get(root);
    current?.cancel();
    this.held.delete(root);
    const outbox = this.outbox.get(root);
    if (kind === null) {
      // A reply going out or scheduled keeps its lease when the window moves on.
      if (current && !outbox) this.write([[root, null]]);
      return;
    }
    // While the outbox holds the cell it writes and renews it; the window's kind is kept for when it lets go.
    if (!outbox) this.write([[root, this.windowLease(kind)]]);
    if (!this.selfRenew) {
      this.held.set(root, { kind, cancel: () => undefined });
      return;
    }
    const renew = (): void => {
      if (!this.outbox.has(root)) this.write([[root, this.windowLease(kind)]]);
      entry.cancel = this.clock.schedule(this.renewMs, renew);
    };
    const entry = { kind, cancel: this.clock.schedule(this.renewMs, renew) };
    this.held.set(root, entry);
  }

  /**
   * Reads `outboxRoots` again (after each outbox change, and every renewal
   * period while a reply is going out): writes what changed, renews every
   * 'sending' lease, and gives a root that leaves the outbox back to what the
   * window asked for, or ends it.
   */
  refreshOutbox(): void {
    const next = new Map(this.outboxRoots());
    const writes: Array<[string, Lease | null]> = [];
    for (const [root, p] of next) {
      const before = this.outbox.get(root);
      const same = before?.kind === 'scheduled' && p.kind === 'scheduled' && before.sendAt === p.sendAt;
      if (!same) writes.push([root, this.outboxLease(p)]);
    }
    for (const root of this.outbox.keys()) {
      if (next.has(root)) continue;
      const windowKind = this.held.get(root)?.kind;
      writes.push([root, windowKind ? this.windowLease(windowKind) : null]);
    }
    this.outbox = next;
    this.write(writes);
    this.cancelOutboxRenewal?.();
    const sending = [...next.values()].some((p) => p.kind === 'sending');
    this.cancelOutboxRenewal = sending ? this.clock.schedule(this.renewMs, () => this.refreshOutbox()) : null;
  }

  /**
   * Ends the leases held here when the app quits, except a scheduled reply's:
   * it still goes out once the desktop starts, so colleagues keep being told.
   */
  clear(): void {
    this.cancelOutboxRenewal?.();
    this.cancelOutboxRenewal = null;
    const roots = new Set([...this.held.keys(), ...this.outbox.keys()]);
    for (const [root, p] of this.outbox) if (p.kind === 'scheduled') roots.delete(root);
    for (const entry of this.held.values()) entry.cancel();
    this.held.clear();
    this.outbox = new Map();
    this.write([...roots].map((root): [string, null] => [root, null]));
  }

  private windowLease(kind: WindowKind): Lease {
    return { kind, expiresAt: this.clock.now() + this.leaseMs };
  }

  private outboxLease(p: OutboxPresence): Lease {
    if (p.kind === 'scheduled') return { kind: 'scheduled', expiresAt: p.sendAt + SCHEDULED_GRACE_MS, sendAt: p.sendAt };
    return { kind: 'sending', expiresAt: this.clock.now() + this.leaseMs };
  }

  private write(leases: ReadonlyArray<readonly [string, Lease | null]>): void {
    if (leases.length === 0) return;
    this.actor.record(leases.map(([root, lease]) => ({ entity: presenceEntity(root), field: this.actor.node, value: lease })));
  }
}
