import type { AccountHealth, SyncProgress } from '../../../src-preload/api.ts';
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

/** "Downloading headers 1,200 of 5,000 — about 40 s left" / "Caching messages for offline use 30 of 800". */
export function progressText(progress: SyncProgress): string {
  const counts = { done: progress.done, total: progress.total };
  const what = progress.phase === 'headers' ? t('health.headersProgress', counts) : t('health.bodiesProgress', counts);
  return progress.etaSeconds !== null && progress.etaSeconds > 0 ? t('health.withEta', { what, eta: formatEta(progress.etaSeconds) }) : what;
}

/** States in which the agent can usefully ask for another try. */
export function canRetry(health: AccountHealth): boolean {
  return health.state === 'offline' || health.state === 'error' || health.state === 'auth-failed';
}
