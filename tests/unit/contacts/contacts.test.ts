import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContactCommands, contactCard, contactIdOfAddress } from '../../../src-main/core/contacts/contact-commands.ts';
import { applyContactOps, resolveRoot } from '../../../src-main/core/contacts/contact-groups.ts';
import { isBlocked } from '../../../src-main/core/contacts/contact-step.ts';
import { recordContactsOf } from '../../../src-main/core/contacts/customer-contacts.ts';
import { threadMessages } from '../../../src-main/core/conversations/rethread.ts';
import { HybridClock } from '../../../src-main/core/team/hlc.ts';
import type { JsonValue, Op } from '../../../src-main/core/team/ops.ts';
import { DESK, openTestCache, shuffled, storeRow } from '../conversations/support/cache.ts';
import { appendOps } from '../../../src-main/core/db/ops.repo.ts';
import type { TestCache } from '../conversations/support/cache.ts';

let cache: TestCache;
let commands: ContactCommands;
beforeEach(() => {
  cache = openTestCache();
  commands = new ContactCommands(cache.db, cache.actor, () => cache.clock.now());
});
afterEach(() => cache.db.close());

let n = 0;
function receive(from: string, name: string, fields: { to?: string[]; subject?: string; date?: number } = {}): number {
  n++;
  const id = storeRow(cache, {
    input: { messageId: `m${n}@mail.example`, inReplyTo: null, references: [], subject: fields.subject ?? `Question ${n}`, from, to: fields.to ?? [DESK], date: fields.date ?? Date.UTC(2025, 11, 1) + n * 60_000 },
    dedupeKey: `k${n}`,
    fromName: name,
  });
  threadMessages(cache.db, [id]);
  recordContactsOf(cache.db, [id]);
  return id;
}

const idOf = (address: string): number => {
  const id = contactIdOfAddress(cache.db, address);
  if (id === null) throw new Error(`no contact for ${address}`);
  return id;
};

describe('contacts from mail', () => {
  it('are created for the customer on their first message, never for the mailbox, and show every conversation', () => {
    receive('Ann.Customer@Shop.Example', 'Ann Customer');
    receive('ann.customer@shop.example', 'Ann C.', { subject: 'Another topic' });
    receive(DESK, 'Support', { to: ['bob@other.example'] });
    expect(contactIdOfAddress(cache.db, DESK)).toBeNull();
    const ann = contactCard(cache.db, idOf('ann.customer@shop.example'));
    expect(ann).toMatchObject({ name: 'Ann C.', addresses: ['ann.customer@shop.example'], tags: [], blocked: false, remoteImagesAllowed: false });
    expect(ann?.conversations.map((c) => c.subject)).toEqual(['Another topic', 'Question 1']);
    // Agent-first mail makes a contact of the recipient.
    expect(contactCard(cache.db, idOf('bob@other.example'))?.addresses).toEqual(['bob@other.example']);
  });
});

