import type { Database } from 'better-sqlite3';
import type { EventBus } from '../events.ts';
import type { Handlers } from '../rpc/router.ts';
import { DeskFailure } from '../rpc/router.ts';
import { getMessage, InvalidCursorError, listMessages, setSeen } from '../db/messages.repo.ts';

export type MessageHandlers = Pick<Handlers, 'messages.list' | 'messages.get' | 'messages.setRead'>;

export function createMessageHandlers(deps: { db: Database; events: EventBus }): MessageHandlers {
  return {
    'messages.list': (params) => {
      try {
        return listMessages(deps.db, params);
      } catch (err) {
        if (err instanceof InvalidCursorError) throw new DeskFailure('bad-request', 'The list position is no longer valid; reload the list.');
        throw err;
      }
    },
    'messages.get': ({ id }) => {
      const message = getMessage(deps.db, id);
      if (!message) throw new DeskFailure('not-found', 'That message is no longer in the mailbox.');
      return message;
    },
    'messages.setRead': ({ ids, read }) => {
      // Local for now; writing \Seen back to the server is the sync engine's write-back queue.
      setSeen(deps.db, ids, read);
      deps.events.emit({ type: 'changed', table: 'messages', ids });
      return null;
    },
  };
}
