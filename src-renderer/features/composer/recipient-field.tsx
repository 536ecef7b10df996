import { useId, useState } from 'react';
import type { Address } from '../../../src-preload/api.ts';
import { t } from '../../i18n/i18n.ts';
import { formatAddress } from '../../i18n/format.ts';
import { parseRecipients, sameAddress } from './addresses.ts';

interface RecipientFieldProps {
  label: string;
  value: Address[];
  testId: string;
  autoFocus?: boolean;
  onChange(next: Address[]): void;
  /** Tells the composer when text that is not an address waits in the field (sending waits too). */
  onInvalid(invalid: boolean): void;
}

/**
 * Recipients as chips; typed text becomes chips on Enter, comma, semicolon
 * or leaving the field. Text that is not an address stays in the field with
 * an error, so a typo is fixed rather than silently dropped.
 */
export function RecipientField({ label, value, testId, autoFocus, onChange, onInvalid }: RecipientFieldProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string[]>([]);

  /** `typing`: committed by a typed comma, so what stays keeps its separator and the agent types on. */
  function commit(raw: string, typing = false): void {
    const { valid, invalid: bad } = parseRecipients(raw);
    const added = valid.filter((a) => !value.some((v) => sameAddress(v, a)));
    if (added.length > 0) onChange([...value, ...added]);
    setText(bad.length > 0 && typing ? `${bad.join(', ')}, ` : bad.join(', '));
    setInvalid(bad);
    onInvalid(bad.length > 0);
  }

  return (
    <div className={`recipient-field${invalid.length > 0 ? ' has-error' : ''}`} data-testid={testId}>
      <label htmlFor={id} className="recipient-label">{label}</label>
      <div className="recipient-box">
        {value.map((address) => (
          <span key={address.address} className="recipient-chip" data-testid="recipient-chip" title={address.address}>
            {formatAddress(address)}
            <button
              type="button"
              className="recipient-chip-remove"
              aria-label={t('composer.removeRecipient', { address: address.address })}
              onClick={() => onChange(value.filter((v) => !sameAddress(v, address)))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          className="recipient-input"
          value={text}
          autoFocus={autoFocus}
          aria-invalid={invalid.length > 0}
          aria-describedby={invalid.length > 0 ? `${id}-error` : undefined}
          data-testid={`${testId}-input`}
          onChange={(e) => {
            const next = e.target.value;
            if (/[,;]\s*$/.test(next)) commit(next, true);
            else {
              setText(next);
              if (invalid.length > 0) {
                setInvalid([]);
                onInvalid(false);
              }
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && text.trim() !== '') {
              e.preventDefault();
              commit(text);
            }
            if (e.key === 'Backspace' && text === '' && value.length > 0) onChange(value.slice(0, -1));
          }}
          onBlur={() => {
            if (text.trim() !== '') commit(text);
          }}
        />
      </div>
      {invalid.length > 0 && (
        <p id={`${id}-error`} className="field-error recipient-error" role="alert">
          {t('composer.invalidAddress', { text: invalid.join(', ') })}
        </p>
      )}
    </div>
  );
}
