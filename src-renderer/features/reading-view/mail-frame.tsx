import { useMemo, useState } from 'react';
import { t } from '../../i18n/i18n.ts';
import { sanitizeMailHtml } from './sanitize-mail-html.ts';

/**
 * An HTML mail body in a sandboxed frame. Remote images stay blocked until
 * the agent asks for them, per message (the component is keyed by message).
 */
export function MailFrame({ html, subject }: { html: string; subject: string }) {
  const [allowRemote, setAllowRemote] = useState(false);
  const { srcdoc, remoteCount } = useMemo(() => sanitizeMailHtml(html, allowRemote), [html, allowRemote]);

  return (
    <div className="mail-frame-wrap">
      {remoteCount > 0 && !allowRemote && (
        <div className="remote-bar" role="note">
          <span>{t('reading.remoteBlocked')}</span>
          <button type="button" className="button button-small" data-testid="show-images" onClick={() => setAllowRemote(true)}>
            {t('reading.showImages')}
          </button>
        </div>
      )}
      <iframe
        className="mail-frame"
        data-testid="mail-frame"
        title={t('reading.frameTitle', { subject })}
        sandbox=""
        referrerPolicy="no-referrer"
        srcDoc={srcdoc}
      />
    </div>
  );
}
