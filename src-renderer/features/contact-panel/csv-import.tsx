import { useId, useRef, useState } from 'react';
import type { CsvImportResult, DeskError } from '../../../src-preload/api.ts';
import { ErrorNote } from '../../app/ui/error-note.tsx';
import { Modal } from '../../app/ui/modal.tsx';
import { t } from '../../i18n/i18n.ts';
import { useDesk } from '../../store/store-context.tsx';
import { skippedLineText } from './csv-words.ts';

/** Larger files are almost certainly not a contact list (and would be slow to send in one call). */
const MAX_CSV_BYTES = 4_000_000;

type Outcome = { kind: 'done'; result: CsvImportResult; file: string } | { kind: 'failed'; error: DeskError; file: string };

/** "Import contact attributes (CSV)": pick a file, send its text, report what happened line by line. */
export function CsvImport() {
  const importCsv = useDesk((s) => s.importContactsCsv);
  const inputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onFile(file: File): Promise<void> {
    if (file.size > MAX_CSV_BYTES) {
      setOutcome({ kind: 'failed', file: file.name, error: { code: 'bad-request', message: t('csv.tooLarge') } });
      return;
    }
    // Core would refuse an empty file as a malformed call; say what it is instead.
    if (file.size === 0) {
      setOutcome({ kind: 'failed', file: file.name, error: { code: 'bad-request', message: t('sentence.csvEmpty') } });
      return;
    }
    setBusy(true);
    const csv = await file.text();
    const result = await importCsv(csv);
    setBusy(false);
    setOutcome(result.ok ? { kind: 'done', result: result.value, file: file.name } : { kind: 'failed', error: result.error, file: file.name });
  }

  return (
    <>
      <button type="button" className="link-button" data-testid="import-csv" disabled={busy} onClick={() => inputRef.current?.click()}>
        {busy ? t('csv.importing') : t('csv.import')}
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".csv,text/csv"
        hidden
        data-testid="import-csv-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // The same file can be picked again after fixing it.
          if (file) void onFile(file);
        }}
      />
      <Modal open={outcome !== null} labelledBy={titleId} onClose={() => setOutcome(null)} className="csv-result">
        <h2 id={titleId} className="modal-title">{t('csv.resultTitle')}</h2>
        {outcome?.kind === 'failed' && <ErrorNote error={outcome.error} />}
        {outcome?.kind === 'done' && (
          <div className="csv-summary" data-testid="csv-result">
            <p className="muted">{outcome.file}</p>
            <dl className="csv-counts">
              <div><dt>{t('csv.created')}</dt><dd data-testid="csv-created">{outcome.result.created}</dd></div>
              <div><dt>{t('csv.updated')}</dt><dd data-testid="csv-updated">{outcome.result.updated}</dd></div>
              <div><dt>{t('csv.skipped')}</dt><dd data-testid="csv-skipped">{outcome.result.skipped.length}</dd></div>
            </dl>
            {outcome.result.skipped.length > 0 && (
              <ul className="csv-skipped">
                {outcome.result.skipped.map((row) => (
                  <li key={`${row.line}:${row.reason.key}`}>{skippedLineText(row)}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="button" autoFocus onClick={() => setOutcome(null)}>{t('common.close')}</button>
        </div>
      </Modal>
    </>
  );
}
