import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.ts';
import { manualClock, recordingLogger } from './test-helpers.ts';
import { createCoreProcess } from '../../../src-main/app/core-process.ts';
import type { CoreToMain } from '../../../src-main/core/shell-protocol.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

beforeEach(() => fake.reset());

function setup() {
  const clock = manualClock();
  const { log, entries } = recordingLogger();
  const received: CoreToMain[] = [];
  let readyCount = 0;
  let gaveUp = 0;
  const core = createCoreProcess({
    modulePath: '/app/out/main/core.js',
    dataDir: '/home/agent/.config/Switchboard',
    log,
    baseEnv: { PATH: '/usr/bin', HOME: '/home/agent', UNSET: undefined },
    schedule: clock.schedule,
    now: clock.now,
    backoff: { initialMs: 500, maxMs: 4_000, maxRestarts: 5, stableMs: 60_000 },
    onMessage: (m) => received.push(m),
    onReady: () => readyCount++,
    onGiveUp: () => gaveUp++,
  });
  const current = () => fake.utilityProcesses.at(-1)!;
  return { core, clock, entries, received, current, ready: () => readyCount, gaveUp: () => gaveUp };
}

describe('core process', () => {
  it('forks core with its data directory and electron mode in the environment', () => {
    const { core } = setup();
    core.start();
    expect(fake.utilityProcesses).toHaveLength(1);
    const proc = fake.utilityProcesses[0]!;
    expect(proc.modulePath).toBe('/app/out/main/core.js');
    expect(proc.options.serviceName).toBe('Switchboard core');
    // A bounded young generation and a slow-growing old one keep core's memory in check during a large initial sync.
    expect(proc.options.execArgv).toEqual(['--max-semi-space-size=8', '--heap-growing-percent=50']);
    // One malloc arena: core's native memory stays compact (glibc; ignored elsewhere).
    expect(proc.options.env).toEqual({
      MALLOC_ARENA_MAX: '1',
      PATH: '/usr/bin',
      HOME: '/home/agent',
      SWITCHBOARD_DATA_DIR: '/home/agent/.config/Switchboard',
      SWITCHBOARD_MODE: 'electron',
    });
  });

  it('is ready only after core says so', () => {
    const { core, current, ready } = setup();
    core.start();
    expect(core.isReady()).toBe(false);
    current().emit('message', { kind: 'ready' });
    expect(core.isReady()).toBe(true);
    expect(ready()).toBe(1);
  });

  it('drops and logs messages that do not match the protocol', () => {
    const { core, current, received, entries } = setup();
    core.start();
    for (const bad of [null, 'ready', { kind: 'nope' }, { kind: 'badge', count: -1 }, { kind: 'notify', title: 'x'.repeat(500), body: '' }, { kind: 'secret-request', id: 1.5, op: 'encrypt', data: '' }]) {
      current().emit('message', bad);
    }
    expect(received).toEqual([]);
    expect(entries.filter((e) => e.msg === 'dropped an invalid message from core')).toHaveLength(6);
    current().emit('message', { kind: 'badge', count: 3 });
    expect(received).toEqual([{ kind: 'badge', count: 3 }]);
  });

  it('restarts core after a crash, waiting longer after each quick crash', () => {
    const { core, clock, current, ready } = setup();
    core.start();
    current().emit('message', { kind: 'ready' });
    current().exitWith(1);
    expect(core.isReady()).toBe(false);
    expect(core.post({ kind: 'shutdown' })).toBe(false);
    expect(clock.pending()).toEqual([500]);
    clock.advance(499);
    expect(fake.utilityProcesses).toHaveLength(1);
    clock.advance(1);
    expect(fake.utilityProcesses).toHaveLength(2);
    expect(current().options.env?.['SWITCHBOARD_DATA_DIR']).toBe('/home/agent/.config/Switchboard');
    current().emit('message', { kind: 'ready' });
    expect(ready()).toBe(2);

    current().exitWith(1);
    expect(clock.pending()).toEqual([1000]);
    clock.advance(1000);
    current().exitWith(1);
    expect(clock.pending()).toEqual([2000]);
    clock.advance(2000);
    current().exitWith(1);
    expect(clock.pending()).toEqual([4000]);
    clock.advance(4000);
    current().exitWith(1);
    expect(clock.pending()).toEqual([4000]); // capped
  });

  it('forgets old crashes once core has stayed up for a while', () => {
    const { core, clock, current } = setup();
    core.start();
    current().exitWith(1);
    clock.advance(500);
    current().exitWith(1);
    expect(clock.pending()).toEqual([1000]);
    clock.advance(1000);
    clock.advance(60_000);
    current().exitWith(1);
    expect(clock.pending()).toEqual([500]);
  });

  it('gives up after too many quick crashes in a row', () => {
    const { core, clock, current, gaveUp, entries } = setup();
    core.start();
    for (let i = 0; i < 5; i++) {
      current().exitWith(1);
      clock.advance(10_000);
    }
    expect(fake.utilityProcesses).toHaveLength(6);
    current().exitWith(1);
    expect(gaveUp()).toBe(1);
    expect(clock.pending()).toEqual([]);
    expect(entries.some((e) => e.level === 'error' && e.msg.includes('giving up'))).toBe(true);
  });

  it('stops on request: sends shutdown, does not restart, kills a core that hangs', async () => {
    const { core, clock, current } = setup();
    core.start();
    const proc = current();
    const stopped = core.stop(3_000);
    expect(proc.posted.map((p) => p.message)).toEqual([{ kind: 'shutdown' }]);
    proc.exitWith(0);
    await stopped;
    expect(clock.pending()).toEqual([]);
    expect(fake.utilityProcesses).toHaveLength(1);

    const { core: other, clock: otherClock, current: otherCurrent } = setup();
    other.start();
    const hung = otherCurrent();
    const done = other.stop(3_000);
    otherClock.advance(3_000);
    await done;
    expect(hung.kill).toHaveBeenCalled();
    expect(otherClock.pending()).toEqual([]);
  });

  it('cancels a pending restart when the app quits', async () => {
    const { core, clock, current } = setup();
    core.start();
    current().exitWith(1);
    await core.stop(1_000);
    clock.advance(60_000);
    expect(fake.utilityProcesses).toHaveLength(1);
  });

  it('posts messages with transferred ports to the running core', () => {
    const { core, current } = setup();
    core.start();
    const port = { marker: true };
    expect(core.post({ kind: 'connect-renderer', windowId: 3 }, [port as never])).toBe(true);
    expect(current().posted).toEqual([{ message: { kind: 'connect-renderer', windowId: 3 }, transfer: [port] }]);
  });
});
