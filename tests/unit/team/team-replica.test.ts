/**
 * The replica and compaction against an in-memory team folder: the cases the
 * property test reaches only by chance, each spelled out.
 */
import { describe, expect, it } from 'vitest';
import { appendOps, opsForEntity } from '../../../src-main/core/db/ops.repo.ts';
import { getTeamCursor, unsentOpCount } from '../../../src-main/core/db/team.repo.ts';
import { encodeTeamMessage } from '../../../src-main/core/team/batch-codec.ts';
import { compactTeamFolder } from '../../../src-main/core/team/compaction.ts';
import { HybridClock } from '../../../src-main/core/team/hlc.ts';
import { deriveTeamKey } from '../../../src-main/core/team/team-crypto.ts';
import { TeamReplica } from '../../../src-main/core/team/team-replica.ts';
import { silentLogger } from '../../../src-main/core/log.ts';
import { SimFolder } from './sim-folder.ts';
import { allOps, foldedState, simDesktop } from './sim-desktop.ts';

const conv = 'msg:<order-7@shop.example>';

async function sync(d: ReturnType<typeof simDesktop>): Promise<void> {
  await d.replica.open(d.folder);
  await d.replica.push(d.folder);
  await d.replica.pull(d.folder);
}

describe('team replica', () => {
  it('turns a burst of changes into few messages and delivers them to another desktop', async () => {
    const folder = new SimFolder();
    const a = simDesktop(folder, 0, { maxOpsPerMessage: 500 });
    const b = simDesktop(folder, 1);
    for (let i = 0; i < 120; i++) a.actor.record([{ entity: conv, field: 'tags', value: [`t${i}`] }]);
    await sync(a);
    expect(folder.messages).toHaveLength(1);
    expect(unsentOpCount(a.db)).toBe(0);
    await b.replica.open(b.folder);
    const pulled = await b.replica.pull(b.folder);
    expect(pulled.newOps).toBe(120);
    expect([...pulled.entities]).toEqual([conv]);
    expect(foldedState(allOps(b.db))).toEqual(foldedState(allOps(a.db)));
  });

  it('keeps changes queued while the folder is unreachable and sends them on reconnect', async () => {
    const folder = new SimFolder();
    const a = simDesktop(folder, 0);
    await a.replica.open(a.folder);
    a.folder.online = false;
    a.actor.record([{ entity: conv, field: 'status', value: 'done' }]);
    await expect(a.replica.push(a.folder)).rejects.toThrow(/offline/);
    expect(unsentOpCount(a.db)).toBe(1);
    a.folder.online = true;
    await sync(a);
    expect(unsentOpCount(a.db)).toBe(0);
    expect(folder.messages).toHaveLength(1);
  });

  it('sends again after a lost APPEND answer; the duplicate changes nothing and the op counts as delivered once seen', async () => {
    const folder = new SimFolder();
    const a = simDesktop(folder, 0);
    const b = simDesktop(folder, 1);
    await a.replica.open(a.folder);
    a.actor.record([{ entity: conv, field: 'assignee', value: 'ann' }]);
    a.folder.loseNextAppendAnswer = true;
    await expect(a.replica.push(a.folder)).rejects.toThrow();
    expect(unsentOpCount(a.db)).toBe(1);
    // Reading the folder shows the batch arrived after all.
    await a.replica.pull(a.folder);
    expect(unsentOpCount(a.db)).toBe(0);
    await sync(b);
    expect(opsForEntity(b.db, conv)).toHaveLength(1);
  });

  it('skips foreign and broken messages, says why, and goes on with the rest', async () => {
    const folder = new SimFolder();
    const a = simDesktop(folder, 0);
    const b = simDesktop(folder, 1);
    folder.add(Buffer.from('From: someone@example.test\r\nSubject: misfiled\r\n\r\nhello\r\n'));
    a.actor.record([{ entity: conv, field: 'status', value: 'pending' }]);
    await sync(a);
    await sync(b);
    expect(opsForEntity(b.db, conv)).toHaveLength(1);
    expect(b.replica.status().problems).toEqual({ foreign: 1 });
  });

  it('defers changes dated too far ahead and applies them once its own clock catches up', async () => {
    const folder = new SimFolder();
    const fast = simDesktop(folder, 0, { skewMs: 20 * 60_000 });
    const b = simDesktop(folder, 1);
    fast.actor.record([{ entity: conv, field: 'assignee', value: 'fast' }]);
    await sync(fast);
    await sync(b);
    expect(opsForEntity(b.db, conv)).toHaveLength(0);
    b.clock.advance(20 * 60_000);
    await b.replica.pull(b.folder);
    expect(opsForEntity(b.db, conv)).toHaveLength(1);
    // Our next change still sorts after the one we received.
    const [mine] = b.actor.record([{ entity: conv, field: 'assignee', value: 'b' }]);
    expect(mine && mine.hlc > (opsForEntity(b.db, conv)[0]?.hlc ?? '')).toBe(true);
  });

  it('reads the whole folder again after a UIDVALIDITY change, adding nothing twice', async () => {
    const folder = new SimFolder();
    const a = simDesktop(folder, 0);
    const b = simDesktop(folder, 1);
    a.actor.record([{ entity: conv, field: 'status', value: 'done' }]);
    await sync(a);
    await sync(b);
    folder.rebuild();
    const { reread, changed } = await b.replica.open(b.folder);
    expect({ reread, changed }).toEqual({ reread: true, changed: true });
    const again = await b.replica.pull(b.folder);
    expect(again).toMatchObject({ messages: 1, newOps: 0 });
    expect(getTeamCursor(b.db, b.replica.accountId)).toMatchObject({ uidValidity: folder.uidValidity, lastUid: 1 });
  });

  it('reads messages skipped for want of the passphrase once the passphrase is entered', async () => {
    const key = await deriveTeamKey('s3cret team', 'support@example.test');
    const folder = new SimFolder();
    const a = simDesktop(folder, 0, { key });
    a.actor.record([{ entity: conv, field: 'assignee', value: 'ann' }]);
    await sync(a);
    const b = simDesktop(folder, 1);
    await sync(b);
    expect(b.replica.status().problems).toEqual({ 'sealed-no-passphrase': 1 });
    const informed = new TeamReplica({ db: b.db, accountId: b.replica.accountId, actor: b.actor, clock: b.clock, log: silentLogger, folderName: 'Switchboard Team', key });
    await informed.open(b.folder);
    await informed.pull(b.folder);
    expect(opsForEntity(b.db, conv)).toHaveLength(1);
    expect(informed.status().problems).toEqual({});
  });
});

