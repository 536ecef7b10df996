import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContactCommands } from '../../../src-main/core/contacts/contact-commands.ts';
import { getAddress } from '../../../src-main/core/db/contacts.repo.ts';
import { conversationIdOfMessage, rootOfConversation } from '../../../src-main/core/db/conversations.repo.ts';
import { mergeConversations } from '../../../src-main/core/conversations/conversations.handlers.ts';
import { appendOps } from '../../../src-main/core/db/ops.repo.ts';
import { enqueueInspection, finishInspection } from '../../../src-main/core/db/audit.repo.ts';
import { moveMessages } from '../../../src-main/core/messages/message-actions.ts';
import { dirtyCount, markWakeSeen, memberMessageIds, nextChangeAt, stateRow } from '../../../src-main/core/db/triage.repo.ts';
import { formatTimestamp } from '../../../src-main/core/team/hlc.ts';
import type { Op } from '../../../src-main/core/team/ops.ts';
import { messageEntity } from '../../../src-main/core/team/ops.ts';
import { saveGroup } from '../../../src-main/core/team/roster.ts';
import { countDrawers, listDrawer } from '../../../src-main/core/triage/triage-reads.ts';
import { readTriageSettings, saveTriageSettings } from '../../../src-main/core/triage/triage-settings.ts';
import { DESK, openTriageCache } from './support.ts';
import type { TriageCache } from './support.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const BOB = 'b0b0000000000002';

let t: TriageCache;
let T0: number;
beforeEach(() => {
  t = openTriageCache();
  T0 = t.clock.now() - 10 * DAY;
});
afterEach(() => t.db.close());

let counter = 0;
/** An op as it arrives from a colleague's desktop through team sync. */
function fromColleague(entity: string, field: string, value: Op['value'], at = t.clock.now()): void {
  appendOps(t.db, [{ hlc: formatTimestamp(at, counter++, BOB), actor: BOB, entity, field, value }], t.clock.now(), 'received');
}

const me = () => `agent:${t.actor.node}`;
const list = (drawer: string, cursor: string | null = null, limit = 50) => listDrawer(t.db, { drawer, accountId: null, cursor, limit }, t.clock.now(), t.actor.node);
const idsIn = (drawer: string) => list(drawer, null, 500).items.map((r) => r.conversation.id);
const root = (conversationId: number) => rootOfConversation(t.db, conversationId) ?? '';

describe('the recompute queue', () => {
  it('storing mail only queues its conversation; a drain folds it', () => {
    const c = t.mail('q1@customer.example', T0);
    expect(dirtyCount(t.db)).toBe(1);
    expect(stateRow(t.db, c)).toBeNull();
    expect(t.drain().changed).toEqual([c]);
    expect(stateRow(t.db, c)).toMatchObject({ status: 'new', view: 'new', active: 1, unread: 1 });
    expect(dirtyCount(t.db)).toBe(0);
  });

  it('an agent reply in the same conversation makes it waiting', () => {
    const c = t.mail('q1@customer.example', T0);
    t.mail('r1@desk.example', T0 + HOUR, { from: DESK, inReplyTo: 'q1@customer.example', folder: 'sent' });
    t.drain();
    expect(stateRow(t.db, c)?.status).toBe('waiting');
  });
});

