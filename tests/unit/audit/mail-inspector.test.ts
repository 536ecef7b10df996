/**
 * The mail inspector when the server cannot be reached at all (here a real
 * connection refused on loopback): a received mail that looks automatic
 * stays queued for inspection however long it takes, instead of being
 * given up after five tries and never linked to the reply it reports on.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { encodeAccountSecret } from '../../../src-main/core/accounts/account-secret.ts';
import { MailInspector } from '../../../src-main/core/audit/mail-inspector.ts';
import { enqueueInspection, inspectionTasks } from '../../../src-main/core/db/audit.repo.ts';
import { memberMessageIds } from '../../../src-main/core/db/triage.repo.ts';
import { EventBus } from '../../../src-main/core/events.ts';
import { silentLogger } from '../../../src-main/core/log.ts';
import { createFileSecretStore } from '../../../src-main/core/secrets/file-secret-store.ts';
import { openTriageCache } from '../triage/support.ts';
import type { TriageCache } from '../triage/support.ts';

let t: TriageCache;
let dir: string;
let inspector: MailInspector;

beforeEach(async () => {
  t = openTriageCache();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-inspect-'));
  const secrets = createFileSecretStore(dir);
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  t.db.prepare(`UPDATE accounts SET imap_host = '127.0.0.1', imap_port = ?, imap_security = 'none', imap_user = 'desk',
    smtp_host = '127.0.0.1', smtp_port = ?, smtp_security = 'none', smtp_user = 'desk', secret = ? WHERE id = ?`)
    .run(port, port, await encodeAccountSecret(secrets, { imapPassword: 'pw', smtpPassword: 'pw' }), t.accountId);
  inspector = new MailInspector({ db: t.db, secrets, events: new EventBus(), clock: t.clock, log: silentLogger });
});

afterEach(async () => {
  await inspector?.close();
  t.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('keeps waiting, without using up its tries, while the server cannot be reached', async () => {
  const conversation = t.mail('bounce-1@mx.example', t.clock.now(), { from: 'mailer-daemon@mx.example' });
  const [messageId] = memberMessageIds(t.db, conversation);
  enqueueInspection(t.db, messageId as number);
  for (let i = 0; i < 12; i++) {
    await inspector.poke();
    t.clock.advance(5 * 60_000);
  }
  expect(inspectionTasks(t.db, 10)).toMatchObject([{ message_id: messageId, attempts: 0 }]);
});
