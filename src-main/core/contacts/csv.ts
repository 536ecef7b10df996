/**
 * A small RFC 4180 CSV reader for contact imports, forgiving the way
 * spreadsheet exports need: UTF-8 BOM, CRLF or LF (or lone CR), quoted fields
 * with doubled quotes, commas and line breaks inside quotes (kept as "\n"), and the
 * semicolon or tab that European Excel and some CRMs write instead of a
 * comma (detected from the header line). Pure; never throws on content.
 */

export interface CsvRecord {
  /** 1-based physical line where the record starts (for "line 12: ..." messages). */
  line: number;
  fields: string[];
  /** The file ended inside a quoted field. */
  unterminated: boolean;
}

export type Delimiter = ',' | ';' | '\t';

/** The delimiter of the first line outside quotes: the most frequent of , ; and tab (comma on a tie). */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

export function parseCsv(input: string, delimiter?: Delimiter): CsvRecord[] {
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  const sep = delimiter ?? detectDelimiter(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let recordLine = 1;

  const endField = (): void => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = (unterminated: boolean): void => {
    endField();
    // A blank line is not a record.
    if (!(fields.length === 1 && fields[0] === '' && !unterminated)) records.push({ line: recordLine, fields, unterminated });
    fields = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else if (ch === '\r' || ch === '\n') {
        // A line break inside a field is kept as one "\n", whatever the file used.
        if (ch === '\r' && text[i + 1] === '\n') i++;
        line++;
        field += '\n';
      } else {
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === sep) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord(false);
      line++;
      recordLine = line;
    } else {
      // A stray quote inside an unquoted field is kept as text, as spreadsheets do.
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted || field !== '' || fields.length > 0) endRecord(quoted);
  return records;
}
