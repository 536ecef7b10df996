/**
 * How the exactly-once claim protocol (claims.ts, docs/team-sync.md) is
 * written as ops. Kept apart so the replica can note where each claim sits in
 * the team folder without depending on the protocol driver.
 *
 *   entity `claim:<action id>`
 *     field `claim.<node>`  value { attempt, claimedAt, leaseUntil } | { attempt, released: true }
 *     field `done`          value { by, at, result }
 *
 * Each desktop writes only its own `claim.<node>` cell, so last-writer-wins
 * never hides one desktop's claim behind another's.
 */
import { z } from 'zod';
import type { JsonValue, Op } from './ops.ts';

export const CLAIM_PREFIX = 'claim:';

export function claimEntity(actionId: string): string {
  return CLAIM_PREFIX + actionId;
}

export function claimField(node: string): string {
  return `claim.${node}`;
}

export const DONE_FIELD = 'done';

export const claimValueSchema = z.union([
  z.strictObject({ attempt: z.number().int().min(1), claimedAt: z.string().min(1).max(100), leaseUntil: z.number() }),
  z.strictObject({ attempt: z.number().int().min(1), released: z.literal(true) }),
]);
export type ClaimValue = z.infer<typeof claimValueSchema>;

export const doneValueSchema = z.strictObject({ by: z.string(), at: z.number(), result: z.unknown() });
export type DoneValue = { by: string; at: number; result: JsonValue };

/** The claim an op makes (its first appearance fixes its place in the queue), or null. */
export function claimKeyOf(op: Op): { action: string; node: string; attempt: number; hlc: string } | null {
  // A desktop claims only for itself: a claim in someone else's cell is ignored.
  if (!op.entity.startsWith(CLAIM_PREFIX) || op.field !== claimField(op.actor)) return null;
  const value = claimValueSchema.safeParse(op.value);
  if (!value.success || 'released' in value.data) return null;
  return { action: op.entity.slice(CLAIM_PREFIX.length), node: op.actor, attempt: value.data.attempt, hlc: value.data.claimedAt };
}
