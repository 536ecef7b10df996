import { t } from '../i18n/i18n.ts';
import { useDesk } from '../store/store-context.tsx';

/** After this many failed tries the host has probably restarted with a new token. */
const HINT_AFTER_ATTEMPTS = 5;

export function ConnectionBanner() {
  const connection = useDesk((s) => s.connection);
  // App info arrives on the first successful contact; without it we never had a link to lose.
  const everConnected = useDesk((s) => s.appInfo !== null);
  if (connection.state !== 'reconnecting') return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      <span className="spinner" aria-hidden="true" />
      <span>{everConnected ? t('connection.lost') : t('connection.unreachable')}</span>
      {connection.attempt >= HINT_AFTER_ATTEMPTS && <span className="connection-hint">{t('connection.restartHint')}</span>}
    </div>
  );
}
