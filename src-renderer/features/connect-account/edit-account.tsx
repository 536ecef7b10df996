import { useEffect, useState } from 'react';
import type { AppInfo, DeskError, SavedAccountSettings } from '../../../src-preload/api.ts';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import { ConnectAccount } from './connect-account.tsx';

interface EditAccountProps {
  accountId: number;
  secretStorage: AppInfo['secretStorage'];
  onCancel(): void;
}

/** A connected account's settings, read from core (never its passwords), in the connect form. */
export function EditAccount({ accountId, secretStorage, onCancel }: EditAccountProps) {
  const loadAccountSettings = useDesk((s) => s.loadAccountSettings);
  // Why it cannot sync, when it cannot: the reason the agent came here, kept in sight while they type.
  const problem = useDesk((s) => {
    const health = s.accounts.find((a) => a.id === accountId)?.health;
    return health && (health.state === 'auth-failed' || health.state === 'error') ? health.lastError : null;
  });
  const [saved, setSaved] = useState<SavedAccountSettings | null>(null);
  const [error, setError] = useState<DeskError | null>(null);

  useEffect(() => {
    let current = true;
    void loadAccountSettings(accountId).then((result) => {
      if (!current) return;
      if (result.ok) setSaved(result.value);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [accountId, loadAccountSettings]);

  if (saved) return <ConnectAccount secretStorage={secretStorage} mode={{ kind: 'edit', saved, problem }} onCancel={onCancel} />;
  return (
    <main className="center-screen" aria-busy={error === null}>
      <div className="card narrow">
        {error ? (
          <>
            <ErrorNote error={error} testId="edit-account-error" />
            <button type="button" className="button" onClick={onCancel}>{t('common.back')}</button>
          </>
        ) : (
          <p className="muted">{t('editAccount.loading')}</p>
        )}
      </div>
    </main>
  );
}
