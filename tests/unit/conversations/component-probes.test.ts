/**
 * The component walk merges the subject windows of one key into fewer range
 * probes. A probe that covered less would leave a subject partner out of the
 * part threaded again (a conversation split that every other desktop joins);
 * one that covered more would only cost time. Merged probes must cover
 * exactly the union of the windows, per key and kind.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeProbes } from '../../../src-main/core/conversations/component.ts';
import type { SubjectProbe } from '../../../src-main/core/db/thread-index.repo.ts';

const probe = fc.record({
  k: fc.constantFrom('a@x.test\ninvoice', 'b@x.test\ninvoice', 'a@x.test\nrefund'),
  from: fc.integer({ min: 0, max: 1000 }),
  len: fc.integer({ min: 0, max: 200 }),
  any: fc.constantFrom<0 | 1>(0, 1),
});

const covered = (probes: readonly SubjectProbe[], k: string, any: 0 | 1, t: number): boolean =>
  probes.some((p) => p.k === k && p.any === any && p.from <= t && t <= p.to);

describe('subject probes of the component walk', () => {
  it('cover exactly the union of the windows they were merged from', () => {
    fc.assert(
      fc.property(fc.array(probe, { maxLength: 30 }), (raw) => {
        const windows: SubjectProbe[] = raw.map((p) => ({ k: p.k, from: p.from, to: p.from + p.len, any: p.any }));
        const merged = mergeProbes(windows);
        for (const w of windows) {
          for (const t of [w.from - 1, w.from, w.to, w.to + 1]) {
            expect(covered(merged, w.k, w.any, t)).toBe(covered(windows, w.k, w.any, t));
          }
        }
        for (const m of merged) {
          for (const t of [m.from, m.to]) expect(covered(windows, m.k, m.any, t)).toBe(true);
        }
        // Never more probes than windows.
        expect(merged.length).toBeLessThanOrEqual(windows.length);
      }),
    );
  });

  it('turns the windows of one conversation into one probe', () => {
    const day = 24 * 60 * 60 * 1000;
    const windows: SubjectProbe[] = [0, 2, 5].map((d) => ({ k: 'a@x.test\ninvoice', from: d * day - 30 * day, to: d * day + 30 * day, any: 0 }));
    expect(mergeProbes(windows)).toEqual([{ k: 'a@x.test\ninvoice', from: -30 * day, to: 35 * day, any: 0 }]);
  });
});
