/**
 * Hybrid logical clock (after Actual Budget's crdt package, without its
 * module-level singleton: every desktop — and every simulated desktop in a
 * test — owns its own `HybridClock`).
 *
 * A timestamp is a fixed-width string that sorts the same way as the tuple
 * (wall millis, counter, node):
 *
 *     2026-11-23T08:38:54.123Z-0001-6d1f0a2b9c3e4f50
 *
 * Invariants:
 * - `next()` is strictly greater than every timestamp this clock issued or
 *   received before (monotonic even if the wall clock goes backwards).
 * - Two clocks never issue the same timestamp (the node id breaks ties), so
 *   last-writer-wins has exactly one winner per cell on every desktop.
 * - A remote timestamp too far in the future (more than `maxDriftMs`) is
 *   refused rather than dragging this desktop's clock along with it.
 */

export type Timestamp = string;

const MAX_COUNTER = 0xffff;

export class ClockDriftError extends Error {
  constructor(remote: Timestamp, now: number) {
    super(`A remote change is dated ${remote}, too far ahead of this desktop's clock (${new Date(now).toISOString()}).`);
    this.name = 'ClockDriftError';
  }
}

export function isValidNode(node: string): boolean {
  return /^[0-9a-f]{16}$/.test(node);
}

export function formatTimestamp(millis: number, counter: number, node: string): Timestamp {
  return `${new Date(millis).toISOString()}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

export function parseTimestamp(ts: Timestamp): { millis: number; counter: number; node: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/.exec(ts);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const millis = Date.parse(m[1]);
  if (Number.isNaN(millis)) return null;
  return { millis, counter: Number.parseInt(m[2], 16), node: m[3] };
}

export class HybridClock {
  private millis = 0;
  private counter = 0;
  readonly node: string;
  private readonly wall: () => number;
  private readonly maxDriftMs: number;

  constructor(node: string, wall: () => number, maxDriftMs = 5 * 60_000) {
    if (!isValidNode(node)) throw new Error(`HLC node id must be 16 lowercase hex digits, got "${node}"`);
    this.node = node;
    this.wall = wall;
    this.maxDriftMs = maxDriftMs;
  }

  /** A timestamp for a change made here, now. */
  next(): Timestamp {
    const phys = this.wall();
    if (phys > this.millis) {
      this.millis = phys;
      this.counter = 0;
    } else {
      this.bump();
    }
    return formatTimestamp(this.millis, this.counter, this.node);
  }

  /** Moves this clock past a timestamp received from another desktop. */
  receive(remote: Timestamp): void {
    const r = parseTimestamp(remote);
    if (!r) throw new Error(`Not a valid HLC timestamp: ${remote}`);
    const phys = this.wall();
    if (r.millis - phys > this.maxDriftMs) throw new ClockDriftError(remote, phys);
    const top = Math.max(phys, this.millis, r.millis);
    if (top === this.millis && top === r.millis) this.counter = Math.max(this.counter, r.counter) + 1;
    else if (top === this.millis) this.counter += 1;
    else if (top === r.millis) this.counter = r.counter + 1;
    else this.counter = 0;
    this.millis = top;
    if (this.counter > MAX_COUNTER) this.bump();
  }

  private bump(): void {
    this.counter += 1;
    // A counter overflow borrows a millisecond instead of wrapping: order is preserved.
    if (this.counter > MAX_COUNTER) {
      this.millis += 1;
      this.counter = 0;
    }
  }
}
