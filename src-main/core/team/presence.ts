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
 * 'sending' and 'scheduled' are not the window's to set: core holds them
 * from its outbox (presence-leases.ts) while a reply of this desktop to the
 * conversation is on its way out or waits for its time, because until the
 * copy is in the shared mailbox no colleague's cache can show it and the
 * send-time collision check could not see it (outbox-queue.ts). A
 * 'scheduled' lease carries `sendAt` and runs out a while after it.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { opsForEntity } from '../db/ops.repo.ts';
import { foldFields } from './ops.ts';
import { listAgents } from './roster.ts';

export type PresenceKind = 'viewing' | 'replying' | 'sending' | 'scheduled';

export const PRESENCE_PREFIX = 'presence:';
export const PRESENCE_LEASE_MS = 90_000;
export const PRESENCE_RENEW_MS = 30_000;

export function presenceEntity(messageId: string): string {
  return PRESENCE_PREFIX + messageId;
}

const leaseSchema = z.union([
  z.strictObject({ kind: z.enum(['viewing', 'replying', 'sending']), expiresAt: z.number() }),
  z.strictObject({ kind: z.literal('scheduled'), expiresAt: z.number(), sendAt: z.number() }),
]);

export type Lease = { kind: PresenceKind; expiresAt: number; sendAt?: number };

/** A lease op's value, or null for an ended lease or one this version cannot read. */
export function leaseOf(value: unknown): Lease | null {
  const lease = leaseSchema.safeParse(value);
  return lease.success ? lease.data : null;
}

// What a colleague about to reply must notice first: a reply already going out, one waiting for its time, one being written.
const URGENCY: Record<PresenceKind, number> = { sending: 0, scheduled: 1, replying: 2, viewing: 3 };

/** Orders presence most urgent first, then by name. */
export function byUrgency<T extends { kind: PresenceKind; name: string | null }>(a: T, b: T): number {
  return URGENCY[a.kind] - URGENCY[b.kind] || (a.name ?? '').localeCompare(b.name ?? '');
}

export interface PresenceEntry {
  node: string;
  kind: PresenceKind;
  expiresAt: number;
  /** For 'scheduled': when the reply is due to go out. */
  sendAt: number | null;
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
    out.push({ node, kind: lease.kind, expiresAt: lease.expiresAt, sendAt: lease.sendAt ?? null, name: agent?.name ?? null, colour: agent?.colour ?? null });
  }
  return out.sort((a, b) => byUrgency({ kind: a.kind, name: a.name ?? a.node }, { kind: b.kind, name: b.name ?? b.node }));
}
