/**
 * The acknowledger when the mailbox's server cannot be reached at all (a
 * laptop offline on a train: here a real connection refused on loopback),
 * and when an agent was quicker than it. Offline waits are not failed tries:
 * the acknowledgement stays queued without a notice, and once the mail is too
 * old it is dropped quietly, with the timeline saying why. A conversation an
 * agent already handled gets none.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DeskEvent } from '../../../src-preload/api.ts';
import { encodeAccountSecret } from '../../../src-main/core/accounts/account-secret.ts';
import { saveTemplate } from '../../../src-main/core/compose/team-settings.ts';
import { acknowledgementOf, acknowledgementsNotSent, queueAcknowledgements } from '../../../src-main/core/db/acknowledgements.repo.ts';
import { rootOfConversation } from '../../../src-main/core/db/conversations.repo.ts';
import { memberMessageIds } from '../../../src-main/core/db/triage.repo.ts';
import { EventBus } from '../../../src-main/core/events.ts';
import { silentLogger } from '../../../src-main/core/log.ts';
import { Acknowledger, OFFLINE_RETRY_MS } from '../../../src-main/core/rules/acknowledger.ts';
import { ACKNOWLEDGE_MAX_AGE_MS } from '../../../src-main/core/rules/rule-match.ts';
import { saveRule } from '../../../src-main/core/rules/rule-store.ts';
import { createFileSecretStore } from '../../../src-main/core/secrets/file-secret-store.ts';
import { messageEntity } from '../../../src-main/core/team/ops.ts';
import { DESK, openTriageCache } from '../triage/support.ts';
import { appendOps } from '../../../src-main/core/db/ops.repo.ts';
import { stateRow } from '../../../src-main/core/db/triage.repo.ts';
import { ruleOps } from '../../../src-main/core/rules/rule-match.ts';
import { businessHoursOf, readTriageSettings } from '../../../src-main/core/triage/triage-settings.ts';
import type { TriageCache } from '../triage/support.ts';

const HOUR = 60 * 60_000;

let t: TriageCache;
let dir: string;
let acknowledger: Acknowledger;
let events: DeskEvent[];
let ruleId: string;
let templateId: string;

/** A loopback port nobody listens on: connecting is refused at once, as with no network. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeEach(async () => {
  t = openTriageCache();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-ack-'));
  const secrets = createFileSecretStore(dir);
  const port = await closedPort();
  t.db.prepare(`UPDATE accounts SET imap_host = '127.0.0.1', imap_port = ?, imap_security = 'none', imap_user = 'desk',
    smtp_host = '127.0.0.1', smtp_port = ?, smtp_security = 'none', smtp_user = 'desk', secret = ? WHERE id = ?`)
    .run(port, port, await encodeAccountSecret(secrets, { imapPassword: 'pw', smtpPassword: 'pw' }), t.accountId);
  templateId = saveTemplate(t.actor, { name: 'We have your message', shortcut: 'ack', body: '<p>Hi {CLIENT_NAME}, your ticket is {TICKET_ID}.</p>' }).id;
  ruleId = saveRule(t.db, t.actor, { name: 'Acknowledge everyone', enabled: true, conditions: [{ field: 'to', operator: 'contains', value: '@' }], actions: [{ kind: 'acknowledge', templateId }] }, t.clock.now() - HOUR).id;
  const bus = new EventBus();
  events = [];
  bus.subscribe((e) => events.push(e));
  acknowledger = new Acknowledger({ db: t.db, dataDir: dir, secrets, events: bus, clock: t.clock, log: silentLogger, actor: t.actor, team: () => null });
});

afterEach(async () => {
  await acknowledger?.close();
  t.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A customer's new conversation, folded, with its acknowledgement queued as the rule step queues it. */
