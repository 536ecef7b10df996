/**
 * How long to wait before reconnecting: exponential with "equal jitter".
 *
 * Why jitter: a whole support team's desktops lose the server at the same
 * moment (the server restarts, the office Wi-Fi drops). Without jitter they
 * all reconnect in lock-step and hit it together on every retry. Half of the
 * delay is fixed (so the wait does grow), half is random.
 */

export interface BackoffPolicy {
  /** Delay of the first retry before jitter. */
  baseMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

/** `attempt` counts failures in a row, from 0. `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = defaultBackoff, random: () => number = Math.random): number {
  const n = Number.isFinite(attempt) ? Math.max(0, Math.min(30, Math.trunc(attempt))) : 0;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** n);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
