/**
 * Exactly-once automation across desktops: an action with an outside effect
 * (a rule's acknowledgement by mail, rules/acknowledger.ts) is performed by
 * one desktop of the team, however many are online. Full write-up with assumptions and failure
 * cases: docs/team-sync.md, "Claims".
 *
 * The protocol in short:
 * 1. Every desktop derives the same action id from the same mail (e.g.
 *    `acknowledge:<Message-ID>`).
 * 2. A desktop that wants to run it writes a claim op in its own cell
 *    (`claim:<action>` / `claim.<node>`: attempt, lease expiry) and syncs.
 * 3. The team folder orders claims: UIDs ascend in the order the server
 *    stored the messages. Once a desktop has read the folder past its own
 *    claim, it knows every claim stored before it. The live claim with the
 *    lowest UID wins — every desktop that has read that far agrees, and a
 *    claim stored later can only lose.
 * 4. The winner renews its lease while it works, checks that the effect did
 *    not already happen (the effect carries an id derived from the action
 *    id), performs it, and records `done`. Losers wait for `done`.
 * 5. A claim whose lease ran out (+ a grace for clock skew) is dead; the next
 *    live claim in UID order takes over. A dead claim never comes back: its
 *    owner must claim again (a new attempt, at the back of the queue).
 *
 * `decideClaim` is the pure rule; `ExactlyOnce` drives it through a sync
 * function and the Clock.
 */
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import { opsForEntity } from '../db/ops.repo.ts';
import type { ClaimPosition } from '../db/team.repo.ts';
import { claimPositions, isOpSent } from '../db/team.repo.ts';
import type { Logger } from '../log.ts';
import type { ClaimValue, DoneValue } from './claim-ops.ts';
import { claimEntity, claimField, claimValueSchema, DONE_FIELD, doneValueSchema } from './claim-ops.ts';
import { parseTimestamp } from './hlc.ts';
import type { LocalActor } from './local-actor.ts';
import type { JsonValue, Op } from './ops.ts';
import { foldOps } from './ops.ts';

export interface ClaimView {
  me: string;
  now: number;
  /** Allowance for clock skew between desktops. */
  graceMs: number;
  /** Lease assumed for a claim whose value this desktop cannot read yet (deferred). */
  leaseMs: number;
  done: DoneValue | null;
  /** Latest claim value per node. */
  cells: ReadonlyMap<string, ClaimValue>;
  /** First folder position of each (node, attempt). */
  positions: readonly ClaimPosition[];
}

export type ClaimDecision =
  | { kind: 'done'; done: DoneValue }
  | { kind: 'claim'; attempt: number }
  | { kind: 'wait-delivery' }
  | { kind: 'mine' }
  | { kind: 'theirs'; winner: string; recheckAt: number };

function isLive(p: ClaimPosition, v: ClaimView): boolean {
  const cell = v.cells.get(p.node);
  if (!cell) {
    // Stored in the folder but not readable yet (dated ahead of our clock): it counts, for a lease.
    const claimedAt = parseTimestamp(p.hlc)?.millis ?? 0;
    return v.now < claimedAt + v.leaseMs + v.graceMs;
  }
  if (cell.attempt !== p.attempt || 'released' in cell) return false;
  const grace = p.node === v.me ? 0 : v.graceMs;
  return cell.leaseUntil + grace > v.now;
}

/** The claim rule: what this desktop should do next for one action. */
export function decideClaim(v: ClaimView): ClaimDecision {
  if (v.done) return { kind: 'done', done: v.done };
  const own = v.cells.get(v.me);
  if (!own || 'released' in own || own.leaseUntil <= v.now) {
    const known = v.positions.filter((p) => p.node === v.me).reduce((n, p) => Math.max(n, p.attempt), 0);
    return { kind: 'claim', attempt: Math.max(own?.attempt ?? 0, known) + 1 };
  }
  if (!v.positions.some((p) => p.node === v.me && p.attempt === own.attempt)) return { kind: 'wait-delivery' };
  const winner = v.positions.filter((p) => isLive(p, v)).sort((a, b) => a.uid - b.uid || (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0))[0];
  if (!winner || winner.node === v.me) return { kind: 'mine' };
  const cell = v.cells.get(winner.node);
  const until = cell && !('released' in cell) ? cell.leaseUntil + v.graceMs : (parseTimestamp(winner.hlc)?.millis ?? 0) + v.leaseMs + v.graceMs;
  return { kind: 'theirs', winner: winner.node, recheckAt: until };
}