describe('a customer writing again', () => {
  const assign = (c: number, to: string) => {
    t.actor.record([{ entity: messageEntity(root(c)), field: 'assignee', value: to }]);
    t.drain();
  };

  it('tells the agent the conversation is assigned to, by name, and nobody else', () => {
    const mine = t.mail('q1@customer.example', T0);
    const bobs = t.mail('q2@customer.example', T0, { from: 'carl@customer.example' });
    const nobodys = t.mail('q3@customer.example', T0, { from: 'dora@customer.example' });
    t.drain();
    assign(mine, me());
    assign(bobs, `agent:${BOB}`);
    const now = t.clock.now();
    t.mail('q1b@customer.example', now, { inReplyTo: 'q1@customer.example' });
    t.mail('q2b@customer.example', now, { inReplyTo: 'q2@customer.example', from: 'carl@customer.example' });
    t.mail('q3b@customer.example', now, { inReplyTo: 'q3@customer.example', from: 'dora@customer.example' });
    const r = t.drain();
    expect(r.notifications).toEqual([{
      kind: 'replied',
      title: expect.objectContaining({ key: 'customerRepliedTitle' }),
      body: expect.objectContaining({ key: 'customerReplied', text: 'Alice Example replied in “Order problem”, which is assigned to you.' }),
      conversationId: mine,
    }]);
    // Carl's is Bob's to hear about; Dora's is nobody's yet (the inbox shows it).
    expect([bobs, nobodys]).not.toContain(mine);
  });

  it('tells an agent who follows the conversation, assigned to someone else or to nobody, until they stop following', () => {
    const c = t.mail('q1@customer.example', T0);
    t.drain();
    assign(c, `agent:${BOB}`);
    const follow = (on: boolean) => {
      t.actor.record([{ entity: messageEntity(root(c)), field: `follow:${me()}`, value: on }]);
      t.drain();
    };
    follow(true);
    expect(stateRow(t.db, c)?.followers_json).toBe(JSON.stringify([me()]));
    t.mail('q1b@customer.example', t.clock.now(), { inReplyTo: 'q1@customer.example' });
    expect(t.drain().notifications).toEqual([expect.objectContaining({ kind: 'replied', conversationId: c })]);
    follow(false);
    t.mail('q1c@customer.example', t.clock.now() + 1, { inReplyTo: 'q1b@customer.example' });
    expect(t.drain().notifications).toEqual([]);
    // A colleague following tells this agent nothing.
    fromColleague(messageEntity(root(c)), `follow:agent:${BOB}`, true);
    t.drain();
    t.actor.record([{ entity: messageEntity(root(c)), field: 'assignee', value: null }]);
    t.drain();
    t.mail('q1d@customer.example', t.clock.now() + 2, { inReplyTo: 'q1c@customer.example' });
    expect(t.drain().notifications).toEqual([]);
    expect(stateRow(t.db, c)?.followers_json).toBe(JSON.stringify([`agent:${BOB}`]));
  });

  it('says nothing for the team’s own answer, for a refold without new mail, or for old mail a desktop catches up on', () => {
    const c = t.mail('q1@customer.example', T0);
    t.drain();
    assign(c, me());
    t.mail('r1@desk.example', t.clock.now(), { from: DESK, inReplyTo: 'q1@customer.example', folder: 'sent' });
    expect(t.drain().notifications).toEqual([]);
    t.actor.record([{ entity: messageEntity(root(c)), field: 'priority', value: 'urgent' }]);
    expect(t.drain().notifications).toEqual([]);
    // Written two days ago, after everything this desktop had: a desktop back after a long weekend.
    const old = t.mail('q5@customer.example', T0, { from: 'erin@customer.example' });
    t.drain();
    assign(old, me());
    t.mail('q5b@customer.example', t.clock.now() - 2 * DAY, { inReplyTo: 'q5@customer.example', from: 'erin@customer.example' });
    const r = t.drain();
    expect(r.changed).toContain(old);
    expect(r.notifications).toEqual([]);
  });

  it('says nothing when an agent merges recent customer mail into a conversation assigned to them; says it once for new mail', () => {
    const mine = t.mail('q1@customer.example', T0);
    t.drain();
    assign(mine, me());
    const other = t.mail('z1@customer.example', t.clock.now() - HOUR, { from: 'zed@customer.example' });
    t.drain();
    mergeConversations(t.db, t.actor, mine, other);
    const merged = t.drain();
    expect(merged.notifications).toEqual([]);
    t.clock.advance(MIN);
    t.mail('q2@customer.example', t.clock.now(), { inReplyTo: 'q1@customer.example' });
    const target = conversationIdOfMessage(t.db, t.db.prepare('SELECT id FROM messages WHERE message_id = ?').pluck().get('q2@customer.example') as number) ?? 0;
    expect(t.drain().notifications).toEqual([expect.objectContaining({ kind: 'replied', conversationId: target })]);
    // Folding the same conversation again (a flag, a tag) does not say it again.
    t.actor.record([{ entity: messageEntity(root(target)), field: 'tag:vip', value: true }]);
    expect(t.drain().notifications).toEqual([]);
  });

  it('says many replies at once in one notice', () => {
    const ids = ['a', 'b', 'c', 'd'].map((n) => t.mail(`${n}1@customer.example`, T0, { from: `${n}@customer.example` }));
    t.drain();
    for (const c of ids) assign(c, me());
    for (const n of ['a', 'b', 'c', 'd']) t.mail(`${n}2@customer.example`, t.clock.now(), { inReplyTo: `${n}1@customer.example`, from: `${n}@customer.example` });
    const r = t.drain();
    expect(r.notifications).toEqual([expect.objectContaining({ kind: 'replied', conversationId: null, body: expect.objectContaining({ text: '4 customers replied in conversations assigned to you.' }) })]);
  });
});

