import { useEffect } from 'react';
import { t } from '../i18n/i18n.ts';
import { useDesk } from '../store/store-context.tsx';

const NOTICE_MS = 8000;

/** One transient message at a time (a failed background action, a move with its Undo), dismissed by time or hand. */
export function NoticeToast() {
  const notice = useDesk((s) => s.notice);
  const dismiss = useDesk((s) => s.dismissNotice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(dismiss, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  if (!notice) return null;
  return (
    <div className="notice-toast" role="alert" key={notice.id}>
      <span>{notice.text}</span>
      {notice.action && (
        <button
          type="button"
          className="link-button"
          data-testid="notice-action"
          onClick={() => {
            dismiss();
            notice.action?.run();
          }}
        >
          {notice.action.label}
          {notice.action.key && <> <kbd>{notice.action.key}</kbd></>}
        </button>
      )}
      <button type="button" className="link-button" onClick={dismiss}>{t('common.dismiss')}</button>
    </div>
  );
}
