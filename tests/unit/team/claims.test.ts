/**
 * The exactly-once claim protocol: the pure rule case by case, then
 * simulated desktops racing for the same action through a shared folder with
 * random delays, clock skew, late starters, a desktop that is offline, and a
 * winner that crashes before or after its effect.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/log.ts';
import type { ClaimValue } from '../../../src-main/core/team/claim-ops.ts';
import type { ClaimOutcome, ClaimView } from '../../../src-main/core/team/claims.ts';
import { actionMessageId, decideClaim, ExactlyOnce } from '../../../src-main/core/team/claims.ts';
import type { JsonValue } from '../../../src-main/core/team/ops.ts';
import { SimFolder } from './sim-folder.ts';
import type { SimDesktop } from './sim-desktop.ts';
import { online, SIM_START, simDesktop } from './sim-desktop.ts';

const me = '00000000000000a1';
const other = '00000000000000b2';
const third = '00000000000000c3';
const now = SIM_START;
const ts = (ms: number, node: string) => `${new Date(ms).toISOString()}-0000-${node}`;

function view(cells: Array<[string, ClaimValue]>, positions: Array<[string, number, number]>, extra: Partial<ClaimView> = {}): ClaimView {
  return {
    me,
    now,
    graceMs: 30_000,
    leaseMs: 120_000,
    done: null,
    cells: new Map(cells),
    positions: positions.map(([node, attempt, uid]) => ({ action: 'a', node, attempt, uid, hlc: ts(now - 1000, node) })),
    ...extra,
  };
}
const live = (attempt = 1, leaseUntil = now + 60_000): ClaimValue => ({ attempt, claimedAt: ts(now - 1000, me), leaseUntil });

describe('claim rule', () => {
  it('claims first, then waits until its claim is seen in the folder', () => {
    expect(decideClaim(view([], []))).toEqual({ kind: 'claim', attempt: 1 });
    expect(decideClaim(view([[me, live()]], []))).toEqual({ kind: 'wait-delivery' });
  });

  it('the claim stored first in the folder wins, whatever the clocks say', () => {
    const early = { ...live(), claimedAt: ts(now + 5_000, other) };
    expect(decideClaim(view([[me, live()], [other, early]], [[other, 1, 7], [me, 1, 9]]))).toMatchObject({ kind: 'theirs', winner: other });
    expect(decideClaim(view([[me, live()], [other, early]], [[me, 1, 7], [other, 1, 9]]))).toEqual({ kind: 'mine' });
  });

  it('passes over a claim whose lease ran out (after the grace), was released, or was superseded', () => {
    const expired = { ...live(), leaseUntil: now - 31_000 };
    expect(decideClaim(view([[me, live()], [other, expired]], [[other, 1, 3], [me, 1, 9]]))).toEqual({ kind: 'mine' });
    const inGrace = { ...live(), leaseUntil: now - 10_000 };
    expect(decideClaim(view([[me, live()], [other, inGrace]], [[other, 1, 3], [me, 1, 9]]))).toMatchObject({ kind: 'theirs', recheckAt: now + 20_000 });
    expect(decideClaim(view([[me, live()], [other, { attempt: 1, released: true }]], [[other, 1, 3], [me, 1, 9]]))).toEqual({ kind: 'mine' });
    // `other` claimed again (attempt 2, stored later): its first claim no longer holds its place.
    expect(decideClaim(view([[me, live()], [other, live(2)]], [[other, 1, 3], [me, 1, 9], [other, 2, 12]]))).toEqual({ kind: 'mine' });
  });

  it('claims again, at the back of the queue, when its own lease ran out', () => {
    expect(decideClaim(view([[me, live(1, now - 1)]], [[me, 1, 4]]))).toEqual({ kind: 'claim', attempt: 2 });
  });

  it('respects a claim it cannot read yet (dated ahead of its clock) until that claim could have expired', () => {
    const positions: Array<[string, number, number]> = [[third, 1, 2], [me, 1, 9]];
    expect(decideClaim(view([[me, live()]], positions))).toMatchObject({ kind: 'theirs', winner: third });
    expect(decideClaim(view([[me, live(1, now + 400_000)]], positions, { now: now + 200_000 }))).toEqual({ kind: 'mine' });
  });

  it('stops as soon as the action is done', () => {
    expect(decideClaim(view([], [], { done: { by: other, at: now, result: 'ok' } }))).toMatchObject({ kind: 'done' });
  });

  it('derives the same effect Message-ID for the same action on every desktop', () => {
    expect(actionMessageId('auto-reply:r1:<m@x>', 'shop.example')).toBe(actionMessageId('auto-reply:r1:<m@x>', 'shop.example'));
    expect(actionMessageId('auto-reply:r1:<m@x>', 'shop.example')).not.toBe(actionMessageId('auto-reply:r2:<m@x>', 'shop.example'));
  });
});

interface Racer {
  d: SimDesktop;
  crashed: boolean;
  outcome: ClaimOutcome | null;
}

/** Deterministic delays from a seed: how long each folder call takes, in event-loop turns. */
function delays(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % 4;
  };
}

