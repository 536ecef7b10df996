/**
 * The Done-when property of team sync: 3-5 desktops, each with its own cache,
 * clock and HLC, editing team state at random while going offline, losing
 * APPEND answers (duplicates), compacting at random moments (also at the
 * same time), and a server that rebuilds the folder (new UIDVALIDITY) — with
 * fast-check's scheduler choosing the order in which their folder calls land.
 * Once everyone is back online and has synced, every desktop — and a new
 * desktop that only reads the folder — holds exactly the fold of every op
 * ever made: same state everywhere, no op lost.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unsentOpCount } from '../../../src-main/core/db/team.repo.ts';
import { compactTeamFolder } from '../../../src-main/core/team/compaction.ts';
import type { JsonValue, Op } from '../../../src-main/core/team/ops.ts';
import { SimFolder } from './sim-folder.ts';
import type { SimDesktop } from './sim-desktop.ts';
import { allOps, foldedState, online, simDesktop } from './sim-desktop.ts';

type Action =
  | { t: 'edit'; entity: number; field: number; value: JsonValue }
  | { t: 'burst'; n: number; entity: number }
  | { t: 'push' }
  | { t: 'pull' }
  | { t: 'compact' }
  | { t: 'offline' }
  | { t: 'online' }
  | { t: 'lose' }
  | { t: 'tick'; ms: number };

const entities = ['msg:<a@shop.example>', 'msg:<b@shop.example>', 'msg:<c@shop.example>', 'contact:ann@example.test', 'agent:x', 'team'];
const fields = ['assignee', 'status', 'tags'];

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant('edit' as const), entity: fc.nat(entities.length - 1), field: fc.nat(fields.length - 1), value: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null), fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 })) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('burst' as const), n: fc.integer({ min: 2, max: 12 }), entity: fc.nat(entities.length - 1) }) },
  { weight: 3, arbitrary: fc.constant({ t: 'push' as const }) },
  { weight: 3, arbitrary: fc.constant({ t: 'pull' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'compact' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'offline' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'online' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'lose' as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 30_000 }) }) },
);

async function run(d: SimDesktop, script: readonly Action[], made: Op[]): Promise<void> {
  for (const a of script) {
    switch (a.t) {
      case 'edit':
        made.push(...d.actor.record([{ entity: entities[a.entity] as string, field: fields[a.field] as string, value: a.value }]));
        break;
      case 'burst':
        for (let i = 0; i < a.n; i++) made.push(...d.actor.record([{ entity: entities[a.entity] as string, field: 'tags', value: [`t${i}`] }]));
        break;
      case 'push':
        await online(d, () => d.replica.push(d.folder));
        break;
      case 'pull':
        await online(d, () => d.replica.pull(d.folder));
        break;
      case 'compact':
        await online(d, () => compactTeamFolder(d.replica, d.folder, { minAgeMs: 0, maxOpsPerSnapshot: 5 }));
        break;
      case 'offline':
        d.folder.online = false;
        break;
      case 'online':
        d.folder.online = true;
        break;
      case 'lose':
        d.folder.loseNextAppendAnswer = true;
        break;
      case 'tick':
        d.clock.advance(a.ms);
        break;
    }
  }
}

/** As the transport does after a failure: open again and retry. */
async function retrying<T>(d: SimDesktop, step: () => Promise<T>): Promise<T | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await online(d, step);
    if (result !== null) return result;
  }
  return null;
}

describe('team sync convergence (property)', () => {
  it('every desktop ends with the fold of every op ever made, whatever the order, faults and compactions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 5 }),
        fc.array(fc.array(actionArb, { maxLength: 40 }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 0, max: 2 }),
        fc.scheduler(),
        async (n, scripts, skews, rebuilds, s) => {
          const folder = new SimFolder();
          folder.gate = async (label) => {
            await s.schedule(Promise.resolve(label), label);
          };
          const desks = Array.from({ length: n }, (_, i) => simDesktop(folder, i, { skewMs: skews[i] ?? 0 }));
          const made: Op[] = [];
          const server = (async () => {
            for (let i = 0; i < rebuilds; i++) {
              await folder.pass('server rebuild');
              folder.rebuild();
            }
          })();
          const running = Promise.all([...desks.map((d, i) => run(d, scripts[i] ?? [], made)), server]);
          await s.waitFor(running);

          // Everyone back online, clocks caught up (so nothing stays deferred), two sync rounds.
          folder.gate = null;
          const top = Math.max(...desks.map((d) => d.clock.now()));
          for (const d of desks) {
            d.clock.advance(top - d.clock.now());
            d.folder.online = true;
            d.folder.loseNextAppendAnswer = false;
          }
          // Each desktop delivers its queue (a stale session fails once, then reopens), then all read.
          for (const d of desks) expect(await retrying(d, () => d.replica.push(d.folder)), `${d.name} final push`).not.toBeNull();
          for (const d of desks) expect(await retrying(d, () => d.replica.pull(d.folder)), `${d.name} final pull`).not.toBeNull();
          const joiner = simDesktop(folder, 9);
          joiner.clock.advance(top - joiner.clock.now());
          await online(joiner, () => joiner.replica.pull(joiner.folder));

          const expected = foldedState(made);
          for (const d of [...desks, joiner]) expect(foldedState(allOps(d.db)), d.name).toEqual(expected);
          for (const d of desks) expect(unsentOpCount(d.db), `${d.name} unsent`).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
