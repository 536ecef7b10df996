import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SmartFolder } from '../../../src-preload/api.ts';
import { ConfirmDialog } from '../../app/ui/confirm-dialog.tsx';
import { Field } from '../../app/ui/field.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { describeError } from '../../store/describe-error.ts';
import { useDesk } from '../../store/store-context.tsx';

const NAME_MAX = 80;

/** Saves the search as a new folder, or renames `folder` (the one this search is). */
function SaveDialog({ query, folder, onDone }: { query: string; folder: SmartFolder | null; onDone(): void }) {
  const { save, showNotice } = useDesk(useShallow((s) => ({ save: s.saveSmartFolder, showNotice: s.showNotice })));
  const titleId = useId();
  const [name, setName] = useState(folder?.name ?? query.slice(0, NAME_MAX));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(): Promise<void> {
    if (name.trim() === '') {
      setError(t('smartFolders.nameRequired'));
      return;
    }
    setBusy(true);
    const result = await save({ ...(folder ? { id: folder.id } : {}), name: name.trim(), query });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    showNotice(t('smartFolders.saved', { name: result.value.name }));
    onDone();
  }

  return (
    <Modal open labelledBy={titleId} locked={busy} onClose={onDone} className="smart-folder-dialog">
      <h2 id={titleId} className="modal-title">{t(folder ? 'smartFolders.renameTitle' : 'smartFolders.saveTitle')}</h2>
      {!folder && <p className="modal-text">{t('smartFolders.saveIntro')}</p>}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field label={t('smartFolders.name')} error={error}>
          {(control) => <input {...control} data-testid="smart-folder-name" autoFocus maxLength={NAME_MAX} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <p className="field-hint">
          {t('smartFolders.search')} <code>{query}</code>
        </p>
        <div className="modal-actions">
          <button type="button" className="button" disabled={busy} onClick={onDone}>{t('common.cancel')}</button>
          <button type="submit" className="button button-primary" data-testid="smart-folder-save" disabled={busy}>
            {busy ? t('common.working') : t('smartFolders.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/**
 * Beside the search results' title: "Save as smart folder" for a search the
 * team has not saved, "Rename" and "Delete smart folder" for one it has.
 */
export function SmartFolderActions() {
  const { query, folder, remove, showNotice } = useDesk(
    useShallow((s) => {
      const q = s.searchQuery.trim();
      return { query: q, folder: s.directory?.smartFolders.find((f) => f.query === q) ?? null, remove: s.deleteSmartFolder, showNotice: s.showNotice };
    }),
  );
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);
  if (query === '') return null;

  async function confirmDelete(id: string): Promise<void> {
    setBusy(true);
    const result = await remove(id);
    setBusy(false);
    setDeleting(false);
    if (!result.ok) showNotice(t('smartFolders.deleteFailed', { reason: describeError(result.error) }));
  }

  return (
    <>
      {folder ? (
        <>
          <button type="button" className="button button-small button-quiet" data-testid="smart-folder-rename" onClick={() => setSaving(true)}>
            {t('smartFolders.rename')}
          </button>
          {/* Short beside the folder's name in a narrow list; the confirmation names what goes. */}
          <button type="button" className="button button-small button-quiet" data-testid="smart-folder-delete" onClick={() => setDeleting(true)}>
            {t('smartFolders.deleteShort')}
          </button>
        </>
      ) : (
        <button type="button" className="button button-small button-quiet" data-testid="smart-folder-new" onClick={() => setSaving(true)}>
          {t('smartFolders.saveButton')}
        </button>
      )}
      {saving && <SaveDialog query={query} folder={folder} onDone={() => setSaving(false)} />}
      {folder && (
        <ConfirmDialog
          open={deleting}
          title={t('smartFolders.deleteTitle')}
          body={t('smartFolders.deleteBody', { name: folder.name })}
          confirmLabel={t('smartFolders.delete')}
          busy={busy}
          danger
          onConfirm={() => void confirmDelete(folder.id)}
          onCancel={() => setDeleting(false)}
        />
      )}
    </>
  );
}
