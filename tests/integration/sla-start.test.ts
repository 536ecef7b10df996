/**
 * Connecting a mailbox full of old mail, against the real Dovecot: the desk
 * must not open on a wall of breached SLAs nobody was ever measured against.
 * The first connect records "SLA times count from now" as team state; mail
 * that arrives afterwards runs its timers as usual.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TriageRow } from '../../src-preload/api.ts';
import { appendOps } from '../../src-main/core/db/ops.repo.ts';
import { formatTimestamp } from '../../src-main/core/team/hlc.ts';
import { SETTINGS_ENTITY, SLA_START_SKEW_MS } from '../../src-main/core/triage/triage-settings.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { buildMail } from '../support/mail-fixtures.ts';
import type { SmtpSink } from '../support/smtp-sink.ts';
import type { TestDesk } from '../support/desk-core.ts';
import { startMailboxDesk } from '../support/mailbox-desk.ts';
import type { MailboxDesk } from '../support/mailbox-desk.ts';

const user = 'desk@example.test';
const password = 'secret';
let dovecot: DovecotServer;
let smtp: SmtpSink;
let desk: TestDesk;
let box: MailboxDesk | undefined;
const BOB = 'b0b0000000000002';
const CAROL = 'c0c0000000000003';
const WEEK = 7 * 86_400_000;

async function appendAt(messageId: string, at: Date): Promise<void> {
  const raw = buildMail({ from: `Customer <${messageId.split('@')[0]}@shop.example>`, to: user, subject: `Question ${messageId}`, messageId, date: at });
  await dovecot.withClient(user, (client) => client.append('INBOX', Buffer.from(raw), [], at));
}

async function inbox(): Promise<TriageRow[]> {
  return (await desk.call('triage.list', { drawer: 'inbox', accountId: null, cursor: null, limit: 100 })).items;
}

const overdue = async (): Promise<number> => (await desk.call('triage.counts', { accountId: null })).find((c) => c.drawer === 'overdue')?.count ?? 0;

beforeAll(async () => {
  // A year of unanswered mail, long past any first-response target.
  box = await startMailboxDesk({
    user,
    password,
    dirPrefix: 'sb-sla-start-',
    seed: async (server) => {
      dovecot = server;
      for (let i = 1; i <= 3; i++) await appendAt(`old-${i}@shop.example`, new Date(Date.UTC(2025, i, 3, 10)));
    },
  });
  ({ smtp, desk } = box);
}, 60_000);

afterAll(async () => {
  await box?.stop();
});

describe('connecting a mailbox with old mail', () => {
  it('counts SLA times from the moment the first mailbox was connected', async () => {
    expect((await desk.call('triage.settings', {})).slaFrom).toBeNull();
    const before = Date.now();
    const server = { host: '127.0.0.1', security: 'none' as const, user, password };
    const connected = await desk.call('accounts.connect', { name: 'Shop', email: user, imap: { ...server, port: dovecot.port }, smtp: { ...server, port: smtp.port } });
    if (!connected.ok) throw new Error(`connect failed: ${JSON.stringify(connected.test)}`);
    const after = Date.now();
    await vi.waitFor(async () => expect(await inbox()).toHaveLength(3), { timeout: 30_000, interval: 100 });

    const slaFrom = (await desk.call('triage.settings', {})).slaFrom;
    // A little earlier than the connect: a customer's clock running behind must not hide fresh mail.
    expect(slaFrom).toBeGreaterThanOrEqual(before - SLA_START_SKEW_MS);
    expect(slaFrom).toBeLessThanOrEqual(after - SLA_START_SKEW_MS);
    expect(await overdue()).toBe(0);
    expect((await inbox()).map((r) => r.triage.sla)).toEqual([null, null, null]);
  });

  it('runs the timer of mail that arrives afterwards, even from a sender whose clock is behind', async () => {
    await appendAt('new-1@shop.example', new Date(Date.now() - 5 * 60_000));
    await vi.waitFor(async () => expect(await inbox()).toHaveLength(4), { timeout: 30_000, interval: 100 });
    const fresh = (await inbox()).find((r) => r.conversation.subject.includes('new-1'));
    expect(fresh?.triage.sla).toMatchObject({ kind: 'first-response', overdue: false });
  });

  it('keeps the earliest desktop\'s start when colleagues\' starts arrive, whoever recorded last', async () => {
    const mine = (await desk.call('triage.settings', {})).slaFrom ?? 0;
    const colleague = (node: string, startedAt: number) => ({
      hlc: formatTimestamp(Date.now() + 60_000, 0, node), actor: node, entity: SETTINGS_ENTITY, field: `slaStarted:${node}`, value: startedAt,
    });
    // Bob connected a week before this desktop; Carol joins a week later and has not heard of either yet.
    appendOps(desk.core.db, [colleague(BOB, mine - WEEK)], Date.now(), 'received');
    expect((await desk.call('triage.settings', {})).slaFrom).toBe(mine - WEEK);
    appendOps(desk.core.db, [colleague(CAROL, mine + WEEK)], Date.now(), 'received');
    expect((await desk.call('triage.settings', {})).slaFrom).toBe(mine - WEEK);
    expect(await overdue()).toBe(0);
  });

  it('counts the old mail again when the team chooses "all mail"', async () => {
    const settings = await desk.call('triage.settings', {});
    await desk.call('triage.saveSettings', { ...settings, slaFrom: 0 });
    expect(await overdue()).toBe(3);
    await desk.call('triage.saveSettings', settings);
    expect(await overdue()).toBe(0);
  });
});
