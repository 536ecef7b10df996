/**
 * A core process for the crash test (sync-crash.test.ts): opens the cache in
 * `dataDir`, syncs one account against the test Dovecot until there is
 * nothing left to do, and exits. The test kills it with SIGKILL at random
 * points and starts it again.
 *
 * Usage: node sync-crash-child.ts <dataDir> <port> <user> <password>
 * Prints "stored" after each commit that stored messages or bodies, "done"
 * when the sync is complete.
 */
import path from 'node:path';
import { accountsOfKind, insertAccount } from '../../src-main/core/db/accounts.repo.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import { AccountSync } from '../../src-main/core/sync/account-sync.ts';
// The pipeline as core loads it (threading, contacts, full-text): a large first pass defers threading to its queue.
import '../../src-main/core/search/index-step.ts';

const [dataDir, port, user, password] = process.argv.slice(2);
if (!dataDir || !port || !user || !password) {
  process.stderr.write('usage: sync-crash-child.ts <dataDir> <port> <user> <password>\n');
  process.exit(2);
}
const { db } = openDatabase(path.join(dataDir, 'cache.sqlite'));
const accountId =
  accountsOfKind(db, 'imap')[0]?.id ??
  insertAccount(db, { kind: 'imap', name: 'Crash test', email: user, imap: null, smtp: null, secret: null, createdAt: Date.now() });
const sync = new AccountSync({
  db,
  dataDir,
  accountId,
  imap: { host: '127.0.0.1', port: Number(port), security: 'none', user, password },
  log: silentLogger,
  idle: false,
  batchSize: 25,
  bodyBatchSize: 25,
  onHealth: () => {},
  onMessagesChanged: () => process.stdout.write('stored\n'),
});
sync.start();
await sync.whenIdle();
const ok = sync.health.state === 'connected';
await sync.stop();
db.close();
process.stdout.write(ok ? 'done\n' : `failed ${JSON.stringify(sync.health)}\n`);
process.exit(ok ? 0 : 1);