describe('automatic answers from the customer\'s side', () => {
  const rowId = (messageId: string) => t.db.prepare('SELECT id FROM messages WHERE message_id = ?').pluck().get(messageId) as number;
  /** A conversation assigned to me that waits on the customer after the team's answer. */
  function waitingOnCustomer(): number {
    const c = t.mail('q1@customer.example', T0);
    t.mail('r1@desk.example', T0 + HOUR, { from: DESK, inReplyTo: 'q1@customer.example', folder: 'sent' });
    t.drain();
    t.actor.record([{ entity: messageEntity(root(c)), field: 'assignee', value: me() }]);
    t.drain();
    expect(stateRow(t.db, c)?.status).toBe('waiting');
    return c;
  }
  /** Customer mail that looks automatic: stored, and queued for the inspector in the same transaction (inspect-step.ts). */
  function looksAutomatic(messageId: string): number {
    t.db.transaction(() => {
      t.mail(messageId, t.clock.now(), { inReplyTo: 'r1@desk.example', text: 'I am out of the office until Monday.' });
      enqueueInspection(t.db, rowId(messageId));
    })();
    return rowId(messageId);
  }

  it('an out-of-office neither reopens the conversation nor announces a reply, before or after its headers are read', () => {
    const c = waitingOnCustomer();
    const ooo = looksAutomatic('ooo@customer.example');
    const held = t.drain();
    expect(stateRow(t.db, c)).toMatchObject({ status: 'waiting', sla_kind: null });
    expect(held.notifications).toEqual([]);
    finishInspection(t.db, ooo, 'auto-reply');
    expect(dirtyCount(t.db)).toBe(1);
    const read = t.drain();
    expect(stateRow(t.db, c)?.status).toBe('waiting');
    expect(read.notifications).toEqual([]);
    // The customer's own answer after it does reopen it, and is announced.
    t.clock.advance(MIN);
    t.mail('q2@customer.example', t.clock.now(), { inReplyTo: 'r1@desk.example' });
    const answered = t.drain();
    expect(stateRow(t.db, c)?.status).toBe('pending');
    expect(answered.notifications).toEqual([expect.objectContaining({ kind: 'replied', conversationId: c })]);
  });

  it('mail that only looked automatic reopens the conversation and is announced once its headers say it is the customer\'s own', () => {
    const c = waitingOnCustomer();
    const mail = looksAutomatic('vacation@customer.example');
    expect(t.drain().notifications).toEqual([]);
    expect(stateRow(t.db, c)?.status).toBe('waiting');
    finishInspection(t.db, mail, 'plain');
    const read = t.drain();
    expect(stateRow(t.db, c)?.status).toBe('pending');
    expect(read.notifications).toEqual([expect.objectContaining({ kind: 'replied', conversationId: c })]);
    // Said once: folding again (a flag, a body arriving) says nothing more.
    t.actor.record([{ entity: messageEntity(root(c)), field: 'priority', value: 'high' }]);
    expect(t.drain().notifications).toEqual([]);
  });

  it('a task the inspector gives up on counts as the customer\'s mail', () => {
    const c = waitingOnCustomer();
    const mail = looksAutomatic('unreadable@customer.example');
    t.drain();
    finishInspection(t.db, mail, null);
    t.drain();
    expect(stateRow(t.db, c)?.status).toBe('pending');
  });

  it('a delivery report reopens the conversation (the customer did not get the answer) but is not announced as the customer writing', () => {
    const c = waitingOnCustomer();
    const report = looksAutomatic('dsn@customer.example');
    finishInspection(t.db, report, 'bounce');
    const r = t.drain();
    expect(stateRow(t.db, c)?.status).toBe('pending');
    expect(r.notifications).toEqual([]);
  });
});