/** A Message-ID for the effect of an action, the same on every desktop: a duplicate send is recognisable. */
export function actionMessageId(actionId: string, domain: string): string {
  return `<sb-action.${crypto.createHash('sha256').update(actionId).digest('hex').slice(0, 32)}@${domain}>`;
}

export type ClaimOutcome =
  | { outcome: 'performed'; result: JsonValue }
  | { outcome: 'done-elsewhere'; by: string; result: JsonValue }
  | { outcome: 'failed'; error: string }
  | { outcome: 'gave-up'; reason: string };

export interface PerformContext {
  actionId: string;
  /** Finish (or abandon) the effect before this epoch ms: after it, another desktop may take over. */
  deadline: number;
}

export interface ExactlyOnceOptions {
  db: Database;
  accountId: number;
  actor: LocalActor;
  clock: Clock;
  log: Logger;
  /** Delivers queued ops and reads the team folder (the transport's syncNow). */
  sync(): Promise<void>;
  leaseMs?: number;
  graceMs?: number;
  pollMs?: number;
  /** Give up (without performing) when no decision could be reached in this time, e.g. offline. */
  deadlineMs?: number;
  /** Checked before every step: true gives up at once (core is stopping). */
  shouldStop?: () => boolean;
}

export class ExactlyOnce {
  private readonly o: ExactlyOnceOptions;
  private readonly leaseMs: number;
  private readonly graceMs: number;

  constructor(o: ExactlyOnceOptions) {
    this.o = o;
    this.leaseMs = o.leaseMs ?? 120_000;
    this.graceMs = o.graceMs ?? 30_000;
  }

  /** What this desktop knows now about an action. */
  view(actionId: string): ClaimView {
    const ops = opsForEntity(this.o.db, claimEntity(actionId));
    const cells = new Map<string, ClaimValue>();
    let done: DoneValue | null = null;
    for (const op of foldOps(ops).values()) {
      if (op.field === DONE_FIELD) {
        const d = doneValueSchema.safeParse(op.value);
        if (d.success) done = { by: d.data.by, at: d.data.at, result: (d.data.result ?? null) as JsonValue };
      } else if (op.field === claimField(op.actor)) {
        const c = claimValueSchema.safeParse(op.value);
        if (c.success) cells.set(op.actor, c.data);
      }
    }
    return {
      me: this.o.actor.node,
      now: this.o.clock.now(),
      graceMs: this.graceMs,
      leaseMs: this.leaseMs,
      done,
      cells,
      positions: claimPositions(this.o.db, this.o.accountId, actionId),
    };
  }

