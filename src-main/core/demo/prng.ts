/**
 * Seeded pseudo-random numbers for the demo workspace.
 *
 * Why: the demo mailbox must be byte-identical for the same seed and `now`, on
 * every machine and in every run, so every "random" choice the generator makes
 * goes through this module (sfc32, seeded through splitmix32) and never
 * through Math.random. Streams can be forked by a label so that, for example,
 * conversation 17 draws the same numbers however many numbers conversation 16
 * consumed: editing one phrase bank does not reshuffle the whole workspace.
 */

export interface Prng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by relative weight; weights must be >= 0 and not all zero. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** Lower-case hexadecimal string of the given length. */
  hex(length: number): string;
  /** An independent stream derived from this stream's seed and a label. */
  fork(label: number): Prng;
}

/** Mixes 32-bit words into one well-spread 32-bit seed (murmur3 finaliser per word). */
export function deriveSeed(...words: number[]): number {
  let h = 0x811c9dc5;
  for (const word of words) {
    let k = Math.imul(word >>> 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function createPrng(seed: number): Prng {
  if (!Number.isInteger(seed)) throw new RangeError(`PRNG seed must be an integer, got ${seed}`);
  const rootSeed = seed >>> 0;
  const init = { s: rootSeed };
  let a = splitmix32(init);
  let b = splitmix32(init);
  let c = splitmix32(init);
  let d = splitmix32(init);

  const nextUint32 = (): number => {
    // sfc32: small, fast, passes PractRand far beyond what a demo needs.
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  // Discard the first outputs: sfc32 needs a few rounds to decorrelate close seeds.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / 4294967296;

  const prng: Prng = {
    next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`int(${min}, ${max}) needs integers with min <= max`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(probability) {
      return next() < probability;
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick() from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted(entries) {
      let total = 0;
      for (const [, weight] of entries) {
        if (!(weight >= 0)) throw new RangeError(`weighted() got a negative or NaN weight: ${weight}`);
        total += weight;
      }
      if (total <= 0) throw new RangeError('weighted() needs at least one positive weight');
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      // Floating-point leftovers land on the last positive entry.
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i];
        if (entry && entry[1] > 0) return entry[0];
      }
      throw new RangeError('weighted() found no positive weight');
    },
    hex(length) {
      let out = '';
      while (out.length < length) out += nextUint32().toString(16).padStart(8, '0');
      return out.slice(0, length);
    },
    fork(label) {
      return createPrng(deriveSeed(rootSeed, label));
    },
  };
  return prng;
}
