/**
 * A background worker's rounds, one at a time: a poke while a round runs
 * asks for one more round after it, never a second round beside it. The
 * queue workers that poll SQLite (the mail inspector, the acknowledger) use
 * it, so a burst of new mail costs one more round, not one per message.
 */
export class SerialRounds {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly round: () => Promise<void>;
  private readonly o: { onError(err: unknown): void; afterRounds?: () => void };

  constructor(round: () => Promise<void>, o: { onError(err: unknown): void; afterRounds?: () => void }) {
    this.round = round;
    this.o = o;
  }

  get closed(): boolean {
    return this.stopped;
  }

  /** Runs rounds until one ran after the last poke; resolves then. */
  poke(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again && !this.stopped);
      } catch (err) {
        this.o.onError(err);
      } finally {
        this.running = null;
        this.o.afterRounds?.();
      }
    })();
    return this.running;
  }

  /** No more rounds; resolves when the running one has ended. */
  async close(): Promise<void> {
    this.stopped = true;
    while (this.running) await this.running;
  }
}

/**
 * A queue worker built on SerialRounds: `poke()` when work was queued,
 * `close()` when core stops. Subclasses do one `round()` and say what to
 * cancel when closing (a retry timer).
 */
export abstract class RoundsWorker {
  private readonly rounds: SerialRounds;

  constructor(o: { onError(err: unknown): void; afterRounds?: () => void }) {
    this.rounds = new SerialRounds(() => this.round(), o);
  }

  protected abstract round(): Promise<void>;

  /** Called first by `close()`: stop listening, cancel timers. */
  protected abstract stopping(): void;

  protected get closed(): boolean {
    return this.rounds.closed;
  }

  /** Works what is due; resolves when a round ran after this call. */
  poke(): Promise<void> {
    return this.rounds.poke();
  }

  async close(): Promise<void> {
    this.stopping();
    await this.rounds.close();
  }
}