describe('ops from colleagues', () => {
  it('an assignment received from the team updates the state and notifies the assignee', () => {
    const c = t.mail('q1@customer.example', T0);
    t.drain();
    fromColleague(messageEntity(root(c)), 'assignee', me());
    const r = t.drain();
    expect(stateRow(t.db, c)).toMatchObject({ assignee: me(), mine: 1, status: 'pending' });
    expect(r.notifications).toEqual([expect.objectContaining({ kind: 'assigned', conversationId: c })]);
    expect(idsIn('mine')).toEqual([c]);
  });

  it('old news does not notify: an assignment made days ago (a desktop catching up on history) only updates the state', () => {
    const c = t.mail('q1@customer.example', T0);
    t.drain();
    fromColleague(messageEntity(root(c)), 'assignee', me(), t.clock.now() - 2 * DAY);
    const r = t.drain();
    expect(stateRow(t.db, c)?.assignee).toBe(me());
    expect(r.notifications).toEqual([]);
  });

  it('an op naming any member applies, even when its mail arrives after the op', () => {
    const c = t.mail('q1@customer.example', T0);
    t.drain();
    fromColleague(messageEntity('r1@customer.example'), 'tag:refund', true);
    t.drain();
    expect(stateRow(t.db, c)?.tags_json).toBe('[]');
    t.mail('r1@customer.example', T0 + HOUR, { inReplyTo: 'q1@customer.example' });
    t.drain();
    expect(stateRow(t.db, c)?.tags_json).toBe('["refund"]');
    expect(idsIn('tag:refund')).toEqual([c]);
  });

  it('a share or a note mentioning me notifies me; my own ops never do', () => {
    const c = t.mail('q1@customer.example', T0);
    t.drain();
    fromColleague(messageEntity(root(c)), 'share', { agent: me(), note: 'Can you look?' });
    fromColleague('note:1', 'conversation', root(c));
    fromColleague('note:1', 'kind', 'note');
    fromColleague('note:1', 'markdown', 'ping @Me');
    fromColleague('note:1', 'mentions', [me()]);
    t.actor.record([{ entity: messageEntity(root(c)), field: 'assignee', value: me() }]);
    const r = t.drain();
    expect(r.notifications.map((n) => n.kind).sort()).toEqual(['mentioned', 'shared']);
    // Said by key for the agent's language; the colleague's note stays their own words. This colleague's
    // name has not arrived (no profile ops), so "Someone" shared it.
    expect(r.notifications.find((n) => n.kind === 'shared')?.body).toMatchObject({ key: 'sharedWithNoteBySomeone', vars: { note: 'Can you look?' } });
    expect(r.activity).toEqual([c]);
  });

  it('a colleague editing their note tells me only when the edit first names me', () => {
    const c = t.mail('q1@customer.example', T0);
    t.drain();
    const note = (markdown: string, mentions: string[]) => {
      fromColleague('note:2', 'markdown', markdown);
      fromColleague('note:2', 'mentions', mentions);
      return t.drain().notifications.filter((n) => n.kind === 'mentioned').length;
    };
    fromColleague('note:2', 'conversation', root(c));
    fromColleague('note:2', 'kind', 'note');
    expect(note('ping @Me', [me()])).toBe(1);
    expect(note('ping @Me, typo fixed', [me()])).toBe(0);
    expect(note('never mind', [])).toBe(0);
    expect(note('ping @Me after all', [me()])).toBe(1);
    // Someone else's op on the note is not the author's edit: it neither changes the note nor mentions me.
    appendOps(t.db, [{ hlc: formatTimestamp(t.clock.now(), counter++, 'c0c0000000000003'), actor: 'c0c0000000000003', entity: 'note:2', field: 'mentions', value: [me()] }], t.clock.now(), 'received');
    expect(t.drain().notifications).toEqual([]);
  });
});

