import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useContactPanel } from './use-contact-panel.ts';
import type { ContactCard, Result } from '../../../src-preload/api.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { t } from '../../i18n/i18n.ts';
import { displayName, formatRelativeTime } from '../../i18n/format.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { ContactTags } from './contact-tags.tsx';
import { CsvImport } from './csv-import.tsx';
import { MergeContactDialog } from './merge-contact-dialog.tsx';
import './contact-panel.css';

/** Runs a contact command, tracks that it is running, and turns a failure into a notice. */
function useContactCommand(): [boolean, (call: () => Promise<Result<ContactCard>>) => Promise<void>] {
  const showNotice = useDesk((s) => s.showNotice);
  const [busy, setBusy] = useState(false);
  async function run(call: () => Promise<Result<ContactCard>>): Promise<void> {
    setBusy(true);
    const result = await call();
    setBusy(false);
    if (!result.ok) showNotice(t('contact.actionFailed', { reason: describeError(result.error) }));
  }
  return [busy, run];
}

function Attributes({ attributes }: { attributes: Record<string, string> }) {
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="contact-empty">{t('contact.noAttributes')}</p>;
  return (
    <table className="attribute-table" data-testid="contact-attributes">
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key} data-testid="contact-attribute" data-key={key}>
            <th scope="row">{key}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ContactDetails({ contact, openedId }: { contact: ContactCard; openedId: number }) {
  const { setContactTags, setContactBlocked, unmergeAddress, openConversation } = useDesk(
    useShallow((s) => ({
      setContactTags: s.setContactTags,
      setContactBlocked: s.setContactBlocked,
      unmergeAddress: s.unmergeAddress,
      openConversation: s.openConversation,
    })),
  );
  const [busy, run] = useContactCommand();
  const [confirmBlock, setConfirmBlock] = useState(false);
  const [merging, setMerging] = useState(false);
  const name = contact.name.trim() || contact.addresses[0] || t('message.unknownSender');

  return (
    <>
      <header className="contact-header">
        <span className="contact-avatar" aria-hidden="true">{name.charAt(0).toUpperCase()}</span>
        <div className="contact-heading">
          <h2 className="contact-name" data-testid="contact-name">{name}</h2>
          {contact.blocked && <span className="blocked-badge" data-testid="contact-blocked">{t('contact.blocked')}</span>}
        </div>
      </header>

      <section className="contact-section" aria-labelledby="contact-addresses">
        <h3 id="contact-addresses" className="contact-label">{t('contact.addresses')}</h3>
        <ul className="address-list">
          {contact.addresses.map((address, index) => (
            <li key={address} className="address-item" data-testid="contact-address">
              <span className="address-text" title={address}>{address}</span>
              {index === 0 && contact.addresses.length > 1 && <span className="primary-mark">{t('contact.primary')}</span>}
              {index > 0 && (
                <button type="button" className="link-button" data-testid="unmerge-address" disabled={busy} onClick={() => void run(() => unmergeAddress(contact.id, address))}>
                  {t('contact.unmerge')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="contact-section" aria-labelledby="contact-tags">
        <h3 id="contact-tags" className="contact-label">{t('contact.tags')}</h3>
        <ContactTags tags={contact.tags} busy={busy} onChange={(tags) => void run(() => setContactTags(contact.id, tags))} />
      </section>

      <section className="contact-section" aria-labelledby="contact-attributes">
        <h3 id="contact-attributes" className="contact-label">{t('contact.attributes')}</h3>
        <Attributes attributes={contact.attributes} />
      </section>

      <section className="contact-section" aria-labelledby="contact-conversations">
        <h3 id="contact-conversations" className="contact-label">{t('contact.conversations', { count: contact.conversations.length })}</h3>
        <ul className="contact-conversations">
          {contact.conversations.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={`contact-conversation${c.id === openedId ? ' is-current' : ''}`}
                data-testid="contact-conversation"
                aria-current={c.id === openedId ? 'true' : undefined}
                onClick={() => void openConversation(c.id)}
              >
                <span className="contact-conversation-top">
                  <span className="ticket-badge">#{c.ticket}</span>
                  <time dateTime={new Date(c.lastMessageAt).toISOString()}>{formatRelativeTime(c.lastMessageAt)}</time>
                </span>
                <span className="contact-conversation-subject">{c.subject.trim() || t('message.noSubject')}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section className="contact-section contact-actions">
        <button type="button" className="button button-small" data-testid="merge-contact" disabled={busy} onClick={() => setMerging(true)}>
          {t('contact.merge')}
        </button>
        {contact.blocked ? (
          <button type="button" className="button button-small" data-testid="unblock-contact" disabled={busy} onClick={() => void run(() => setContactBlocked(contact.id, false))}>
            {t('contact.unblock')}
          </button>
        ) : (
          <button type="button" className="button button-small button-danger-quiet" data-testid="block-contact" disabled={busy} onClick={() => setConfirmBlock(true)}>
            {t('contact.block')}
          </button>
        )}
      </section>

      <ConfirmDialog
        open={confirmBlock}
        title={t('contact.blockTitle', { name })}
        body={t('contact.blockBody')}
        confirmLabel={t('contact.block')}
        danger
        busy={busy}
        onConfirm={() => void run(() => setContactBlocked(contact.id, true)).then(() => setConfirmBlock(false))}
        onCancel={() => setConfirmBlock(false)}
      />
      <MergeContactDialog open={merging} contact={contact} onClose={() => setMerging(false)} />
    </>
  );
}

/** The customer beside the conversation: who they are, what we know, what else they wrote. */
export function ContactPanel() {
  const detail = useDesk((s) => s.opened?.detail ?? null);
  const panel = useContactPanel();
  const asideRef = useRef<HTMLElement>(null);
  const overlaid = panel.shown && panel.overlay;
  const { hide } = panel;

  useEffect(() => {
    // Over the conversation: the keyboard goes into the panel (so Escape reaches it), and a click
    // on what it covers puts it away, as a drawer does. Dialogs it opens are inside it.
    if (!overlaid) return;
    asideRef.current?.querySelector<HTMLElement>('.contact-panel-close')?.focus();
    const away = (e: PointerEvent): void => {
      const target = e.target instanceof Element ? e.target : null;
      if (target && !asideRef.current?.contains(target) && !target.closest('dialog')) hide();
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [overlaid, hide]);

  if (!detail || !panel.shown) return null;
  const contact = detail.contact;
  return (
    <aside
      ref={asideRef}
      className={`contact-panel${panel.overlay ? ' is-overlay' : ''}`}
      data-testid="contact-panel"
      aria-label={t('contact.panelLabel')}
      onKeyDown={(e) => {
        // Over the conversation the panel hides what the agent reads: Escape puts it away.
        if (panel.overlay && e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          panel.hide();
        }
      }}
    >
      <div className="contact-panel-top">
        <span className="contact-panel-title">{t('contact.panelLabel')}</span>
        <button type="button" className="contact-panel-close" data-testid="hide-contact-panel" aria-label={t('contact.hidePanel')} title={t('contact.hidePanel')} onClick={panel.hide}>
          ×
        </button>
      </div>
      <div className="contact-panel-body">
        {contact ? (
          <ContactDetails key={contact.id} contact={contact} openedId={detail.summary.id} />
        ) : (
          <p className="contact-empty">{t('contact.none', { name: displayName(detail.summary.customer) })}</p>
        )}
        <footer className="contact-panel-footer">
          <CsvImport />
          <p className="contact-hint">{t('csv.hint')}</p>
        </footer>
      </div>
    </aside>
  );
}
