import { useMemo, useRef, useState } from 'react';
import { t } from '../../i18n/i18n.ts';
import { sanitizeMailHtml } from './sanitize-mail-html.ts';
import { useFrameHeight } from './use-frame-height.ts';

interface MailFrameProps {
  html: string;
  subject: string;
  /** A text rendering of the same mail, to guess the frame's height until it can be measured. */
  text: string;
  /** The agent chose "always" for this sender: no need to ask. */
  remoteAllowed: boolean;
  /** Offered next to "Show images" when the sender is a known contact. */
  onAlwaysAllow: (() => void) | null;
}

/**
 * Only the first height, before the frame's document exists: a guess from the
 * text's length lands closer to the measured height than any fixed one, so
 * the pane jumps less when the measurement replaces it.
 */
function estimatedHeight(text: string): number {
  const lines = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 90)), 0);
  return Math.min(900, Math.max(180, lines * 22 + 56));
}

/**
 * An HTML mail body in a sandboxed frame, as tall as the mail. Remote images
 * stay blocked until the agent asks for them, per message (the component is
 * keyed by message), or always for the sender.
 *
 * The sandbox allows same-origin and nothing else: the app can then read the
 * frame's layout to size it, while the mail still cannot run script, submit
 * forms, open windows or navigate the app. Script next to same-origin would
 * let a mail lift its own sandbox, so never add allow-scripts (nor popups,
 * forms or top navigation). Why this is safe: docs/decisions.md.
 */
export function MailFrame({ html, subject, text, remoteAllowed, onAlwaysAllow }: MailFrameProps) {
  const [shownOnce, setShownOnce] = useState(false);
  const allowRemote = remoteAllowed || shownOnce;
  const { srcdoc, remoteCount } = useMemo(() => sanitizeMailHtml(html, allowRemote), [html, allowRemote]);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const { height, onLoad } = useFrameHeight(frameRef, srcdoc, () => estimatedHeight(text));

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
          ref={frameRef}
          className="mail-frame"
          data-testid="mail-frame"
          title={t('reading.frameTitle', { subject })}
          sandbox="allow-same-origin"
          referrerPolicy="no-referrer"
          srcDoc={srcdoc}
          onLoad={onLoad}
        />
      </div>
    </div>
  );
}
