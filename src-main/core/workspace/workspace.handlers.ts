import type { Database } from 'better-sqlite3';
import type { AppInfo, RuntimeMode } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../log.ts';
import type { Handlers } from '../rpc/router.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { LocalActor } from '../team/local-actor.ts';
import { listAccounts } from '../db/accounts.repo.ts';
import { demoHealth, toAccountSummary } from '../accounts/account-summary.ts';
import { createDemoWorkspace, removeDemoWorkspace } from './demo-workspace.ts';

export type WorkspaceHandlers = Pick<Handlers, 'app.info' | 'workspace.openDemo' | 'workspace.removeDemo'>;

export interface WorkspaceDeps {
  db: Database;
  dataDir: string;
  mode: RuntimeMode;
  version: string;
  secrets: SecretStore;
  events: EventBus;
  log: Logger;
  clock: Clock;
  actor: LocalActor;
}

export function createWorkspaceHandlers(deps: WorkspaceDeps): WorkspaceHandlers {
  // Two clicks on "Open the demo" must not build it twice.
  let opening: Promise<unknown> | null = null;
  return {
    'app.info': (): AppInfo => ({
      version: deps.version,
      mode: deps.mode,
      secretStorage: deps.secrets.kind,
      dataDir: deps.dataDir,
      hasWorkspace: listAccounts(deps.db).length > 0,
    }),
    'workspace.openDemo': async () => {
      const pending = opening ?? createDemoWorkspace(deps.db, deps.dataDir, deps.clock.now(), deps.log, deps.actor);
      opening = pending;
      try {
        const row = await (pending as ReturnType<typeof createDemoWorkspace>);
        deps.events.emit({ type: 'changed', table: 'accounts', ids: [row.id] });
        deps.events.emit({ type: 'changed', table: 'messages' });
        deps.events.emit({ type: 'changed', table: 'templates' });
        return toAccountSummary(row, demoHealth(row));
      } finally {
        opening = null;
      }
    },
    'workspace.removeDemo': () => {
      removeDemoWorkspace(deps.db);
      deps.events.emit({ type: 'changed', table: 'accounts' });
      deps.events.emit({ type: 'changed', table: 'messages' });
      deps.events.emit({ type: 'changed', table: 'templates' });
      deps.events.emit({ type: 'changed', table: 'contacts' });
      return null;
    },
  };
}
