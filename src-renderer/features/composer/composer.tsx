import { useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Template } from '../../../src-preload/api.ts';
import { say, t, type MessageKey } from '../../i18n/i18n.ts';
import { formatFullDate } from '../../i18n/format.ts';
import type { ComposerSession } from '../../store/composer.slice.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { dragHasFiles, readFileBase64 } from './attachment-files.ts';
import { AttachmentsField } from './attachments-field.tsx';
import { CollisionDialog } from './collision-dialog.tsx';
import { RecipientField } from './recipient-field.tsx';
import { RichEditor, type RichEditorHandle } from './rich-editor.tsx';
import { SendLaterMenu } from './send-later-menu.tsx';
import { openPlaceholderProblems, problemId } from './template-problems.ts';
import { TemplatePicker } from './template-picker.tsx';
import { statusLabel } from '../triage/triage-labels.ts';
import './composer.css';

const TITLE: Record<ComposerSession['draft']['mode'], MessageKey> = {
  reply: 'composer.titleReply',
  replyAll: 'composer.titleReplyAll',
  forward: 'composer.titleForward',
  new: 'composer.titleNew',
};

type RecipientKind = 'to' | 'cc' | 'bcc';

interface ComposerProps {
  session: ComposerSession;
  placement: 'inline' | 'dock';
}

function SaveState({ session }: { session: ComposerSession }) {
  if (session.saveError) {
    return <span className="composer-save is-error" role="status" data-testid="composer-save-state">{t('composer.notSaved', { reason: describeError(session.saveError) })}</span>;
  }
  return (
    <span className="composer-save" role="status" data-testid="composer-save-state" data-dirty={session.dirty}>
      {session.dirty ? t('composer.saving') : t('composer.saved')}
    </span>
  );
}

