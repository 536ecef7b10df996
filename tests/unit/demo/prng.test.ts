import { describe, expect, it } from 'vitest';
import { createPrng, deriveSeed } from '../../../src-main/core/demo/prng.ts';

const draw = (seed: number, n = 50): number[] => {
  const rng = createPrng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createPrng', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    // Neighbouring seeds must not give shifted copies of one another.
    const a = new Set(draw(1, 200));
    expect(draw(2, 200).filter((x) => a.has(x))).toEqual([]);
  });

  it('stays in range and is roughly uniform', () => {
    const rng = createPrng(9);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      buckets[Math.floor(x * 10)]!++;
    }
    for (const count of buckets) expect(Math.abs(count - 2000)).toBeLessThan(250);
    const ints = new Set(Array.from({ length: 2000 }, () => rng.int(3, 7)));
    expect([...ints].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(rng.hex(21)).toMatch(/^[0-9a-f]{21}$/);
  });

  it('picks by weight and never picks a zero weight', () => {
    const rng = createPrng(5);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) counts[rng.weighted([['a', 1], ['b', 3], ['c', 0]] as const)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
  });

  it('forks streams that depend only on the label, not on how much the parent drew', () => {
    const one = createPrng(11);
    const two = createPrng(11);
    for (let i = 0; i < 100; i++) two.next();
    expect(one.fork(3).next()).toBe(two.fork(3).next());
    expect(one.fork(3).next()).not.toBe(one.fork(4).next());
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(2, 1));
  });

  it('rejects bad arguments with clear errors', () => {
    expect(() => createPrng(1.5)).toThrow(/integer/);
    const rng = createPrng(1);
    expect(() => rng.pick([])).toThrow(/empty/);
    expect(() => rng.int(5, 1)).toThrow(/min <= max/);
    expect(() => rng.weighted([['a', 0]])).toThrow(/positive/);
    expect(() => rng.weighted([['a', -1]])).toThrow(/negative/);
  });
});
