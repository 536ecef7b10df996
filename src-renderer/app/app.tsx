import { ConnectAccount } from '../features/connect-account/connect-account.tsx';
import { EditAccount } from '../features/connect-account/edit-account.tsx';
import { FirstRun } from '../features/first-run/first-run.tsx';
import { t } from '../i18n/i18n.ts';
import { useDesk } from '../store/store-context.tsx';
import { ConnectionBanner } from './connection-banner.tsx';
import { NoticeToast } from './notice-toast.tsx';
import { ErrorNote } from './ui/error-note.tsx';
import { Workspace } from './workspace.tsx';

/** Chooses the screen: waiting for core, first run, connect a mailbox, an account's settings, or the workspace. */
function Screen() {
  const appInfo = useDesk((s) => s.appInfo);
  const appInfoError = useDesk((s) => s.appInfoError);
  const connection = useDesk((s) => s.connection);
  const view = useDesk((s) => s.view);
  const setView = useDesk((s) => s.setView);
  const loadAppInfo = useDesk((s) => s.loadAppInfo);

  if (!appInfo) {
    if (appInfoError && connection.state === 'open') {
      return (
        <main className="center-screen">
          <div className="card narrow">
            <h1 className="screen-title">{t('startup.failedTitle')}</h1>
            <ErrorNote error={appInfoError} />
            <button type="button" className="button button-primary" onClick={() => void loadAppInfo()}>{t('common.retry')}</button>
          </div>
        </main>
      );
    }
    return (
      <main className="center-screen" aria-busy="true">
        <p className="muted">{t('startup.connecting')}</p>
      </main>
    );
  }
  if (view === 'connect') {
    return <ConnectAccount secretStorage={appInfo.secretStorage} onCancel={() => setView('home')} />;
  }
  if (typeof view === 'object') {
    return <EditAccount key={view.accountId} accountId={view.accountId} secretStorage={appInfo.secretStorage} onCancel={() => setView('home')} />;
  }
  if (!appInfo.hasWorkspace) return <FirstRun appInfo={appInfo} />;
  return <Workspace />;
}

export function App() {
  return (
    <div className="app">
      <ConnectionBanner />
      <div className="app-main">
        <Screen />
      </div>
      <NoticeToast />
    </div>
  );
}
