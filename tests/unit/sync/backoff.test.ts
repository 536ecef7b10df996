import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src-main/core/sync/backoff.ts';

const policy = { baseMs: 1000, maxMs: 60_000 };

describe('backoffDelay', () => {
  it('doubles with each failure and stops at the maximum', () => {
    const upper = [0, 1, 2, 3, 4, 5, 6, 7, 20, 1000].map((n) => backoffDelay(n, policy, () => 1));
    expect(upper).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000]);
  });

  it('keeps at least half of the delay and randomizes the other half', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(4000);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(6000);
    const samples = Array.from({ length: 200 }, () => backoffDelay(3, policy));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(4000);
    expect(Math.max(...samples)).toBeLessThanOrEqual(8000);
    expect(new Set(samples).size).toBeGreaterThan(50);
  });

  it('treats nonsense attempts as the first', () => {
    expect(backoffDelay(-5, policy, () => 1)).toBe(1000);
    expect(backoffDelay(Number.NaN, policy, () => 1)).toBe(1000);
  });
});
