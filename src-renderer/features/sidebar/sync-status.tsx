import type { AccountSummary } from '../../../src-preload/api.ts';
import { say, t } from '../../i18n/i18n.ts';
import { accountNeedingAttention, healthText, progressText, shownProgress } from './health-text.ts';

/**
 * Pinned to the bottom of the sidebar, so sync progress and "offline" stay in
 * sight however long the folder list is: the per-account details further up
 * scroll out of view on a laptop screen. Renders nothing while every mailbox
 * is connected and has nothing to download. Clicking it brings the account's
 * details into view. Not a live region: the account's own health
 * (role=status) already announces each change; twice would be noise.
 */
export function SyncStatus({ accounts }: { accounts: readonly AccountSummary[] }) {
  const attention = accountNeedingAttention(accounts);
  if (!attention) return null;
  const { account, others } = attention;
  const { health } = account;
  const progress = shownProgress(health);
  const showDetails = (): void => {
    // 'center', not 'nearest': scrolled only to the sidebar's bottom edge, the details would sit under this pinned line.
    document.querySelector(`[data-testid="account-item"][data-account-id="${account.id}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  return (
    <button
      type="button"
      className={`sync-status health-${health.state}`}
      data-testid="sync-status"
      data-state={health.state}
      title={t('syncStatus.showDetails')}
      onClick={showDetails}
    >
      <span className="health-line">
        <span className="health-dot" aria-hidden="true" />
        <span className="sync-status-title">{t('syncStatus.title', { account: account.name, state: healthText(health) })}</span>
      </span>
      {progress && (
        <>
          <span className="sync-status-detail">{progressText(progress)}</span>
          <span className="sync-bar" aria-hidden="true">
            <span className="sync-bar-fill" style={{ width: `${Math.min(100, (100 * progress.done) / progress.total)}%` }} />
          </span>
        </>
      )}
      {health.lastError && (!progress || health.state !== 'syncing') && <span className="sync-status-detail sync-status-error">{say(health.lastError)}</span>}
      {others > 0 && <span className="sync-status-detail">{t('syncStatus.others', { count: others })}</span>}
    </button>
  );
}
