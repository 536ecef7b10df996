import { describe, expect, it } from 'vitest';
import { dedupeKey, normalizeMessageId } from '../../../src-main/core/mail/dedupe-key.ts';
import type { DedupeParts } from '../../../src-main/core/mail/dedupe-key.ts';

const base: DedupeParts = {
  messageId: '<order-4711@shop.example>',
  dateHeader: 'Mon, 6 Jan 2025 08:30:00 +0000',
  fromAddress: 'customer@shop.example',
  subject: 'Where is my order?',
  size: 1234,
};

describe('dedupeKey', () => {
  it('is the same for two copies of one mail, however the headers were spaced or cased', () => {
    const copy: DedupeParts = {
      ...base,
      messageId: '  <ORDER-4711@shop.example>  ',
      fromAddress: 'Customer@Shop.Example',
      dateHeader: 'Mon,  6 Jan 2025\t08:30:00 +0000',
      subject: ' Where is my  order? ',
    };
    expect(dedupeKey(copy)).toBe(dedupeKey(base));
    expect(dedupeKey(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells apart different mails that reuse a Message-ID', () => {
    const keys = new Set([
      dedupeKey(base),
      dedupeKey({ ...base, subject: 'Re: Where is my order?' }),
      dedupeKey({ ...base, dateHeader: 'Tue, 7 Jan 2025 08:30:00 +0000' }),
      dedupeKey({ ...base, fromAddress: 'bounce@mailer.example' }),
      dedupeKey({ ...base, size: 1235 }),
    ]);
    expect(keys.size).toBe(5);
  });

  it('handles mail without Message-ID or Date', () => {
    const a = dedupeKey({ ...base, messageId: null, dateHeader: null });
    const b = dedupeKey({ ...base, messageId: null, dateHeader: null, subject: 'Other' });
    expect(a).not.toBe(b);
    expect(a).toBe(dedupeKey({ ...base, messageId: null, dateHeader: null }));
  });

  it('uses the bytes when there is no Message-ID, so look-alike notifications stay apart', () => {
    const noId = { ...base, messageId: null, dateHeader: null };
    const a = Buffer.from('Subject: x\r\n\r\nbody A');
    const b = Buffer.from('Subject: x\r\n\r\nbody B');
    expect(dedupeKey({ ...noId, raw: a })).not.toBe(dedupeKey({ ...noId, raw: b }));
    expect(dedupeKey({ ...noId, raw: a })).toBe(dedupeKey({ ...noId, raw: Buffer.from(a) }));
    // With a Message-ID the bytes do not matter (the header fields decide).
    expect(dedupeKey({ ...base, raw: a })).toBe(dedupeKey({ ...base, raw: b }));
  });

  it('cannot be fooled by moving text from one field to the next', () => {
    expect(dedupeKey({ ...base, fromAddress: 'a', subject: 'b c' })).not.toBe(dedupeKey({ ...base, fromAddress: 'a b', subject: 'c' }));
  });
});

describe('normalizeMessageId', () => {
  it('strips brackets and whitespace and lowercases', () => {
    expect(normalizeMessageId(' <AbC@X.Example> ')).toBe('abc@x.example');
    expect(normalizeMessageId(null)).toBe('');
  });
});
