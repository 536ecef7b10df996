import type { AccountHealth, AccountSummary, HealthState, SyncProgress } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import { formatEta } from '../../i18n/format.ts';

/** The account's state in a word or two, as the sidebar shows it. */
export function healthText(health: AccountHealth): string {
  switch (health.state) {
    case 'connected':
      return t('health.connected');
    case 'syncing':
      return t('health.syncing');
    case 'offline':
      return t('health.offline');
    case 'auth-failed':
      return t('health.authFailed');
    case 'error':
      return t('health.error');
  }
}

const PHASE_TEXT = {
  headers: 'health.headersProgress',
  threading: 'health.threadingProgress',
  bodies: 'health.bodiesProgress',
} as const satisfies Record<SyncProgress['phase'], string>;

/** "Downloading headers 1,200 of 5,000 — about 40 s left" / "Caching messages for offline use 30 of 800". */
export function progressText(progress: SyncProgress): string {
  const counts = { done: progress.done, total: progress.total };
  const what = t(PHASE_TEXT[progress.phase], counts);
  return progress.etaSeconds !== null && progress.etaSeconds > 0 ? t('health.withEta', { what, eta: formatEta(progress.etaSeconds) }) : what;
}

/**
 * The progress to show under the account's state: the sync's phase while
 * syncing; without a connection, only the grouping of mail already
 * downloaded, which core goes on with offline. Null when there is nothing to count.
 */
export function shownProgress(health: AccountHealth): SyncProgress | null {
  const progress = health.progress;
  if (!progress || progress.total <= 0) return null;
  return health.state === 'syncing' || progress.phase === 'threading' ? progress : null;
}

/** States in which the agent can usefully ask for another try. */
export function canRetry(health: AccountHealth): boolean {
  return health.state === 'offline' || health.state === 'error' || health.state === 'auth-failed';
}

const urgency: Record<HealthState, number> = { 'auth-failed': 4, error: 3, offline: 2, syncing: 1, connected: 0 };

// A routine resync (a poll, an IDLE wake-up) is 'syncing' with nothing to count: not worth a line that blinks.
function needsAttention(health: AccountHealth): boolean {
  if (health.state === 'syncing') return health.progress !== null && health.progress.total > 0;
  return urgency[health.state] > 0;
}

/**
 * The account whose state the agent most needs to see: a mailbox that cannot
 * sync at all beats one that is offline, which beats one downloading mail;
 * among equals, the first in the list. Null when every mailbox is connected
 * or only checking for news.
 */
export function accountNeedingAttention(accounts: readonly AccountSummary[]): { account: AccountSummary; others: number } | null {
  const waiting = accounts.filter((a) => needsAttention(a.health));
  if (waiting.length === 0) return null;
  const account = waiting.reduce((best, a) => (urgency[a.health.state] > urgency[best.health.state] ? a : best));
  return { account, others: waiting.length - 1 };
}
