import { useEffect, useState } from 'react';
import type { Branding, DeskError } from '../../../src-preload/api.ts';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { sanitizeDraftHtml } from '../composer/sanitize-draft-html.ts';
import { AccountPicker } from './account-picker.tsx';

/** Logos travel inside every mail: keep them small. */
const MAX_LOGO_BYTES = 100 * 1024;

/** How outgoing HTML mail of a mailbox looks: header, footer, accent colour and logo, with a preview. */
export function BrandingEditor() {
  const composeCall = useDesk((s) => s.composeCall);
  const [accountId, setAccountId] = useState<number | null>(null);
  const [branding, setBranding] = useState<Branding | null>(null);
  const [error, setError] = useState<DeskError | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (accountId === null) return;
    let stale = false;
    void composeCall('branding.get', { accountId }).then((result) => {
      if (stale) return;
      if (result.ok) {
        setBranding(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      stale = true;
    };
  }, [accountId, composeCall]);

  function change(patch: Partial<Branding>): void {
    setBranding((b) => (b ? { ...b, ...patch } : b));
    setMessage(null);
  }

  function pickLogo(file: File | undefined): void {
    if (!file) return;
    if (!/^image\/(png|jpeg|gif|webp)$/.test(file.type)) {
      setMessage({ ok: false, text: t('branding.logoType') });
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setMessage({ ok: false, text: t('branding.logoTooLarge') });
      return;
    }
    const reader = new FileReader();
    reader.onload = () => change({ logoDataUrl: typeof reader.result === 'string' ? reader.result : '' });
    reader.readAsDataURL(file);
  }

  async function save(): Promise<void> {
    if (!branding) return;
    setBusy(true);
    const result = await composeCall('branding.save', { ...branding, headerHtml: sanitizeDraftHtml(branding.headerHtml), footerHtml: sanitizeDraftHtml(branding.footerHtml) });
    setBusy(false);
    if (result.ok) {
      setBranding(result.value);
      setMessage({ ok: true, text: t('settings.saved') });
    } else setMessage({ ok: false, text: describeError(result.error) });
  }

  return (
    <div className="reply-settings-section">
      <header className="reply-settings-section-header">
        <h3>{t('settings.branding')}</h3>
        <p className="muted">{t('branding.lead')}</p>
      </header>
      <AccountPicker value={accountId} onChange={setAccountId} />
      {error && <ErrorNote error={error} />}
      {branding && (
        <div className="branding-grid">
          <div className="branding-form">
            <label className="field">
              <span className="field-label">{t('branding.header')}</span>
              <textarea rows={3} value={branding.headerHtml} data-testid="branding-header" onChange={(e) => change({ headerHtml: e.target.value })} />
            </label>
            <label className="field">
              <span className="field-label">{t('branding.footer')}</span>
              <textarea rows={3} value={branding.footerHtml} data-testid="branding-footer" onChange={(e) => change({ footerHtml: e.target.value })} />
            </label>
            <div className="field-row">
              <label className="field">
                <span className="field-label">{t('branding.accent')}</span>
                <input type="color" value={/^#[0-9a-f]{6}$/i.test(branding.accentColour) ? branding.accentColour : '#2563c9'} data-testid="branding-accent" onChange={(e) => change({ accentColour: e.target.value })} />
              </label>
              <label className="field grow">
                <span className="field-label">{t('branding.logo')}</span>
                <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" onChange={(e) => pickLogo(e.target.files?.[0])} />
              </label>
              {branding.logoDataUrl && (
                <button type="button" className="link-button" onClick={() => change({ logoDataUrl: '' })}>{t('branding.removeLogo')}</button>
              )}
            </div>
            <p className="field-hint">{t('branding.hint')}</p>
            <div className="modal-actions">
              {message && <span className={message.ok ? 'settings-saved' : 'field-error'} role="status">{message.text}</span>}
              <button type="button" className="button button-primary" data-testid="branding-save" disabled={busy} onClick={() => void save()}>
                {busy ? t('common.working') : t('settings.save')}
              </button>
            </div>
          </div>
          <figure className="branding-preview" aria-label={t('branding.preview')}>
            <figcaption className="field-label">{t('branding.preview')}</figcaption>
            <div className="branding-mail" style={{ borderTopColor: branding.accentColour || undefined }}>
              {branding.logoDataUrl && <img src={branding.logoDataUrl} alt="" className="branding-logo" />}
              {/* Sanitized like a draft: the preview shows exactly the formatting that will be kept. */}
              <div className="branding-header" dangerouslySetInnerHTML={{ __html: sanitizeDraftHtml(branding.headerHtml) }} />
              <p className="branding-body">{t('branding.sampleBody')}</p>
              <div className="branding-footer" style={{ color: branding.accentColour || undefined }} dangerouslySetInnerHTML={{ __html: sanitizeDraftHtml(branding.footerHtml) }} />
            </div>
          </figure>
        </div>
      )}
    </div>
  );
}