describe('blocked contacts', () => {
  it('blocking the customer sends the conversation to spam; unblocking brings it back', () => {
    const c = t.mail('q1@customer.example', T0);
    t.drain();
    const contacts = new ContactCommands(t.db, t.actor, () => t.clock.now());
    const id = getAddress(t.db, 'alice@customer.example')?.contact_id ?? 0;
    contacts.setBlocked(id, true);
    t.drain();
    expect(stateRow(t.db, c)).toMatchObject({ status: 'spam', view: 'spam', active: 0 });
    expect(idsIn('status:spam')).toEqual([c]);
    expect(idsIn('inbox')).toEqual([]);
    contacts.setBlocked(id, false);
    t.drain();
    expect(stateRow(t.db, c)?.view).toBe('new');
  });

  it('blocking a contact form’s customer sends their forms to spam, not every form of the website', () => {
    const form = { from: 'noreply@shop.example' };
    const spammer = t.mail('f1@shop.example', T0, { ...form, replyTo: 'spammer@junk.example' });
    const customer = t.mail('f2@shop.example', T0 + HOUR, { ...form, replyTo: 'hana@home.example' });
    t.drain();
    const contacts = new ContactCommands(t.db, t.actor, () => t.clock.now());
    contacts.setBlocked(getAddress(t.db, 'spammer@junk.example')?.contact_id ?? 0, true);
    t.drain();
    expect(stateRow(t.db, spammer)).toMatchObject({ status: 'spam', view: 'spam' });
    expect(stateRow(t.db, customer)).toMatchObject({ status: 'new', view: 'new' });
    expect(getAddress(t.db, 'noreply@shop.example')).toBeNull();
  });

  it('a contact form sent as the support address itself is the customer’s mail: new, not waiting on them', () => {
    const c = t.mail('form-1@desk.example', T0, { from: DESK, to: [DESK], replyTo: 'hana@home.example' });
    t.drain();
    expect(stateRow(t.db, c)).toMatchObject({ status: 'new', view: 'new' });
    expect(getAddress(t.db, 'hana@home.example')).not.toBeNull();
    // The team's own mail is still the team's: the answer makes it wait on the customer.
    t.mail('r1@desk.example', T0 + HOUR, { from: DESK, to: ['hana@home.example'], inReplyTo: 'form-1@desk.example', folder: 'sent' });
    t.drain();
    expect(stateRow(t.db, c)?.status).toBe('waiting');
  });

  it('spam is purged once its period runs out: the drain hands its messages over, once', () => {
    const c = t.mail('q1@customer.example', T0);
    t.actor.record([{ entity: messageEntity(root(c)), field: 'status', value: 'spam' }]);
    t.drain();
    const purgeAt = stateRow(t.db, c)?.purge_at ?? 0;
    expect(purgeAt).toBe(t.clock.now() + 30 * DAY);
    t.clock.advance(30 * DAY - 1);
    expect(t.drain().purge).toEqual([]);
    t.clock.advance(1);
    expect(t.drain().purge).toEqual(memberMessageIds(t.db, c));
    expect(stateRow(t.db, c)).toMatchObject({ view: 'purged', next_change_at: null });
    expect(t.drain().purge).toEqual([]);
  });
});

