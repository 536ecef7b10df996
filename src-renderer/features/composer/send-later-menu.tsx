import { useState } from 'react';
import { t } from '../../i18n/i18n.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { fromLocalInputValue, mondayMorning, toLocalInputValue, tomorrowMorning } from './send-later-time.ts';

interface SendLaterMenuProps {
  disabled: boolean;
  /** A reply in a conversation: it is held back if anyone writes there first (outbox/dispatcher.ts in core). */
  inConversation: boolean;
  /** The team's name for done, for "then mark Done". */
  doneLabel: string;
  onSchedule(sendAt: number, thenDone: boolean): void;
  onClose(): void;
}

/** Presets and a date-time field; the chosen time must lie ahead. */
export function SendLaterMenu({ disabled, inConversation, doneLabel, onSchedule, onClose }: SendLaterMenuProps) {
  const [now] = useState(() => Date.now());
  const [thenDone, setThenDone] = useState(false);
  const [value, setValue] = useState(() => toLocalInputValue(tomorrowMorning(now)));
  const [error, setError] = useState<string | null>(null);
  const presets = [
    { label: t('sendLater.tomorrow'), at: tomorrowMorning(now), testId: 'send-later-tomorrow' },
    { label: t('sendLater.monday'), at: mondayMorning(now), testId: 'send-later-monday' },
  ];

  function schedule(at: number | null): void {
    if (at === null) {
      setError(t('sendLater.invalid'));
      return;
    }
    if (at <= Date.now()) {
      setError(t('sendLater.inPast'));
      return;
    }
    onSchedule(at, inConversation && thenDone);
  }

  return (
    <div
      className="send-later-menu"
      role="dialog"
      aria-label={t('sendLater.title')}
      data-testid="send-later-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <h3 className="send-later-title">{t('sendLater.title')}</h3>
      {/* Before the presets: each of them schedules at once. */}
      {inConversation && (
        <label className="send-later-then">
          <input type="checkbox" data-testid="send-later-then-done" checked={thenDone} onChange={(e) => setThenDone(e.target.checked)} />
          {t('sendLater.thenDone', { status: doneLabel })}
        </label>
      )}
      <ul className="send-later-presets">
        {presets.map((p) => (
          <li key={p.testId}>
            <button type="button" className="send-later-preset" data-testid={p.testId} disabled={disabled} onClick={() => schedule(p.at)}>
              <span>{p.label}</span>
              <span className="muted">{formatFullDate(p.at)}</span>
            </button>
          </li>
        ))}
      </ul>
      <label className="field-label" htmlFor="send-later-at">{t('sendLater.pick')}</label>
      <div className="send-later-custom">
        <input
          id="send-later-at"
          type="datetime-local"
          step={1}
          value={value}
          data-testid="send-later-input"
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
        />
        <button type="button" className="button button-primary button-small" data-testid="send-later-confirm" disabled={disabled} onClick={() => schedule(fromLocalInputValue(value))}>
          {t('sendLater.schedule')}
        </button>
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
      {inConversation && <p className="send-later-note muted" data-testid="send-later-note">{t('sendLater.heldIfAnswered')}</p>}
    </div>
  );
}
