import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatFullDate } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';

/**
 * Under an empty Overdue drawer: why the mailbox's old unanswered
 * mail is not here. Without it an agent who just connected a mailbox would
 * wonder whether the SLA clock works at all.
 */
export function OverdueSince() {
  const { slaFrom, load } = useDesk(useShallow((s) => ({ slaFrom: s.triageSettings?.slaFrom ?? null, load: s.loadTriageSettings })));
  useEffect(() => {
    // A colleague may have changed it since this desktop last looked.
    void load();
  }, [load]);
  if (slaFrom === null || slaFrom <= 0) return null;
  return <p className="muted" data-testid="overdue-since">{t('list.overdueSince', { date: formatFullDate(slaFrom) })}</p>;
}
