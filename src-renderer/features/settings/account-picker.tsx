import { useEffect } from 'react';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';

/** Which mailbox a per-mailbox setting is for; hidden when there is only one. */
export function AccountPicker({ value, onChange }: { value: number | null; onChange(id: number): void }) {
  const accounts = useDesk((s) => s.accounts);
  const first = accounts[0]?.id;
  useEffect(() => {
    if ((value === null || !accounts.some((a) => a.id === value)) && first !== undefined) onChange(first);
  }, [value, first, accounts, onChange]);
  if (accounts.length < 2) return null;
  return (
    <label className="reply-settings-account">
      <span className="field-label">{t('settings.mailbox')}</span>
      <select value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))} data-testid="reply-settings-account">
        {accounts.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.email})</option>)}
      </select>
    </label>
  );
}
