import { useMemo, useState } from 'react';
import { t } from '../../i18n/i18n.ts';
import { sanitizeMailHtml } from './sanitize-mail-html.ts';

interface MailFrameProps {
  html: string;
  subject: string;
  /** A text rendering of the same mail, to guess how tall the frame should start. */
  text: string;
  /** The agent chose "always" for this sender: no need to ask. */
  remoteAllowed: boolean;
  /** Offered next to "Show images" when the sender is a known contact. */
  onAlwaysAllow: (() => void) | null;
}

/**
 * Why a guess: the frame is fully sandboxed (no same-origin), so the app
 * cannot measure its content. We start from the text's length and let the
 * agent drag the frame taller; the frame scrolls in between.
 */
function estimatedHeight(text: string): number {
  const lines = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 90)), 0);
  return Math.min(900, Math.max(180, lines * 22 + 56));
}

/**
 * An HTML mail body in a sandboxed frame. Remote images stay blocked until
 * the agent asks for them, per message (the component is keyed by message),
 * or always for the sender.
 */
export function MailFrame({ html, subject, text, remoteAllowed, onAlwaysAllow }: MailFrameProps) {
  const [shownOnce, setShownOnce] = useState(false);
  const allowRemote = remoteAllowed || shownOnce;
  const { srcdoc, remoteCount } = useMemo(() => sanitizeMailHtml(html, allowRemote), [html, allowRemote]);
  const height = useMemo(() => estimatedHeight(text), [text]);

  return (
    <div className="mail-frame-wrap">
      {remoteCount > 0 && !allowRemote && (
        <div className="remote-bar" role="note" data-testid="remote-bar">
          <span>{t('reading.remoteBlocked')}</span>
          <span className="remote-actions">
            <button type="button" className="button button-small" data-testid="show-images" onClick={() => setShownOnce(true)}>
              {t('reading.showImages')}
            </button>
            {onAlwaysAllow && (
              <button type="button" className="link-button" data-testid="always-show-images" onClick={onAlwaysAllow}>
                {t('reading.alwaysShowImages')}
              </button>
            )}
          </span>
        </div>
      )}
      <div className="mail-frame-sizer" style={{ height }}>
        <iframe
          className="mail-frame"
          data-testid="mail-frame"
          title={t('reading.frameTitle', { subject })}
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={srcdoc}
        />
      </div>
    </div>
  );
}
