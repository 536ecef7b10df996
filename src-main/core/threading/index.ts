/**
 * The threading core's public surface: pure functions and one incremental
 * index, no database, no I/O. See partition.ts for the rules and their order.
 */
export { keysOfMessages, partition, partitionKeys, tokenMemo } from './partition.ts';
export { ThreadIndex } from './thread-index.ts';
export { canonicalToken, extractTokens, formatSubjectWithToken, stripTokens, tokenForRoot } from './ticket-token.ts';
export { normalizeSubject, REPLY_PREFIXES } from './subject.ts';
export { lastMessageIdIn, messageIdsIn, normalizeMessageId, syntheticMessageId } from './message-id.ts';
export { customerAddress, DEFAULT_SUBJECT_WINDOW_DAYS, isTeamMail, ownAddressSet, threadKeysOf } from './thread-keys.ts';
export type { ThreadKeys } from './thread-keys.ts';
export type { Conversation, ConversationChange, Override, ThreadInput, ThreadingOptions } from './types.ts';
