import { describe, expect, it } from 'vitest';
import { whoIsHere } from '../../../src-main/core/team/presence.ts';
import type { OutboxPresence } from '../../../src-main/core/team/presence-leases.ts';
import { PresenceLeases, SCHEDULED_GRACE_MS } from '../../../src-main/core/team/presence-leases.ts';
import { agentEntity, defaultColour, deleteGroup, findAgent, listAgents, listGroups, publishAgentProfile, saveGroup } from '../../../src-main/core/team/roster.ts';
import { SimFolder } from './sim-folder.ts';
import type { SimDesktop } from './sim-desktop.ts';
import { simDesktop } from './sim-desktop.ts';

async function sync(...desks: SimDesktop[]): Promise<void> {
  for (const pass of [0, 1]) {
    for (const d of desks) {
      await d.replica.open(d.folder);
      if (pass === 0) await d.replica.push(d.folder);
      await d.replica.pull(d.folder);
    }
  }
}

describe('team roster', () => {
  it('knows every agent that published a profile, with a colour even when none was chosen', async () => {
    const folder = new SimFolder();
    const alice = simDesktop(folder, 0);
    const bob = simDesktop(folder, 1);
    publishAgentProfile(alice.actor, { name: 'Alice', address: 'Alice@Support.example', colour: '#FF0000' });
    publishAgentProfile(bob.actor, { name: 'Bob', address: 'bob@support.example' });
    await sync(alice, bob);
    for (const d of [alice, bob]) {
      expect(listAgents(d.db)).toEqual([
        { node: alice.actor.node, name: 'Alice', address: 'alice@support.example', colour: '#ff0000' },
        { node: bob.actor.node, name: 'Bob', address: 'bob@support.example', colour: defaultColour(bob.actor.node) },
      ]);
    }
    publishAgentProfile(bob.actor, { name: 'Robert', address: 'bob@support.example' });
    await sync(alice, bob);
    expect(findAgent(alice.db, bob.actor.node)?.name).toBe('Robert');
  });

  it('refuses bad profiles and ignores profiles written for someone else', async () => {
    const folder = new SimFolder();
    const alice = simDesktop(folder, 0);
    expect(() => publishAgentProfile(alice.actor, { name: '', address: 'x@y' })).toThrow();
    expect(() => publishAgentProfile(alice.actor, { name: 'A', address: 'not an address' })).toThrow();
    expect(() => publishAgentProfile(alice.actor, { name: 'A', address: 'a@b', colour: 'red' })).toThrow();
    alice.actor.record([{ entity: agentEntity('00000000000000ff'), field: 'name', value: 'Impostor' }, { entity: agentEntity('00000000000000ff'), field: 'address', value: 'i@x' }]);
    expect(listAgents(alice.db)).toEqual([]);
  });

  it('shares groups, edited from any desktop', async () => {
    const folder = new SimFolder();
    const alice = simDesktop(folder, 0);
    const bob = simDesktop(folder, 1);
    const id = saveGroup(alice.actor, { name: 'Billing', members: [alice.actor.node] });
    await sync(alice, bob);
    saveGroup(bob.actor, { id, name: 'Billing', members: [alice.actor.node, bob.actor.node] });
    const other = saveGroup(bob.actor, { name: 'Returns', members: [] });
    await sync(alice, bob);
    expect(listGroups(alice.db)).toEqual([
      { id, name: 'Billing', members: [alice.actor.node, bob.actor.node].sort() },
      { id: other, name: 'Returns', members: [] },
    ]);
    deleteGroup(alice.actor, other);
    await sync(alice, bob);
    expect(listGroups(bob.db).map((g) => g.name)).toEqual(['Billing']);
  });
});

/** Alice's outbox leases as core holds them, and what Bob sees of them on '<m@x>'. */
function outboxScene() {
  const folder = new SimFolder();
  const alice = simDesktop(folder, 0);
  const bob = simDesktop(folder, 1);
  const outbox = new Map<string, OutboxPresence>();
  const leases = new PresenceLeases({ actor: alice.actor, clock: alice.clock, selfRenew: false, outboxRoots: () => outbox });
  return {
    alice,
    bob,
    outbox,
    leases,
    async seen(): Promise<Array<[string, number | null]>> {
      await sync(alice, bob);
      return whoIsHere(bob.db, ['<m@x>'], bob.clock.now()).map((p) => [p.kind, p.sendAt]);
    },
    later(ms: number): void {
      alice.clock.advance(ms);
      bob.clock.advance(ms);
    },
  };
}

