import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/core/log.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-log-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('core log', () => {
  it('keeps where an error happened, so a fault can be found from the log file alone', async () => {
    const log = createLogger({ dataDir, stderr: false });
    const fault = (): never => {
      throw Object.assign(new TypeError("Cannot read properties of undefined (reading 'rows')"), { code: 'SB_TEST' });
    };
    try {
      fault();
    } catch (err) {
      log.child('sync').error('sync stopped on an unexpected error', { err, accountId: 3 });
    }
    const file = path.join(dataDir, 'logs', 'core.log');
    await expect.poll(() => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''), { timeout: 3000 }).toContain('\n');
    const entry = JSON.parse(fs.readFileSync(file, 'utf8').trim().split('\n').at(-1) ?? '{}') as {
      level: string;
      scope: string;
      accountId: number;
      err: { name: string; message: string; code: string; stack: string };
    };
    expect(entry).toMatchObject({ level: 'error', scope: 'core.sync', accountId: 3 });
    expect(entry.err).toMatchObject({ name: 'TypeError', message: "Cannot read properties of undefined (reading 'rows')", code: 'SB_TEST' });
    expect(entry.err.stack).toMatch(/at fault .*log\.test\.ts/);
    // Bounded: a deep stack does not flood the file.
    expect(entry.err.stack.split('\n').length).toBeLessThanOrEqual(12);
    // Only the user may read it: it names customers' addresses.
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0);
  });
});
