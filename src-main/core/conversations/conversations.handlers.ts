/**
 * conversations.* methods: the ticket list, the reading view, and the
 * agent's split and merge (recorded as team ops, thread-overrides.ts).
 *
 * Change events: conversations are derived from messages, so every
 * `messages` change (new mail, read flags, deletions by the sync) is also
 * announced as a `conversations` change; stores re-query what they show.
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log.ts';
import type { Handlers } from '../rpc/router.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import { conversationIdOfMessage, conversationMemberIds, getConversationSummary, listConversations, rootOfConversation } from '../db/conversations.repo.ts';
import { threadMessage } from '../db/thread-index.repo.ts';
import { getBodyState, InvalidCursorError } from '../db/messages.repo.ts';
import type { LocalActor } from '../team/local-actor.ts';
import '../contacts/contact-step.ts';
import { conversationDetail } from './conversation-view.ts';
import { repairStaleConversations } from './rethread.ts';
import { catchUpPipeline } from './thread-step.ts';
import { applyThreadOps, mergeChange, splitChange } from './thread-overrides.ts';

export type ConversationHandlers = Pick<Handlers, 'conversations.list' | 'conversations.get' | 'conversations.split' | 'conversations.merge'>;

/** What the reading view needs from the sync engine (accounts/sync-manager.ts), as messages.get does. */
export interface ConversationSync {
  ensureBody(messageId: number): Promise<boolean>;
}

export interface ConversationDeps {
  db: Database;
  events: EventBus;
  actor: LocalActor;
  clock: Clock;
  log: Logger;
  /** Without it, a conversation shows only the bodies already cached. */
  syncs?: ConversationSync;
}

/**
 * Headers-first sync: some members' bodies may not be cached yet. They are
 * asked for ahead of the background backfill, all at once (the sync serves
 * them one after another on its connection). One that cannot be fetched
 * (offline, gone from the server) shows from its headers; the rest of the
 * conversation still opens.
 */
async function fetchMissingBodies(db: Database, syncs: ConversationSync, conversationId: number): Promise<void> {
  const missing = conversationMemberIds(db, conversationId).filter((id) => getBodyState(db, id)?.hasBody === false);
  await Promise.all(missing.map((id) => syncs.ensureBody(id).catch(() => false)));
}

export function splitConversation(db: Database, actor: LocalActor, messageId: number): number {
  const keys = threadMessage(db, messageId);
  if (!keys) throw new DeskFailure('not-found', sentence('messageGone'));
  db.transaction(() => applyThreadOps(db, actor.record([splitChange(keys.thread_id)])))();
  const conversationId = conversationIdOfMessage(db, messageId);
  if (conversationId === null) throw new Error(`split: message ${messageId} has no conversation afterwards`);
  return conversationId;
}

export function mergeConversations(db: Database, actor: LocalActor, targetId: number, sourceId: number): number {
  if (targetId === sourceId) throw new DeskFailure('bad-request', sentence('mergeConversationWithItself'));
  const target = getConversationSummary(db, targetId);
  const source = getConversationSummary(db, sourceId);
  const targetRoot = rootOfConversation(db, targetId);
  const sourceRoot = rootOfConversation(db, sourceId);
  if (!target || !source || targetRoot === null || sourceRoot === null) throw new DeskFailure('not-found', sentence('conversationGone'));
  if (target.accountId !== source.accountId) throw new DeskFailure('bad-request', sentence('mergeAcrossMailboxes'));
  const member = conversationMemberIds(db, targetId)[0];
  db.transaction(() => applyThreadOps(db, actor.record([mergeChange(targetRoot, sourceRoot)])))();
  const merged = member === undefined ? null : conversationIdOfMessage(db, member);
  if (merged === null) throw new Error(`merge: conversation ${targetId} has no messages afterwards`);
  return merged;
}

export function createConversationHandlers(deps: ConversationDeps): ConversationHandlers {
  const { db, events, actor } = deps;
  const started = deps.clock.now();
  const caughtUp = catchUpPipeline(db);
  if (caughtUp > 0) deps.log.info('threaded messages stored before conversations existed', { messages: caughtUp, ms: deps.clock.now() - started });

  events.subscribe((event) => {
    if (event.type !== 'changed' || event.table !== 'messages') return;
    repairStaleConversations(db);
    events.emit({ type: 'changed', table: 'conversations' });
  });
  const changed = (ids: number[]): void => events.emit({ type: 'changed', table: 'conversations', ids });

  return {
    'conversations.list': (params) => {
      try {
        return listConversations(db, params);
      } catch (err) {
        if (err instanceof InvalidCursorError) throw new DeskFailure('bad-request', sentence('listPositionStale'));
        throw err;
      }
    },
    'conversations.get': async ({ id }) => {
      if (deps.syncs) await fetchMissingBodies(db, deps.syncs, id);
      const detail = conversationDetail(db, id);
      if (!detail) throw new DeskFailure('not-found', sentence('conversationGone'));
      return detail;
    },
    'conversations.split': ({ messageId }) => {
      const before = conversationIdOfMessage(db, messageId);
      const conversationId = splitConversation(db, actor, messageId);
      changed(before === null ? [conversationId] : [before, conversationId]);
      return { conversationId };
    },
    'conversations.merge': ({ targetId, sourceId }) => {
      const conversationId = mergeConversations(db, actor, targetId, sourceId);
      changed([targetId, sourceId, conversationId]);
      return { conversationId };
    },
  };
}