  /**
   * Runs `perform` once for the team. `alreadyDone` looks for the effect
   * itself (e.g. a sent message with `actionMessageId`) and returns its result
   * when found: the guard for a winner that crashed between effect and `done`.
   */
  async run(actionId: string, perform: (ctx: PerformContext) => Promise<JsonValue>, alreadyDone?: () => Promise<JsonValue | null>): Promise<ClaimOutcome> {
    const { clock, actor } = this.o;
    const giveUpAt = clock.now() + (this.o.deadlineMs ?? 10 * 60_000);
    for (;;) {
      if (clock.now() > giveUpAt) return { outcome: 'gave-up', reason: 'no decision in time (offline?)' };
      if (this.o.shouldStop?.()) return { outcome: 'gave-up', reason: 'stopping' };
      await this.o.sync().catch((err: unknown) => this.o.log.warn('claim sync failed', { actionId, err }));
      const v = this.view(actionId);
      const d = decideClaim(v);
      switch (d.kind) {
        case 'done':
          return { outcome: 'done-elsewhere', by: d.done.by, result: d.done.result };
        case 'claim':
          this.writeClaim(actionId, { attempt: d.attempt, claimedAt: actor.hlc.next(), leaseUntil: clock.now() + this.leaseMs });
          break;
        case 'wait-delivery':
          await this.sleep(this.o.pollMs ?? 1_000);
          break;
        case 'theirs':
          this.renewIfHalfGone(actionId, v);
          await this.sleep(Math.max(10, Math.min(this.o.pollMs ?? 1_000, d.recheckAt - clock.now() + 1)));
          break;
        case 'mine': {
          // Perform only with a lease the others can read and that leaves time for the work.
          const delivered = this.deliveredLease(actionId, v);
          if (delivered - clock.now() >= this.leaseMs / 2) {
            return this.perform(actionId, { actionId, deadline: delivered - this.graceMs }, perform, alreadyDone);
          }
          const own = v.cells.get(v.me);
          // A renewal not yet delivered goes out with the next sync; do not pile up more.
          if (own && !('released' in own) && own.leaseUntil - clock.now() >= this.leaseMs / 2) await this.sleep(this.o.pollMs ?? 1_000);
          else this.renew(actionId, v);
          break;
        }
      }
    }
  }

  private async perform(actionId: string, ctx: PerformContext, perform: (ctx: PerformContext) => Promise<JsonValue>, alreadyDone?: () => Promise<JsonValue | null>): Promise<ClaimOutcome> {
    let result: JsonValue;
    try {
      const found = alreadyDone ? await alreadyDone() : null;
      result = found ?? (await perform(ctx));
    } catch (err) {
      // Let the next desktop try rather than hold the action until our lease runs out.
      const own = this.view(actionId).cells.get(this.o.actor.node);
      this.writeClaim(actionId, { attempt: own?.attempt ?? 1, released: true });
      await this.o.sync().catch(() => {});
      return { outcome: 'failed', error: (err as Error).message };
    }
    this.o.actor.record([{ entity: claimEntity(actionId), field: DONE_FIELD, value: { by: this.o.actor.node, at: this.o.clock.now(), result } }]);
    await this.o.sync().catch(() => {});
    return { outcome: 'performed', result };
  }

  /** The lease of our newest claim value that is in the team folder (what the others can see). */
  private deliveredLease(actionId: string, v: ClaimView): number {
    const own = v.cells.get(v.me);
    if (!own || 'released' in own) return 0;
    const ours: Op[] = opsForEntity(this.o.db, claimEntity(actionId)).filter((op) => op.field === claimField(v.me) && isOpSent(this.o.db, op.hlc));
    let lease = 0;
    for (const op of ours) {
      const c = claimValueSchema.safeParse(op.value);
      if (c.success && !('released' in c.data) && c.data.attempt === own.attempt) lease = Math.max(lease, c.data.leaseUntil);
    }
    return lease;
  }

  private renewIfHalfGone(actionId: string, v: ClaimView): void {
    const own = v.cells.get(v.me);
    if (own && !('released' in own) && own.leaseUntil - v.now < this.leaseMs / 2) this.renew(actionId, v);
  }

  private renew(actionId: string, v: ClaimView): void {
    const own = v.cells.get(v.me);
    if (!own || 'released' in own) return;
    this.writeClaim(actionId, { attempt: own.attempt, claimedAt: own.claimedAt, leaseUntil: this.o.clock.now() + this.leaseMs });
  }

  private writeClaim(actionId: string, value: ClaimValue): void {
    this.o.actor.record([{ entity: claimEntity(actionId), field: claimField(this.o.actor.node), value }]);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.o.clock.schedule(ms, resolve));
  }
}
