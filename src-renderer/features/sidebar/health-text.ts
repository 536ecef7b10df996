import type { AccountHealth } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';

/** The account's state in a few words, as the sidebar shows it. */
export function healthText(health: AccountHealth): string {
  switch (health.state) {
    case 'connected':
      return t('health.connected');
    case 'syncing':
      return health.progress && health.progress.total > 0
        ? t('health.syncingProgress', { done: health.progress.done, total: health.progress.total })
        : t('health.syncing');
    case 'offline':
      return t('health.offline');
    case 'auth-failed':
      return t('health.authFailed');
    case 'error':
      return t('health.error');
  }
}
