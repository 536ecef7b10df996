import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createMainLogger } from '../../../src-main/app/log.ts';

describe('main log', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-main-log-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes JSON lines with scope to main.log, readable only by the user', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const log = createMainLogger(path.join(dir, 'logs'));
    log.child('core').warn('core stopped unexpectedly; restarting', { code: 1, err: new Error('boom') });
    log.debug('not written below info');
    await new Promise((resolve) => setTimeout(resolve, 50));
    stderr.mockRestore();
    const file = path.join(dir, 'logs', 'main.log');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', scope: 'main.core', msg: 'core stopped unexpectedly; restarting', code: 1, err: { name: 'Error', message: 'boom' } });
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
