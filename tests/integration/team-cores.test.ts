/**
 * Two whole cores (two desktops) on one Dovecot mailbox: team state made on
 * one reaches the other through the team folder, with no setup beyond
 * connecting the mailbox; a team passphrase locks out a desktop that lacks it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../src-preload/api.ts';
import { buildMail } from '../support/mail-fixtures.ts';
import { inboxOf as inbox, startSharedMailbox } from '../support/shared-mailbox.ts';
import type { SharedMailbox } from '../support/shared-mailbox.ts';
import type { TestDesk } from '../support/desk-core.ts';

const user = { user: 'team@example.test', password: 'team-pw' };
let mailbox: SharedMailbox;
let dovecot: SharedMailbox['dovecot'];
let smtp: SharedMailbox['smtp'];
let alice: TestDesk;
let bob: TestDesk;

/** The same conversation (by ticket) on Alice's and on Bob's desktop: row ids are local. */
async function both(customer: string): Promise<[ConversationSummary, ConversationSummary]> {
  const a = (await inbox(alice)).find((c) => c.customer.address === customer);
  const b = a && (await inbox(bob)).find((c) => c.ticket === a.ticket);
  if (!a || !b) throw new Error(`both desktops list ${customer}`);
  return [a, b];
}

beforeAll(async () => {
  mailbox = await startSharedMailbox(user);
  ({ dovecot, smtp } = mailbox);
  for (const [i, who] of ['Carla <carla@shop.example>', 'Dmitri <dmitri@shop.example>', 'Carla <carla@shop.example>'].entries()) {
    await dovecot.append(user.user, 'INBOX', buildMail({ from: who, to: user.user, subject: `Order problem ${i}`, messageId: `order-${i}@shop.example` }));
  }
  alice = await mailbox.desk('alice');
  bob = await mailbox.desk('bob');
}, 60_000);

afterAll(async () => {
  await mailbox?.stop();
});

