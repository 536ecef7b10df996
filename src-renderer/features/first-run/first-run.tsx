import { useState } from 'react';
import type { AppInfo, DeskError } from '../../../src-preload/api.ts';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { SecretStorageNote } from '../connect-account/secret-storage-note.tsx';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import './first-run.css';

export function FirstRun({ appInfo }: { appInfo: AppInfo }) {
  const openDemo = useDesk((s) => s.openDemo);
  const setView = useDesk((s) => s.setView);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DeskError | null>(null);

  async function onOpenDemo(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await openDemo();
    // On success the workspace replaces this screen.
    if (!result.ok) {
      setBusy(false);
      setError(result.error);
    }
  }

  return (
    <main className="center-screen first-run">
      <div className="first-run-inner">
        <h1 className="first-run-title">{t('firstRun.title')}</h1>
        <p className="first-run-lead">{t('firstRun.lead')}</p>
        <div className="choice-grid">
          <section className="choice-card" aria-labelledby="choice-demo">
            <h2 id="choice-demo" className="choice-title">{t('firstRun.demoTitle')}</h2>
            <p>{t('firstRun.demoBody')}</p>
            <div className="choice-action">
              <button type="button" className="button button-primary" data-testid="open-demo" disabled={busy} onClick={() => void onOpenDemo()}>
                {busy ? t('firstRun.openingDemo') : t('firstRun.openDemo')}
              </button>
            </div>
          </section>
          <section className="choice-card" aria-labelledby="choice-connect">
            <h2 id="choice-connect" className="choice-title">{t('firstRun.connectTitle')}</h2>
            <p>{t('firstRun.connectBody')}</p>
            <SecretStorageNote secretStorage={appInfo.secretStorage} />
            <div className="choice-action">
              <button type="button" className="button" data-testid="connect-mailbox" disabled={busy} onClick={() => setView('connect')}>
                {t('firstRun.connectMailbox')}
              </button>
            </div>
          </section>
        </div>
        {error && <ErrorNote error={error} />}
        <p className="first-run-footer">{t('firstRun.dataDir', { dir: appInfo.dataDir })}</p>
      </div>
    </main>
  );
}
