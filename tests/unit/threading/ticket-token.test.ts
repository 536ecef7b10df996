import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extractTokens,
  formatSubjectWithToken,
  normalizeSubject,
  tokenForRoot,
} from '../../../src-main/core/threading/index.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The documented derivation, written out independently: SHA-256, first 30 bits, 6 × 5 bits. */
function expectedToken(id: string): string {
  const digest = createHash('sha256').update(id, 'utf8').digest();
  const bits = ((digest[0] ?? 0) << 22) | ((digest[1] ?? 0) << 14) | ((digest[2] ?? 0) << 6) | ((digest[3] ?? 0) >> 2);
  return [25, 20, 15, 10, 5, 0].map((shift) => CROCKFORD[(bits >> shift) & 31]).join('');
}

describe('tokenForRoot', () => {
  it('is six Crockford base32 characters from the first 30 bits of SHA-256 of the id', () => {
    for (const id of ['a@b', '3A5092A7.1060304@redhat.com', 'ünïcode@例え.jp', 'x'.repeat(200) + '@long']) {
      const token = tokenForRoot(id);
      expect(token).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
      expect(token).toBe(expectedToken(id));
    }
  });

  it('is the same with or without angle brackets, and differs between roots', () => {
    expect(tokenForRoot('<abc@example.com>')).toBe(tokenForRoot('abc@example.com'));
    const tokens = new Set(Array.from({ length: 2000 }, (_, i) => tokenForRoot(`root-${i}@example.com`)));
    expect(tokens.size).toBe(2000);
  });

  it('never contains I, L, O or U', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), (id) => !/[ILOU]/.test(tokenForRoot(id))));
  });
});

describe('extractTokens', () => {
  it('finds every token in order, once each', () => {
    expect(extractTokens('Re: Order problem [#K7F3Q2]')).toEqual(['K7F3Q2']);
    expect(extractTokens('[#AAAAAA] Fwd: [#K7F3Q2] and again [#K7F3Q2]')).toEqual(['AAAAAA', 'K7F3Q2']);
    expect(extractTokens('no token here, #K7F3Q2 without brackets')).toEqual([]);
  });

  it('reads tokens the way a person may retype them (Crockford decoding, full width)', () => {
    expect(extractTokens('re: [#k7f3q2]')).toEqual(['K7F3Q2']);
    expect(extractTokens('[# K7F3Q2 ]')).toEqual(['K7F3Q2']);
    expect(extractTokens('[#1O1L1I]')).toEqual(['101111']);
    expect(extractTokens('回复：［＃Ｋ７Ｆ３Ｑ２］')).toEqual(['K7F3Q2']);
  });

  it('rejects what cannot be a token', () => {
    expect(extractTokens('[#K7F3Q]')).toEqual([]);
    expect(extractTokens('[#K7F3Q2X]')).toEqual([]);
    expect(extractTokens('[#K7F3QU]')).toEqual([]);
    expect(extractTokens('[K7F3Q2]')).toEqual([]);
  });
});

describe('formatSubjectWithToken', () => {
  it('appends the token after the subject so Re: stays in front', () => {
    expect(formatSubjectWithToken('Order problem', 'K7F3Q2')).toBe('Order problem [#K7F3Q2]');
    expect(formatSubjectWithToken('Re: Order problem', 'K7F3Q2')).toBe('Re: Order problem [#K7F3Q2]');
    expect(formatSubjectWithToken('', 'K7F3Q2')).toBe('[#K7F3Q2]');
  });

  it('never doubles the token and replaces a stale one', () => {
    expect(formatSubjectWithToken('Re: Order problem [#K7F3Q2]', 'K7F3Q2')).toBe('Re: Order problem [#K7F3Q2]');
    expect(formatSubjectWithToken('Re: [#k7f3q2] Order problem', 'K7F3Q2')).toBe('Re: Order problem [#K7F3Q2]');
    expect(formatSubjectWithToken('Re: Order problem [#AAAAAA]', 'K7F3Q2')).toBe('Re: Order problem [#K7F3Q2]');
  });

  it('is idempotent, carries exactly that token, and keeps the base subject', () => {
    const token = fc.stringMatching(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
    fc.assert(
      fc.property(fc.string(), token, (subject, t) => {
        const once = formatSubjectWithToken(subject, t);
        expect(formatSubjectWithToken(once, t)).toBe(once);
        expect(extractTokens(once)).toEqual([t]);
        expect(normalizeSubject(once).base).toBe(normalizeSubject(subject).base);
      }),
    );
  });

  it('refuses a malformed token with a clear error', () => {
    expect(() => formatSubjectWithToken('x', 'K7F3')).toThrow(/not a ticket token/);
    expect(() => formatSubjectWithToken('x', 'UUUUUU')).toThrow(RangeError);
  });
});
