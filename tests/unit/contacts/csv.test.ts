import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../../src-main/core/contacts/csv.ts';

const fieldsOf = (csv: string) => parseCsv(csv).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads a header and rows, with BOM and CRLF', () => {
    expect(parseCsv('\ufeffemail,segment\r\nann@x.test,VIP\r\nbob@x.test,Retail\r\n')).toEqual([
      { line: 1, fields: ['email', 'segment'], unterminated: false },
      { line: 2, fields: ['ann@x.test', 'VIP'], unterminated: false },
      { line: 3, fields: ['bob@x.test', 'Retail'], unterminated: false },
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields, and counts lines for messages', () => {
    const records = parseCsv('email,note\n"ann@x.test","Says ""hi"", often"\n"bob@x.test","two\nlines"\ncid@x.test,last\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['email', 'note'],
      ['ann@x.test', 'Says "hi", often'],
      ['bob@x.test', 'two\nlines'],
      ['cid@x.test', 'last'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('skips blank lines, keeps empty fields, and reads a last line without a newline', () => {
    expect(fieldsOf('a,b\n\n1,\n,2')).toEqual([['a', 'b'], ['1', ''], ['', '2']]);
  });

  it('marks a record whose quote never closes', () => {
    const records = parseCsv('email,note\nann@x.test,"open\nstill open');
    expect(records[1]).toMatchObject({ line: 2, unterminated: true });
  });

  it('detects semicolon and tab exports from the header line', () => {
    expect(detectDelimiter('email;segment;amount\nann@x.test;VIP;1,5')).toBe(';');
    expect(detectDelimiter('email\tsegment\n')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(fieldsOf('email;amount\nann@x.test;"1,50"')).toEqual([['email', 'amount'], ['ann@x.test', '1,50']]);
  });

  it('round-trips any table written the RFC 4180 way', () => {
    const cell = fc.string({ maxLength: 12 }).map((c) => c.replace(/\r\n?/g, '\n'));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        const width = rows[0]?.length ?? 2;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const csv = table.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join(eol) + eol;
        expect(fieldsOf(csv)).toEqual(table);
      }),
      { numRuns: 300 },
    );
  });
});
