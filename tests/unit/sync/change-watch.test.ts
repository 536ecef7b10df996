import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { silentLogger } from '../../../src-main/core/log.ts';
import { ChangeWatch } from '../../../src-main/core/sync/change-watch.ts';
import { WorkQueue } from '../../../src-main/core/sync/work-queue.ts';

const imap = { host: '127.0.0.1', port: 1, secure: false, user: 'u', password: 'p' } as never;

function setup(): { clock: ManualClock; work: WorkQueue; watch: ChangeWatch } {
  const clock = new ManualClock();
  const work = new WorkQueue(clock);
  const watch = new ChangeWatch({ imap, clock, log: silentLogger, work, idle: false, pollIntervalMs: 60_000 });
  return { clock, work, watch };
}

describe('watching for changes made elsewhere', () => {
  it('polls every folder one interval after each full pass, not on a fixed beat', () => {
    const { clock, work, watch } = setup();
    watch.arm();
    clock.advance(59_000);
    // A second full pass re-arms: the poll moves to a minute after it.
    watch.arm();
    clock.advance(59_000);
    expect(work.wantsFull()).toBe(false);
    expect(clock.pending()).toBe(1);
    clock.advance(1_000);
    expect(work.wantsFull()).toBe(true);
  });

  it('polls nothing while the sync connection is lost, and nothing after the account is stopped', async () => {
    const { clock, work, watch } = setup();
    watch.arm();
    await watch.disarm();
    clock.advance(120_000);
    expect(work.wantsFull()).toBe(false);

    await watch.stop();
    watch.arm();
    clock.advance(120_000);
    expect(work.wantsFull()).toBe(false);
    expect(clock.pending()).toBe(0);
  });
});
