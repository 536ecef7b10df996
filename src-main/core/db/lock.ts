/**
 * Only one core may open a cache at a time: two writers would corrupt sync
 * cursors and duplicate outgoing mail. The lock is a file holding the owner's
 * pid, created exclusively; a lock left by a process that no longer runs
 * (a crash, a SIGKILL) is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export class WorkspaceLockedError extends Error {
  readonly pid: number;
  constructor(pid: number, dir: string) {
    super(`Another Switchboard (process ${pid}) is already using the workspace in ${dir}. Close it first.`);
    this.name = 'WorkspaceLockedError';
    this.pid = pid;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface WorkspaceLock {
  release(): void;
}

export function acquireWorkspaceLock(dataDir: string): WorkspaceLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'core.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) throw new WorkspaceLockedError(owner, dataDir);
      fs.unlinkSync(file);
    }
  }
  throw new Error(`Could not take the workspace lock in ${dataDir}.`);
}
