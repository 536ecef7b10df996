/**
 * The core service: one per workspace, whatever carries its messages
 * (a WebSocket in browser mode, MessagePorts in Electron, direct calls in
 * tests). It owns the cache (single writer, locked), the sync connections and
 * the domain handlers, and answers every message with exactly one reply.
 */
import type { Database } from 'better-sqlite3';
import type { DeskEvent, RuntimeMode, ServerMessage } from '../../src-preload/api.ts';
import { SyncManager } from './accounts/sync-manager.ts';
import { createAccountHandlers } from './accounts/accounts.handlers.ts';
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import { openDatabase } from './db/connection.ts';
import { acquireWorkspaceLock } from './db/lock.ts';
import { accountsOfKind, listAccounts } from './db/accounts.repo.ts';
import { EventBus } from './events.ts';
import type { Logger } from './log.ts';
import { createMessageHandlers } from './messages/messages.handlers.ts';
import { readOriginal } from './messages/message-original.ts';
import { createFolderHandlers } from './folders/folders.handlers.ts';
import { createAttachmentHandlers } from './attachments/attachments.handlers.ts';
import { scheduleAttachmentGc } from './attachments/attachment-gc.ts';
import { createConversationHandlers } from './conversations/conversations.handlers.ts';
import { createContactHandlers } from './contacts/contacts.handlers.ts';
import { createSearchHandlers } from './search/search.handlers.ts';
import { createLocalActor } from './team/local-actor.ts';
import { cacheFile } from './paths.ts';
import type { Handlers } from './rpc/router.ts';
import { dispatch } from './rpc/router.ts';
import type { SecretStore } from './secrets/secret-store.ts';
import { startTriage } from './triage/triage.service.ts';
import { startCompose } from './compose/compose.service.ts';
import { startTeam } from './team/team.service.ts';
import { createWorkspaceHandlers } from './workspace/workspace.handlers.ts';
import { createRuleHandlers } from './rules/rules.handlers.ts';
import { onRuleOps } from './rules/rule-step.ts';
import { Acknowledger } from './rules/acknowledger.ts';
import { demoWasDismissed } from './workspace/demo-workspace.ts';
import { APP_VERSION } from './version.ts';

export interface CoreOptions {
  dataDir: string;
  mode: RuntimeMode;
  secrets: SecretStore;
  log: Logger;
  clock?: Clock;
  /** Browser mode's `npm start`: open the demo workspace when there is no account and it was not removed. */
  demoIfEmpty?: boolean;
}

export interface CoreService {
  handle(raw: unknown): Promise<ServerMessage>;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  readonly db: Database;
  /** Set when a corrupt cache was found and moved aside at start. */
  readonly recoveredFrom: string | null;
  close(): Promise<void>;
}

export async function startCore(options: CoreOptions): Promise<CoreService> {
  const log = options.log;
  const clock = options.clock ?? systemClock;
  const lock = acquireWorkspaceLock(options.dataDir);
  let db: Database;
  let recoveredFrom: string | null;
  try {
    ({ db, recoveredFrom } = openDatabase(cacheFile(options.dataDir)));
  } catch (err) {
    lock.release();
    throw err;
  }
  if (recoveredFrom) log.error('the cache was corrupt; it was moved aside and a new one created', { movedTo: recoveredFrom });

  const events = new EventBus();
  // The one author of this desktop's team ops: two HLCs on one node could issue the same timestamp.
  const actor = createLocalActor(db, clock);
  const syncs = new SyncManager({ db, dataDir: options.dataDir, secrets: options.secrets, events, log, clock });
  const workspace = createWorkspaceHandlers({ db, dataDir: options.dataDir, mode: options.mode, version: APP_VERSION, secrets: options.secrets, events, log, clock, actor });
  const triage = startTriage({ db, events, actor, clock, log });
  const compose = startCompose({ db, dataDir: options.dataDir, secrets: options.secrets, events, actor, clock, log, syncs });
  const team = startTeam({ db, secrets: options.secrets, events, actor, clock, log });
  const handlers: Handlers = {
    ...triage.handlers,
    ...compose.handlers,
    ...team.handlers,
    ...workspace,
    ...createAccountHandlers({ db, secrets: options.secrets, syncs, events, log, clock, actor }),
    ...createMessageHandlers({ db, events, syncs, clock, original: (id) => readOriginal({ db, secrets: options.secrets, clock, log }, id) }),
    ...createFolderHandlers({ db }),
    ...createAttachmentHandlers({ db, dataDir: options.dataDir, syncs }),
    ...createConversationHandlers({ db, events, actor, clock, log, syncs }),
    ...createContactHandlers({ db, events, actor, clock }),
    ...createSearchHandlers({ db, log, freshTriage: triage.fresh }),
    ...createRuleHandlers({ db, actor, events, clock }),
  };
  // What automation rules did to new mail goes to the team and the triage fold like the agent's own changes.
  const stopRuleOps = onRuleOps((changed, ops) => {
    if (changed === db) actor.announce(ops);
  });
  const acknowledger = new Acknowledger({
    db,
    dataDir: options.dataDir,
    secrets: options.secrets,
    events,
    clock,
    log: log.child('acknowledger'),
    actor,
    team: () => {
      const transport = team.transport();
      return transport ? { accountId: transport.accountId, sync: async () => void (await transport.syncIfConnected()) } : null;
    },
  });

  if (options.demoIfEmpty && listAccounts(db).length === 0 && !demoWasDismissed(db)) {
    await workspace['workspace.openDemo']({});
  }
  for (const account of accountsOfKind(db, 'imap')) await syncs.start(account);
  void acknowledger.poke();
  const stopAttachmentGc = scheduleAttachmentGc({ db, dataDir: options.dataDir, clock, log: log.child('attachments') });
  log.info('core started', { dataDir: options.dataDir, mode: options.mode, accounts: listAccounts(db).length });

  let closed = false;
  return {
    db,
    recoveredFrom,
    handle: (raw) => dispatch(handlers, raw, log),
    subscribe: (listener) => events.subscribe(listener),
    async close() {
      if (closed) return;
      closed = true;
      stopAttachmentGc();
      stopRuleOps();
      await acknowledger.close();
      await team.close();
      await compose.close();
      triage.close();
      await syncs.stopAll();
      db.close();
      lock.release();
      log.info('core stopped');
    },
  };
}
