import { useRef, useState, type ReactNode } from 'react';
import type { ActivityItem } from '../../../src-preload/api.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { t } from '../../i18n/i18n.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';
import { NoteText } from './note-text.tsx';

type NoteItem = Extract<ActivityItem, { kind: 'note' | 'call' }>;

interface NoteCardProps {
  item: NoteItem;
  conversationId: number;
  /** The header's kind, author and time, as the activity card words them. */
  header: ReactNode;
}

/**
 * A note or a logged call in the timeline. The agent's own (`mine`) can be
 * edited (notes) and deleted (both); core refuses the same for a
 * colleague's, so these controls only spare a refusal.
 */
export function NoteCard({ item, conversationId, header }: NoteCardProps) {
  const editNote = useDesk((s) => s.editNote);
  const deleteNote = useDesk((s) => s.deleteNote);
  const showNotice = useDesk((s) => s.showNotice);
  const [draft, setDraft] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const text = item.kind === 'note' ? item.markdown : item.summary;

  async function save(): Promise<void> {
    if (draft === null || busy) return;
    const markdown = draft.trim();
    if (markdown === '' || markdown === text.trim()) {
      setDraft(null);
      return;
    }
    setBusy(true);
    const result = await editNote(conversationId, item.id, markdown);
    setBusy(false);
    if (result.ok) setDraft(null);
    else showNotice(t('notes.editFailed', { reason: describeError(result.error) }));
  }

  async function remove(): Promise<void> {
    setBusy(true);
    const result = await deleteNote(conversationId, item.id);
    setBusy(false);
    setConfirming(false);
    if (!result.ok) showNotice(t('notes.deleteFailed', { reason: describeError(result.error) }));
  }

  return (
    <article className={`activity-card ${item.kind === 'call' ? 'is-call' : 'is-note'}`} data-testid={item.kind === 'call' ? 'activity-call' : 'activity-note'} data-note-id={item.id}>
      <header className="activity-header">
        {header}
        {item.editedAt !== null && (
          <span className="activity-edited muted" data-testid="note-edited" title={t('notes.editedAt', { date: formatFullDate(item.editedAt) })}>
            {t('notes.edited')}
          </span>
        )}
        {item.mine && draft === null && (
          <span className="activity-own-actions">
            {item.kind === 'note' && (
              <button type="button" className="link-button" data-testid="note-edit" onClick={() => setDraft(item.markdown)}>
                {t('notes.edit')}
              </button>
            )}
            <button type="button" className="link-button" data-testid="note-delete" onClick={() => setConfirming(true)}>
              {t('notes.delete')}
            </button>
          </span>
        )}
      </header>
      {draft === null ? (
        text && <NoteText markdown={text} />
      ) : (
        <div className="note-edit">
          <textarea
            ref={ref}
            className="note-input"
            data-testid="note-edit-input"
            aria-label={t('notes.editLabel')}
            autoFocus
            rows={Math.min(12, Math.max(3, draft.split('\n').length + 1))}
            value={draft}
            disabled={busy}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void save();
              } else if (event.key === 'Escape') {
                // Only the edit is left; the conversation stays open.
                event.preventDefault();
                event.stopPropagation();
                setDraft(null);
              }
            }}
          />
          <div className="note-box-actions">
            <span className="note-box-hint muted">{t('notes.editHint')}</span>
            <button type="button" className="button button-small" disabled={busy} onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="button button-small button-primary" data-testid="note-save" disabled={busy || draft.trim() === ''} onClick={() => void save()}>
              {t('notes.save')}
            </button>
          </div>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t(item.kind === 'call' ? 'notes.deleteCallTitle' : 'notes.deleteTitle')}
        body={t('notes.deleteBody')}
        confirmLabel={t('notes.delete')}
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      />
    </article>
  );
}