function queued(messageId: string): { conversationId: number; actionId: string } {
  const conversationId = t.mail(messageId, t.clock.now() - 60_000);
  t.drain();
  const [messageRowId] = memberMessageIds(t.db, conversationId);
  const actionId = `acknowledge:${messageId}`;
  queueAcknowledgements(t.db, [{ actionId, accountId: t.accountId, messageRowId: messageRowId as number, ruleId, templateId }], t.clock.now());
  return { conversationId, actionId };
}

async function passTime(ms: number, step: number): Promise<void> {
  for (let passed = 0; passed < ms; passed += step) {
    t.clock.advance(step);
    await acknowledger.poke();
  }
}

const notices = () => events.filter((e) => e.type === 'notify');

it('waits for an unreachable server without counting tries or notifying, and drops the mail quietly once it is too old', async () => {
  const { conversationId, actionId } = queued('anna-1@customer.example');
  await acknowledger.poke();
  expect(acknowledgementOf(t.db, actionId)).toMatchObject({ state: 'pending', attempts: 0 });

  // A whole working day offline: before, twelve tries over some seven hours ended in a failure notice per acknowledgement.
  await passTime(10 * HOUR, OFFLINE_RETRY_MS);
  expect(acknowledgementOf(t.db, actionId)).toMatchObject({ state: 'pending', attempts: 0 });
  expect(notices()).toEqual([]);

  await passTime(ACKNOWLEDGE_MAX_AGE_MS, 6 * HOUR);
  expect(acknowledgementOf(t.db, actionId)).toMatchObject({ state: 'skipped', reason_code: 'too-old' });
  expect(acknowledgementsNotSent(t.db, conversationId).map((r) => r.reason_code)).toEqual(['too-old']);
  expect(notices()).toEqual([]);
});

it('sends nothing once an agent has answered, put on hold or closed the conversation', async () => {
  const { conversationId, actionId } = queued('bea-1@customer.example');
  await acknowledger.poke();
  expect(acknowledgementOf(t.db, actionId)?.state).toBe('pending');

  t.actor.record([{ entity: messageEntity(rootOfConversation(t.db, conversationId) ?? ''), field: 'status', value: 'done' }]);
  t.drain();
  await passTime(OFFLINE_RETRY_MS, OFFLINE_RETRY_MS);
  expect(acknowledgementOf(t.db, actionId)).toMatchObject({ state: 'skipped', reason_code: 'handled' });
  expect(acknowledgementsNotSent(t.db, conversationId).map((r) => r.reason_code)).toEqual(['handled']);
  expect(notices()).toEqual([]);
});

it('is not stopped by its own rule putting the conversation on hold, only by an agent', async () => {
  const { conversationId, actionId } = queued('cleo-1@customer.example');
  // What the rule step derives for a rule that acknowledges and holds: its ops carry the rule's tag.
  const holding = { id: ruleId, name: 'Closed: hold', enabled: true, conditions: [], actions: [{ kind: 'status' as const, status: 'on_hold' as const }], since: 0, acknowledgeSince: 0 };
  const mail = { messageId: 'cleo-1@customer.example', from: { name: '', address: 'alice@customer.example' }, replyTo: [], recipients: [DESK], subject: 'Order problem', date: t.clock.now() - 60_000 };
  appendOps(t.db, ruleOps([holding], mail, { hours: businessHoursOf(readTriageSettings(t.db)) }, t.clock.now(), t.actor.node), t.clock.now(), 'queued');
  t.drain();
  expect(stateRow(t.db, conversationId)?.status).toBe('on_hold');
  await acknowledger.poke();
  expect(acknowledgementOf(t.db, actionId)).toMatchObject({ state: 'pending', reason_code: null });

  // An agent's reply is what makes it handled.
  t.mail('r-cleo@desk.example', t.clock.now(), { from: DESK, to: ['alice@customer.example'], inReplyTo: 'cleo-1@customer.example', folder: 'sent' });
  t.drain();
  await passTime(OFFLINE_RETRY_MS, OFFLINE_RETRY_MS);
  expect(acknowledgementOf(t.db, actionId)).toMatchObject({ state: 'skipped', reason_code: 'handled' });
});
