import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireWorkspaceLock, WorkspaceLockedError } from '../../../src-main/core/db/lock.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-lock-'));
  dirs.push(d);
  return d;
};

describe('workspace lock', () => {
  it('refuses a second core while the first runs, with the owner in the message', () => {
    const dir = tempDir();
    // A live process other than us holds it: our parent (the test runner's parent) is alive.
    fs.writeFileSync(path.join(dir, 'core.lock'), String(process.ppid));
    expect(() => acquireWorkspaceLock(dir)).toThrow(WorkspaceLockedError);
  });

  it('takes over a lock left by a process that died', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(path.join(dir, 'core.lock'), dead);
    const lock = acquireWorkspaceLock(dir);
    expect(fs.readFileSync(path.join(dir, 'core.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, 'core.lock'))).toBe(false);
  });
});
