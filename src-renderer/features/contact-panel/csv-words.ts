/** What the contact import says about a line it skipped. */
import type { CsvImportResult } from '../../../src-preload/api.ts';
import { say, t } from '../../i18n/i18n.ts';

/** "Zeile 1042: …": the line number as text, as the agent finds it in their file (never "1.042"); the reason in their language. */
export function skippedLineText(row: CsvImportResult['skipped'][number]): string {
  return t('csv.skippedLine', { line: String(row.line), reason: say(row.reason) });
}
