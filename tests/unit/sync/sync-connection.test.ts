/**
 * What an account says when its server refuses the connection (a real closed
 * port on loopback): advice to check the settings for an account that never
 * synced, "not answering right now, keeps trying" for one that worked before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Sentence } from '../../../src-preload/api.ts';
import { ManualClock } from '../../../src-main/core/clock.ts';
import { silentLogger } from '../../../src-main/core/log.ts';
import type { ConnectionLoss } from '../../../src-main/core/sync/sync-connection.ts';
import { SyncConnection } from '../../../src-main/core/sync/sync-connection.ts';
import { freePort } from '../../support/dovecot.ts';

const open: SyncConnection[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.stop();
});

async function firstLoss(workedBefore?: () => boolean): Promise<Sentence> {
  const port = await freePort();
  const losses: ConnectionLoss[] = [];
  const conn = new SyncConnection({
    imap: { host: '127.0.0.1', port, security: 'none', user: 'agent', password: 'pw' },
    // A manual clock never fires the reconnect: one attempt, one loss.
    clock: new ManualClock(Date.UTC(2026, 0, 12)),
    log: silentLogger,
    ...(workedBefore ? { workedBefore } : {}),
    onConnected: () => undefined,
    onLost: (loss) => void losses.push(loss),
  });
  open.push(conn);
  await conn.connect();
  const loss = losses[0];
  if (!loss) throw new Error('no loss reported');
  expect(loss.state).toBe('offline');
  return loss.message;
}

describe('a refused connection', () => {
  it('asks a new account to check its port and security settings', async () => {
    expect(await firstLoss()).toMatchObject({ key: 'connectionRefused', text: expect.stringMatching(/Check the port and security settings/) });
    expect(await firstLoss(() => false)).toMatchObject({ key: 'connectionRefused' });
  });

  it('tells an account that synced before that the server is down and Switchboard keeps trying', async () => {
    expect(await firstLoss(() => true)).toEqual({
      key: 'serverNotAnswering',
      vars: { host: '127.0.0.1' },
      text: '127.0.0.1 is not answering right now. Switchboard keeps trying; the mail already here stays readable.',
    });
  });
});