describe('presence', () => {
  it('shows who is replying to a conversation on the other desktop, until the lease ends or expires', async () => {
    const folder = new SimFolder();
    const alice = simDesktop(folder, 0);
    const bob = simDesktop(folder, 1);
    publishAgentProfile(alice.actor, { name: 'Alice', address: 'alice@support.example' });
    const leases = new PresenceLeases({ actor: alice.actor, clock: alice.clock, leaseMs: 90_000, renewMs: 30_000 });
    // Alice opened the reply; Bob looks at the same conversation through another member's Message-ID.
    leases.set('<reply-2@shop.example>', 'viewing');
    leases.set('<reply-2@shop.example>', 'replying');
    await sync(alice, bob);
    const conversation = ['<root@shop.example>', '<reply-2@shop.example>'];
    expect(whoIsHere(bob.db, conversation, bob.clock.now())).toMatchObject([{ node: alice.actor.node, kind: 'replying', name: 'Alice' }]);
    expect(whoIsHere(alice.db, conversation, alice.clock.now(), alice.actor.node)).toEqual([]);

    // Renewed while held: still there after several lease lengths.
    alice.clock.advance(300_000);
    bob.clock.advance(300_000);
    await sync(alice, bob);
    expect(whoIsHere(bob.db, conversation, bob.clock.now())).toHaveLength(1);

    leases.clear();
    await sync(alice, bob);
    expect(whoIsHere(bob.db, conversation, bob.clock.now())).toEqual([]);
  });

  it('without self-renewal, lets a lease lapse once its window stops renewing it', async () => {
    const folder = new SimFolder();
    const alice = simDesktop(folder, 0);
    const bob = simDesktop(folder, 1);
    const leases = new PresenceLeases({ actor: alice.actor, clock: alice.clock, selfRenew: false });
    leases.set('<m@x>', 'replying');
    alice.clock.advance(60_000);
    leases.set('<m@x>', 'replying'); // the window renews once, then its tab is closed
    await sync(alice, bob);
    bob.clock.advance(60_000);
    expect(whoIsHere(bob.db, ['<m@x>'], bob.clock.now())).toMatchObject([{ kind: 'replying' }]);
    alice.clock.advance(300_000);
    bob.clock.advance(100_000);
    await sync(alice, bob);
    expect(whoIsHere(bob.db, ['<m@x>'], bob.clock.now())).toEqual([]);
  });

  it('lets a crashed desktop\'s lease simply expire', async () => {
    const folder = new SimFolder();
    const alice = simDesktop(folder, 0);
    const bob = simDesktop(folder, 1);
    new PresenceLeases({ actor: alice.actor, clock: alice.clock }).set('<m@x>', 'viewing');
    await sync(alice, bob);
    expect(whoIsHere(bob.db, ['<m@x>'], bob.clock.now())).toHaveLength(1);
    // Alice's desktop is gone: no renewals reach Bob.
    bob.clock.advance(91_000);
    expect(whoIsHere(bob.db, ['<m@x>'], bob.clock.now())).toEqual([]);
  });

  it('says a reply is going out for as long as core names it, over what the window asks, whatever the window does', async () => {
    const scene = outboxScene();
    const { alice, bob, outbox: goingOut, leases, later } = scene;
    const seen = async (): Promise<string[]> => (await scene.seen()).map(([kind]) => kind);
    leases.set('<m@x>', 'replying');
    goingOut.set('<m@x>', { kind: 'sending' }); // Alice pressed Send: the reply waits out its undo window
    leases.refreshOutbox();
    expect(await seen()).toEqual(['sending']);
    // The composer closed and the window steps back to viewing, then leaves: the reply is still going out.
    leases.set('<m@x>', 'viewing');
    expect(await seen()).toEqual(['sending']);
    leases.set('<m@x>', null);
    expect(await seen()).toEqual(['sending']);
    // Core renews it on its own, long past one lease length.
    later(200_000);
    expect(await seen()).toEqual(['sending']);
    // Filed in Sent: the lease ends, as nothing else holds the conversation.
    goingOut.delete('<m@x>');
    leases.refreshOutbox();
    expect(await seen()).toEqual([]);

    // With the window still on the conversation, it falls back to what the window asked for.
    leases.set('<m@x>', 'viewing');
    goingOut.set('<m@x>', { kind: 'sending' });
    leases.refreshOutbox();
    expect(await seen()).toEqual(['sending']);
    goingOut.delete('<m@x>');
    leases.refreshOutbox();
    expect(await seen()).toEqual(['viewing']);

    // Quitting ends both kinds.
    goingOut.set('<other@x>', { kind: 'sending' });
    leases.refreshOutbox();
    leases.clear();
    await sync(alice, bob);
    expect(whoIsHere(bob.db, ['<m@x>', '<other@x>'], bob.clock.now())).toEqual([]);
  });

  it('orders colleagues with a reply going out first, then those replying, then those viewing', async () => {
    const folder = new SimFolder();
    const desks = [0, 1, 2, 3].map((i) => simDesktop(folder, i));
    const [viewer, replier, sender, bob] = desks as [SimDesktop, SimDesktop, SimDesktop, SimDesktop];
    publishAgentProfile(viewer.actor, { name: 'Ann', address: 'ann@support.example' });
    publishAgentProfile(replier.actor, { name: 'Bea', address: 'bea@support.example' });
    publishAgentProfile(sender.actor, { name: 'Cy', address: 'cy@support.example' });
    new PresenceLeases({ actor: viewer.actor, clock: viewer.clock }).set('<m@x>', 'viewing');
    new PresenceLeases({ actor: replier.actor, clock: replier.clock }).set('<m@x>', 'replying');
    new PresenceLeases({ actor: sender.actor, clock: sender.clock, outboxRoots: () => new Map([['<m@x>', { kind: 'sending' }]]) }).refreshOutbox();
    await sync(...desks);
    expect(whoIsHere(bob.db, ['<m@x>'], bob.clock.now()).map((p) => [p.name, p.kind])).toEqual([
      ['Cy', 'sending'],
      ['Bea', 'replying'],
      ['Ann', 'viewing'],
    ]);
  });

  it('announces a scheduled reply with its time, without renewing it, until it goes out, and for a while after it was due', async () => {
    const { alice, bob, outbox, leases, seen, later } = outboxScene();
    const sendAt = alice.clock.now() + 3 * 3_600_000;

    outbox.set('<m@x>', { kind: 'scheduled', sendAt });
    leases.refreshOutbox();
    expect(await seen()).toEqual([['scheduled', sendAt]]);
    const written = alice.db.prepare('SELECT count(*) FROM ops').pluck().get() as number;
    // The window coming and going, and outbox changes elsewhere, write nothing more for it.
    leases.set('<m@x>', 'viewing');
    leases.set('<m@x>', null);
    leases.refreshOutbox();
    later(2 * 3_600_000);
    expect(alice.db.prepare('SELECT count(*) FROM ops').pluck().get()).toBe(written);
    expect(await seen()).toEqual([['scheduled', sendAt]]);
    // Alice quits for the night with the window on it: the scheduled reply stays announced.
    leases.set('<m@x>', 'viewing');
    leases.clear();
    expect(await seen()).toEqual([['scheduled', sendAt]]);
    // Its time comes: it is sending, then filed.
    later(3_600_000);
    outbox.set('<m@x>', { kind: 'sending' });
    leases.refreshOutbox();
    expect(await seen()).toEqual([['sending', null]]);
    outbox.delete('<m@x>');
    leases.refreshOutbox();
    expect(await seen()).toEqual([]);

    // A desktop that is off when its reply is due stops claiming a time a while after it.
    const again = alice.clock.now() + 3_600_000;
    outbox.set('<m@x>', { kind: 'scheduled', sendAt: again });
    leases.refreshOutbox();
    expect(await seen()).toEqual([['scheduled', again]]);
    bob.clock.advance(3_600_000 + SCHEDULED_GRACE_MS + 1);
    expect(whoIsHere(bob.db, ['<m@x>'], bob.clock.now())).toEqual([]);
  });
});

