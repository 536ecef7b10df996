import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from '../../../src-renderer/features/command-palette/fuzzy.ts';
import { insertMention, mentionAtCaret, parseInline, parseNote } from '../../../src-renderer/features/activity/note-markdown.ts';

describe('fuzzy matching', () => {
  const commands = ['Mark as done', 'Snooze…', 'Go to Inbox', 'Go to Snoozed', 'Assign…', 'Set your name and address (agent identity)…'];

  it('matches characters in order and rejects the rest', () => {
    expect(fuzzyScore('snz', 'Snooze…')).not.toBeNull();
    expect(fuzzyScore('zns', 'Snooze…')).toBeNull();
  });

  it('ranks word starts and prefixes first', () => {
    expect(fuzzyFilter('gi', commands, (c) => c)[0]).toBe('Go to Inbox');
    expect(fuzzyFilter('snooze', commands, (c) => c)[0]).toBe('Snooze…');
    expect(fuzzyFilter('identity', commands, (c) => c)).toEqual(['Set your name and address (agent identity)…']);
    expect(fuzzyFilter('', commands, (c) => c)).toEqual(commands);
  });
});

describe('note markdown', () => {
  it('parses inline marks into data, never HTML', () => {
    expect(parseInline('**Refund** sent, see `#K7F3Q2` and ask @alice@acme.test')).toEqual([
      { kind: 'strong', text: 'Refund' },
      { kind: 'text', text: ' sent, see ' },
      { kind: 'code', text: '#K7F3Q2' },
      { kind: 'text', text: ' and ask ' },
      { kind: 'mention', text: '@alice@acme.test' },
    ]);
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
  });

  it('links only web and mail addresses', () => {
    expect(parseInline('[order](https://shop.example/o/1)')).toEqual([{ kind: 'link', text: 'order', href: 'https://shop.example/o/1' }]);
    expect(parseInline('[x](javascript:alert(1))')[0]?.kind).toBe('text');
  });

  it('splits paragraphs and lists', () => {
    expect(parseNote('Called her.\n\n- refund\n- new shade')).toEqual([
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'Called her.' }] },
      { kind: 'list', items: [[{ kind: 'text', text: 'refund' }], [{ kind: 'text', text: 'new shade' }]] },
    ]);
  });

  it('completes the @mention at the caret', () => {
    expect(mentionAtCaret('ask @al', 7)).toEqual({ start: 4, query: 'al' });
    expect(mentionAtCaret('mail bob@x', 10)).toBeNull();
    expect(insertMention('ask @al please', 7, 'alice@acme.test')).toEqual({ text: 'ask @alice@acme.test  please', caret: 21 });
  });
});
