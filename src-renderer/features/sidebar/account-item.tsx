import { useState } from 'react';
import type { AccountSummary } from '../../../src-preload/api.ts';
import { say, t } from '../../i18n/i18n.ts';
import { formatSince } from '../../i18n/format.ts';
import { useTick } from '../../app/use-tick.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { canRetry, healthText, progressText, shownProgress } from './health-text.ts';

interface AccountItemProps {
  account: AccountSummary;
  active: boolean;
  onSelect(id: number): void;
  onRemoveDemo(): void;
}

export function AccountItem({ account, active, onSelect, onRemoveDemo }: AccountItemProps) {
  const syncNow = useDesk((s) => s.syncNow);
  const showNotice = useDesk((s) => s.showNotice);
  const editAccount = useDesk((s) => s.editAccount);
  const [retrying, setRetrying] = useState(false);
  const { health } = account;
  const isDemo = account.kind === 'demo';
  const progress = shownProgress(health);

  async function retry(): Promise<void> {
    setRetrying(true);
    const result = await syncNow(account.id);
    setRetrying(false);
    if (!result.ok) showNotice(t('health.retryFailed', { reason: describeError(result.error) }));
  }

  return (
    <li className={`account-item${active ? ' is-active' : ''}`} data-testid="account-item" data-account-id={account.id}>
      <button type="button" className="account-button" aria-pressed={active} onClick={() => onSelect(account.id)}>
        <span className="account-title">
          <span className="account-name">{account.name}</span>
          {isDemo && <span className="demo-badge" data-testid="demo-badge">{t('sidebar.demoBadge')}</span>}
        </span>
        <span className="account-email">{account.email}</span>
      </button>
      <div className={`account-health health-${health.state}`} data-testid="account-health" data-state={health.state} role="status">
        <span className="health-line">
          <span className="health-dot" aria-hidden="true" />
          {healthText(health)}
        </span>
        {progress && (
          <>
            <span className="sync-progress" data-testid="sync-progress" data-phase={progress.phase}>{progressText(progress)}</span>
            <span className="sync-bar" aria-hidden="true">
              <span className="sync-bar-fill" style={{ width: `${Math.min(100, (100 * progress.done) / progress.total)}%` }} />
            </span>
          </>
        )}
        {health.lastError && health.state !== 'connected' && <span className="account-error" data-testid="account-error">{say(health.lastError)}</span>}
        {health.state === 'offline' && health.lastSyncAt !== null && <LastSynced at={health.lastSyncAt} />}
        {!isDemo && (
          <span className="account-actions">
            {/* A password the server rejects will not work on a retry: the way out is a new one. */}
            {health.state === 'auth-failed' ? (
              <button type="button" className="link-button account-edit is-urgent" data-testid="edit-account" onClick={() => editAccount(account.id)}>
                {t('editAccount.updatePassword')}
              </button>
            ) : (
              canRetry(health) && (
                <button type="button" className="link-button sync-retry" data-testid="sync-retry" disabled={retrying} onClick={() => void retry()}>
                  {retrying ? t('common.working') : t('common.retry')}
                </button>
              )
            )}
            {health.state !== 'auth-failed' && (
              <button type="button" className="link-button account-edit" data-testid="edit-account" onClick={() => editAccount(account.id)}>
                {t('editAccount.open')}
              </button>
            )}
          </span>
        )}
      </div>
      {isDemo && (
        <button type="button" className="link-button remove-demo" data-testid="remove-demo" onClick={onRemoveDemo}>
          {t('sidebar.removeDemo')}
        </button>
      )}
    </li>
  );
}

/** While offline, how long ago the mail on screen was last brought up to date; it ages as the agent waits. */
function LastSynced({ at }: { at: number }) {
  const now = useTick(30_000);
  return (
    <span className="account-last-sync" data-testid="account-last-sync">
      {t('health.lastSync', { when: formatSince(at, now) })}
    </span>
  );
}