describe('compaction', () => {
  it('replaces many batches with one snapshot that a new desktop can start from', async () => {
    const folder = new SimFolder();
    const a = simDesktop(folder, 0, { maxOpsPerMessage: 2 });
    for (let i = 0; i < 10; i++) a.actor.record([{ entity: `msg:<m${i % 3}@x>`, field: 'status', value: `s${i}` }]);
    await sync(a);
    expect(folder.messages).toHaveLength(5);
    const result = await compactTeamFolder(a.replica, a.folder, { minAgeMs: 0 });
    expect(result).toMatchObject({ deleted: 5, snapshotParts: 1, snapshotOps: 3 });
    expect(folder.messages).toHaveLength(1);
    const fresh = simDesktop(folder, 1);
    await sync(fresh);
    expect(foldedState(allOps(fresh.db))).toEqual(foldedState(allOps(a.db)));
  });

  it('never puts ops kept on this desktop (the demo\'s) in a snapshot', async () => {
    const folder = new SimFolder();
    const a = simDesktop(folder, 0, { maxOpsPerMessage: 1 });
    // Done to the demo before a mailbox was connected, and a demo template edited after.
    const demoConv = 'msg:<order-1@northwind-demo.test>';
    appendOps(a.db, [{ hlc: a.actor.hlc.next(), actor: a.actor.node, entity: demoConv, field: 'status', value: 'done' }], a.clock.now(), 'kept');
    a.actor.record([{ entity: 'template:demo-refund', field: 'name', value: 'Refund issued (edited)' }]);
    a.actor.record([{ entity: conv, field: 'status', value: 'pending' }, { entity: conv, field: 'tags', value: ['vip'] }]);
    await sync(a);
    expect(folder.messages).toHaveLength(2);
    expect(await compactTeamFolder(a.replica, a.folder, { minAgeMs: 0 })).toMatchObject({ deleted: 2, snapshotParts: 1, snapshotOps: 2 });
    const fresh = simDesktop(folder, 1);
    await sync(fresh);
    expect(new Set(allOps(fresh.db).map((op) => op.entity))).toEqual(new Set([conv]));
    // A still shows what the agent did to the demo.
    expect(opsForEntity(a.db, demoConv).map((op) => op.value)).toEqual(['done']);
  });

  it('leaves alone what it has not read and what is too recent', async () => {
    const folder = new SimFolder();
    const a = simDesktop(folder, 0, { maxOpsPerMessage: 1 });
    const b = simDesktop(folder, 1, { maxOpsPerMessage: 1 });
    a.actor.record([{ entity: conv, field: 'status', value: 'a1' }, { entity: conv, field: 'tags', value: ['a2'] }]);
    await sync(a);
    b.actor.record([{ entity: conv, field: 'assignee', value: 'b' }]);
    await sync(b);
    // A has not read B's batch: it must survive A's compaction.
    await compactTeamFolder(a.replica, a.folder, { minAgeMs: 0 });
    const fresh = simDesktop(folder, 2);
    await sync(fresh);
    expect(foldedState(allOps(fresh.db))).toEqual(foldedState([...allOps(a.db), ...allOps(b.db)]));
    // Seen just now and a 10-minute minimum age: nothing to do.
    b.actor.record([{ entity: conv, field: 'status', value: 'b2' }, { entity: conv, field: 'tags', value: ['b3'] }]);
    await sync(b);
    expect(await compactTeamFolder(b.replica, b.folder)).toMatchObject({ deleted: 0, snapshotParts: 0 });
  });

  it('is safe when two desktops compact at once: each deletes only what its own snapshot covers', async () => {
    const folder = new SimFolder();
    const a = simDesktop(folder, 0, { maxOpsPerMessage: 1 });
    const b = simDesktop(folder, 1, { maxOpsPerMessage: 1 });
    for (let i = 0; i < 4; i++) {
      a.actor.record([{ entity: `msg:<a${i}@x>`, field: 'status', value: i }]);
      b.actor.record([{ entity: `msg:<b${i}@x>`, field: 'status', value: i }]);
    }
    await sync(a);
    await sync(b);
    await sync(a);
    // Interleave: both write their snapshot before either deletes.
    const gateOrder: string[] = [];
    let release: () => void = () => {};
    const bothAppended = new Promise<void>((r) => (release = r));
    folder.gate = async (label) => {
      gateOrder.push(label);
      if (label.endsWith('expunge')) {
        if (gateOrder.filter((l) => l.endsWith('append')).length >= 2) release();
        await bothAppended;
      }
    };
    await Promise.all([compactTeamFolder(a.replica, a.folder, { minAgeMs: 0 }), compactTeamFolder(b.replica, b.folder, { minAgeMs: 0 })]);
    folder.gate = null;
    expect(folder.messages.length).toBe(2);
    const fresh = simDesktop(folder, 2);
    await sync(fresh);
    expect(foldedState(allOps(fresh.db))).toEqual(foldedState(allOps(a.db)));
    expect(foldedState(allOps(fresh.db))).toHaveLength(8);
  });

  it('repairs a folder that lost messages by writing a snapshot of everything known', async () => {
    const folder = new SimFolder();
    const a = simDesktop(folder, 0);
    a.actor.record([{ entity: conv, field: 'status', value: 'done' }]);
    await sync(a);
    folder.messages.splice(0);
    folder.rebuild();
    await a.replica.open(a.folder);
    await compactTeamFolder(a.replica, a.folder, { repair: true });
    const fresh = simDesktop(folder, 1);
    await sync(fresh);
    expect(opsForEntity(fresh.db, conv)).toHaveLength(1);
  });

  it('never applies a message that claims to be by one desktop but carries ops by another', async () => {
    const folder = new SimFolder();
    const victim = '00000000000000ee';
    const forged = new HybridClock(victim, () => Date.UTC(2026, 2, 2, 9));
    folder.add(encodeTeamMessage({ kind: 'batch', actor: '00000000000000dd', date: 0, ops: [{ hlc: forged.next(), actor: victim, entity: conv, field: 'assignee', value: 'x' }] }, null).raw);
    const b = simDesktop(folder, 1);
    await sync(b);
    expect(opsForEntity(b.db, conv)).toHaveLength(0);
    expect(b.replica.status().problems).toEqual({ malformed: 1 });
  });
});
