import { describe, expect, it } from 'vitest';
import { partition, ThreadIndex, tokenForRoot } from '../../../src-main/core/threading/index.ts';
import type { Override, ThreadInput } from '../../../src-main/core/threading/index.ts';
import { conversationWith, groupsOf, mail, OPTIONS } from './support/mail.ts';

// m1 ← m2 ← m3, m1 ← m4: one conversation until an agent splits it.
const thread: ThreadInput[] = [
  mail(1, { subject: 'Printer broken' }),
  mail(2, { inReplyTo: 'm1@mail.example', subject: 'Re: Printer broken' }),
  mail(3, { inReplyTo: 'm2@mail.example', references: ['m1@mail.example', 'm2@mail.example'] }),
  mail(4, { inReplyTo: 'm1@mail.example' }),
];
const other = mail(10, { subject: 'Invoice' });

describe('split', () => {
  const split: Override = { kind: 'split', seq: '0001', messageId: 'm2@mail.example' };

  it('moves the message and its descendants into a conversation rooted at it', () => {
    const result = partition(thread, OPTIONS, [split]);
    expect(groupsOf(result)).toEqual([[1, 4], [2, 3]]);
    expect(conversationWith(result, 1).token).toBe(tokenForRoot('m1@mail.example'));
    expect(conversationWith(result, 2).rootId).toBe('m2@mail.example');
    expect(conversationWith(result, 2).token).toBe(tokenForRoot('m2@mail.example'));
  });

  it('keeps later replies to the split part there, and its token resolves', () => {
    const replyToSplit = mail(5, { inReplyTo: 'm3@mail.example', references: ['m1@mail.example', 'm2@mail.example', 'm3@mail.example'] });
    const freshWithSplitToken = mail(6, { subject: `Any news? [#${tokenForRoot('m2@mail.example')}]` });
    const replyToRest = mail(7, { inReplyTo: 'm4@mail.example', references: ['m1@mail.example', 'm4@mail.example'] });
    const result = partition([...thread, replyToSplit, freshWithSplitToken, replyToRest], OPTIONS, [split]);
    expect(groupsOf(result)).toEqual([[1, 4, 7], [2, 3, 5, 6]]);
  });

  it('does nothing for an unknown id or a conversation that is already just that subtree', () => {
    expect(groupsOf(partition(thread, OPTIONS, [{ kind: 'split', seq: '1', messageId: 'nobody@x' }]))).toEqual([[1, 2, 3, 4]]);
    expect(groupsOf(partition(thread, OPTIONS, [{ kind: 'split', seq: '1', messageId: 'm1@mail.example' }]))).toEqual([[1, 2, 3, 4]]);
  });
});

describe('merge', () => {
  const merge: Override = { kind: 'merge', seq: '0002', messageIdA: 'm10@mail.example', messageIdB: 'm3@mail.example' };

  it('joins the two conversations under the older root and keeps both tokens valid', () => {
    const result = partition([...thread, other], OPTIONS, [merge]);
    expect(groupsOf(result)).toEqual([[1, 2, 3, 4, 10]]);
    expect(result[0]?.token).toBe(tokenForRoot('m1@mail.example'));
    expect(result[0]?.aliases).toContain(tokenForRoot('m10@mail.example'));
  });

  it('applies split and merge in seq order, whatever order the ops arrived in', () => {
    const split: Override = { kind: 'split', seq: '0003', messageId: 'm2@mail.example' };
    const mergeFirst = partition([...thread, other], OPTIONS, [split, merge]);
    expect(partition([...thread, other], OPTIONS, [merge, split])).toEqual(mergeFirst);
    // merge(m10, m3) then split(m2): m2's subtree leaves the merged conversation.
    expect(groupsOf(mergeFirst)).toEqual([[1, 4, 10], [2, 3]]);
    // With the split first, the merge joins m10 to the split-off part instead.
    const splitFirst = partition([...thread, other], OPTIONS, [{ ...split, seq: '0001' }, merge]);
    expect(groupsOf(splitFirst)).toEqual([[1, 4], [2, 3, 10]]);
  });
});

describe('ThreadIndex with overrides', () => {
  it('applies an override that names a message before it arrives, once it arrives', () => {
    const index = new ThreadIndex(OPTIONS, [{ kind: 'merge', seq: '1', messageIdA: 'm1@mail.example', messageIdB: 'm10@mail.example' }]);
    for (const m of thread) index.add(m);
    expect(groupsOf(index.conversations())).toEqual([[1, 2, 3, 4]]);
    const change = index.add(other);
    expect(groupsOf(change.added)).toEqual([[1, 2, 3, 4, 10]]);
    expect(groupsOf(change.removed)).toEqual([[1, 2, 3, 4]]);
    expect(index.conversations()).toEqual(partition([...thread, other], OPTIONS, [{ kind: 'merge', seq: '1', messageIdA: 'm1@mail.example', messageIdB: 'm10@mail.example' }]));
  });

  it('reports only the conversations an override changed', () => {
    const index = new ThreadIndex(OPTIONS);
    for (const m of [...thread, other]) index.add(m);
    const change = index.addOverride({ kind: 'split', seq: '9', messageId: 'm2@mail.example' });
    expect(groupsOf(change.removed)).toEqual([[1, 2, 3, 4]]);
    expect(groupsOf(change.added)).toEqual([[1, 4], [2, 3]]);
    expect(index.conversationsForToken(tokenForRoot('m2@mail.example')).map((c) => c.rootId)).toEqual(['m2@mail.example']);
  });
});
