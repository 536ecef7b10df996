/**
 * A fetched header batch → rows to store (header-batch.ts): only the UIDs
 * asked for, once each, whatever unsolicited or repeated FETCH responses came
 * with them; mail without a Message-ID is marked for a whole fetch, so its
 * bytes can be its identity.
 */
import type { FetchMessageObject } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { prepareHeaderBatch, uidSet } from '../../../src-main/core/sync/header-batch.ts';
import { headerBlockOf } from '../../../src-main/core/sync/header-fields.ts';
import { buildMail } from '../../support/mail-fixtures.ts';

const place = { accountId: 1, folderId: 2, uidvalidity: 77 };
const NOW = Date.UTC(2026, 0, 5);

function fetched(uid: number, raw: Buffer, flags: string[] = []): FetchMessageObject {
  return { seq: uid, uid, flags: new Set(flags), size: raw.length, internalDate: new Date(Date.UTC(2026, 0, 1)), headers: headerBlockOf(raw) } as FetchMessageObject;
}

describe('prepareHeaderBatch', () => {
  it('keeps the UIDs asked for, once each, with their flags (without \\Recent) and size', () => {
    const a = buildMail({ subject: 'Refund please', messageId: 'a@shop.example' });
    const b = buildMail({ subject: 'Where is my parcel', messageId: 'b@shop.example' });
    const { headerRows, needWhole } = prepareHeaderBatch(place, [5, 6], [fetched(5, a, ['\\Seen', '\\Recent']), fetched(9, b), fetched(6, b), fetched(5, a)], NOW);
    expect(needWhole).toEqual([]);
    expect(headerRows.map((r) => [r.input.uid, r.fields.subject, r.input.flags])).toEqual([
      [5, 'Refund please', ['\\Seen']],
      [6, 'Where is my parcel', []],
    ]);
    expect(headerRows[0]?.input).toMatchObject({ ...place, size: a.length });
    expect(headerRows[0]?.input).not.toHaveProperty('headers');
  });

  it('marks mail without a Message-ID for a whole fetch', () => {
    const raw = Buffer.from('From: a@b.example\r\nSubject: no id\r\n\r\nhello\r\n');
    expect(prepareHeaderBatch(place, [3], [fetched(3, raw)], NOW)).toEqual({ headerRows: [], needWhole: [3] });
  });

  it('dates mail with neither INTERNALDATE nor Date header by the time given', () => {
    const raw = Buffer.from('From: a@b.example\r\nMessage-ID: <x@b.example>\r\nSubject: undated\r\n\r\nhi\r\n');
    const row = { ...fetched(4, raw), internalDate: undefined } as unknown as FetchMessageObject;
    expect(prepareHeaderBatch(place, [4], [row], NOW).headerRows[0]?.fields.date).toBe(NOW);
  });
});

describe('uidSet', () => {
  it('collapses runs into ranges', () => {
    expect(uidSet([7, 5, 4, 3, 10])).toBe('3:5,7,10');
  });
});