async function race(o: { n: number; skews: number[]; starts: number[]; seed: number; crash: 'none' | 'before-effect' | 'after-effect'; offline?: number }): Promise<{ effects: string[]; racers: Racer[] }> {
  const folder = new SimFolder();
  const turns = delays(o.seed);
  folder.gate = async () => {
    for (let i = turns(); i > 0; i--) await new Promise((r) => setImmediate(r));
  };
  const actionId = 'auto-reply:rule-1:<order-9@shop.example>';
  const effects: string[] = [];
  let crashes = o.crash === 'none' ? 0 : 1;
  const racers: Racer[] = Array.from({ length: o.n }, (_, i) => ({ d: simDesktop(folder, i, { skewMs: o.skews[i] ?? 0 }), crashed: false, outcome: null }));
  if (o.offline !== undefined && racers[o.offline]) (racers[o.offline] as Racer).d.folder.online = false;
  const runs = racers.map(async (r, i) => {
    await new Promise<void>((resolve) => r.d.clock.schedule(o.starts[i] ?? 0, resolve));
    const engine = new ExactlyOnce({
      db: r.d.db,
      accountId: r.d.replica.accountId,
      actor: r.d.actor,
      clock: r.d.clock,
      log: silentLogger,
      sync: async () => {
        if (r.crashed) return new Promise<void>(() => {});
        await online(r.d, async () => {
          await r.d.replica.push(r.d.folder);
          await r.d.replica.pull(r.d.folder);
        });
      },
      deadlineMs: 20 * 60_000,
    });
    const perform = async (): Promise<JsonValue> => {
      if (crashes > 0 && o.crash === 'before-effect') {
        crashes--;
        r.crashed = true;
        return new Promise<JsonValue>(() => {});
      }
      effects.push(r.d.name);
      if (crashes > 0) {
        crashes--;
        r.crashed = true;
        return new Promise<JsonValue>(() => {});
      }
      return { sent: actionMessageId(actionId, 'shop.example') };
    };
    // The effect is findable by its derived Message-ID (as a sent message would be).
    const alreadyDone = async (): Promise<JsonValue | null> => (effects.length > 0 ? { sent: actionMessageId(actionId, 'shop.example'), found: true } : null);
    r.outcome = await engine.run(actionId, perform, alreadyDone);
  });
  let settled = false;
  void Promise.all(runs).then(() => (settled = true));
  for (let step = 0; step < 6_000 && !settled; step++) {
    if (racers.every((r) => r.crashed || r.outcome)) break;
    for (const r of racers) r.d.clock.advance(250);
    for (let i = 0; i < 8; i++) await new Promise((r) => setImmediate(r));
  }
  return { effects, racers };
}

describe('exactly-once across simulated desktops', () => {
  it('one effect for the team, whatever the delays, skews and start times, also when the winner crashes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.integer({ min: -5_000, max: 5_000 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 4, maxLength: 4 }),
        fc.integer(),
        fc.constantFrom('none' as const, 'before-effect' as const, 'after-effect' as const),
        async (n, skews, starts, seed, crash) => {
          const { effects, racers } = await race({ n, skews, starts, seed, crash });
          expect(effects).toHaveLength(1);
          const alive = racers.filter((r) => !r.crashed);
          for (const r of alive) expect(r.outcome?.outcome, r.d.name).toMatch(/^(performed|done-elsewhere)$/);
          // After a crash the taker either performs or finds the crashed winner's effect: one `performed` either way.
          expect(alive.filter((r) => r.outcome?.outcome === 'performed')).toHaveLength(1);
          if (crash !== 'none') expect(alive.length).toBe(n - 1);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('a desktop that cannot reach the team folder never performs the action', async () => {
    const { effects, racers } = await race({ n: 2, skews: [0, 0], starts: [0, 0], seed: 7, crash: 'none', offline: 0 });
    expect(effects).toEqual(['desk1']);
    expect(racers[0]?.outcome).toMatchObject({ outcome: 'gave-up' });
  });
});
