import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.ts';
import { appendOps, latestHlc, markOpsSent, opsForEntity, unsentOps } from '../../../src-main/core/db/ops.repo.ts';
import { HybridClock } from '../../../src-main/core/team/hlc.ts';
import { foldFields, foldOps, opSchema } from '../../../src-main/core/team/ops.ts';
import type { Op } from '../../../src-main/core/team/ops.ts';

const nodes = ['00000000000000a1', '00000000000000b2', '00000000000000c3'];

const opsArb = fc
  .array(fc.record({ who: fc.integer({ min: 0, max: 2 }), entity: fc.constantFrom('msg:a', 'msg:b', 'contact:x'), field: fc.constantFrom('status', 'assignee', 'tags'), value: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), dt: fc.integer({ min: 0, max: 3 }) }), { maxLength: 60 })
  .map((specs) => {
    let wall = Date.UTC(2026, 0, 1);
    const clocks = nodes.map((n) => new HybridClock(n, () => wall));
    return specs.map((s): Op => {
      wall += s.dt;
      const clock = clocks[s.who] as HybridClock;
      return { hlc: clock.next(), actor: clock.node, entity: s.entity, field: s.field, value: s.value };
    });
  });

describe('last-writer-wins fold', () => {
  it('gives the same state for any delivery order, with duplicates', () => {
    fc.assert(
      fc.property(opsArb, fc.func(fc.integer()), (ops, key) => {
        const shuffled = [...ops, ...ops.slice(0, 5)].sort((a, b) => key(a.hlc) - key(b.hlc));
        const a = [...foldOps(ops).entries()].sort();
        const b = [...foldOps(shuffled).entries()].sort();
        expect(b).toEqual(a);
      }),
    );
  });

  it('folds a conversation named by several Message-IDs field by field', () => {
    const ops: Op[] = [
      { hlc: '2026-01-01T00:00:00.000Z-0000-00000000000000a1', actor: nodes[0] as string, entity: 'msg:a', field: 'status', value: 'done' },
      { hlc: '2026-01-01T00:00:01.000Z-0000-00000000000000b2', actor: nodes[1] as string, entity: 'msg:b', field: 'status', value: 'pending' },
      { hlc: '2026-01-01T00:00:02.000Z-0000-00000000000000a1', actor: nodes[0] as string, entity: 'msg:c', field: 'status', value: 'spam' },
    ];
    expect(foldFields(ops, new Set(['msg:a', 'msg:b'])).get('status')?.value).toBe('pending');
  });

  it('rejects malformed remote ops', () => {
    expect(opSchema.safeParse({ hlc: 'yesterday', actor: 'x', entity: 'msg:a', field: 'status', value: 1 }).success).toBe(false);
  });
});

describe('ops repository', () => {
  it('appends idempotently, queues local ops until sent, and remembers the newest HLC', () => {
    const db = new Database(':memory:');
    migrate(db);
    const clock = new HybridClock(nodes[0] as string, () => Date.UTC(2026, 0, 1));
    const op: Op = { hlc: clock.next(), actor: clock.node, entity: 'msg:a', field: 'status', value: 'done' };
    expect(appendOps(db, [op], 1, 'queued')).toBe(1);
    expect(appendOps(db, [op], 2, 'received')).toBe(0);
    expect(opsForEntity(db, 'msg:a')).toEqual([op]);
    expect(unsentOps(db, 10)).toEqual([op]);
    markOpsSent(db, [op.hlc], 3);
    expect(unsentOps(db, 10)).toEqual([]);
    expect(latestHlc(db)).toBe(op.hlc);
  });
});
