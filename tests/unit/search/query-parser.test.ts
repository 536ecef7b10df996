import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEmptyQuery, parseDay, parseQuery } from '../../../src-main/core/search/query-parser.ts';

const terms = (q: string) => parseQuery(q).terms.map((t) => `${t.negated ? '-' : ''}${t.field}:${t.text}${t.prefix ? '*' : ''}${t.phrase ? '"' : ''}`);

describe('parseQuery', () => {
  it('reads words, quoted phrases and negation; the last word is a prefix while typing', () => {
    expect(terms('refund jacket ')).toEqual(['any:refund', 'any:jacket']);
    expect(terms('refund jack')).toEqual(['any:refund', 'any:jack*']);
    expect(terms('"order number" -spam -"out of office" ')).toEqual(['any:order number"', '-any:spam', '-any:out of office"']);
    expect(terms('"order num')).toEqual(['any:order num"']);
    expect(terms('ref*  ')).toEqual(['any:ref*']);
    expect(terms('a')).toEqual(['any:a']);
  });

  it('reads participant and subject filters, with quoted values', () => {
    expect(terms('from:anna to:billing@shop.example cc:cfo subject:"late delivery" ')).toEqual([
      'from:anna',
      'to:billing@shop.example"',
      'to:cfo',
      'subject:late delivery"',
    ]);
    expect(terms('-from:noreply@x.example invoice ')).toEqual(['-from:noreply@x.example"', 'any:invoice']);
    expect(terms('FROM:Anna ')).toEqual(['from:Anna']);
  });

  it('reads has:attachment, dates in local time and tags', () => {
    const q = parseQuery('has:attachment before:2024-05-01 after:2024/04 tag:vip -tag:spam');
    expect(q.hasAttachment).toBe(true);
    expect(q.before).toBe(new Date(2024, 4, 1).getTime());
    expect(q.after).toBe(new Date(2024, 3, 1).getTime());
    expect(q.tags).toEqual([{ tag: 'vip', negated: false }, { tag: 'spam', negated: true }]);
    expect(q.warnings).toEqual([]);
    expect(parseQuery('-has:attachments').hasAttachment).toBe(false);
    expect(parseQuery('after:2024-01-01 after:2024-03-01 before:2025 before:2024-12-01').after).toBe(new Date(2024, 2, 1).getTime());
  });

  it('reads statuses however the agent joins their words, and keeps -status: as an exclusion', () => {
    expect(parseQuery('status:On-Hold status:waiting_on_customer -status:done status:open ').statuses).toEqual([
      { status: 'on_hold', negated: false },
      { status: 'waiting', negated: false },
      { status: 'done', negated: true },
      { status: 'open', negated: false },
    ]);
    // The German window's words, as its sidebar shows them ("Offen" is pending there).
    expect(parseQuery('status:Erledigt status:offen status:"Wartet auf Kunden" ').statuses.map((s) => s.status)).toEqual(['done', 'pending', 'waiting']);
    // A word it does not know may be the team's own label: kept for triage-filter.ts, which knows them.
    expect(parseQuery('status:solved status:pen').statusWords).toEqual([
      { typed: 'solved', negated: false, atEnd: false },
      { typed: 'pen', negated: false, atEnd: true },
    ]);
    expect(parseQuery('status:solved ').warnings).toEqual([]);
  });

  it('warns about what it cannot do, and still searches the rest', () => {
    const q = parseQuery('status:later assignee:me before:yesterday has:pdf foo:bar refund ');
    expect(q.statuses).toEqual([]);
    expect(q.assignees).toEqual([{ who: 'me', negated: false, atEnd: false }]);
    expect(q.before).toBeNull();
    expect(parseQuery('follower:me -following:anna').followers).toEqual([
      { who: 'me', negated: false, atEnd: false },
      { who: 'anna', negated: true, atEnd: true },
    ]);
    expect(isEmptyQuery(parseQuery('follower:me'))).toBe(false);
    expect(q.warnings.map((w) => w.text)).toEqual([
      'before:yesterday is not a date; write it as YYYY-MM-DD.',
      'has:pdf is not a filter; try has:attachment.',
      'foo: is not a filter; it was searched as words.',
    ]);
    expect(terms('foo:bar refund ')).toEqual(['any:foo:bar"', 'any:refund']);
    expect(parseQuery('see https://shop.example/x ').warnings).toEqual([]);
    expect(parseQuery('before:2024-0').warnings).toEqual([]);
    expect(parseQuery('refund OR return ').warnings).toEqual([{ key: 'searchNoOr', vars: {}, text: 'OR is not supported: every word must match.' }]);
    // What the agent typed is a value, never translated: the renderer quotes it in any language.
    expect(parseQuery('-before:2024-01-01 ').warnings).toEqual([
      { key: 'searchNegatedDate', vars: { typed: '-before:', other: 'after:' }, text: '-before: is not supported; use after: instead.' },
    ]);
  });

  it('drops what has nothing to search for, like "Re:" pasted from a subject', () => {
    expect(terms('Re: order ')).toEqual(['any:order']);
    expect(terms('- & -- ... ')).toEqual([]);
    expect(isEmptyQuery(parseQuery('   '))).toBe(true);
    expect(isEmptyQuery(parseQuery('from: '))).toBe(true);
    expect(isEmptyQuery(parseQuery('has:attachment'))).toBe(false);
  });

  it('recognizes a ticket number', () => {
    expect(parseQuery('#k7f3q2').tickets).toEqual(['K7F3Q2']);
    expect(parseQuery('[#K7F3Q2]').tickets).toEqual(['K7F3Q2']);
    expect(parseQuery('#UUUUUU').tickets).toEqual([]);
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const q = parseQuery(text);
        expect(Array.isArray(q.terms)).toBe(true);
        for (const t of q.terms) expect(t.text.trim()).not.toBe('');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseDay', () => {
  it('accepts full and partial dates and rejects impossible ones', () => {
    expect(parseDay('2024-02-29')).toBe(new Date(2024, 1, 29).getTime());
    expect(parseDay('2024')).toBe(new Date(2024, 0, 1).getTime());
    expect(parseDay('2023-02-29')).toBeNull();
    expect(parseDay('2024-13-01')).toBeNull();
    expect(parseDay('soon')).toBeNull();
  });
});
