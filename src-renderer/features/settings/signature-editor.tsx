import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeskError, Signature } from '../../../src-preload/api.ts';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { RichEditor, type RichEditorHandle } from '../composer/rich-editor.tsx';
import { AccountPicker } from './account-picker.tsx';

function SignatureBox({ title, hint, signature, testId, onSave }: { title: string; hint: string; signature: Signature; testId: string; onSave(html: string): Promise<string | null> }) {
  const editor = useRef<RichEditorHandle>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <section className="signature-box" data-testid={testId}>
      <h4>{title}</h4>
      <p className="field-hint">{hint}</p>
      <RichEditor ref={editor} docKey={`${signature.accountId}-${signature.agent ?? 'mailbox'}`} initialHtml={signature.html} label={title} minHeight={90} onChange={() => setMessage(null)} />
      <div className="modal-actions">
        {message && <span className={message.ok ? 'settings-saved' : 'field-error'} role="status">{message.text}</span>}
        <button
          type="button"
          className="button button-primary button-small"
          data-testid={`${testId}-save`}
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onSave(editor.current?.html() ?? '').then((problem) => {
              setBusy(false);
              setMessage(problem ? { ok: false, text: problem } : { ok: true, text: t('settings.saved') });
            });
          }}
        >
          {busy ? t('common.working') : t('settings.save')}
        </button>
      </div>
    </section>
  );
}

/** The mailbox's signature (everyone's) and this agent's own for that mailbox. */
export function SignatureEditor() {
  const composeCall = useDesk((s) => s.composeCall);
  const me = useDesk((s) => s.directory?.me ?? null);
  const [accountId, setAccountId] = useState<number | null>(null);
  const [data, setData] = useState<{ mailbox: Signature; mine: Signature | null } | null>(null);
  const [error, setError] = useState<DeskError | null>(null);

  useEffect(() => {
    if (accountId === null) return;
    let stale = false;
    void composeCall('signatures.get', { accountId }).then((result) => {
      if (stale) return;
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      stale = true;
    };
  }, [accountId, composeCall]);

  const save = useCallback(
    async (signature: Signature): Promise<string | null> => {
      const result = await composeCall('signatures.save', signature);
      return result.ok ? null : describeError(result.error);
    },
    [composeCall],
  );

  // The agent's own signature is keyed by this desktop's agent node (its ref without "agent:").
  const agentNode = data?.mine?.agent ?? me?.ref.replace(/^agent:/, '') ?? null;
  return (
    <div className="reply-settings-section">
      <header className="reply-settings-section-header">
        <h3>{t('settings.signatures')}</h3>
        <p className="muted">{t('signatures.lead')}</p>
      </header>
      <AccountPicker value={accountId} onChange={setAccountId} />
      {error && <ErrorNote error={error} />}
      {data && accountId !== null && (
        <>
          <SignatureBox
            title={t('signatures.mailbox')}
            hint={t('signatures.mailboxHint')}
            signature={data.mailbox}
            testId="signature-mailbox"
            onSave={(html) => save({ accountId, agent: null, html })}
          />
          {agentNode ? (
            <SignatureBox
              title={t('signatures.mine')}
              hint={t('signatures.mineHint')}
              signature={data.mine ?? { accountId, agent: agentNode, html: '' }}
              testId="signature-mine"
              onSave={(html) => save({ accountId, agent: agentNode, html })}
            />
          ) : (
            <p className="muted">{t('signatures.noIdentity')}</p>
          )}
        </>
      )}
    </div>
  );
}
