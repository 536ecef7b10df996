/**
 * Automatic acknowledgements on two whole cores (two desktops) sharing one
 * Dovecot mailbox and an SMTP server: a rule that acknowledges new
 * conversations sends the customer exactly one mail however many desktops
 * store theirs, threaded to it and marked automatic; the conversation still
 * waits for an agent; list and automatic mail get nothing; the customer's
 * answer to it joins the conversation and is not acknowledged again; a
 * rule on the business hours acts only while the desk is closed; a
 * contact form is acknowledged at the customer's Reply-To; a rule whose
 * template was deleted sends nothing and says so; and with the SMTP server
 * gone, the acknowledgement waits on both desktops without using up tries.
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acknowledgementOf } from '../../src-main/core/db/acknowledgements.repo.ts';
import { buildMail } from '../support/mail-fixtures.ts';
import { inboxOf as inbox, startSharedMailbox } from '../support/shared-mailbox.ts';
import type { SharedMailbox } from '../support/shared-mailbox.ts';
import type { TestDesk } from '../support/desk-core.ts';

const user = { user: 'desk@example.test', password: 'desk-pw' };
let mailbox: SharedMailbox;
let alice: TestDesk;
let bob: TestDesk;

async function conversationOf(desk: TestDesk, customer: string) {
  return (await inbox(desk)).find((c) => c.customer.address === customer) ?? null;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  mailbox = await startSharedMailbox(user, 'Shop Support');
  // A real mailbox has its Sent folder before any desktop connects; each desktop then syncs the acknowledgement's copy there.
  await mailbox.dovecot.withClient(user.user, (client) => client.mailboxCreate('Sent'));
  alice = await mailbox.desk('alice');
  bob = await mailbox.desk('bob');
}, 60_000);

afterAll(async () => {
  await mailbox?.stop();
});

it('acknowledges a new conversation once for the team, threaded and marked automatic, and it still waits for an agent', async () => {
  for (const desk of [alice, bob]) await expect.poll(async () => (await desk.call('team.health', {})).state, { timeout: 15_000 }).toBe('connected');
  const template = await alice.call('templates.save', {
    name: 'We have your message',
    shortcut: 'ack',
    body: '<p>Hi {CLIENT_NAME},</p><p>Thanks for writing. Your ticket is {TICKET_ID}; we answer within a day.</p>',
  });
  await alice.call('rules.save', {
    name: 'Acknowledge everyone',
    enabled: true,
    conditions: [{ field: 'to', operator: 'contains', value: 'desk@' }],
    actions: [{ kind: 'acknowledge', templateId: template.id }],
  });
  await expect.poll(async () => (await bob.call('rules.list', {})).length, { timeout: 15_000 }).toBe(1);
  await expect.poll(async () => (await bob.call('templates.list', { query: '' })).map((t) => t.id), { timeout: 15_000 }).toContain(template.id);
  // A Date header has whole seconds: mail written in the second the rule was made could predate it.
  await settle(1_100);

  await mailbox.dovecot.append(user.user, 'INBOX', buildMail({ from: 'Anna Berg <anna@shop.example>', to: user.user, subject: 'Order 42 is late', messageId: 'anna-1@shop.example', date: new Date() }));

  const ack = await mailbox.smtp.waitForMail(1, 45_000);
  expect(ack.envelope.to).toEqual(['anna@shop.example']);
  const parsed = await simpleParser(ack.raw);
  expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
  expect(parsed.inReplyTo).toBe('<anna-1@shop.example>');
  expect(parsed.messageId).toMatch(/^<sb-action\.[0-9a-f]{32}@example\.test>$/);
  expect(parsed.text).toContain('Hi Anna,');

  const anna = await conversationOf(alice, 'anna@shop.example');
  if (!anna) throw new Error('Alice lists Anna');
  expect(parsed.subject).toBe(`Re: Order 42 is late [#${anna.ticket}]`);
  expect(parsed.text).toContain(`#${anna.ticket}`);

  // Each desktop settled it: one sent it, the other knows a colleague did.
  for (const desk of [alice, bob]) {
    await expect.poll(() => acknowledgementOf(desk.core.db, 'acknowledge:anna-1@shop.example')?.state, { timeout: 20_000 }).toMatch(/^sent(-elsewhere)?$/);
  }
  const states = [alice, bob].map((desk) => acknowledgementOf(desk.core.db, 'acknowledge:anna-1@shop.example')?.state).sort();
  expect(states).toEqual(['sent', 'sent-elsewhere']);
  await settle(2_000);
  expect(mailbox.smtp.messages).toHaveLength(1);

  // The copy in Sent joins the conversation on both desktops, marked, and the conversation is still new.
  // The sender files it at once; a colleague's desktop finds it at its next poll of the other folders (asked for here).
  for (const desk of [alice, bob]) {
    const [account] = await desk.call('accounts.list', {});
    if (!account) throw new Error('connected');
    await expect
      .poll(
        async () => {
          await desk.call('accounts.syncNow', { accountId: account.id });
          return (await conversationOf(desk, 'anna@shop.example'))?.messageCount;
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBe(2);
    const conversation = await conversationOf(desk, 'anna@shop.example');
    if (!conversation) throw new Error('listed');
    const detail = await desk.call('conversations.get', { id: conversation.id });
    expect(detail.messages.map((m) => [m.outgoing, m.automatic])).toEqual([
      [false, false],
      [true, true],
    ]);
    await expect.poll(async () => (await desk.call('triage.get', { conversationId: conversation.id })).triage.status, { timeout: 10_000 }).toBe('new');
    // The list still shows what the customer wrote, not our acknowledgement.
    expect(conversation.snippet).toMatch(/^Hello, this is test message/);
  }
}, 120_000);

it('does not answer list or automatic mail, and the customer’s answer joins the conversation without a second acknowledgement', async () => {
  const list = buildMail({ from: 'Newsletter <news@lists.example>', to: user.user, subject: 'Our spring catalogue', messageId: 'news-1@lists.example', date: new Date(), headers: ['List-Id: <spring.lists.example>', 'Precedence: bulk'] });
  const robot = buildMail({ from: 'Shop Robot <robot@shop.example>', to: user.user, subject: 'Your export is ready', messageId: 'robot-1@shop.example', date: new Date(), headers: ['Auto-Submitted: auto-generated'] });
  await mailbox.dovecot.append(user.user, 'INBOX', list);
  await mailbox.dovecot.append(user.user, 'INBOX', robot);
  for (const desk of [alice, bob]) {
    await expect.poll(() => acknowledgementOf(desk.core.db, 'acknowledge:news-1@lists.example')?.state, { timeout: 20_000 }).toBe('skipped');
    await expect.poll(() => acknowledgementOf(desk.core.db, 'acknowledge:robot-1@shop.example')?.state, { timeout: 20_000 }).toBe('skipped');
  }
  expect(acknowledgementOf(alice.core.db, 'acknowledge:news-1@lists.example')?.reason).toMatch(/mailing list|bulk/);
  expect(acknowledgementOf(alice.core.db, 'acknowledge:robot-1@shop.example')?.reason).toMatch(/automatic mail/);
  // The conversation's timeline says why the customer got nothing, naming the rule.
  const news = await conversationOf(bob, 'news@lists.example');
  if (!news) throw new Error('Bob lists the newsletter');
  const events = (await bob.call('triage.get', { conversationId: news.id })).activity.filter((a) => a.kind === 'event');
  expect(events.map((e) => (e.kind === 'event' ? [e.rule, e.change] : null))).toEqual([['Acknowledge everyone', { field: 'acknowledgement', reason: 'bulk' }]]);

  const first = mailbox.smtp.messages[0];
  if (!first) throw new Error('the acknowledgement was sent');
  const ack = await simpleParser(first.raw);
  await mailbox.dovecot.append(
    user.user,
    'INBOX',
    buildMail({ from: 'Anna Berg <anna@shop.example>', to: user.user, subject: ack.subject ?? '', messageId: 'anna-2@shop.example', inReplyTo: ack.messageId?.slice(1, -1), references: ['anna-1@shop.example', ack.messageId?.slice(1, -1) ?? ''], date: new Date() }),
  );
  for (const desk of [alice, bob]) {
    await expect.poll(async () => (await conversationOf(desk, 'anna@shop.example'))?.messageCount, { timeout: 20_000 }).toBe(3);
  }
  await settle(2_000);
  expect(mailbox.smtp.messages).toHaveLength(1);
  expect(acknowledgementOf(alice.core.db, 'acknowledge:anna-2@shop.example')).toBeNull();
}, 90_000);

it('a rule on the business hours acknowledges only mail that comes while the desk is closed', async () => {
  const template = (await alice.call('templates.list', { query: '' }))[0];
  if (!template) throw new Error('the first test saved a template');
  for (const rule of await alice.call('rules.list', {})) await alice.call('rules.delete', { id: rule.id });
  await alice.call('rules.save', {
    name: 'Closed: say when we answer',
    enabled: true,
    conditions: [{ field: 'received', operator: 'outside-hours' }],
    actions: [{ kind: 'acknowledge', templateId: template.id }, { kind: 'tag', tag: 'after-hours' }],
  });
  // Open around the clock every day: nothing now is outside the hours.
  const settings = await alice.call('triage.settings', {});
  const allDay = { ...settings.businessHours, timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6], fromHour: 0, toHour: 24, holidays: [] };
  await alice.call('triage.saveSettings', { ...settings, businessHours: allDay });
  for (const desk of [alice, bob]) {
    await expect.poll(async () => (await desk.call('rules.list', {})).map((r) => r.name), { timeout: 15_000 }).toEqual(['Closed: say when we answer']);
    await expect.poll(async () => (await desk.call('triage.settings', {})).businessHours.toHour, { timeout: 15_000 }).toBe(24);
  }
  await settle(1_100);
  const sentBefore = mailbox.smtp.messages.length;
  await mailbox.dovecot.append(user.user, 'INBOX', buildMail({ from: 'Carl <carl@shop.example>', to: user.user, subject: 'Open hours question', messageId: 'carl-1@shop.example', date: new Date() }));
  for (const desk of [alice, bob]) await expect.poll(async () => (await conversationOf(desk, 'carl@shop.example'))?.messageCount, { timeout: 20_000 }).toBe(1);

  // Today becomes a holiday: the desk is closed, and the next customer is acknowledged and tagged.
  // Tomorrow too, so that a run across midnight (UTC) still finds the desk closed.
  const holidays = [Date.now(), Date.now() + 86_400_000].map((t) => new Date(t).toISOString().slice(0, 10));
  await alice.call('triage.saveSettings', { ...settings, businessHours: { ...allDay, holidays } });
  for (const desk of [alice, bob]) {
    await expect.poll(async () => (await desk.call('triage.settings', {})).businessHours.holidays, { timeout: 15_000 }).toEqual(holidays);
  }
  await mailbox.dovecot.append(user.user, 'INBOX', buildMail({ from: 'Dora <dora@shop.example>', to: user.user, subject: 'Holiday question', messageId: 'dora-1@shop.example', date: new Date() }));
  const ack = await mailbox.smtp.waitForMail(sentBefore + 1, 45_000);
  expect(ack.envelope.to).toEqual(['dora@shop.example']);
  for (const desk of [alice, bob]) {
    await expect.poll(async () => {
      const dora = await conversationOf(desk, 'dora@shop.example');
      return dora ? (await desk.call('triage.get', { conversationId: dora.id })).triage.tags : null;
    }, { timeout: 20_000 }).toEqual(['after-hours']);
    const carl = await conversationOf(desk, 'carl@shop.example');
    if (!carl) throw new Error('listed');
    expect((await desk.call('triage.get', { conversationId: carl.id })).triage.tags).toEqual([]);
    expect(acknowledgementOf(desk.core.db, 'acknowledge:carl-1@shop.example')).toBeNull();
  }
  await settle(2_000);
  expect(mailbox.smtp.messages).toHaveLength(sentBefore + 1);
}, 120_000);

it('acknowledges a website’s contact form at the customer’s Reply-To, not its noreply sender', async () => {
  // The desk is still closed (today is a holiday since the last test) and its rule acknowledges.
  const sentBefore = mailbox.smtp.messages.length;
  await mailbox.dovecot.append(
    user.user,
    'INBOX',
    buildMail({ from: 'Shop website <noreply@shop.example>', to: user.user, subject: 'Contact form: broken lid', messageId: 'form-1@shop.example', date: new Date(), headers: ['Reply-To: Hana Ito <hana@home.example>'] }),
  );
  const ack = await mailbox.smtp.waitForMail(sentBefore + 1, 45_000);
  expect(ack.envelope.to).toEqual(['hana@home.example']);
  expect((await simpleParser(ack.raw)).text).toContain('Hi Hana,');
}, 60_000);

it('a rule whose template was deleted sends nothing, and tells the agent and the timeline why', async () => {
  const [template] = await alice.call('templates.list', { query: '' });
  if (!template) throw new Error('the first test saved a template');
  await alice.call('templates.delete', { id: template.id });
  for (const desk of [alice, bob]) await expect.poll(async () => (await desk.call('templates.list', { query: '' })).length, { timeout: 15_000 }).toBe(0);
  const sentBefore = mailbox.smtp.messages.length;
  const noticesBefore = alice.events.filter((e) => e.type === 'notify').length;
  await mailbox.dovecot.append(user.user, 'INBOX', buildMail({ from: 'Ivo <ivo@shop.example>', to: user.user, subject: 'Still closed?', messageId: 'ivo-1@shop.example', date: new Date() }));
  for (const desk of [alice, bob]) {
    await expect.poll(() => acknowledgementOf(desk.core.db, 'acknowledge:ivo-1@shop.example')?.state, { timeout: 20_000 }).toBe('failed');
    expect(acknowledgementOf(desk.core.db, 'acknowledge:ivo-1@shop.example')?.reason_code).toBe('template-gone');
  }
  const notice = alice.events.filter((e) => e.type === 'notify').slice(noticesBefore)[0];
  expect(notice?.type === 'notify' && notice.notification.body.text).toBe('Rule “Closed: say when we answer” did not acknowledge “Still closed?”: its template was deleted. Choose another in Rules.');
  const ivo = await conversationOf(alice, 'ivo@shop.example');
  if (!ivo) throw new Error('listed');
  const events = (await alice.call('triage.get', { conversationId: ivo.id })).activity.filter((a) => a.kind === 'event');
  expect(events.map((e) => (e.kind === 'event' ? e.change : null))).toContainEqual({ field: 'acknowledgement', reason: 'template-gone' });
  expect(mailbox.smtp.messages).toHaveLength(sentBefore);
}, 60_000);

// Last: it stops the SMTP server for good.
it('waits for an SMTP server that cannot be reached without using up its tries', async () => {
  const template = await alice.call('templates.save', { name: 'Back soon', shortcut: 'soon', body: '<p>Hi {CLIENT_NAME}, we answer soon.</p>' });
  for (const rule of await alice.call('rules.list', {})) await alice.call('rules.delete', { id: rule.id });
  await alice.call('rules.save', { name: 'Acknowledge all', enabled: true, conditions: [{ field: 'to', operator: 'contains', value: 'desk@' }], actions: [{ kind: 'acknowledge', templateId: template.id }] });
  for (const desk of [alice, bob]) await expect.poll(async () => (await desk.call('rules.list', {})).map((r) => r.name), { timeout: 15_000 }).toEqual(['Acknowledge all']);
  await settle(1_100);
  await mailbox.smtp.stop();
  await mailbox.dovecot.append(user.user, 'INBOX', buildMail({ from: 'Zoe <zoe@shop.example>', to: user.user, subject: 'Anyone there?', messageId: 'zoe-1@shop.example', date: new Date() }));
  for (const desk of [alice, bob]) {
    await expect.poll(() => acknowledgementOf(desk.core.db, 'acknowledge:zoe-1@shop.example')?.reason ?? '', { timeout: 30_000 }).toMatch(/could not be reached/);
  }
  const tried = [alice, bob].map((desk) => acknowledgementOf(desk.core.db, 'acknowledge:zoe-1@shop.example'));
  expect(tried.map((a) => a?.state)).toEqual(['pending', 'pending']);
  expect(tried.map((a) => a?.attempts)).toEqual([0, 0]);
  expect([alice, bob].flatMap((desk) => desk.events.filter((e) => e.type === 'notify' && e.notification.body.text.includes('Anyone there?')))).toEqual([]);
}, 90_000);
