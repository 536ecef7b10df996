import { useEffect, useState } from 'react';
import type { OutboxItem } from '../../../src-preload/api.ts';
import { SideDrawer } from '../../app/ui/side-drawer.tsx';
import { t } from '../../i18n/i18n.ts';
import { formatAddress } from '../../i18n/format.ts';
import { useDesk } from '../../store/store-context.tsx';
import { statusLabel } from '../triage/triage-labels.ts';
import { needsAgent, SECTION_LABEL, SECTION_ORDER, sectionOf, stateLabel, STATE_ORDER, whenText } from './outbox-words.ts';
import './outbox.css';

function OutboxRow({ item, now }: { item: OutboxItem; now: number }) {
  const cancel = useDesk((s) => s.cancelOutboxItem);
  const doneLabel = useDesk((s) => statusLabel('done', s.triageSettings));
  const [busy, setBusy] = useState(false);
  const canAct = item.state !== 'sending';
  async function act(edit: boolean): Promise<void> {
    setBusy(true);
    await cancel(item.id, edit);
    setBusy(false);
  }
  return (
    <li className={`outbox-item is-${item.state}${item.retryAt !== null ? ' is-retrying' : ''}`} data-testid="outbox-item" data-state={item.state} data-outbox-id={item.id}>
      <div className="outbox-item-main">
        <span className="outbox-subject">{item.subject.trim() || t('message.noSubject')}</span>
        <span className="outbox-to muted">{t('outbox.to', { to: item.to.map(formatAddress).join(', ') })}</span>
        <span className={`outbox-when${needsAgent(item) ? ' is-problem' : ''}`} data-testid="outbox-when">
          {whenText(item, now)}
          {item.sentLate && ` · ${t('outbox.sentLate')}`}
          {item.thenStatus === 'done' && item.state !== 'failed' && <span data-testid="outbox-then-done">{` · ${t('outbox.thenStatus', { status: doneLabel })}`}</span>}
        </span>
      </div>
      <span className={`outbox-state state-${item.state}${item.retryAt !== null ? ' is-retrying' : ''}`} data-testid="outbox-state">{t(stateLabel(item))}</span>
      {canAct && (
        <div className="outbox-actions">
          <button type="button" className="button button-small" data-testid="outbox-edit" disabled={busy} onClick={() => void act(true)}>
            {t('outbox.edit')}
          </button>
          <button type="button" className="button button-small button-quiet" data-testid="outbox-cancel" disabled={busy} onClick={() => void act(false)}>
            {t('outbox.cancel')}
          </button>
        </div>
      )}
    </li>
  );
}

/** The "To send" drawer: mail in its undo window, scheduled, being sent, or failed — with what to do about each. */
export function OutboxDrawer() {
  const open = useDesk((s) => s.outboxOpen);
  const items = useDesk((s) => s.outboxItems);
  const error = useDesk((s) => s.outboxError);
  const loaded = useDesk((s) => s.outboxLoaded);
  const setOpen = useDesk((s) => s.setOutboxOpen);
  const [now, setNow] = useState(() => Date.now());
  const counting = open && items.some((i) => i.state === 'undo-window');

  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [counting]);

  const shown = items.filter((i) => STATE_ORDER.includes(i.state));
  return (
    <SideDrawer open={open} title={t('outbox.title')} lead={t('outbox.lead')} error={error} testId="outbox-drawer" closeTestId="outbox-close" onClose={() => setOpen(false)}>
      {SECTION_ORDER.map((section) => {
        const group = shown.filter((i) => sectionOf(i) === section).sort((a, b) => a.sendAt - b.sendAt);
        if (group.length === 0) return null;
        return (
          <section key={section} className="outbox-group" aria-label={t(SECTION_LABEL[section])} data-testid={`outbox-section-${section}`}>
            <h3 className="section-label">{t(SECTION_LABEL[section])}</h3>
            <ul className="outbox-list">
              {group.map((item) => <OutboxRow key={item.id} item={item} now={now} />)}
            </ul>
          </section>
        );
      })}
      {loaded && shown.length === 0 && <p className="outbox-empty muted" data-testid="outbox-empty">{t('outbox.empty')}</p>}
    </SideDrawer>
  );
}
