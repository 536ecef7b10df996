import { t } from '../i18n/i18n.ts';

/** Browser mode opened without the token: say where the right address is. */
export function NoTokenScreen() {
  return (
    <main className="center-screen">
      <div className="card narrow">
        <h1 className="screen-title">{t('noToken.title')}</h1>
        <p>{t('noToken.body')}</p>
        <pre className="command-sample">npm start</pre>
        <p className="muted">{t('noToken.why')}</p>
      </div>
    </main>
  );
}
