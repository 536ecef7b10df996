/**
 * Automation rules on two whole cores (two desktops) sharing one Dovecot
 * mailbox: a rule made on one desktop reaches the other; a new customer
 * conversation that meets it is routed, tagged and prioritised the same on
 * both, by one set of changes however many desktops store the mail; mail
 * older than the rule, other customers and the customer's replies are left
 * alone, and an agent's later change is never undone by the rule.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RuleInput } from '../../src-preload/api.ts';
import { opsForEntity } from '../../src-main/core/db/ops.repo.ts';
import { ruleTag, ruleTagOf } from '../../src-main/core/rules/rule-match.ts';
import { buildMail } from '../support/mail-fixtures.ts';
import { inboxOf as inbox, startSharedMailbox } from '../support/shared-mailbox.ts';
import type { SharedMailbox } from '../support/shared-mailbox.ts';
import type { TestDesk } from '../support/desk-core.ts';

const user = { user: 'desk@example.test', password: 'desk-pw' };
let mailbox: SharedMailbox;
let dovecot: SharedMailbox['dovecot'];
let alice: TestDesk;
let bob: TestDesk;

async function triageOf(desk: TestDesk, customer: string) {
  const conversation = (await inbox(desk)).find((c) => c.customer.address === customer);
  return conversation ? (await desk.call('triage.get', { conversationId: conversation.id })).triage : null;
}

beforeAll(async () => {
  mailbox = await startSharedMailbox(user, 'Desk');
  dovecot = mailbox.dovecot;
  // From a key account, but before any rule: history is never re-routed.
  await dovecot.append(user.user, 'INBOX', buildMail({ from: 'Old <old@bigco.example>', to: user.user, subject: 'Last year', messageId: 'old-1@bigco.example', date: new Date(Date.now() - 86_400_000) }));
  alice = await mailbox.desk('alice');
  bob = await mailbox.desk('bob');
}, 60_000);

afterAll(async () => {
  await mailbox?.stop();
});

it('routes a new key-account conversation the same way on both desktops, once', async () => {
  for (const desk of [alice, bob]) {
    await expect.poll(async () => (await inbox(desk)).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await desk.call('team.health', {})).state, { timeout: 15_000 }).toBe('connected');
  }
  const billing = await alice.call('groups.save', { name: 'Billing', members: [] });
  const input: RuleInput = {
    name: 'Big Co to Billing',
    enabled: true,
    conditions: [{ field: 'from', operator: 'contains', value: '@BigCo.example' }],
    actions: [
      { kind: 'assign', assignee: billing.ref },
      { kind: 'tag', tag: 'key-account' },
      { kind: 'priority', priority: 'high' },
    ],
  };
  const rule = await alice.call('rules.save', input);
  expect(rule.since).toBeGreaterThan(0);
  await expect.poll(async () => (await bob.call('rules.list', {})).map((r) => r.name), { timeout: 15_000 }).toEqual(['Big Co to Billing']);
  // A Date header has whole seconds: mail written in the second the rule was made could predate it.
  await new Promise((resolve) => setTimeout(resolve, 1_100));

  await dovecot.append(user.user, 'INBOX', buildMail({ from: 'Anna <anna@bigco.example>', to: user.user, subject: 'Invoice 7 is wrong', messageId: 'anna-1@bigco.example', date: new Date() }));
  await dovecot.append(user.user, 'INBOX', buildMail({ from: 'Sam <sam@small.example>', to: user.user, subject: 'Where is my parcel?', messageId: 'sam-1@small.example', date: new Date() }));

  for (const desk of [alice, bob]) {
    await expect.poll(async () => await triageOf(desk, 'anna@bigco.example'), { timeout: 20_000 }).toMatchObject({ assignee: billing.ref, tags: ['key-account'], priority: 'high' });
    await expect.poll(async () => await triageOf(desk, 'sam@small.example'), { timeout: 20_000 }).toMatchObject({ assignee: null, tags: [], priority: 'normal' });
    expect(await triageOf(desk, 'old@bigco.example')).toMatchObject({ assignee: null, tags: [], priority: 'normal' });
  }

  // Both desktops derived the rule's changes; each is in both logs once, under the same HLC.
  const byRule = (desk: TestDesk) => opsForEntity(desk.core.db, 'msg:anna-1@bigco.example').filter((op) => ruleTagOf(op) === ruleTag(rule.id));
  expect(byRule(alice).map((op) => op.field).sort()).toEqual(['assignee', 'priority', 'tag:key-account']);
  await expect.poll(() => byRule(bob).map((op) => op.hlc).sort(), { timeout: 10_000 }).toEqual(byRule(alice).map((op) => op.hlc).sort());

  // The timeline says the rule did it.
  const anna = (await inbox(bob)).find((c) => c.customer.address === 'anna@bigco.example');
  if (!anna) throw new Error('Bob lists Anna');
  const events = (await bob.call('triage.get', { conversationId: anna.id })).activity.filter((a) => a.kind === 'event');
  expect(events.map((e) => (e.kind === 'event' ? e.rule : null))).toEqual(['Big Co to Billing', 'Big Co to Billing', 'Big Co to Billing']);
});

it("never undoes an agent's change, even when the customer writes again", async () => {
  const me = await alice.call('agent.set', { name: 'Alice', address: 'alice@example.test' });
  const anna = (await inbox(alice)).find((c) => c.customer.address === 'anna@bigco.example');
  if (!anna) throw new Error('Alice lists Anna');
  await alice.call('triage.apply', { conversationIds: [anna.id], action: { kind: 'assign', assignee: me.ref } });
  await alice.call('triage.apply', { conversationIds: [anna.id], action: { kind: 'priority', priority: 'low' } });
  await dovecot.append(user.user, 'INBOX', buildMail({ from: 'Anna <anna@bigco.example>', to: user.user, subject: 'Re: Invoice 7 is wrong', messageId: 'anna-2@bigco.example', inReplyTo: 'anna-1@bigco.example', references: ['anna-1@bigco.example'], date: new Date() }));
  for (const desk of [alice, bob]) {
    await expect.poll(async () => (await inbox(desk)).find((c) => c.customer.address === 'anna@bigco.example')?.messageCount, { timeout: 20_000 }).toBe(2);
    await expect.poll(async () => await triageOf(desk, 'anna@bigco.example'), { timeout: 10_000 }).toMatchObject({ assignee: me.ref, priority: 'low', tags: ['key-account'] });
  }
});

it('stops acting when disabled, and is gone for both desktops when deleted', async () => {
  const [rule] = await alice.call('rules.list', {});
  if (!rule) throw new Error('the rule is listed');
  await alice.call('rules.save', { id: rule.id, name: rule.name, enabled: false, conditions: rule.conditions, actions: rule.actions });
  await expect.poll(async () => (await bob.call('rules.list', {}))[0]?.enabled, { timeout: 15_000 }).toBe(false);
  await dovecot.append(user.user, 'INBOX', buildMail({ from: 'Ben <ben@bigco.example>', to: user.user, subject: 'Quote please', messageId: 'ben-1@bigco.example', date: new Date() }));
  await expect.poll(async () => await triageOf(bob, 'ben@bigco.example'), { timeout: 20_000 }).toMatchObject({ assignee: null, tags: [] });
  expect((await alice.call('rules.list', {}))[0]?.since).toBe(rule.since);

  await alice.call('rules.delete', { id: rule.id });
  await expect.poll(async () => await bob.call('rules.list', {}), { timeout: 15_000 }).toEqual([]);
});
