import { useId } from 'react';
import { Modal } from '../../app/ui/modal.tsx';
import { t, type MessageKey } from '../../i18n/i18n.ts';
import type { SettingsSection } from '../../store/composer-settings.slice.ts';
import { useDesk } from '../../store/store-context.tsx';
import { AuditView } from './audit-view.tsx';
import { BrandingEditor } from './branding-editor.tsx';
import { SendingSettings } from './sending-settings.tsx';
import { SignatureEditor } from './signature-editor.tsx';
import { TemplateManager } from './template-manager.tsx';
import './settings.css';

const SECTIONS: { id: SettingsSection; label: MessageKey }[] = [
  { id: 'templates', label: 'settings.templates' },
  { id: 'signatures', label: 'settings.signatures' },
  { id: 'branding', label: 'settings.branding' },
  { id: 'sending', label: 'settings.sending' },
  { id: 'audit', label: 'settings.audit' },
];

/** Settings for replying: templates, signatures, branding, sending, and the mail audits. */
export function SettingsView() {
  const titleId = useId();
  const section = useDesk((s) => s.settingsSection);
  const open = useDesk((s) => s.openSettings);
  const close = useDesk((s) => s.closeSettings);
  return (
    <Modal open={section !== null} labelledBy={titleId} onClose={close} className="reply-settings-modal">
      <div className="reply-settings-layout" data-testid="reply-settings">
        <nav className="reply-settings-nav" aria-label={t('settings.title')}>
          <h2 id={titleId} className="modal-title reply-settings-title">{t('settings.title')}</h2>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className={`reply-settings-nav-button${section === s.id ? ' is-active' : ''}`}
                  aria-current={section === s.id ? 'page' : undefined}
                  data-testid={`reply-settings-${s.id}`}
                  onClick={() => open(s.id)}
                >
                  {t(s.label)}
                </button>
              </li>
            ))}
          </ul>
          <span className="toolbar-spacer" />
          <button type="button" className="button reply-settings-close" data-testid="reply-settings-close" onClick={close}>{t('common.close')}</button>
        </nav>
        <div className="reply-settings-content">
          {section === 'templates' && <TemplateManager />}
          {section === 'signatures' && <SignatureEditor />}
          {section === 'branding' && <BrandingEditor />}
          {section === 'sending' && <SendingSettings />}
          {section === 'audit' && <AuditView />}
        </div>
      </div>
    </Modal>
  );
}
