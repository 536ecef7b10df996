/**
 * Team sync between desktops through a real Dovecot: each "desktop" has its
 * own cache file, local actor (HLC) and team transport on its own IMAP
 * connection, all on one shared mailbox. Covers: a change appearing on the
 * other desktop through IDLE, a change made while the team folder is still
 * opening, editing while one desktop is offline, two
 * desktops compacting at once, and a team passphrase that a desktop without
 * it can neither read nor forge.
 * One Dovecot for the file; each scenario has its own mailbox.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src-main/core/clock.ts';
import { openDatabase } from '../../src-main/core/db/connection.ts';
import { opsForEntity } from '../../src-main/core/db/ops.repo.ts';
import { opsWithEntityPrefix, unsentOpCount } from '../../src-main/core/db/team.repo.ts';
import type { Logger } from '../../src-main/core/log.ts';
import { silentLogger } from '../../src-main/core/log.ts';
import { encodeTeamMessage } from '../../src-main/core/team/batch-codec.ts';
import { ExactlyOnce } from '../../src-main/core/team/claims.ts';
import type { ClaimOutcome } from '../../src-main/core/team/claims.ts';
import { createLocalActor } from '../../src-main/core/team/local-actor.ts';
import type { LocalActor } from '../../src-main/core/team/local-actor.ts';
import type { Op } from '../../src-main/core/team/ops.ts';
import { foldOps, messageEntity } from '../../src-main/core/team/ops.ts';
import type { TeamKey } from '../../src-main/core/team/team-crypto.ts';
import { deriveTeamKey } from '../../src-main/core/team/team-crypto.ts';
import { TeamTransport } from '../../src-main/core/team/team-transport.ts';
import type { TeamHealth, TeamTransportOptions } from '../../src-main/core/team/team-transport.ts';
import { startDovecot } from '../support/dovecot.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { seedAccount } from '../support/mail-fixtures.ts';

const users = ['idle', 'offline', 'compact', 'sealed', 'outage', 'claims', 'opening'].map((name) => ({ user: `${name}@example.test`, password: `pw-${name}` }));
const FOLDER = 'Switchboard Team';
let dovecot: DovecotServer;
let dataDir: string;
const running: TeamTransport[] = [];

beforeAll(async () => {
  dovecot = await startDovecot({ users });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-team-'));
});

afterAll(async () => {
  await Promise.all(running.map((t) => t.stop()));
  await dovecot?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Desktop {
  name: string;
  db: Database;
  accountId: number;
  actor: LocalActor;
  transport: TeamTransport;
  changed: string[];
  healths: TeamHealth[];
  /** A new transport on the same cache: the desktop coming back online (with another passphrase, if given). */
  reconnect(newKey?: TeamKey | null): TeamTransport;
}

