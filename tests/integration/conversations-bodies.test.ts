/**
 * Opening a conversation during the initial sync: the headers are listed
 * before the bodies arrive, and the reading view must not show a thread of
 * empty messages. conversations.get asks the sync for the missing bodies
 * first, as messages.get does for one message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src-main/core/clock.ts';
import { createConversationHandlers } from '../../src-main/core/conversations/conversations.handlers.ts';
import { listConversations } from '../../src-main/core/db/conversations.repo.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { getBodyState } from '../../src-main/core/db/messages.repo.ts';
import { EventBus } from '../../src-main/core/events.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import { createLocalActor } from '../../src-main/core/team/local-actor.ts';
import { startDovecot } from '../support/dovecot.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { buildMail, seedAccount } from '../support/mail-fixtures.ts';
import { makeSync } from './sync-support.ts';

const user = { user: 'reader@example.test', password: 'pw-reader' };
let dovecot: DovecotServer;
let dataDir: string;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [user] });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-conv-bodies-'));
});

afterAll(async () => {
  await dovecot?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('conversations.get during headers-first sync', () => {
  it('fetches the bodies the conversation still lacks before showing it', async () => {
    const db = openDatabase(':memory:').db;
    const accountId = seedAccount(db, user.user);
    const at = (minutes: number): Date => new Date(Date.UTC(2025, 5, 1, 9, minutes));
    await dovecot.withClient(user.user, async (client) => {
      await client.append('INBOX', buildMail({ subject: 'Broken kettle', messageId: 'kettle-1@shop.example', date: at(0), text: 'My kettle stopped working.' }));
      await client.append(
        'INBOX',
        buildMail({ subject: 'Re: Broken kettle', messageId: 'kettle-2@shop.example', inReplyTo: 'kettle-1@shop.example', references: ['kettle-1@shop.example'], date: at(5), text: 'Order number is 4711.' }),
      );
    });
    const h = makeSync(dovecot, user.user, db, dataDir, accountId, { bodies: false });
    h.sync.start();
    await h.sync.whenIdle();
    const [conversation] = listConversations(db, { accountId, folder: 'inbox', cursor: null, limit: 10 }).items;
    expect(conversation?.messageCount).toBe(2);

    const handlers = createConversationHandlers({ db, events: new EventBus(), actor: createLocalActor(db, systemClock), clock: systemClock, log: silentLogger, syncs: h.sync });
    const detail = await handlers['conversations.get']({ id: conversation?.id ?? -1 });
    expect(detail.messages.map((m) => m.text.trim())).toEqual(['My kettle stopped working.', 'Order number is 4711.']);
    expect(detail.messages.every((m) => getBodyState(db, m.id)?.hasBody)).toBe(true);

    // Offline, what is cached still opens.
    await h.sync.stop();
    const again = await handlers['conversations.get']({ id: conversation?.id ?? -1 });
    expect(again.messages).toHaveLength(2);
  });
});
