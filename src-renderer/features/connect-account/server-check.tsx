import type { ServerCheck } from '../../../src-preload/api.ts';
import { say, t } from '../../i18n/i18n.ts';

/** One server's test result in plain words, with the technical detail one click away. */
export function ServerCheckBox({ check, label, testId }: { check: ServerCheck; label: string; testId: string }) {
  return (
    <div className={`server-check ${check.ok ? 'is-ok' : 'is-failed'}`} data-testid={testId} data-ok={check.ok} role="status">
      <p className="server-check-message">
        <strong>{label}: </strong>
        {check.ok ? t('connect.checkOk') : t('connect.checkFailed')} {say(check.message)}
      </p>
      {check.detail && (
        <details className="server-check-detail">
          <summary>{t('connect.details')}</summary>
          <pre>{check.detail}</pre>
        </details>
      )}
    </div>
  );
}