function desktop(name: string, user: string, key: TeamKey | null, extra: Partial<TeamTransportOptions> = {}): Desktop {
  const { db } = openDatabase(path.join(dataDir, `${name}.sqlite`));
  const accountId = seedAccount(db, user);
  const actor = createLocalActor(db, systemClock);
  const password = users.find((u) => u.user === user)?.password ?? '';
  const changed: string[] = [];
  const healths: TeamHealth[] = [];
  const make = (withKey: TeamKey | null): TeamTransport => {
    const t = new TeamTransport({
      db,
      accountId,
      imap: { host: dovecot.host, port: dovecot.port, security: 'none', user, password },
      actor,
      log: silentLogger,
      key: withKey,
      folderName: FOLDER,
      debounceMs: 50,
      backoff: { baseMs: 100, maxMs: 500 },
      onRemoteChanges: (entities) => changed.push(...entities),
      onHealth: (h) => healths.push(h),
      ...extra,
    });
    running.push(t);
    t.start();
    return t;
  };
  const d: Desktop = { name, db, accountId, actor, transport: make(key), changed, healths, reconnect: (newKey = key) => (d.transport = make(newKey)) };
  return d;
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const connected = (d: Desktop) => () => d.transport.health.state === 'connected';

function state(db: Database): Array<[string, unknown]> {
  return [...foldOps(opsWithEntityPrefix(db, '')).entries()].map(([cell, op]): [string, unknown] => [cell, op.value]).sort((a, b) => a[0].localeCompare(b[0]));
}

function field(db: Database, entity: string, name: string): unknown {
  return foldOps(opsForEntity(db, entity)).get(`${entity}\u0000${name}`)?.value;
}

describe('team sync through Dovecot', () => {
  it('an assignment made on one desktop appears on the other through IDLE', async () => {
    const a = desktop('idle-a', 'idle@example.test', null);
    const b = desktop('idle-b', 'idle@example.test', null);
    await waitFor('both connected', () => connected(a)() && connected(b)());
    const conv = messageEntity('<order-1@shop.example>');
    const started = Date.now();
    a.actor.record([{ entity: conv, field: 'assignee', value: a.actor.node }]);
    await waitFor('B to see the assignment', () => field(b.db, conv, 'assignee') === a.actor.node, 8_000);
    // Nothing polls: only IDLE brings it this fast (the latency figure itself is bench:team's job).
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(b.changed).toContain(conv);
    expect(unsentOpCount(a.db)).toBe(0);
    expect(b.transport.health.lastHeardAt).toBeGreaterThanOrEqual(started);
  });

  it('a change made while the team folder is still opening goes out once it is open', async () => {
    // Made the moment the connection is up, with no debounce: the send fires between LOGIN and the folder
    // being open. It must wait for the folder; it used to re-run an empty worker forever and starve the process.
    const conv = messageEntity('<order-9@shop.example>');
    // Called only once the connection is up, long after `a` below exists.
    const log: Logger = {
      ...silentLogger,
      info: (msg) => {
        if (msg === 'connected') a.actor.record([{ entity: conv, field: 'assignee', value: a.actor.node }]);
      },
      child: () => log,
    };
    const a = desktop('opening-a', 'opening@example.test', null, { log, debounceMs: 0 });
    const b = desktop('opening-b', 'opening@example.test', null);
    // The bug this guards against never delivered at all, so the wait only has to outlast a loaded machine: under
    // the full suite on two cores, two logins, two folder opens and a delivery once took longer than 8 s.
    await waitFor('B to see the assignment', () => field(b.db, conv, 'assignee') === a.actor.node, 20_000);
    expect(unsentOpCount(a.db)).toBe(0);
    expect(a.transport.health.state).toBe('connected');
  });

  it('both edit while one is offline; after reconnecting they converge without losing a change', async () => {
    const a = desktop('off-a', 'offline@example.test', null);
    const b = desktop('off-b', 'offline@example.test', null);
    await waitFor('both connected', () => connected(a)() && connected(b)());
    await b.transport.stop();
    const conv1 = messageEntity('<c1@shop.example>');
    const conv2 = messageEntity('<c2@shop.example>');
    b.actor.record([{ entity: conv1, field: 'assignee', value: 'bob' }]);
    a.actor.record([{ entity: conv1, field: 'status', value: 'done' }, { entity: conv2, field: 'tags', value: ['refund'] }]);
    await new Promise((r) => setTimeout(r, 5));
    // The later edit of the same cell wins on both, wherever it was made.
    b.actor.record([{ entity: conv2, field: 'tags', value: ['refund', 'vip'] }]);
    await waitFor('A to deliver its changes', () => unsentOpCount(a.db) === 0);
    expect(unsentOpCount(b.db)).toBe(2);
    expect(field(a.db, conv1, 'assignee')).toBeUndefined();

    b.reconnect();
    await waitFor('convergence', () => unsentOpCount(b.db) === 0 && JSON.stringify(state(a.db)) === JSON.stringify(state(b.db)), 10_000);
    expect(field(a.db, conv1, 'assignee')).toBe('bob');
    expect(field(b.db, conv1, 'status')).toBe('done');
    expect(field(a.db, conv2, 'tags')).toEqual(['refund', 'vip']);
  });

  it('two desktops compacting at the same time lose nothing, and a new desktop reads the same state', async () => {
    const opts = { maxOpsPerMessage: 3, compactionMinAgeMs: 0, compactAbove: 10_000 };
    const a = desktop('cmp-a', 'compact@example.test', null, opts);
    const b = desktop('cmp-b', 'compact@example.test', null, opts);
    await waitFor('both connected', () => connected(a)() && connected(b)());
    const made: Op[] = [];
    for (let i = 0; i < 40; i++) {
      made.push(...a.actor.record([{ entity: messageEntity(`<m${i % 7}@shop.example>`), field: 'status', value: `a${i}` }]));
      made.push(...b.actor.record([{ entity: messageEntity(`<m${i % 5}@shop.example>`), field: i % 2 ? 'status' : 'assignee', value: `b${i}` }]));
      await new Promise((r) => setTimeout(r, 2));
    }
    await waitFor('everything delivered and read', () => unsentOpCount(a.db) + unsentOpCount(b.db) === 0 && JSON.stringify(state(a.db)) === JSON.stringify(state(b.db)), 15_000);
    const before = await dovecot.withClient('compact@example.test', async (c) => (await c.status(FOLDER, { messages: true })) || { messages: 0 });
    expect(before.messages).toBeGreaterThan(10);

    const [ra, rb] = await Promise.all([a.transport.compactNow(), b.transport.compactNow()]);
    expect((ra?.deleted ?? 0) + (rb?.deleted ?? 0)).toBeGreaterThan(0);
    const after = await dovecot.withClient('compact@example.test', async (c) => (await c.status(FOLDER, { messages: true })) || { messages: 0 });
    expect(after.messages).toBeLessThan(before.messages ?? 0);

    const expected = [...foldOps(made).entries()].map(([cell, op]): [string, unknown] => [cell, op.value]).sort((x, y) => x[0].localeCompare(y[0]));
    const c = desktop('cmp-c', 'compact@example.test', null, opts);
    await waitFor('the new desktop to read the compacted folder', () => JSON.stringify(state(c.db)) === JSON.stringify(expected), 10_000);
    await a.transport.syncNow();
    await b.transport.syncNow();
    expect(state(a.db)).toEqual(expected);
    expect(state(b.db)).toEqual(expected);
  });

  it('with a team passphrase, a desktop without it reads nothing, says why, and cannot forge changes', async () => {
    const [key, wrong] = await Promise.all([deriveTeamKey('correct horse battery', 'sealed@example.test'), deriveTeamKey('guess', 'sealed@example.test')]);
    const a = desktop('seal-a', 'sealed@example.test', key);
    const b = desktop('seal-b', 'sealed@example.test', key);
    const outsider = desktop('seal-none', 'sealed@example.test', null);
    const guesser = desktop('seal-wrong', 'sealed@example.test', wrong);
    await waitFor('all connected', () => [a, b, outsider, guesser].every((d) => connected(d)()));
    const conv = messageEntity('<secret@shop.example>');
    a.actor.record([{ entity: conv, field: 'assignee', value: 'alice' }]);
    await waitFor('B (same passphrase) to read it', () => field(b.db, conv, 'assignee') === 'alice');
    await waitFor('the outsider to report why it reads nothing', () => outsider.transport.health.problemKind === 'sealed-no-passphrase');
    await waitFor('the guesser to report a different passphrase', () => guesser.transport.health.problemKind === 'sealed-other-passphrase');
    expect(outsider.transport.health.problem?.text).toMatch(/passphrase/i);
    expect(field(outsider.db, conv, 'assignee')).toBeUndefined();
    expect(field(guesser.db, conv, 'assignee')).toBeUndefined();

    // The outsider is given the passphrase: what it skipped is read now.
    await outsider.transport.stop();
    outsider.reconnect(key);
    await waitFor('the informed desktop to read it', () => field(outsider.db, conv, 'assignee') === 'alice');
    await waitFor('its problem to clear', () => outsider.transport.health.problemKind === null && connected(outsider)());

    // A forgery: an unsealed batch written straight into the folder by someone with the mailbox password.
    const forger = 'f0f0f0f0f0f0f0f0';
    const forged = encodeTeamMessage({ kind: 'batch', actor: forger, date: Date.now(), ops: [{ hlc: `${new Date().toISOString()}-0000-${forger}`, actor: forger, entity: conv, field: 'assignee', value: 'mallory' }] }, null);
    await dovecot.append('sealed@example.test', FOLDER, forged.raw);
    for (const d of [a, b, outsider]) await waitFor(`${d.name} to refuse the unsealed change`, () => d.transport.health.problemKind === 'unsealed-refused');
    expect(a.transport.health.problem?.text).toMatch(/not protected/);
    for (const d of [a, b, outsider]) expect(field(d.db, conv, 'assignee')).toBe('alice');
  });

  it('three desktops racing for one auto-reply: it is sent once, and all three agree who sent it', async () => {
    const desks = ['claim-a', 'claim-b', 'claim-c'].map((n) => desktop(n, 'claims@example.test', null));
    await waitFor('all connected', () => desks.every((d) => connected(d)()));
    const sent: string[] = [];
    const actionId = 'auto-reply:first-response:<new-ticket@customer.example>';
    const outcomes: ClaimOutcome[] = await Promise.all(
      desks.map((d) =>
        new ExactlyOnce({
          db: d.db,
          accountId: d.accountId,
          actor: d.actor,
          clock: systemClock,
          log: silentLogger,
          sync: async () => {
            await d.transport.syncIfConnected();
          },
          pollMs: 100,
        }).run(actionId, async () => {
          sent.push(d.name);
          return { messageId: `<auto@${d.name}>` };
        }),
      ),
    );
    expect(sent).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'performed')).toHaveLength(1);
    const winner = desks.find((d) => d.name === sent[0]);
    for (const o of outcomes.filter((x) => x.outcome === 'done-elsewhere')) expect(o).toMatchObject({ by: winner?.actor.node, result: { messageId: `<auto@${sent[0]}>` } });
  });

  it('a server outage: changes made meanwhile wait in the queue and go out when the server is back', async () => {
    const a = desktop('out-a', 'outage@example.test', null);
    const b = desktop('out-b', 'outage@example.test', null);
    await waitFor('both connected', () => connected(a)() && connected(b)());
    const heardBefore = a.transport.health.lastHeardAt;
    await dovecot.halt();
    let resumed = false;
    try {
      await waitFor('A to notice', () => a.transport.health.state === 'offline');
      const conv = messageEntity('<during-outage@shop.example>');
      a.actor.record([{ entity: conv, field: 'priority', value: 'high' }]);
      await new Promise((r) => setTimeout(r, 300));
      expect(unsentOpCount(a.db)).toBe(1);
      expect(a.transport.health.unsentOps).toBe(1);
      expect(a.transport.health.lastHeardAt).toBe(heardBefore);
      await dovecot.resume();
      resumed = true;
      await waitFor('B to get the change made during the outage', () => field(b.db, conv, 'priority') === 'high', 10_000);
      expect(unsentOpCount(a.db)).toBe(0);
      await waitFor('A to report it is connected again', () => connected(a)() && a.transport.health.unsentOps === 0);
    } finally {
      if (!resumed) await dovecot.resume();
    }
  });
});
