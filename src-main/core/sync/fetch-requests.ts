/**
 * What the agent is waiting for from the server right now: a message body
 * (the reading view opened a message whose body is not cached) or the
 * attachment files of a message (one went missing on disk). The sync loop
 * serves these before anything else.
 *
 * Every request is answered exactly once: true when served, false when it
 * could not be (offline, not on the server, timed out, sync stopped).
 */
import type { Clock } from '../clock.ts';

export type FetchKind = 'body' | 'attachments';

type Resolve = (value: boolean) => void;

export const REQUEST_TIMEOUT_MS = 20_000;

export class FetchRequests {
  private readonly waiting: Record<FetchKind, Map<number, Resolve[]>> = { body: new Map(), attachments: new Map() };
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  add(kind: FetchKind, messageId: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      let settled = false;
      const once = (value: boolean): void => {
        if (settled) return;
        settled = true;
        cancel();
        resolve(value);
      };
      const cancel = this.clock.schedule(REQUEST_TIMEOUT_MS, () => once(false));
      const map = this.waiting[kind];
      map.set(messageId, [...(map.get(messageId) ?? []), once]);
    });
  }

  pending(): boolean {
    return this.waiting.body.size > 0 || this.waiting.attachments.size > 0;
  }

  /** Serves every waiting request of `kind` with `fn`; a throw answers its waiters false and propagates. */
  async serve(kind: FetchKind, fn: (messageId: number) => Promise<boolean>, onServed: (messageId: number) => void): Promise<void> {
    const map = this.waiting[kind];
    const taken = [...map.entries()];
    map.clear();
    for (const [id, resolvers] of taken) {
      let ok = false;
      try {
        ok = await fn(id);
      } catch (err) {
        for (const r of resolvers) r(false);
        for (const [, rest] of taken.slice(taken.findIndex(([x]) => x === id) + 1)) for (const r of rest) r(false);
        throw err;
      }
      if (ok) onServed(id);
      for (const r of resolvers) r(ok);
    }
  }

  /** Nothing can be served now: every waiter gets false. */
  failAll(): void {
    for (const map of Object.values(this.waiting)) {
      for (const resolvers of map.values()) for (const r of resolvers) r(false);
      map.clear();
    }
  }
}
