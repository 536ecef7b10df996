/**
 * The header phase reads plain address headers itself; for every value it
 * accepts it must give exactly what mailparser's address parser gives, or the
 * same mail stored from its headers and stored whole would differ (and with
 * them the sender shown, the contact made and the dedupe key).
 */
import fc from 'fast-check';
import { MailParser, parseAddressHeader } from 'mailparser';
import type { EmailAddress } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { Address } from '../../../src-preload/api.ts';
import { plainAddressList } from '../../../src-main/core/sync/plain-address-list.ts';

function viaMailparser(value: string): Address[] {
  const flatten = (list: readonly EmailAddress[]): Address[] =>
    list.flatMap((a) => (a.group ? flatten(a.group) : a.address ? [{ name: (a.name ?? '').trim(), address: a.address.trim() }] : []));
  return flatten(parseAddressHeader(value).value);
}

// Pieces of real address headers, plain and not, so the generator reaches both sides of the fast path's edge.
const plainWord = fc.stringMatching(/^[A-Za-z0-9.\-_+'!#$%&*?^{|}~=]{1,8}$/);
// Encoded words as mailers write them: UTF-8 or Latin-1, B or Q, sometimes malformed.
const encodedWord = fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.constantFrom('utf-8', 'UTF-8', 'iso-8859-1'), fc.constantFrom('B', 'Q', 'q')).map(([text, charset, enc]) =>
  enc === 'B' ? `=?${charset}?B?${Buffer.from(text, charset === 'iso-8859-1' ? 'latin1' : 'utf8').toString('base64')}?=` : `=?${charset}?${enc}?${encodeURIComponent(text).replace(/%/g, '=')}?=`,
);
const word = fc.oneof({ weight: 4, arbitrary: plainWord }, { weight: 1, arbitrary: encodedWord }, { weight: 1, arbitrary: fc.constantFrom('=?', '?=', '=?utf-8?X?a?=', '=?utf-8?B?!!?=') });
const odd = fc.constantFrom('"', '(', ')', '\\', ':', ';', '=?utf-8?Q?a?=', 'é', 'xn--', '[', ']', '<', '>', '@', ',', '.', '  ', '\t');
const local = fc.stringMatching(/^[a-z0-9.\-_+]{1,10}$/);
const domain = fc.stringMatching(/^[a-z0-9\-]{1,8}\.[a-z]{2,4}$/);
const address = fc.oneof(
  fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`),
  fc.tuple(local, domain).map(([l, d]) => `${l}=?x?@${d}`),
);
const name = fc.array(fc.oneof({ weight: 6, arbitrary: word }, { weight: 1, arbitrary: odd }), { maxLength: 4 }).chain((words) =>
  fc.constantFrom(' ', '  ', '\t').map((sep) => words.join(sep)),
);
const entry = fc.oneof(
  address,
  fc.tuple(name, address).map(([n, a]) => `${n} <${a}>`),
  fc.tuple(name, address).map(([n, a]) => `${n}<${a}>`),
  fc.tuple(name, address, odd).map(([n, a, o]) => `${n} <${a}>${o}`),
);
const header = fc.tuple(fc.array(entry, { minLength: 1, maxLength: 4 }), fc.constantFrom(',', ', ', ' , ', ',\t')).map(([list, sep]) => list.join(sep));

// The libmime instance mailparser decodes display names with (header-fields.ts uses the same).
const libmime = (new MailParser({}) as unknown as { libmime: { decodeWords(s: string): string } }).libmime;
const decode = (name: string): string => libmime.decodeWords(name);

describe('plainAddressList', () => {
  it('reads the plain shapes', () => {
    expect(plainAddressList('Ann Lee <ann@shop.example>, bob@shop.example', decode)).toEqual([
      { name: 'Ann Lee', address: 'ann@shop.example' },
      { name: '', address: 'bob@shop.example' },
    ]);
  });

  it('leaves quoted names, groups, comments and encoded words to the full parser', () => {
    for (const v of ['"Lee, Ann" <ann@x.example>', 'Team: a@x.example;', 'ann@x.example (Ann)', 'ann=?x?@x.example', 'Ann <a=?x?@x.example>', 'Zoë <z@x.example>', 'a@xn--bcher-kva.example', ''])
      expect(plainAddressList(v, decode), v).toBeNull();
  });

  it('decodes encoded words in names', () => {
    expect(plainAddressList('=?utf-8?B?w4lsb2TDrWU=?= <elodie@shop.example>', decode)).toEqual([{ name: 'Élodíe', address: 'elodie@shop.example' }]);
  });

  it('gives exactly what mailparser gives, for every value it accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(header, (value) => {
        const fast = plainAddressList(value, decode);
        if (fast === null) return;
        accepted++;
        expect(fast).toEqual(viaMailparser(value));
      }),
      { numRuns: 3000 },
    );
    // The generator must exercise the fast path, not only the fallback.
    expect(accepted).toBeGreaterThan(300);
  });
});
