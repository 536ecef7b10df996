/**
 * Triage through core's real message handling (startCore, JSON envelopes,
 * zod validation, events), with a ManualClock so snoozes come back without
 * waiting. Mail is stored and threaded as the pipeline would
 * (tests/support/triage-desk.ts): what is under test is triage, not MIME parsing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../src-preload/api.ts';
import { ManualClock } from '../../src-main/core/clock.ts';
import { appendOps } from '../../src-main/core/db/ops.repo.ts';
import { formatTimestamp } from '../../src-main/core/team/hlc.ts';
import { DESK, startTriageDesk } from '../support/triage-desk.ts';
import type { MailFields, TriageDesk } from '../support/triage-desk.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const BOB = 'b0b0000000000002';

let dir: string;
let desk: TriageDesk;
let clock: ManualClock;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-triage-'));
  // A Monday morning, inside the default business hours.
  clock = new ManualClock(Date.UTC(2026, 0, 12, 10));
  desk = await startTriageDesk(path.join(dir, 'data'), clock);
});

afterEach(async () => {
  await desk.core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const mail = (id: string, fields?: MailFields): number => desk.mail(id, fields);

const drawer = async (name: string) => (await desk.call('triage.list', { drawer: name, accountId: null, cursor: null, limit: 50 })).items.map((r) => r.conversation.id);
const count = async (name: string) => (await desk.call('triage.counts', { accountId: null })).find((c) => c.drawer === name)?.count ?? 0;
const notifications = (): Array<Extract<DeskEvent, { type: 'notify' }>['notification']> =>
  desk.events.flatMap((e) => (e.type === 'notify' ? [e.notification] : []));

describe('triage through core', () => {
  it('sorts drawers, assigns with a note, undoes exactly, tags, and counts every drawer', async () => {
    const me = await desk.call('agent.set', { name: 'Alice Berg', address: 'alice@desk.example' });
    expect(me.ref).toMatch(/^agent:[0-9a-f]{16}$/);
    const angry = mail('a1@customer.example', { from: 'dan@customer.example', text: 'This is unacceptable. I want a refund now, or I call my lawyer!!!', at: clock.now() - 3 * HOUR });
    const calm = mail('b1@customer.example', { at: clock.now() - HOUR });
    const answered = mail('c1@customer.example', { from: 'erin@customer.example', at: clock.now() - 5 * HOUR });
    mail('c2@desk.example', { from: DESK, inReplyTo: 'c1@customer.example', at: clock.now() - 4 * HOUR });

    // Alerts first, then newest first.
    expect(await drawer('inbox')).toEqual([angry, calm]);
    expect(await drawer('status:waiting')).toEqual([answered]);
    const rows = (await desk.call('triage.list', { drawer: 'alerts', accountId: null, cursor: null, limit: 50 })).items;
    expect(rows.map((r) => r.conversation.id)).toEqual([angry]);
    expect(rows[0]?.triage.alert?.reasons.length).toBeGreaterThan(0);
    expect(await count('unassigned')).toBe(3);

    const assigned = await desk.call('triage.apply', { conversationIds: [angry, calm], action: { kind: 'assign', assignee: me.ref, note: 'Please look, @Alice' } });
    expect(assigned).toMatchObject({ applied: 2 });
    expect(await drawer('mine')).toEqual([angry, calm]);
    expect(await count('mine')).toBe(2);
    expect(desk.events).toContainEqual({ type: 'changed', table: 'triage', ids: expect.arrayContaining([angry, calm]) });
    const activity = (await desk.call('triage.get', { conversationId: angry })).activity;
    expect(activity).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'note', markdown: 'Please look, @Alice', mentions: [me.ref] }),
        expect.objectContaining({ kind: 'event', author: expect.objectContaining({ name: 'Alice Berg' }), change: { field: 'assignee', assignee: me.ref, self: true } }),
      ]),
    );

    expect(await desk.call('triage.undo', { undoToken: assigned.undoToken })).toEqual({ restored: 2 });
    expect(await drawer('mine')).toEqual([]);
    expect(await count('unassigned')).toBe(3);
    expect((await desk.call('triage.get', { conversationId: angry })).activity.filter((a) => a.kind === 'note')).toEqual([]);
    await expect(desk.call('triage.undo', { undoToken: assigned.undoToken })).rejects.toThrow(/not-found: There is nothing to undo/);

    await desk.call('triage.apply', { conversationIds: [calm], action: { kind: 'tags', add: ['refund'], remove: [] } });
    await desk.call('triage.apply', { conversationIds: [calm], action: { kind: 'priority', priority: 'urgent' } });
    expect(await drawer('tag:refund')).toEqual([calm]);
    const dir = await desk.call('team.directory', {});
    expect(dir).toMatchObject({ me: { name: 'Alice Berg' }, tags: ['refund'] });
    const counts = await desk.call('triage.counts', { accountId: null });
    expect(counts).toEqual(expect.arrayContaining([{ drawer: 'tag:refund', count: 1, unread: 1 }, { drawer: 'status:new', count: 2, unread: 2 }, { drawer: `assignee:${me.ref}`, count: 0, unread: 0 }]));
  });

  it('snoozes until a time, brings the conversation back unread with a notification, and reopens done when the customer writes', async () => {
    await desk.call('agent.set', { name: 'Alice', address: 'alice@desk.example' });
    const c = mail('s1@customer.example');
    desk.events.length = 0;
    const until = clock.now() + 2 * HOUR;
    expect(await desk.call('triage.apply', { conversationIds: [c], action: { kind: 'snooze', until } })).toMatchObject({ applied: 1 });
    expect((await desk.call('triage.get', { conversationId: c })).activity).toEqual([expect.objectContaining({ kind: 'event', change: { field: 'snooze', until } })]);
    expect(await drawer('snoozed')).toEqual([c]);
    expect(await drawer('inbox')).toEqual([]);
    await desk.call('triage.get', { conversationId: c });

    clock.advance(2 * HOUR);
    expect(notifications()).toEqual([expect.objectContaining({ kind: 'snooze-ended', conversationId: c })]);
    expect(await drawer('inbox')).toEqual([c]);
    const back = (await desk.call('triage.list', { drawer: 'inbox', accountId: null, cursor: null, limit: 50 })).items[0];
    expect(back?.conversation.unread).toBe(true);

    await desk.call('triage.apply', { conversationIds: [c], action: { kind: 'status', status: 'done' } });
    expect(await drawer('status:done')).toEqual([c]);
    desk.events.length = 0;
    clock.advance(MIN);
    mail('s2@customer.example', { inReplyTo: 's1@customer.example', at: clock.now() });
    // Any change event schedules a refold shortly after, outside the transaction that stored the mail
    // (the sync announces new mail; here the agent marks the new message unread).
    const reply = (desk.core.db.prepare("SELECT id FROM messages WHERE message_id = 's2@customer.example'").get() as { id: number }).id;
    await desk.call('messages.setRead', { ids: [reply], read: false });
    clock.advance(100);
    expect(desk.events).toContainEqual({ type: 'changed', table: 'triage', ids: [c] });
    expect(await drawer('inbox')).toEqual([c]);
    expect((await desk.call('triage.get', { conversationId: c })).triage.status).toBe('new');
  });

  it('turns ops received from a colleague into state and notifications; notes and calls join the timeline', async () => {
    const me = await desk.call('agent.set', { name: 'Alice', address: 'alice@desk.example' });
    const c = mail('t1@customer.example');
    await drawer('inbox');
    appendOps(
      desk.core.db,
      [
        { hlc: formatTimestamp(clock.now(), 0, BOB), actor: BOB, entity: 'agent:' + BOB, field: 'name', value: 'Bob' },
        { hlc: formatTimestamp(clock.now(), 1, BOB), actor: BOB, entity: 'agent:' + BOB, field: 'address', value: 'bob@desk.example' },
        { hlc: formatTimestamp(clock.now(), 2, BOB), actor: BOB, entity: 'msg:t1@customer.example', field: 'assignee', value: me.ref },
      ],
      clock.now(),
      'received',
    );
    expect(await drawer('mine')).toEqual([c]);
    expect(notifications()).toEqual([expect.objectContaining({ kind: 'assigned', conversationId: c, body: expect.objectContaining({ key: 'assigned', vars: expect.objectContaining({ who: expect.stringContaining('Bob') }) }) })]);

    clock.advance(MIN);
    await desk.call('notes.add', { conversationId: c, markdown: 'Customer called twice, **be gentle**.' });
    clock.advance(MIN);
    await desk.call('notes.logCall', { conversationId: c, direction: 'inbound', minutes: 4, summary: 'Wants a replacement' });
    const timeline = (await desk.call('triage.get', { conversationId: c })).activity;
    expect(timeline.map((a) => a.kind)).toEqual(['event', 'note', 'call']);
    expect(timeline[0]).toMatchObject({ change: { field: 'assignee', assignee: me.ref, self: false }, author: { name: 'Bob' } });
    clock.advance(MIN);
    await desk.call('triage.apply', { conversationIds: [c], action: { kind: 'share', agent: `agent:${BOB}`, note: 'FYI' } });
    expect((await desk.call('triage.get', { conversationId: c })).activity.slice(-2)).toEqual([
      expect.objectContaining({ kind: 'event', author: expect.objectContaining({ name: 'Alice' }), change: { field: 'share', agent: `agent:${BOB}` } }),
      expect.objectContaining({ kind: 'note', markdown: 'FYI' }),
    ]);
  });

  it('names a colleague whose name has not arrived yet as "Someone", by key, not in core\'s English', async () => {
    const me = await desk.call('agent.set', { name: 'Alice', address: 'alice@desk.example' });
    const c = mail('n1@customer.example');
    await drawer('inbox');
    // Only the assignment: this colleague's profile (name, address) has not been synced yet.
    const CAROL = 'c0c0000000000003';
    appendOps(desk.core.db, [{ hlc: formatTimestamp(clock.now(), 0, CAROL), actor: CAROL, entity: 'msg:n1@customer.example', field: 'assignee', value: me.ref }], clock.now(), 'received');
    expect(await drawer('mine')).toEqual([c]);
    expect(notifications()).toEqual([
      expect.objectContaining({ kind: 'assigned', conversationId: c, body: { key: 'assignedBySomeone', vars: { subject: 'Broken zipper' }, text: 'Someone assigned “Broken zipper” to you.' } }),
    ]);
  });

  it('keeps settings as team state and answers bad input in plain words', async () => {
    const settings = await desk.call('triage.settings', {});
    const saved = await desk.call('triage.saveSettings', { ...settings, statusLabels: { ...settings.statusLabels, done: 'Solved' }, autoCloseDays: 14 });
    expect(saved).toMatchObject({ autoCloseDays: 14, statusLabels: { done: 'Solved' } });
    const c = mail('u1@customer.example');
    expect(await desk.call('triage.apply', { conversationIds: [c], action: { kind: 'status', status: 'done' } })).toMatchObject({ applied: 1 });
    await expect(desk.call('triage.list', { drawer: 'nonsense', accountId: null, cursor: null, limit: 50 })).rejects.toThrow(/bad-request/);
    await expect(desk.call('triage.list', { drawer: 'inbox', accountId: null, cursor: 'garbage', limit: 50 })).rejects.toThrow(/bad-request: The list position/);
    await expect(desk.call('triage.apply', { conversationIds: [c], action: { kind: 'snooze', until: clock.now() - 1 } })).rejects.toThrow(/Choose a snooze time in the future/);
    await expect(desk.call('triage.apply', { conversationIds: [999_999], action: { kind: 'unsnooze' } })).rejects.toThrow(/not-found/);
    await expect(desk.call('triage.saveSettings', { ...settings, businessHours: { ...settings.businessHours, fromHour: 18, toHour: 9 } })).rejects.toThrow(/bad-request/);
  });
  it('counts SLA times only for mail from the chosen start, and saving other settings does not choose one', async () => {
    const old = mail('old1@customer.example', { at: clock.now() - 72 * HOUR });
    expect(await count('overdue')).toBe(1);
    const settings = await desk.call('triage.settings', {});
    expect(settings.slaFrom).toBeNull();
    // Saving labels leaves "not chosen" alone, so connecting a mailbox later can still choose.
    await desk.call('triage.saveSettings', { ...settings, autoCloseDays: 20 });
    expect((await desk.call('triage.settings', {})).slaFrom).toBeNull();

    const saved = await desk.call('triage.saveSettings', { ...settings, slaFrom: clock.now() - HOUR });
    expect(saved.slaFrom).toBe(clock.now() - HOUR);
    expect(await count('overdue')).toBe(0);
    const fresh = mail('new1@customer.example', { at: clock.now() - 30 * MIN });
    // Eight business hours (Mon–Fri 9–17) later: Tuesday afternoon.
    clock.advance(30 * HOUR);
    expect(await drawer('overdue')).toEqual([fresh]);
    expect(await drawer('inbox')).toContain(old);

    // 0: count all mail again.
    await desk.call('triage.saveSettings', { ...saved, slaFrom: 0 });
    expect(new Set(await drawer('overdue'))).toEqual(new Set([old, fresh]));
    await expect(desk.call('triage.saveSettings', { ...saved, slaFrom: -5 })).rejects.toThrow(/bad-request/);
  });

  it('search filters by status, assignee and the conversation\'s tags, as the search help promises', async () => {
    const me = await desk.call('agent.set', { name: 'Alice Berg', address: 'alice@desk.example' });
    appendOps(
      desk.core.db,
      [
        { hlc: formatTimestamp(clock.now(), 0, BOB), actor: BOB, entity: 'agent:' + BOB, field: 'name', value: 'Bob Stone' },
        { hlc: formatTimestamp(clock.now(), 1, BOB), actor: BOB, entity: 'agent:' + BOB, field: 'address', value: 'bob@desk.example' },
      ],
      clock.now(),
      'received',
    );
    const mine = mail('f1@customer.example', { text: 'My parcel is lost.' });
    const bobs = mail('f2@customer.example', { from: 'dan@customer.example', text: 'The parcel arrived broken.' });
    const solved = mail('f3@customer.example', { from: 'erin@customer.example', text: 'Where is my parcel?' });
    await desk.call('triage.apply', { conversationIds: [mine], action: { kind: 'assign', assignee: me.ref } });
    await desk.call('triage.apply', { conversationIds: [bobs], action: { kind: 'assign', assignee: `agent:${BOB}` } });
    await desk.call('triage.apply', { conversationIds: [bobs], action: { kind: 'tags', add: ['refund'], remove: [] } });
    await desk.call('triage.apply', { conversationIds: [solved], action: { kind: 'status', status: 'done' } });
    const found = (query: string) => desk.call('search.query', { query, accountId: null, cursor: null, limit: 20 });
    const ids = async (query: string) => (await found(query)).items.map((i) => i.conversation.id).sort((x, y) => x - y);
    const sorted = (...list: number[]) => list.sort((x, y) => x - y);

    expect(await ids('parcel ')).toEqual(sorted(mine, bobs, solved));
    expect(await ids('parcel assignee:me')).toEqual([mine]);
    expect(await ids('parcel assignee:bob')).toEqual([bobs]);
    expect(await ids('parcel assignee:bob@desk.example')).toEqual([bobs]);
    expect(await ids('parcel assignee:none')).toEqual([solved]);
    expect(await ids('parcel -assignee:me')).toEqual(sorted(bobs, solved));
    expect(await ids('parcel status:done')).toEqual([solved]);
    expect(await ids('parcel status:open')).toEqual(sorted(mine, bobs));
    // Taking a conversation makes it pending (the triage fold), and that is what status: reads.
    expect((await desk.call('triage.get', { conversationId: mine })).triage.status).toBe('pending');
    expect(await ids('parcel status:new')).toEqual([]);
    expect(await ids('parcel status:pending status:done')).toEqual(sorted(mine, bobs, solved));
    expect(await ids('parcel -status:done')).toEqual(sorted(mine, bobs));
    expect(await ids('parcel tag:refund')).toEqual([bobs]);
    expect(await ids('parcel -tag:refund')).toEqual(sorted(mine, solved));
    // A filter alone lists what it names, newest first, like a drawer with the search's other filters.
    expect(await ids('status:done')).toEqual([solved]);
    expect(await ids('assignee:me status:open')).toEqual([mine]);
    // What the agent just did counts at once: the next search folds it first.
    await desk.call('triage.apply', { conversationIds: [mine], action: { kind: 'status', status: 'done' } });
    expect(await ids('status:done')).toEqual(sorted(mine, solved));

    // The words of a German window, and the team's own label: where done is called "Solved", status:solved finds it.
    expect(await ids('parcel status:erledigt assignee:niemand')).toEqual([solved]);
    expect(await ids('parcel assignee:ich')).toEqual([mine]);
    expect(await ids('parcel -assignee:ich status:offen')).toEqual([bobs]);
    const settings = await desk.call('triage.settings', {});
    await desk.call('triage.saveSettings', { ...settings, statusLabels: { ...settings.statusLabels, done: 'Solved' } });
    expect(await ids('status:solved')).toEqual(sorted(mine, solved));

    // A name nobody on the team has is said, and that filter is left out; alone, it finds nothing rather than everything.
    const unknown = await found('parcel assignee:zoe ');
    expect(unknown.warnings.map((w) => w.key)).toEqual(['searchNoSuchAssignee']);
    expect(unknown.warnings[0]?.vars['typed']).toBe('zoe');
    expect(unknown.items).toHaveLength(3);
    expect((await found('assignee:zoe')).items).toEqual([]);
    // Still typing a name: no warning yet.
    expect((await found('parcel assignee:zo')).warnings).toEqual([]);
    expect((await found('parcel status:later ')).warnings.map((w) => w.key)).toEqual(['searchNotAStatus']);
  });
});
