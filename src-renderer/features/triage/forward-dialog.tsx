import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AssigneeRef } from '../../../src-preload/api.ts';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import { fuzzyFilter } from '../command-palette/fuzzy.ts';
import { TypeAhead, type PickerOption } from './type-ahead.tsx';

interface ForwardDialogProps {
  /** `forward`: assign to the colleague with a note; `share`: notify them without assigning. */
  kind: 'forward' | 'share';
  conversationId: number;
  onClose(): void;
}

/** "Forward to a colleague" and "Share": pick a colleague, add a note, send. */
export function ForwardDialog({ kind, conversationId, onClose }: ForwardDialogProps) {
  const { directory, applyTriage } = useDesk(useShallow((s) => ({ directory: s.directory, applyTriage: s.applyTriage })));
  const titleId = useId();
  const [chosen, setChosen] = useState<PickerOption | null>(null);
  const [note, setNote] = useState('');
  const me = directory?.me?.ref ?? null;
  const people: PickerOption[] = [
    ...(directory?.agents ?? []).filter((a) => a.ref !== me).map((a) => ({ id: a.ref, label: a.name, hint: a.address ?? undefined, colour: a.colour })),
    // Sharing notifies a person; a conversation can be forwarded to a whole group.
    ...(kind === 'forward' ? (directory?.groups ?? []).map((g) => ({ id: g.ref, label: g.name, hint: t('picker.group'), colour: g.colour })) : []),
  ];

  function send(): void {
    if (!chosen) return;
    const ref: AssigneeRef = chosen.id;
    const text = note.trim() || undefined;
    onClose();
    void applyTriage(kind === 'forward' ? { kind: 'assign', assignee: ref, note: text } : { kind: 'share', agent: ref, note: text }, [conversationId]);
  }

  return (
    <Modal open labelledBy={titleId} onClose={onClose} className="picker-dialog">
      <form
        className="picker-body"
        data-testid={`picker-${kind}`}
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <h2 id={titleId} className="modal-title">{kind === 'forward' ? t('forward.title') : t('share.title')}</h2>
        <p className="modal-text">{kind === 'forward' ? t('forward.intro') : t('share.intro')}</p>
        {chosen ? (
          <p className="forward-chosen">
            <span className="member-dot" style={{ background: chosen.colour }} aria-hidden="true" />
            <strong>{chosen.label}</strong>
            <button type="button" className="link-button" onClick={() => setChosen(null)}>{t('forward.change')}</button>
          </p>
        ) : (
          <TypeAhead
            label={t('forward.colleague')}
            placeholder={t('forward.colleaguePlaceholder')}
            options={(query) => fuzzyFilter(query, people, (o) => `${o.label} ${o.hint ?? ''}`)}
            onPick={(option) => setChosen(option)}
            testId="colleague"
            empty={t('forward.noColleagues')}
          />
        )}
        <label className="field">
          <span className="field-label">{t('forward.note')}</span>
          <textarea
            className="note-input"
            data-testid="forward-note"
            rows={3}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                send();
              }
            }}
          />
          <span className="field-hint">{t('notes.internalHint')}</span>
        </label>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button-primary" data-testid="forward-send" disabled={!chosen}>
            {kind === 'forward' ? t('forward.send') : t('share.send')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