describe('contact commands', () => {
  it('merge joins addresses and conversations; unmerge takes one address out again', () => {
    receive('ann@shop.example', 'Ann');
    receive('ann.private@mail.example', 'Ann Private');
    receive('ann@work.example', 'Ann at work');
    commands.setTags(idOf('ann.private@mail.example'), ['vip']);
    const target = idOf('ann@shop.example');
    commands.merge(target, idOf('ann.private@mail.example'));
    const merged = commands.merge(target, idOf('ann@work.example'));
    expect(merged.id).toBe(target);
    expect(merged.addresses).toEqual(['ann@shop.example', 'ann.private@mail.example', 'ann@work.example']);
    expect(merged.tags).toEqual(['vip']);
    expect(merged.conversations).toHaveLength(3);

    const rest = commands.unmerge(target, 'ann.private@mail.example');
    expect(rest.addresses).toEqual(['ann@shop.example', 'ann@work.example']);
    expect(contactCard(cache.db, idOf('ann.private@mail.example'))?.addresses).toEqual(['ann.private@mail.example']);

    // Taking out the primary address leaves the rest together under a new primary.
    const left = commands.unmerge(target, 'ann@shop.example');
    expect(left.addresses).toEqual(['ann@work.example']);
    expect(() => commands.unmerge(idOf('ann@work.example'), 'ann@work.example')).toThrow(/only one address/);
    expect(() => commands.merge(target, target)).toThrow(/itself/);
  });

  it('block, tags and remote images are kept per contact and readable by the workflow', () => {
    receive('spam@bad.example', 'Spammer');
    const id = idOf('spam@bad.example');
    expect(commands.setBlocked(id, true).blocked).toBe(true);
    expect(isBlocked(cache.db, 'SPAM@bad.example')).toBe(true);
    expect(commands.setBlocked(id, false).blocked).toBe(false);
    expect(isBlocked(cache.db, 'spam@bad.example')).toBe(false);
    expect(isBlocked(cache.db, 'nobody@nowhere.example')).toBe(false);
    expect(commands.setTags(id, [' wholesale ', 'vip', 'vip', '']).tags).toEqual(['vip', 'wholesale']);
    expect(commands.setRemoteImages(id, true).remoteImagesAllowed).toBe(true);
    expect(() => commands.setTags(id, ['x'.repeat(61)])).toThrow(/60 characters/);
  });

  it('imports attributes from CSV, creating and updating contacts and explaining skipped lines', () => {
    receive('ann@shop.example', 'Ann');
    const csv = [
      '\ufeffName,E-Mail,Segment,Purchase amount',
      'Ann,ANN@shop.example,VIP,"1,250.00"',
      'Bob,bob@new.example,Retail,80',
      'Nobody,,Retail,1',
      'Broken,not-an-address,Retail,1',
      'Too,many@fields.example,a,b,c',
      '"Cid","cid@new.example","multi',
      'line",5',
    ].join('\r\n');
    const result = commands.importCsv(csv);
    expect(result).toEqual({
      created: 2,
      updated: 1,
      skipped: [
        { line: 4, reason: { key: 'csvEmailEmpty', vars: {}, text: 'The email field is empty.' } },
        // The same words as a bad address anywhere else: one sentence, one translation.
        { line: 5, reason: { key: 'invalidAddress', vars: { address: 'not-an-address' }, text: '“not-an-address” is not a valid email address.' } },
        { line: 6, reason: { key: 'csvTooManyFields', vars: { fields: '5', columns: '4' }, text: 'It has 5 fields; the header names 4.' } },
      ],
    });
    expect(contactCard(cache.db, idOf('ann@shop.example'))?.attributes).toEqual({ Name: 'Ann', Segment: 'VIP', 'Purchase amount': '1,250.00' });
    expect(contactCard(cache.db, idOf('cid@new.example'))?.attributes).toMatchObject({ Segment: 'multi\nline', 'Purchase amount': '5' });
    expect(() => commands.importCsv('name,segment\nAnn,VIP')).toThrow(/“email”/);
  });
});

describe('contact ops from several desktops', () => {
  const addresses = ['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example'];
  const change = fc.oneof(
    fc.record({ who: fc.constantFrom(...addresses), field: fc.constant('mergedInto'), value: fc.oneof(fc.constant(null), fc.constantFrom(...addresses)) as fc.Arbitrary<JsonValue> }),
    fc.record({ who: fc.constantFrom(...addresses), field: fc.constant('blocked'), value: fc.boolean() as fc.Arbitrary<JsonValue> }),
    fc.record({ who: fc.constantFrom(...addresses), field: fc.constant('tags'), value: fc.subarray(['vip', 'b2b', 'late']) as fc.Arbitrary<JsonValue> }),
    fc.record({ who: fc.constantFrom(...addresses), field: fc.constant('attr:segment'), value: fc.constantFrom('A', 'B', '') as fc.Arbitrary<JsonValue> }),
  );

  function state(t: TestCache) {
    return addresses.map((a) => {
      const card = contactCard(t.db, contactIdOfAddress(t.db, a) ?? 0);
      return { a, root: resolveRoot(t.db, a), addresses: card?.addresses ?? null, blocked: card?.blocked ?? null, tags: card?.tags ?? null, attributes: card?.attributes ?? null };
    });
  }

  it('fold to the same contacts whatever order and batches the ops arrive in', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), fc.integer(), fc.integer({ min: 1, max: 4 }), (changes, seed, batch) => {
        const clock = new HybridClock('00000000000000aa', () => Date.UTC(2026, 0, 1));
        const ops: Op[] = changes.map((c) => ({ hlc: clock.next(), actor: '00000000000000aa', entity: `contact:${c.who}`, field: c.field, value: c.value }));
        const one = openTestCache();
        const two = openTestCache();
        // Each desktop appends what it receives and folds it in, batch by batch, as team sync does.
        const apply = (t: TestCache, list: readonly Op[], size: number) => {
          for (let i = 0; i < list.length; i += size) {
            const part = list.slice(i, i + size);
            t.db.transaction(() => {
              appendOps(t.db, part, 0, 'received');
              applyContactOps(t.db, part, 0);
            })();
          }
        };
        apply(one, ops, 1);
        apply(two, shuffled(ops, seed), batch);
        expect(state(two)).toEqual(state(one));
        one.db.close();
        two.db.close();
      }),
      { numRuns: 150 },
    );
  });
});
