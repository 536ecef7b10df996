import { describe, expect, it } from 'vitest';
import type { HeaderLister } from '../../../src-main/core/sync/header-lister.ts';
import { PassLister } from '../../../src-main/core/sync/header-lister.ts';

function fakeLister(): HeaderLister & { closed: boolean; broken: boolean } {
  const l = {
    closed: false,
    broken: false,
    get usable() {
      return !l.closed && !l.broken;
    },
    ready: true,
    list: async () => null,
    close: () => void (l.closed = true),
  };
  return l;
}

describe('a pass’s listing worker', () => {
  it('is started once per pass, not again after it failed, and closed when the pass ends', () => {
    const started: ReturnType<typeof fakeLister>[] = [];
    const pass = new PassLister(() => {
      const l = fakeLister();
      started.push(l);
      return l;
    });
    const first = pass.get();
    expect(pass.get()).toBe(first);
    expect(started).toHaveLength(1);

    // A second connection that failed costs one wait per pass, not one per folder.
    if (started[0]) started[0].broken = true;
    expect(pass.get()).toBeNull();
    expect(started).toHaveLength(1);

    pass.end();
    expect(started[0]?.closed).toBe(true);
    const next = pass.get();
    expect(next).not.toBeNull();
    expect(started).toHaveLength(2);
    pass.end();
    expect(started[1]?.closed).toBe(true);
  });

  it('asks again on the next pass when no worker could start', () => {
    let attempts = 0;
    const pass = new PassLister(() => (attempts++, null));
    expect(pass.get()).toBeNull();
    expect(pass.get()).toBeNull();
    expect(attempts).toBe(1);
    pass.end();
    pass.get();
    expect(attempts).toBe(2);
  });
});
