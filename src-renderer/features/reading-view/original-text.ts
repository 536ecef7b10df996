/** A message's source as the "Show original" dialog shows it (original-dialog.tsx). */

/** More text than this in a <pre> makes the dialog slow to open; the saved file has all of it. */
export const SHOWN_BYTES = 512 * 1024;

export interface OriginalText {
  headers: string;
  body: string;
  /** Bytes left out of `body` (0: all of it is shown). */
  cut: number;
}

/** The source as text: the header block apart (for copying), the body up to SHOWN_BYTES, undecoded. */
export function originalText(dataBase64: string): OriginalText {
  const binary = atob(dataBase64);
  const shown = Math.min(binary.length, SHOWN_BYTES);
  const bytes = new Uint8Array(shown);
  for (let i = 0; i < shown; i++) bytes[i] = binary.charCodeAt(i);
  // Mail is mostly 7-bit; 8-bit bodies are most often UTF-8, and anything else shows as replacement marks.
  const text = new TextDecoder('utf-8').decode(bytes);
  const end = /\r?\n\r?\n/.exec(text);
  const headers = end ? text.slice(0, end.index) : text;
  const body = end ? text.slice(end.index + end[0].length) : '';
  return { headers, body, cut: binary.length - shown };
}
