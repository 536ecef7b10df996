import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockDriftError, HybridClock, parseTimestamp } from '../../../src-main/core/team/hlc.ts';

const nodeA = '000000000000000a';
const nodeB = '000000000000000b';

describe('HybridClock', () => {
  it('issues strictly increasing timestamps even when the wall clock stands still or goes back', () => {
    let wall = Date.UTC(2026, 10, 23);
    const clock = new HybridClock(nodeA, () => wall);
    const a = clock.next();
    const b = clock.next();
    wall -= 10_000;
    const c = clock.next();
    expect(a < b && b < c).toBe(true);
  });

  it('orders a receive after the remote timestamp', () => {
    const wall = Date.UTC(2026, 10, 23);
    const ahead = new HybridClock(nodeB, () => wall + 60_000);
    const behind = new HybridClock(nodeA, () => wall);
    const remote = ahead.next();
    behind.receive(remote);
    expect(behind.next() > remote).toBe(true);
  });

  it('refuses a remote timestamp from far in the future', () => {
    const wall = Date.UTC(2026, 10, 23);
    const future = new HybridClock(nodeB, () => wall + 3_600_000).next();
    expect(() => new HybridClock(nodeA, () => wall).receive(future)).toThrow(ClockDriftError);
  });

  it('keeps several simulated desktops independent in one process', () => {
    const wall = () => Date.UTC(2026, 10, 23);
    const a = new HybridClock(nodeA, wall);
    const b = new HybridClock(nodeB, wall);
    expect(a.next()).not.toBe(b.next());
    expect(parseTimestamp(a.next())?.node).toBe(nodeA);
  });

  it('property: string order equals causal order across random exchanges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ who: fc.integer({ min: 0, max: 2 }), send: fc.boolean(), step: fc.integer({ min: -500, max: 500 }) }), { minLength: 1, maxLength: 200 }),
        (events) => {
          let wall = Date.UTC(2026, 0, 1);
          const clocks = ['0000000000000001', '0000000000000002', '0000000000000003'].map((n) => new HybridClock(n, () => wall));
          const issued: string[] = [];
          let lastSeen = '';
          for (const e of events) {
            wall += e.step;
            const clock = clocks[e.who] as HybridClock;
            if (e.send || !lastSeen) {
              const ts = clock.next();
              // Causality: anything issued after receiving lastSeen sorts after it.
              issued.push(ts);
              lastSeen = ts;
            } else {
              clock.receive(lastSeen);
              const ts = clock.next();
              if (!(ts > lastSeen)) return false;
              issued.push(ts);
              lastSeen = ts;
            }
          }
          return new Set(issued).size === issued.length;
        },
      ),
    );
  });
});
