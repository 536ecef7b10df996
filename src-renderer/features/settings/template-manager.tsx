import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeskError, Template } from '../../../src-preload/api.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { RichEditor, type RichEditorHandle } from '../composer/rich-editor.tsx';

/** The placeholders every template may use (core fills them per draft). */
export const PLACEHOLDERS = ['MY_NAME', 'MY_EMAIL', 'TICKET_ID', 'CLIENT_NAME', 'CLIENT_EMAIL', 'CONVERSATION.SUBJECT', 'MAILBOX.NAME'] as const;

interface Form {
  id: string | undefined;
  name: string;
  shortcut: string;
  body: string;
  demo: boolean;
}

const EMPTY: Form = { id: undefined, name: '', shortcut: '', body: '', demo: false };

/** Canned replies, shared with the team: a list, and a form to create, edit or delete one. */
export function TemplateManager() {
  const composeCall = useDesk((s) => s.composeCall);
  const version = useDesk((s) => s.templatesVersion);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [error, setError] = useState<DeskError | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [docKey, setDocKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // Rules that acknowledge customers with the template about to be deleted: they would stop sending.
  const [usedBy, setUsedBy] = useState<string[]>([]);
  const rulesCall = useDesk((s) => s.rulesCall);

  async function askDelete(): Promise<void> {
    const id = form.id;
    const rules = await rulesCall('rules.list', {});
    setUsedBy(rules.ok ? rules.value.filter((r) => r.actions.some((a) => a.kind === 'acknowledge' && a.templateId === id)).map((r) => t('templates.ruleQuoted', { name: r.name })) : []);
    setDeleting(true);
  }
  const editor = useRef<RichEditorHandle>(null);

  const load = useCallback(async () => {
    const result = await composeCall('templates.list', { query: '' });
    if (result.ok) {
      setTemplates(result.value);
      setError(null);
    } else setError(result.error);
  }, [composeCall]);

  useEffect(() => {
    void load();
  }, [load, version]);

  function edit(next: Form): void {
    setForm(next);
    setDocKey((k) => k + 1);
    setFormError(null);
    setSaved(false);
  }

  async function save(): Promise<void> {
    const body = editor.current?.html() ?? form.body;
    if (form.name.trim() === '') {
      setFormError(t('templates.nameRequired'));
      return;
    }
    if (body.replace(/<[^>]*>/g, '').trim() === '') {
      setFormError(t('templates.bodyRequired'));
      return;
    }
    setBusy(true);
    const result = await composeCall('templates.save', { ...(form.id ? { id: form.id } : {}), name: form.name.trim(), shortcut: form.shortcut.trim(), body });
    setBusy(false);
    if (!result.ok) {
      setFormError(describeError(result.error));
      return;
    }
    setForm({ id: result.value.id, name: result.value.name, shortcut: result.value.shortcut, body: result.value.body, demo: result.value.demo });
    setSaved(true);
    void load();
  }

  async function remove(): Promise<void> {
    if (!form.id) return;
    setBusy(true);
    const result = await composeCall('templates.delete', { id: form.id });
    setBusy(false);
    setDeleting(false);
    if (!result.ok) {
      setFormError(describeError(result.error));
      return;
    }
    edit(EMPTY);
    void load();
  }

  return (
    <div className="reply-settings-section template-manager">
      <header className="reply-settings-section-header">
        <h3>{t('settings.templates')}</h3>
        <p className="muted">{t('templates.lead')}</p>
      </header>
      {error && <ErrorNote error={error} />}
      <div className="template-manager-grid">
        <div className="template-manager-list">
          <button type="button" className="button button-small" data-testid="template-new" onClick={() => edit(EMPTY)}>
            {t('templates.new')}
          </button>
          <ul>
            {templates.map((tpl) => (
              <li key={tpl.id}>
                <button
                  type="button"
                  className={`reply-settings-list-item${form.id === tpl.id ? ' is-active' : ''}`}
                  data-testid="template-item"
                  onClick={() => edit({ id: tpl.id, name: tpl.name, shortcut: tpl.shortcut, body: tpl.body, demo: tpl.demo })}
                >
                  <span>{tpl.name}</span>
                  {tpl.shortcut && <kbd>{tpl.shortcut}</kbd>}
                </button>
              </li>
            ))}
            {templates.length === 0 && <li className="muted template-empty">{t('templates.none')}</li>}
          </ul>
        </div>
        <form
          className="template-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="field-row">
            <label className="field grow">
              <span className="field-label">{t('templates.name')}</span>
              <input value={form.name} data-testid="template-name" onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </label>
            <label className="field template-shortcut-field">
              <span className="field-label">{t('templates.shortcut')}</span>
              <input value={form.shortcut} data-testid="template-shortcut" onChange={(e) => setForm({ ...form, shortcut: e.target.value })} />
            </label>
          </div>
          {form.demo && (
            <p className="field-hint" data-testid="template-demo-note">
              {t('templates.demoNote')}
            </p>
          )}
          <span className="field-label">{t('templates.body')}</span>
          <RichEditor
            ref={editor}
            docKey={docKey}
            initialHtml={form.body}
            label={t('templates.body')}
            testId="template-body"
            minHeight={160}
            onChange={(body) => {
              setForm((f) => ({ ...f, body }));
              setSaved(false);
            }}
          />
          <div className="placeholder-chips" aria-label={t('templates.placeholders')}>
            <span className="field-hint">{t('templates.placeholders')}</span>
            {PLACEHOLDERS.map((p) => (
              <button key={p} type="button" className="placeholder-chip" onMouseDown={(e) => e.preventDefault()} onClick={() => editor.current?.insertText(`{${p}}`)}>
                {`{${p}}`}
              </button>
            ))}
          </div>
          {formError && <p className="field-error" role="alert">{formError}</p>}
          <div className="modal-actions">
            {saved && <span className="reply-settings-saved" role="status" data-testid="template-saved">{t('settings.saved')}</span>}
            {form.id && (
              <button type="button" className="button button-quiet" data-testid="template-delete" disabled={busy} onClick={() => void askDelete()}>
                {t('templates.delete')}
              </button>
            )}
            <button type="submit" className="button button-primary" data-testid="template-save" disabled={busy}>
              {busy ? t('common.working') : t('templates.save')}
            </button>
          </div>
        </form>
      </div>
      <ConfirmDialog
        open={deleting}
        title={t('templates.deleteTitle')}
        body={
          usedBy.length > 0
            ? t('templates.deleteBodyUsedByRules', { name: form.name, rules: usedBy.join(', '), count: usedBy.length })
            : t(form.demo ? 'templates.deleteBodyDemo' : 'templates.deleteBody', { name: form.name })
        }
        confirmLabel={t('templates.delete')}
        busy={busy}
        danger
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(false)}
      />
    </div>
  );
}
