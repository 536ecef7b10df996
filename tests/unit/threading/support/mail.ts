/** Builders for hand-written threading cases. */
import type { Conversation, ThreadInput } from '../../../../src-main/core/threading/index.ts';

export const DAY = 24 * 60 * 60 * 1000;
export const T0 = Date.UTC(2024, 2, 1, 9, 0, 0);
export const day = (n: number): number => T0 + n * DAY;

export const DESK = 'support@desk.example';
export const OPTIONS = { ownAddresses: [DESK] };

export function mail(key: number, fields: Partial<ThreadInput> & { id?: string | null }): ThreadInput {
  const { id, ...rest } = fields;
  return {
    key,
    messageId: id === undefined ? `m${key}@mail.example` : id,
    inReplyTo: null,
    references: [],
    subject: 'Hello',
    from: 'alice@customer.example',
    to: [DESK],
    date: day(key),
    ...rest,
  };
}

/** Conversations as sets of keys, for readable expectations. */
export function groupsOf(conversations: readonly Conversation[]): number[][] {
  return conversations.map((c) => [...c.keys].sort((a, b) => a - b)).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

export function conversationWith(conversations: readonly Conversation[], key: number): Conversation {
  const found = conversations.find((c) => c.keys.includes(key));
  if (!found) throw new Error(`no conversation holds key ${key}`);
  return found;
}
