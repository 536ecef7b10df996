import { describe, expect, it } from 'vitest';
import type { AccountHealth } from '../../../src-preload/api.ts';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { HealthReporter } from '../../../src-main/core/sync/account-health.ts';
import { PhaseProgress } from '../../../src-main/core/sync/progress.ts';

describe('PhaseProgress', () => {
  it('estimates the time left from the rate so far, once there is enough to go on', () => {
    const p = new PhaseProgress('headers', 10_000, 0);
    expect(p.snapshot(0)).toEqual({ phase: 'headers', done: 0, total: 10_000, etaSeconds: null });
    p.add(500);
    expect(p.snapshot(500).etaSeconds).toBeNull();
    p.add(1500);
    // 2,000 in 2 s → 8,000 left at 1,000/s.
    expect(p.snapshot(2_000)).toEqual({ phase: 'headers', done: 2_000, total: 10_000, etaSeconds: 8 });
  });

  it('lets the total grow instead of done passing it', () => {
    const p = new PhaseProgress('bodies', 3, 0);
    p.add(5);
    expect(p.snapshot(2_000)).toMatchObject({ done: 5, total: 5, etaSeconds: 0 });
    p.grow(5);
    expect(p.total).toBe(10);
  });
});

describe('HealthReporter', () => {
  it('reports state changes at once and progress at most every 250 ms', () => {
    const clock = new ManualClock(0);
    const seen: AccountHealth[] = [];
    const r = new HealthReporter(clock, (h) => seen.push(h));
    r.set({ state: 'syncing' });
    const progress = (done: number) => ({ phase: 'headers' as const, done, total: 100, etaSeconds: null });
    r.set({ progress: progress(0) });
    r.set({ progress: progress(10) });
    clock.advance(100);
    r.set({ progress: progress(20) });
    clock.advance(200);
    r.set({ progress: progress(30) });
    r.set({ progress: progress(30) });
    r.set({ state: 'connected', progress: null, lastSyncAt: 5 });
    expect(seen.map((h) => [h.state, h.progress?.done ?? null])).toEqual([
      ['syncing', null],
      ['syncing', 0],
      ['syncing', 30],
      ['connected', null],
    ]);
    expect(r.health).toMatchObject({ state: 'connected', lastSyncAt: 5 });
  });
});
