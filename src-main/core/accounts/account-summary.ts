import type { AccountHealth, AccountSummary } from '../../../src-preload/api.ts';
import type { AccountRow } from '../db/accounts.repo.ts';

export function toAccountSummary(row: AccountRow, health: AccountHealth): AccountSummary {
  return { id: row.id, kind: row.kind, name: row.name, email: row.email, health };
}

/** The demo workspace has no server: it is always "connected", synced when it was made. */
export function demoHealth(row: AccountRow): AccountHealth {
  return { state: 'connected', progress: null, lastError: null, lastSyncAt: row.created_at };
}
