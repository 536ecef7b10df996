/**
 * messages.*: lists, the reading view's detail, and the agent's changes
 * (read state, moves), which go to the server through the sync engine's
 * write-back queue (message-actions.ts).
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { Handlers } from '../rpc/router.ts';
import { DeskFailure } from '../rpc/router.ts';
import { sentence } from '../sentences.ts';
import { membersOfConversations } from '../db/conversations.repo.ts';
import { getBodyState, getMessage, InvalidCursorError, listMessages } from '../db/messages.repo.ts';
import type { ActionResult } from './message-actions.ts';
import { markRead, moveMessages, moveMessagesBack } from './message-actions.ts';
import type { MessageOriginal } from '../../../src-preload/api.ts';

export type MessageHandlers = Pick<Handlers, 'messages.list' | 'messages.get' | 'messages.original' | 'messages.setRead' | 'messages.move' | 'messages.moveBack'>;

/** What the handlers need from the sync engine (accounts/sync-manager.ts). */
export interface MessageSync {
  ensureBody(messageId: number): Promise<boolean>;
  writebackQueued(accountId: number): void;
}

/** `original`: reads a message's source from where it lives (message-original.ts `readOriginal`). */
export function createMessageHandlers(deps: { db: Database; events: EventBus; syncs: MessageSync; clock: Clock; original(id: number): Promise<MessageOriginal> }): MessageHandlers {
  const afterAction = (result: ActionResult): null => {
    for (const accountId of result.queuedFor) deps.syncs.writebackQueued(accountId);
    if (result.changed.length > 0) {
      deps.events.emit({ type: 'changed', table: 'messages', ids: result.changed });
      deps.events.emit({ type: 'changed', table: 'folders' });
    }
    return null;
  };
  return {
    'messages.list': (params) => {
      try {
        return listMessages(deps.db, params);
      } catch (err) {
        if (err instanceof InvalidCursorError) throw new DeskFailure('bad-request', sentence('listPositionStale'));
        throw err;
      }
    },
    'messages.get': async ({ id }) => {
      const state = getBodyState(deps.db, id);
      if (!state) throw new DeskFailure('not-found', sentence('messageGone'));
      // Headers-first sync: the body may not be cached yet; fetch it ahead of the background work.
      if (!state.hasBody && !(await deps.syncs.ensureBody(id))) {
        throw new DeskFailure('unavailable', sentence('messageNotDownloaded'));
      }
      const message = getMessage(deps.db, id);
      if (!message) throw new DeskFailure('not-found', sentence('messageGone'));
      return message;
    },
    'messages.original': ({ id }) => deps.original(id),
    'messages.setRead': ({ ids, read }) => afterAction(markRead(deps.db, ids, read, deps.clock.now())),
    'messages.move': (params) => {
      const ids = 'ids' in params ? params.ids : membersOfConversations(deps.db, params.conversationIds);
      const result = moveMessages(deps.db, ids, params.to, deps.clock.now());
      deps.events.emit({ type: 'changed', table: 'conversations' });
      afterAction(result);
      return { undo: result.undo };
    },
    'messages.moveBack': ({ moves }) => {
      const result = moveMessagesBack(deps.db, moves, deps.clock.now());
      deps.events.emit({ type: 'changed', table: 'conversations' });
      return afterAction(result);
    },
  };
}