describe('team sync between two cores', () => {
  it('connects both desktops to the team folder of the mailbox they share', async () => {
    await expect.poll(async () => (await inbox(alice)).length, { timeout: 20_000 }).toBe(3);
    await expect.poll(async () => (await inbox(bob)).length, { timeout: 20_000 }).toBe(3);
    await expect.poll(async () => (await alice.call('team.health', {})).state, { timeout: 15_000 }).toBe('connected');
    await expect.poll(async () => (await bob.call('team.health', {})).state, { timeout: 15_000 }).toBe('connected');
    const health = await bob.call('team.health', {});
    expect(health.folder).toBe('Switchboard Team');
    expect(health.lastHeardAt).not.toBeNull();
    expect(health.passphraseSet).toBe(false);
  });

  it('agrees on when SLA times start counting, though each desktop connected the mailbox itself', async () => {
    const slaFrom = async (desk: TestDesk) => (await desk.call('triage.settings', {})).slaFrom;
    await expect.poll(async () => (await slaFrom(alice)) === (await slaFrom(bob)), { timeout: 15_000 }).toBe(true);
    expect(await slaFrom(alice)).toBeGreaterThan(0);
  });

  it("shows a contact's tags set on one desktop on the other", async () => {
    const conversation = (await inbox(alice)).find((c) => c.customer.address === 'dmitri@shop.example');
    if (!conversation?.contactId) throw new Error('Dmitri has a contact');
    await alice.call('contacts.setTags', { id: conversation.contactId, tags: ['vip'] });
    await expect
      .poll(async () => {
        const there = (await inbox(bob)).find((c) => c.customer.address === 'dmitri@shop.example');
        return there?.contactId ? (await bob.call('contacts.get', { id: there.contactId })).tags : [];
      }, { timeout: 10_000 })
      .toEqual(['vip']);
  });

  it('merges conversations on the other desktop when one merges them', async () => {
    const carla = (await inbox(alice)).filter((c) => c.customer.address === 'carla@shop.example');
    expect(carla).toHaveLength(2);
    const [target, source] = carla as [ConversationSummary, ConversationSummary];
    await alice.call('conversations.merge', { targetId: target.id, sourceId: source.id });
    await expect.poll(async () => (await inbox(bob)).filter((c) => c.customer.address === 'carla@shop.example').map((c) => c.messageCount), { timeout: 10_000 }).toEqual([2]);
  });

  it('shows an assignment made on one desktop on the other', async () => {
    const me = await alice.call('agent.set', { name: 'Alice', address: 'alice@example.test' });
    await bob.call('agent.set', { name: 'Bob', address: 'bob@example.test' });
    const [onAlice, onBob] = await both('dmitri@shop.example');
    await alice.call('triage.apply', { conversationIds: [onAlice.id], action: { kind: 'assign', assignee: me.ref } });
    await expect.poll(async () => (await bob.call('triage.get', { conversationId: onBob.id })).triage.assignee, { timeout: 10_000 }).toBe(me.ref);
    expect((await bob.call('team.directory', {})).agents.map((a) => a.name)).toEqual(['Alice', 'Bob']);
  });

  it('shows "replying" presence to the colleague, and ends it', async () => {
    const [onAlice, onBob] = await both('dmitri@shop.example');
    await alice.call('presence.set', { conversationId: onAlice.id, activity: 'replying' });
    await expect
      .poll(async () => (await bob.call('triage.get', { conversationId: onBob.id })).triage.presence.map((p) => `${p.name} ${p.activity}`), { timeout: 10_000 })
      .toEqual(['Alice replying']);
    // Alice never sees herself.
    expect((await alice.call('triage.get', { conversationId: onAlice.id })).triage.presence).toEqual([]);
    await alice.call('presence.set', { conversationId: onAlice.id, activity: null });
    await expect.poll(async () => (await bob.call('triage.get', { conversationId: onBob.id })).triage.presence, { timeout: 10_000 }).toEqual([]);
  });

  it('shows a colleague a note as its author edits and deletes it, and tells them once that it names them', async () => {
    const [onAlice, onBob] = await both('dmitri@shop.example');
    const mentioned = () => bob.events.filter((e) => e.type === 'notify' && e.notification.kind === 'mentioned').length;
    const refreshed = () => bob.events.filter((e) => e.type === 'changed' && e.table === 'activity' && (e.ids ?? []).includes(onBob.id)).length;
    const notesOnBob = async () => (await bob.call('triage.get', { conversationId: onBob.id })).activity.flatMap((a) => (a.kind === 'note' ? [`${a.markdown}${a.editedAt === null ? '' : ' (edited)'}`] : []));
    const told = mentioned();
    const note = await alice.call('notes.add', { conversationId: onAlice.id, markdown: 'Ask @Bob about the depot' });
    await expect.poll(notesOnBob, { timeout: 10_000 }).toEqual(['Ask @Bob about the depot']);
    await expect.poll(mentioned, { timeout: 5_000 }).toBe(told + 1);

    // Bob's open timeline is told to reload when the edit arrives; he was named before, so he is not told again.
    const reloads = refreshed();
    await alice.call('notes.edit', { conversationId: onAlice.id, noteId: note.id, markdown: 'Ask @Bob about the Leeds depot' });
    await expect.poll(notesOnBob, { timeout: 10_000 }).toEqual(['Ask @Bob about the Leeds depot (edited)']);
    await expect.poll(refreshed, { timeout: 5_000 }).toBeGreaterThan(reloads);
    expect(mentioned()).toBe(told + 1);
    // Nor can Bob change what Alice wrote.
    await expect(bob.call('notes.edit', { conversationId: onBob.id, noteId: note.id, markdown: 'Bob was here' })).rejects.toThrow(/conflict/);

    await alice.call('notes.delete', { conversationId: onAlice.id, noteId: note.id });
    await expect.poll(notesOnBob, { timeout: 10_000 }).toEqual([]);
  });

  it('holds back a colleague\'s send while a reply is on its way out or scheduled, and not once it was taken back', async () => {
    await alice.call('agent.set', { name: 'Alice', address: 'alice@example.test' });
    const [onAlice, onBob] = await both('dmitri@shop.example');
    const before = await alice.call('compose.settings', {});
    await alice.call('compose.saveSettings', { ...before, undoSeconds: 60 });
    const draft = async (desk: TestDesk, conversationId: number, text: string) => {
      const d = await desk.call('compose.start', { accountId: null, conversationId, mode: 'reply', messageId: null });
      await desk.call('drafts.save', { id: d.id, to: d.to, cc: d.cc, bcc: d.bcc, subject: d.subject, html: `<p>${text}</p>` });
      return d;
    };
    const send = (desk: TestDesk, draftId: number) => desk.call('outbox.send', { draftId, sendAt: null, seenMessageIds: [], confirmCollision: false });

    // Alice sends; her reply waits out its undo window, in no mailbox yet.
    const sent = await send(alice, (await draft(alice, onAlice.id, 'We will refund you.')).id);
    if (sent.kind !== 'queued') throw new Error(`Alice's reply was not queued: ${JSON.stringify(sent)}`);
    const presence = async () => (await bob.call('triage.get', { conversationId: onBob.id })).triage.presence.map((p) => `${p.name} ${p.activity}`);
    await expect.poll(presence, { timeout: 10_000 }).toEqual(['Alice sending']);

    // Bob's reply is held back and he is told whose reply is going out; nothing of his is queued.
    const bobs = await draft(bob, onBob.id, 'We will send a new one.');
    const held = await send(bob, bobs.id);
    expect(held).toMatchObject({ kind: 'collision', messages: [], colleaguesSending: [{ name: 'Alice', activity: 'sending' }] });
    expect((await bob.call('outbox.list', {})).length).toBe(0);

    // Alice takes hers back and schedules it for later instead: Bob is told when it will go, and held back again.
    await alice.call('outbox.cancel', { id: sent.item.id });
    const sendAt = Date.now() + 2 * 3_600_000;
    const scheduled = await alice.call('outbox.send', { draftId: sent.item.draftId, sendAt, seenMessageIds: [], confirmCollision: false });
    if (scheduled.kind !== 'queued') throw new Error(`Alice's reply was not scheduled: ${JSON.stringify(scheduled)}`);
    await expect.poll(presence, { timeout: 10_000 }).toEqual(['Alice scheduled']);
    expect(await send(bob, bobs.id)).toMatchObject({ kind: 'collision', colleaguesSending: [{ name: 'Alice', activity: 'scheduled', sendAt }] });

    // Alice takes that back too: the announcement ends and Bob's reply goes into his outbox.
    await alice.call('outbox.cancel', { id: scheduled.item.id });
    await expect.poll(presence, { timeout: 10_000 }).toEqual([]);
    const queued = await send(bob, bobs.id);
    expect(queued.kind).toBe('queued');
    if (queued.kind === 'queued') await bob.call('outbox.cancel', { id: queued.item.id });
    await alice.call('compose.saveSettings', before);
  });

  it('converges after both desktops edited while the server was down', async () => {
    const [onAlice, onBob] = await both('dmitri@shop.example');
    await dovecot.halt();
    await alice.call('triage.apply', { conversationIds: [onAlice.id], action: { kind: 'tags', add: ['refund'], remove: [] } });
    await bob.call('triage.apply', { conversationIds: [onBob.id], action: { kind: 'priority', priority: 'urgent' } });
    await bob.call('triage.apply', { conversationIds: [onBob.id], action: { kind: 'tags', add: ['later'], remove: [] } });
    expect((await alice.call('team.health', {})).pendingOps).toBeGreaterThan(0);
    await dovecot.resume();
    const view = async (desk: TestDesk, id: number) => {
      const t = (await desk.call('triage.get', { conversationId: id })).triage;
      return { tags: [...t.tags].sort(), priority: t.priority, assignee: t.assignee };
    };
    await expect.poll(async () => view(alice, onAlice.id), { timeout: 40_000 }).toEqual({ tags: ['later', 'refund'], priority: 'urgent', assignee: expect.stringMatching(/^agent:/) });
    await expect.poll(async () => view(bob, onBob.id), { timeout: 40_000 }).toEqual(await view(alice, onAlice.id));
    await expect.poll(async () => (await alice.call('team.health', {})).pendingOps, { timeout: 20_000 }).toBe(0);
  }, 90_000);

  it('locks out a desktop without the team passphrase once one is set', async () => {
    const accountId = (await alice.call('accounts.list', {}))[0]?.id ?? 0;
    const configured = await alice.call('team.configure', { accountId, folder: 'Switchboard Team', passphrase: 'correct horse battery' });
    expect(configured.passphraseSet).toBe(true);
    const conversation = (await inbox(alice)).find((c) => c.customer.address === 'dmitri@shop.example');
    if (!conversation?.contactId) throw new Error('Dmitri has a contact');
    await expect.poll(async () => (await alice.call('team.health', {})).state, { timeout: 15_000 }).toBe('connected');
    await alice.call('contacts.setTags', { id: conversation.contactId, tags: ['vip', 'sealed'] });
    await expect.poll(async () => (await bob.call('team.health', {})).state, { timeout: 15_000 }).toBe('locked');
    const locked = await bob.call('team.health', {});
    expect(locked.problem?.text).toMatch(/passphrase/i);
    const there = (await inbox(bob)).find((c) => c.customer.address === 'dmitri@shop.example');
    expect(there?.contactId && (await bob.call('contacts.get', { id: there.contactId })).tags).toEqual(['vip']);

    // With the passphrase, Bob reads what he could not.
    const bobAccount = (await bob.call('accounts.list', {}))[0]?.id ?? 0;
    await bob.call('team.configure', { accountId: bobAccount, folder: 'Switchboard Team', passphrase: 'correct horse battery' });
    await expect.poll(async () => (there?.contactId ? (await bob.call('contacts.get', { id: there.contactId })).tags : []), { timeout: 15_000 }).toEqual(['sealed', 'vip']);
    expect((await bob.call('team.health', {})).state).toBe('connected');
  });

  it('carries team state again once each desktop has the mailbox\'s new password', async () => {
    dovecot.setPassword(user.user, 'team-pw-2');
    smtp.setPassword(user.user, 'team-pw-2');
    // An outage ends the open sessions, so every next login meets the new password.
    await dovecot.halt();
    await dovecot.resume();
    for (const desk of [alice, bob]) {
      await expect.poll(async () => (await desk.call('accounts.list', {}))[0]?.health.state, { timeout: 60_000 }).toBe('auth-failed');
      const accountId = (await desk.call('accounts.list', {}))[0]?.id ?? 0;
      const server = { security: 'none' as const, password: 'team-pw-2' };
      const updated = await desk.call('accounts.update', { accountId, name: 'Team', email: user.user, imap: { ...server, port: dovecot.port }, smtp: { ...server, host: '127.0.0.1', user: user.user, port: smtp.port } });
      expect(updated.ok).toBe(true);
    }
    // The team travels on the account's IMAP login: its transport must have restarted with the new password.
    const conversation = (await inbox(alice)).find((c) => c.customer.address === 'dmitri@shop.example');
    if (!conversation?.contactId) throw new Error('Dmitri has a contact');
    await alice.call('contacts.setTags', { id: conversation.contactId, tags: ['after-reset'] });
    const there = (await inbox(bob)).find((c) => c.customer.address === 'dmitri@shop.example');
    await expect.poll(async () => (there?.contactId ? (await bob.call('contacts.get', { id: there.contactId })).tags : []), { timeout: 30_000 }).toEqual(['after-reset']);
    expect((await alice.call('team.health', {})).state).toBe('connected');
  }, 120_000);
});
