import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../src-main/core/search/query-parser.ts';
import { cleanForSnippet, highlightFragment, highlightTerms, highlightWhole } from '../../../src-main/core/search/snippet.ts';

const termsOf = (q: string) => highlightTerms(parseQuery(q).terms);
const show = (segments: ReturnType<typeof highlightWhole>) => (segments ?? []).map((s) => (s.match ? `[${s.text}]` : s.text)).join('');

describe('snippets', () => {
  it('mark words, phrases and prefixes as segments, folding case and diacritics like the index', () => {
    expect(show(highlightWhole('Rückerstattung für Bestellung NW-31284', termsOf('ruckerstattung ')))).toBe('[Rückerstattung] für Bestellung NW-31284');
    expect(show(highlightWhole('Your ORDER number is 42, order no.', termsOf('"order number" ')))).toBe('Your [ORDER number] is 42, order no.');
    expect(show(highlightWhole('Refunded, refunds and a refund', termsOf('refu')))).toBe('[Refunded], [refunds] and a [refund]');
    expect(show(highlightWhole('nothing here', termsOf('refund ')))).toBe('');
  });

  it('never highlights what was negated or only a participant filter', () => {
    expect(termsOf('-refund from:anna to:bob')).toEqual([]);
    expect(termsOf('subject:invoice refund ')).toHaveLength(2);
  });

  it('cut a long body around the best spot, with ellipses', () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
    words[150] = 'refund';
    const segments = highlightFragment(words.join(' '), termsOf('refund '));
    const text = show(segments);
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text).toContain('[refund]');
    expect(text.length).toBeLessThan(200);
    expect(segments?.filter((s) => s.match)).toEqual([{ text: 'refund', match: true }]);
  });

  it('clean mail text so it cannot carry control characters into a snippet', () => {
    expect(cleanForSnippet('a\u0002b\u0003c\n\n d\t')).toBe('a b c d');
  });
});
