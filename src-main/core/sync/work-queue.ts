/**
 * What the sync loop of one account has to do next, and who waits for it.
 *
 * Requests merge: asking for a full pass while one is waiting adds nothing;
 * an INBOX pass asked for while a full pass waits is covered by it. The loop
 * sleeps in `wait()` until something is asked; whoever waits for a full pass
 * (`syncNow`) or for idleness is answered when it happened, or when the
 * connection that would have done it is gone (`settle`).
 */
import type { Clock } from '../clock.ts';

export class WorkQueue {
  private readonly clock: Clock;
  private full = false;
  private readonly folders = new Set<string>();
  private writeback = false;
  private writebackRetryAt = 0;
  private wake: (() => void) | null = null;
  private sleeping = false;
  private fullWaiters: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** A pass over every folder; the promise resolves when one that started after this call is done. */
  fullAndWait(): Promise<void> {
    const done = new Promise<void>((resolve) => this.fullWaiters.push(resolve));
    this.askFull();
    return done;
  }

  askFull(): void {
    this.full = true;
    this.signal();
  }

  askFolder(path: string): void {
    this.folders.add(path);
    this.signal();
  }

  askWriteback(): void {
    this.writeback = true;
    this.writebackRetryAt = 0;
    this.signal();
  }

  /** After a connect: whatever may have been missed while away. */
  reset(writebackPending: boolean): void {
    this.full = true;
    this.writeback = writebackPending;
    this.writebackRetryAt = 0;
  }

  writebackDue(): boolean {
    return this.writeback && this.clock.now() >= this.writebackRetryAt;
  }

  /** The replay went as far as it could: retry after `ms` if the server refused something, else done when nothing is left. */
  writebackDone(stillPending: boolean, retryInMs: number | null): void {
    if (retryInMs !== null) {
      this.writebackRetryAt = this.clock.now() + retryInMs;
      this.clock.schedule(retryInMs, () => this.signal());
    } else this.writeback = stillPending;
  }

  wantsFull(): boolean {
    return this.full;
  }

  /** Takes the full pass off the list (and the folder passes it covers); returns who waits for it. */
  takeFull(): Array<() => void> {
    this.full = false;
    this.folders.clear();
    return this.fullWaiters.splice(0);
  }

  takeFolders(): string[] {
    const paths = [...this.folders];
    this.folders.clear();
    return paths;
  }

  wantsFolders(): boolean {
    return this.folders.size > 0;
  }

  signal(): void {
    const wake = this.wake;
    this.wake = null;
    this.sleeping = false;
    wake?.();
  }

  /** Nothing to do: tell who waits for idleness, and sleep until asked. */
  async wait(): Promise<void> {
    for (const w of this.idleWaiters.splice(0)) w();
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      this.sleeping = true;
    });
  }

  whenIdle(): Promise<void> {
    if (this.sleeping) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The connection is gone: nobody waits for work it would have done. */
  settle(): void {
    for (const w of this.fullWaiters.splice(0)) w();
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
