import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';

/** Reply, Reply all and Forward in the reading view's toolbar (also r, Shift+r, f). */
export function ReplyButtons() {
  const startCompose = useDesk((s) => s.startCompose);
  const starting = useDesk((s) => s.composerStarting);
  return (
    <>
      <button type="button" className="button button-small button-primary" data-testid="reply" title={`${t('composer.reply')} (r)`} disabled={starting} onClick={() => void startCompose('reply')}>
        {t('composer.reply')}
      </button>
      <button type="button" className="button button-small" data-testid="reply-all" title={`${t('composer.replyAll')} (Shift+r)`} disabled={starting} onClick={() => void startCompose('replyAll')}>
        {t('composer.replyAll')}
      </button>
      <button type="button" className="button button-small" data-testid="forward" title={`${t('composer.forward')} (f)`} disabled={starting} onClick={() => void startCompose('forward')}>
        {t('composer.forward')}
      </button>
    </>
  );
}
