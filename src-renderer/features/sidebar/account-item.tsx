import type { AccountSummary } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import { healthText } from './health-text.ts';

interface AccountItemProps {
  account: AccountSummary;
  active: boolean;
  onSelect(id: number): void;
  onRemoveDemo(): void;
}

export function AccountItem({ account, active, onSelect, onRemoveDemo }: AccountItemProps) {
  const { health } = account;
  const isDemo = account.kind === 'demo';
  return (
    <li className={`account-item${active ? ' is-active' : ''}`} data-testid="account-item" data-account-id={account.id}>
      <button type="button" className="account-button" aria-pressed={active} onClick={() => onSelect(account.id)}>
        <span className="account-title">
          <span className="account-name">{account.name}</span>
          {isDemo && <span className="demo-badge" data-testid="demo-badge">{t('sidebar.demoBadge')}</span>}
        </span>
        <span className="account-email">{account.email}</span>
        <span className={`account-health health-${health.state}`} data-testid="account-health" data-state={health.state}>
          <span className="health-dot" aria-hidden="true" />
          {healthText(health)}
        </span>
        {health.lastError && <span className="account-error">{health.lastError}</span>}
      </button>
      {isDemo && (
        <button type="button" className="link-button remove-demo" data-testid="remove-demo" onClick={onRemoveDemo}>
          {t('sidebar.removeDemo')}
        </button>
      )}
    </li>
  );
}