describe('where the mail lives', () => {
  it('moving the mail to Junk makes it spam; to the trash hides it from every drawer', () => {
    const c = t.mail('q1@customer.example', T0);
    t.drain();
    const [message] = memberMessageIds(t.db, c);
    moveMessages(t.db, [message as number], 'junk', t.clock.now());
    t.drain();
    expect(stateRow(t.db, c)).toMatchObject({ status: 'spam', view: 'spam' });
    moveMessages(t.db, [message as number], 'trash', t.clock.now());
    t.drain();
    expect(stateRow(t.db, c)).toMatchObject({ view: 'trash', active: 0 });
    expect(countDrawers(t.db, null).filter((d) => d.count > 0)).toEqual([]);
  });
});

describe('time', () => {
  it('a snooze parks the conversation until its time, then it comes back unread with a notification', () => {
    const c = t.mail('q1@customer.example', T0, { seen: true });
    t.drain();
    const until = t.clock.now() + 2 * DAY;
    t.actor.record([{ entity: messageEntity(root(c)), field: 'snooze', value: { until } }]);
    t.drain();
    expect(stateRow(t.db, c)).toMatchObject({ view: 'snoozed', unread: 0 });
    expect(idsIn('snoozed')).toEqual([c]);
    expect(idsIn('inbox')).toEqual([]);
    expect(nextChangeAt(t.db)).toBeLessThanOrEqual(until);
    t.clock.advance(2 * DAY);
    const r = t.drain();
    expect(stateRow(t.db, c)).toMatchObject({ view: 'new', unread: 1, woke_at: until });
    expect(r.notifications).toEqual([expect.objectContaining({ kind: 'snooze-ended', conversationId: c })]);
    expect(markWakeSeen(t.db, c, t.clock.now())).toBe(true);
    t.drain();
    expect(stateRow(t.db, c)?.unread).toBe(0);
    // Refolding keeps it read: wake_seen_at is local and survives.
    t.materializer.refold(c, t.clock.now());
    expect(stateRow(t.db, c)?.unread).toBe(0);
  });

  it('a customer message wakes a snoozed conversation at once', () => {
    const c = t.mail('q1@customer.example', T0, { seen: true });
    t.drain();
    t.actor.record([{ entity: messageEntity(root(c)), field: 'snooze', value: { until: t.clock.now() + 7 * DAY } }]);
    t.drain();
    t.clock.advance(HOUR);
    t.mail('q2@customer.example', t.clock.now(), { inReplyTo: 'q1@customer.example' });
    const r = t.drain();
    expect(stateRow(t.db, c)?.view).toBe('new');
    expect(r.notifications.map((n) => n.kind)).toEqual(['snooze-ended']);
  });

  it('waiting conversations close after the auto-close period, which is a team setting', () => {
    const c = t.mail('q1@customer.example', T0);
    t.mail('r1@desk.example', T0 + HOUR, { from: DESK, inReplyTo: 'q1@customer.example', folder: 'sent' });
    t.drain();
    expect(stateRow(t.db, c)?.status).toBe('waiting');
    saveTriageSettings(t.db, t.actor, { ...readTriageSettings(t.db), autoCloseDays: 7 });
    t.drain();
    expect(stateRow(t.db, c)?.status).toBe('closed');
  });
});

describe('mine follows groups', () => {
  it('a conversation assigned to a group becomes mine when I join the group', () => {
    const c = t.mail('q1@customer.example', T0);
    t.actor.record([{ entity: messageEntity(root(c)), field: 'assignee', value: 'group:billing' }]);
    t.drain();
    expect(stateRow(t.db, c)?.mine).toBe(0);
    saveGroup(t.actor, { id: 'billing', name: 'Billing', members: [t.actor.node] });
    const r = t.drain();
    expect(r.everything).toBe(true);
    expect(idsIn('mine')).toEqual([c]);
    expect(countDrawers(t.db, null).find((d) => d.drawer === 'mine')).toEqual({ drawer: 'mine', count: 1, unread: 1 });
  });
});
