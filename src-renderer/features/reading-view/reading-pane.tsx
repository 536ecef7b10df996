import { useDesk } from '../../store/store-context.tsx';
import { describeError } from '../../store/describe-error.ts';
import { t } from '../../i18n/i18n.ts';
import { ConversationView } from './conversation-view.tsx';
import './reading-view.css';

export function ReadingPane() {
  const opened = useDesk((s) => s.opened);
  const retry = useDesk((s) => s.retryOpenedConversation);

  let content;
  if (!opened) {
    content = (
      <div className="pane-empty">
        <p>{t('reading.nothingOpen')}</p>
        <p className="pane-empty-hint">{t('reading.shortcutHint')}</p>
      </div>
    );
  } else if (opened.status === 'loading') {
    content = <div className="pane-empty" aria-busy="true">{t('reading.loading')}</div>;
  } else if (opened.status === 'error' || !opened.detail) {
    content = (
      <div className="pane-empty" role="alert">
        <p>{t('reading.loadFailed', { reason: opened.error ? describeError(opened.error) : '' })}</p>
        <button type="button" className="button" onClick={() => void retry()}>{t('common.retry')}</button>
      </div>
    );
  } else {
    // Keyed by conversation: fold and image choices belong to one conversation.
    content = <ConversationView key={opened.detail.summary.id} detail={opened.detail} />;
  }

  return (
    <section className="reading-pane" data-testid="reading-pane" aria-label={t('reading.paneLabel')}>
      {content}
    </section>
  );
}
