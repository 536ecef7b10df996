import { describe, expect, it } from 'vitest';
import {
  lastMessageIdIn,
  messageIdsIn,
  normalizeMessageId,
  syntheticMessageId,
} from '../../../src-main/core/threading/index.ts';

describe('Message-IDs', () => {
  it('strips brackets and keeps case', () => {
    expect(normalizeMessageId('<ABC.def@Host.example>')).toBe('ABC.def@Host.example');
    expect(normalizeMessageId(' abc@host ')).toBe('abc@host');
  });

  it('rejects garbage that would otherwise join unrelated mail', () => {
    for (const junk of ['', '<>', 'no.id', '<no.id>', 'a b@c', '@host', 'local@', 'x'.repeat(300) + '@h', 'null']) {
      expect(normalizeMessageId(junk)).toBeNull();
    }
    // Real ids without "@" from the linux-mips archive are kept.
    expect(normalizeMessageId('<94684699_88790458>')).toBe('94684699_88790458');
  });

  it('reads header values: brackets win, prose yields nothing', () => {
    expect(messageIdsIn('<a@x> <b@x>\n\t<c@x>')).toEqual(['a@x', 'b@x', 'c@x']);
    expect(messageIdsIn('<a@x>; from joe@x on Tue, 3 Jan 2001')).toEqual(['a@x']);
    expect(messageIdsIn("hjl@lucon.org's message of \"Sat, 2 Feb 2002 20:04:10 +0000 (UTC)\"")).toEqual([]);
    expect(messageIdsIn("Joe deBlaquiere's message of Thu, 11 Jan 2001 21:11:00 -0600")).toEqual([]);
    expect(messageIdsIn('a@x b@x')).toEqual(['a@x', 'b@x']);
    expect(messageIdsIn(null)).toEqual([]);
  });

  it('takes the last valid id of In-Reply-To', () => {
    expect(lastMessageIdIn('<a@x> <b@x>')).toBe('b@x');
    expect(lastMessageIdIn('<a@x> <no.id>')).toBe('a@x');
    expect(lastMessageIdIn('<no.id>')).toBeNull();
  });

  it('synthesizes a stable id from From, Date and Subject', () => {
    const a = syntheticMessageId('Alice@Example.com', 1_700_000_000_000, 'Hello');
    expect(a).toBe(syntheticMessageId('alice@example.com', 1_700_000_000_000, ' Hello '));
    expect(a).toMatch(/^[0-9a-f]{32}@synthetic\.switchboard\.invalid$/);
    expect(a).not.toBe(syntheticMessageId('alice@example.com', 1_700_000_000_001, 'Hello'));
    expect(normalizeMessageId(a)).toBe(a);
    expect(syntheticMessageId('alice@example.com', 1_700_000_000_000, 'Hello', 'dedupe-key-1')).not.toBe(
      syntheticMessageId('alice@example.com', 1_700_000_000_000, 'Hello', 'dedupe-key-2'),
    );
  });
});
