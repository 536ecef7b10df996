import { useEffect, useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConversationStatus, Priority, SlaTargetsInput, TriageSettings } from '../../../src-preload/api.ts';
import { Modal } from '../../app/ui/modal.tsx';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { inEnglish, t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { ALL_STATUSES } from '../../store/triage-optimistic.ts';
import { slaFromText, slaFromValue } from './sla-from-field.ts';
import { PRIORITY_KEYS, PRIORITY_LABEL, STATUS_LABEL } from './triage-labels.ts';
import { isValidEmail } from '../composer/addresses.ts';

const SLA_FIELDS: (keyof SlaTargetsInput)[] = ['firstResponse', 'nextResponse', 'resolution'];
const SLA_FIELD_LABEL = { firstResponse: 'sla.firstResponse', nextResponse: 'sla.nextResponse', resolution: 'sla.resolution' } as const;
const WEEKDAY_KEYS = ['weekday.sun', 'weekday.mon', 'weekday.tue', 'weekday.wed', 'weekday.thu', 'weekday.fri', 'weekday.sat'] as const;

/** Whole numbers in a range, or null with the reason. */
function wholeNumber(text: string, min: number, max: number): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

function SettingsForm({ initial, onDone }: { initial: TriageSettings; onDone(): void }) {
  const zonesId = useId();
  const save = useDesk((s) => s.saveTriageSettings);
  // A label left at core's English default is shown empty, with the agent's own word as its placeholder, and saved
  // back as the default: the team keeps seeing it in each agent's language (statusLabel).
  const [labels, setLabels] = useState(() =>
    Object.fromEntries(ALL_STATUSES.map((s) => [s, initial.statusLabels[s] === inEnglish(STATUS_LABEL[s]) ? '' : initial.statusLabels[s]])) as Record<ConversationStatus, string>,
  );
  const [autoClose, setAutoClose] = useState(String(initial.autoCloseDays));
  const [spamPurge, setSpamPurge] = useState(String(initial.spamPurgeDays));
  const [hours, setHours] = useState(initial.businessHours);
  const [fromHour, setFromHour] = useState(String(initial.businessHours.fromHour));
  const [toHour, setToHour] = useState(String(initial.businessHours.toHour));
  const [sla, setSla] = useState(() =>
    Object.fromEntries(PRIORITY_KEYS.map((p) => [p, Object.fromEntries(SLA_FIELDS.map((f) => [f, initial.slaByPriority[p][f]?.toString() ?? '']))])) as Record<Priority, Record<keyof SlaTargetsInput, string>>,
  );
  const [slaFromField, setSlaFromField] = useState(slaFromText(initial.slaFrom));
  const [delegateField, setDelegateField] = useState(initial.delegateAddresses.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const autoCloseDays = wholeNumber(autoClose, 1, 3650);
  const spamPurgeDays = wholeNumber(spamPurge, 1, 3650);
  const from = wholeNumber(fromHour, 0, 23);
  const to = wholeNumber(toHour, 1, 24);
  const slaInvalid = PRIORITY_KEYS.some((p) => SLA_FIELDS.some((f) => sla[p][f].trim() !== '' && wholeNumber(sla[p][f], 1, 525_600) === null));
  const slaFrom = slaFromValue(slaFromField, initial.slaFrom);
  const delegateAddresses = delegateField.split(/[\s,;]+/).map((x) => x.trim()).filter((x) => x !== '');
  const delegateInvalid = delegateAddresses.length > 20 || delegateAddresses.some((x) => !isValidEmail(x));
  const invalid = delegateInvalid || autoCloseDays === null || spamPurgeDays === null || from === null || to === null || from >= to || slaInvalid || slaFrom === 'invalid';

  async function submit(): Promise<void> {
    // A wrong delegate address is named: the general message speaks of numbers and hours.
    const badDelegate = delegateAddresses.find((x) => !isValidEmail(x));
    if (badDelegate !== undefined || delegateAddresses.length > 20) {
      setError(badDelegate !== undefined ? t('triageSettings.delegateInvalid', { address: badDelegate }) : t('triageSettings.delegateTooMany'));
      return;
    }
    if (invalid || autoCloseDays === null || spamPurgeDays === null || from === null || to === null) {
      setError(t('triageSettings.invalid'));
      return;
    }
    const minutes = (text: string): number | null => (text.trim() === '' ? null : Number(text));
    const targets = (p: Priority): SlaTargetsInput => ({
      firstResponse: minutes(sla[p].firstResponse),
      nextResponse: minutes(sla[p].nextResponse),
      resolution: minutes(sla[p].resolution),
    });
    const slaByPriority: Record<Priority, SlaTargetsInput> = { low: targets('low'), normal: targets('normal'), high: targets('high'), urgent: targets('urgent') };
    setBusy(true);
    const statusLabels = Object.fromEntries(ALL_STATUSES.map((s) => [s, labels[s].trim() || inEnglish(STATUS_LABEL[s])])) as Record<ConversationStatus, string>;
    const result = await save({ statusLabels, autoCloseDays, spamPurgeDays, businessHours: { ...hours, fromHour: from, toHour: to }, slaByPriority, slaFrom, delegateAddresses });
    setBusy(false);
    if (result.ok) onDone();
    else setError(describeError(result.error));
  }

  return (
    <form
      className="settings-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <fieldset className="settings-section">
        <legend>{t('triageSettings.statusLabels')}</legend>
        <div className="settings-grid">
          {ALL_STATUSES.map((status: ConversationStatus) => (
            <label key={status} className="settings-field">
              <span>{t(STATUS_LABEL[status])}</span>
              <input value={labels[status]} placeholder={t(STATUS_LABEL[status])} data-testid={`settings-label-${status}`} onChange={(e) => setLabels({ ...labels, [status]: e.target.value })} />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="settings-section">
        <legend>{t('triageSettings.periods')}</legend>
        <div className="settings-grid">
          <label className="settings-field">
            <span>{t('triageSettings.autoCloseDays')}</span>
            <input inputMode="numeric" value={autoClose} data-testid="settings-auto-close" aria-invalid={autoCloseDays === null} onChange={(e) => setAutoClose(e.target.value)} />
          </label>
          <label className="settings-field">
            <span>{t('triageSettings.spamPurgeDays')}</span>
            <input inputMode="numeric" value={spamPurge} aria-invalid={spamPurgeDays === null} onChange={(e) => setSpamPurge(e.target.value)} />
          </label>
        </div>
      </fieldset>
      <fieldset className="settings-section">
        <legend>{t('triageSettings.businessHours')}</legend>
        <div className="settings-grid">
          <label className="settings-field">
            <span>{t('triageSettings.timeZone')}</span>
            <input value={hours.timeZone} list={zonesId} autoComplete="off" data-testid="settings-time-zone" onChange={(e) => setHours({ ...hours, timeZone: e.target.value })} />
            {/* The zones this browser knows, offered as the agent types ("Europe/Cop…"); core checks the one saved. */}
            <datalist id={zonesId}>
              {TIME_ZONES.map((zone) => <option key={zone} value={zone} />)}
            </datalist>
          </label>
          <label className="settings-field">
            <span>{t('triageSettings.hours')}</span>
            <span className="settings-hours">
              <input inputMode="numeric" aria-label={t('triageSettings.fromHour')} value={fromHour} aria-invalid={from === null} onChange={(e) => setFromHour(e.target.value)} />
              –
              <input inputMode="numeric" aria-label={t('triageSettings.toHour')} value={toHour} aria-invalid={to === null || (from !== null && to <= from)} onChange={(e) => setToHour(e.target.value)} />
            </span>
          </label>
        </div>
        <div className="settings-days">
          {WEEKDAY_KEYS.map((key, day) => (
            <label key={key}>
              <input
                type="checkbox"
                checked={hours.days.includes(day)}
                onChange={(e) => setHours({ ...hours, days: e.target.checked ? [...hours.days, day].sort() : hours.days.filter((d) => d !== day) })}
              />
              {t(key)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="settings-section">
        <legend>{t('triageSettings.sla')}</legend>
        <p className="field-hint">{t('triageSettings.slaHint')}</p>
        <table className="settings-sla">
          <thead>
            <tr>
              <th scope="col"><span className="sr-only">{t('triageSettings.priorityColumn')}</span></th>
              {SLA_FIELDS.map((f) => <th key={f} scope="col">{t(SLA_FIELD_LABEL[f])}</th>)}
            </tr>
          </thead>
          <tbody>
            {PRIORITY_KEYS.map((p) => (
              <tr key={p}>
                <th scope="row">{t(PRIORITY_LABEL[p])}</th>
                {SLA_FIELDS.map((f) => (
                  <td key={f}>
                    <input
                      inputMode="numeric"
                      aria-label={`${t(PRIORITY_LABEL[p])} · ${t(SLA_FIELD_LABEL[f])}`}
                      value={sla[p][f]}
                      onChange={(e) => setSla({ ...sla, [p]: { ...sla[p], [f]: e.target.value } })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="settings-grid">
          <label className="settings-field">
            <span>{t('triageSettings.slaFrom')}</span>
            <input type="date" value={slaFromField} data-testid="settings-sla-from" aria-invalid={slaFrom === 'invalid'} onChange={(e) => setSlaFromField(e.target.value)} />
          </label>
        </div>
        <p className="field-hint">{t('triageSettings.slaFromHint')}</p>
      </fieldset>
      <fieldset className="settings-section">
        <legend>{t('triageSettings.delegating')}</legend>
        <label className="settings-field">
          <span>{t('triageSettings.delegateAddresses')}</span>
          <input value={delegateField} data-testid="settings-delegate-addresses" aria-invalid={delegateInvalid} placeholder="service@supplier.example" onChange={(e) => setDelegateField(e.target.value)} />
        </label>
        <p className="field-hint">{t('triageSettings.delegateHint')}</p>
      </fieldset>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="modal-actions">
        <button type="button" className="button" disabled={busy} onClick={onDone}>{t('common.cancel')}</button>
        <button type="submit" className="button button-primary" data-testid="settings-save" disabled={busy}>{busy ? t('common.working') : t('triageSettings.save')}</button>
      </div>
    </form>
  );
}

/** Triage settings: status labels, the 30-day periods, business hours and SLA targets. */
export function TriageSettingsDialog() {
  const { open, setOpen, settings, load } = useDesk(
    useShallow((s) => ({ open: s.settingsOpen, setOpen: s.setSettingsOpen, settings: s.triageSettings, load: s.loadTriageSettings })),
  );
  const titleId = useId();
  const [loadError, setLoadError] = useState<Awaited<ReturnType<typeof load>> | null>(null);
  useEffect(() => {
    if (!open) return;
    void load().then((result) => setLoadError(result.ok ? null : result));
  }, [open, load]);
  return (
    <Modal open={open} labelledBy={titleId} onClose={() => setOpen(false)} className="settings-dialog">
      <h2 id={titleId} className="modal-title">{t('triageSettings.title')}</h2>
      {loadError && !loadError.ok && <ErrorNote error={loadError.error} />}
      {settings ? <SettingsForm key={JSON.stringify(settings)} initial={settings} onDone={() => setOpen(false)} /> : !loadError && <p className="muted">{t('triageSettings.loading')}</p>}
    </Modal>
  );
}