/** The draft being written: recipients, subject, rich text, attachments, templates, and sending. */
export function Composer({ session, placement }: ComposerProps) {
  const { draft, working } = session;
  const actions = useDesk(
    useShallow((s) => ({
      updateDraft: s.updateDraft,
      flushDraft: s.flushDraft,
      closeComposer: s.closeComposer,
      discardDraft: s.discardDraft,
      attachToDraft: s.attachToDraft,
      detachFromDraft: s.detachFromDraft,
      setTemplateProblems: s.setTemplateProblems,
      sendDraft: s.sendDraft,
      dismissCollision: s.dismissCollision,
      composeCall: s.composeCall,
      showNotice: s.showNotice,
    })),
  );
  const editor = useRef<HTMLDivElement>(null);
  const richEditor = useRef<RichEditorHandle>(null);
  const toField = useRef<HTMLDivElement>(null);
  const [showCc, setShowCc] = useState(draft.cc.length > 0 || draft.bcc.length > 0);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [laterOpen, setLaterOpen] = useState(false);
  const [uploading, setUploading] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const [invalidFields, setInvalidFields] = useState<Record<RecipientKind, boolean>>({ to: false, cc: false, bcc: false });
  const [inserting, setInserting] = useState(false);
  // "Send anyway" after a collision keeps the time the agent chose, and whether it was "Send & Done".
  const lastSendAt = useRef<number | null>(null);
  const lastThenDone = useRef(false);
  const doneLabel = useDesk((s) => statusLabel('done', s.triageSettings));
  const inConversation = draft.conversationId !== null;

  // Focus where the agent starts typing: recipients for a forward or a new mail, the text for a reply.
  useEffect(() => {
    if (session.focusRequest === 0) return;
    if (working.to.length === 0) toField.current?.querySelector('input')?.focus();
    else richEditor.current?.focus();
    // Only a new focus request moves the focus, not every edit (so `working` is not a dependency).
  }, [session.focusRequest]);

  const blocked = session.templateProblems.length > 0 || Object.values(invalidFields).some(Boolean);
  const hasRecipients = working.to.length + working.cc.length + working.bcc.length > 0;

  const send = useCallback(
    async (sendAt: number | null, confirmCollision = false, thenDone = false) => {
      // Typed-but-uncommitted recipients become chips when their field loses focus.
      if (document.activeElement instanceof HTMLElement && editor.current?.contains(document.activeElement)) document.activeElement.blur();
      setLaterOpen(false);
      lastSendAt.current = sendAt;
      lastThenDone.current = thenDone;
      await actions.sendDraft(sendAt, confirmCollision, thenDone);
    },
    [actions],
  );

  async function pickTemplate(template: Template): Promise<void> {
    setPickerOpen(false);
    setInserting(true);
    // Core renders with the draft's own context (customer, ticket), so it must know the latest text.
    await actions.flushDraft();
    const result = await actions.composeCall('templates.render', { templateId: template.id, draftId: draft.id });
    setInserting(false);
    if (!result.ok) {
      actions.showNotice(t('templates.renderFailed', { reason: describeError(result.error) }));
      richEditor.current?.focus();
      return;
    }
    richEditor.current?.insertHtml(result.value.html);
    const text = editor.current?.querySelector('.editor-area')?.textContent ?? '';
    actions.setTemplateProblems(openPlaceholderProblems([...session.templateProblems, ...result.value.problems], text, true));
  }

  async function attach(files: File[]): Promise<void> {
    for (const file of files) {
      setUploading((u) => [...u, file.name]);
      try {
        const data = await readFileBase64(file);
        const result = await actions.attachToDraft(data);
        if (!result.ok) actions.showNotice(t('composer.attachFailed', { name: file.name, reason: describeError(result.error) }));
      } catch {
        actions.showNotice(t('composer.attachFailed', { name: file.name, reason: t('composer.unreadableFile') }));
      } finally {
        setUploading((u) => u.filter((n) => n !== file.name));
      }
    }
  }

  function onEditorChange(html: string): void {
    actions.updateDraft({ html });
    if (session.templateProblems.length > 0) {
      const text = editor.current?.querySelector('.editor-area')?.textContent ?? '';
      const open = openPlaceholderProblems(session.templateProblems, text, false);
      if (open.length !== session.templateProblems.length) actions.setTemplateProblems(open);
    }
  }

  const recipientField = (kind: RecipientKind, label: string) => (
    <RecipientField
      label={label}
      value={working[kind]}
      testId={`composer-${kind}`}
      onChange={(next) => actions.updateDraft({ [kind]: next })}
      onInvalid={(invalid) => setInvalidFields((f) => (f[kind] === invalid ? f : { ...f, [kind]: invalid }))}
    />
  );

  return (
    <section
      ref={editor}
      className={`composer composer-${placement}${dragging ? ' is-dragging' : ''}`}
      aria-label={t(TITLE[draft.mode])}
      data-testid="composer"
      data-draft-id={draft.id}
      data-mode={draft.mode}
      onKeyDown={(e) => {
        if (e.target instanceof Element && e.target.closest('dialog')) return;
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          // Ctrl+Shift+Enter: send, and mark the conversation done once it has gone out.
          if (!blocked && !session.sending) void send(null, false, e.shiftKey && inConversation);
        } else if ((e.key === 'T' || e.key === 't') && (e.ctrlKey || e.metaKey) && e.shiftKey) {
          e.preventDefault();
          richEditor.current?.saveCaret();
          setPickerOpen(true);
        } else if (e.key === 'Escape' && !laterOpen) {
          e.preventDefault();
          void actions.closeComposer();
        }
      }}
      onDragOver={(e) => {
        if (!dragHasFiles(e)) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        if (!dragHasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        void attach([...e.dataTransfer.files]);
      }}
    >
      <header className="composer-header">
        <h2 className="composer-title">{t(TITLE[draft.mode])}</h2>
        <SaveState session={session} />
        <span className="toolbar-spacer" />
        <button type="button" className="button button-small button-quiet" data-testid="composer-discard" onClick={() => void actions.discardDraft()}>
          {t('composer.discard')}
        </button>
        <button type="button" className="button button-small button-quiet" data-testid="composer-close" title={t('composer.closeHint')} onClick={() => void actions.closeComposer()}>
          {t('common.close')}
        </button>
      </header>

      <div className="composer-fields" ref={toField}>
        <div className="composer-to-row">
          {recipientField('to', t('composer.to'))}
          {!showCc && (
            <button type="button" className="link-button composer-cc-toggle" data-testid="composer-show-cc" onClick={() => setShowCc(true)}>
              {t('composer.ccBcc')}
            </button>
          )}
        </div>
        {showCc && recipientField('cc', t('composer.cc'))}
        {showCc && recipientField('bcc', t('composer.bcc'))}
        <div className="composer-subject">
          <label htmlFor={`subject-${draft.id}`} className="recipient-label">{t('composer.subject')}</label>
          <input
            id={`subject-${draft.id}`}
            className="composer-subject-input"
            value={working.subject}
            data-testid="composer-subject"
            onChange={(e) => actions.updateDraft({ subject: e.target.value })}
            onBlur={() => void actions.flushDraft()}
          />
        </div>
      </div>

      <RichEditor
        ref={richEditor}
        docKey={draft.id}
        initialHtml={draft.html}
        label={t('composer.body')}
        placeholder={t('composer.bodyPlaceholder')}
        testId="composer-body"
        onChange={onEditorChange}
        onBlur={() => void actions.flushDraft()}
        onTemplateTrigger={() => setPickerOpen(true)}
      />

      {session.templateProblems.length > 0 && (
        <div className="composer-problems" role="alert" data-testid="template-problems">
          <p>{t('composer.placeholderProblems')}</p>
          <ul>
            {session.templateProblems.map((p) => <li key={problemId(p)}>{say(p)}</li>)}
          </ul>
        </div>
      )}
      {session.problems.length > 0 && (
        <div className="composer-problems" role="alert" data-testid="composer-problems">
          <p>{t('composer.cannotSend')}</p>
          <ul>
            {session.problems.map((p) => <li key={p}>{p}</li>)}
          </ul>
        </div>
      )}

      <footer className="composer-footer">
        <AttachmentsField attachments={draft.attachments} uploading={uploading} onPick={(files) => void attach(files)} onRemove={(id) => void actions.detachFromDraft(id)} />
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button button-small button-quiet"
          data-testid="composer-templates"
          title={t('composer.templatesHint')}
          disabled={inserting}
          onClick={() => {
            richEditor.current?.saveCaret();
            setPickerOpen(true);
          }}
        >
          {inserting ? t('common.working') : t('composer.templates')}
        </button>
        <div className="send-group">
          <button
            type="button"
            className="button button-primary"
            data-testid="composer-send"
            title={t('composer.sendHint')}
            disabled={blocked || session.sending || !hasRecipients}
            onClick={() => void send(null)}
          >
            {session.sending ? t('composer.sending') : t('composer.send')}
          </button>
          {inConversation && (
            <button
              type="button"
              className="button send-done"
              data-testid="composer-send-done"
              title={t('composer.sendDoneHint', { status: doneLabel })}
              disabled={blocked || session.sending || !hasRecipients}
              onClick={() => void send(null, false, true)}
            >
              {t('composer.sendDone', { status: doneLabel })}
            </button>
          )}
          <button
            type="button"
            className="button send-later-toggle"
            data-testid="composer-send-later"
            aria-expanded={laterOpen}
            disabled={blocked || session.sending || !hasRecipients}
            onClick={() => setLaterOpen((v) => !v)}
          >
            {t('composer.sendLater')}
          </button>
          {laterOpen && (
            <SendLaterMenu
              disabled={session.sending}
              inConversation={inConversation}
              doneLabel={doneLabel}
              onSchedule={(at, thenDone) => void send(at, false, thenDone)}
              onClose={() => setLaterOpen(false)}
            />
          )}
        </div>
      </footer>
      <p className="composer-hint muted">
        {t('composer.keysHint')}
        {session.savedAt > 0 && !session.dirty && <span className="composer-saved-at"> · {t('composer.savedAt', { time: formatFullDate(session.savedAt) })}</span>}
      </p>

      <TemplatePicker open={pickerOpen} onPick={(tpl) => void pickTemplate(tpl)} onClose={() => {
        setPickerOpen(false);
        richEditor.current?.focus();
      }} />
      <CollisionDialog
        collision={session.collision}
        busy={session.sending}
        onSendAnyway={() => void send(lastSendAt.current, true, lastThenDone.current)}
        onReview={() => {
          actions.dismissCollision();
          richEditor.current?.focus();
        }}
      />
    </section>
  );
}
