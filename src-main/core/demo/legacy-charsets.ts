/**
 * Encoders for the few pre-Unicode charsets the demo mail uses.
 *
 * Why: real support inboxes still receive ISO-8859-1, ISO-8859-2 and
 * Windows-1252 mail from older clients, and the reading view must show it
 * correctly. Node's Buffer only knows latin1 (and maps everything above 0xFF
 * to garbage), so these encoders return null for text the charset cannot
 * represent; the caller then falls back to UTF-8 instead of writing mojibake.
 */

export type MailCharset = 'utf-8' | 'iso-8859-1' | 'iso-8859-2' | 'windows-1252';

/** Windows-1252 differs from ISO-8859-1 only in 0x80-0x9F, where it has printable characters. */
const WINDOWS_1252_EXTRA: ReadonlyMap<string, number> = new Map([
  ['€', 0x80], ['‚', 0x82], ['ƒ', 0x83], ['„', 0x84], ['…', 0x85], ['†', 0x86], ['‡', 0x87],
  ['ˆ', 0x88], ['‰', 0x89], ['Š', 0x8a], ['‹', 0x8b], ['Œ', 0x8c], ['Ž', 0x8e], ['‘', 0x91],
  ['’', 0x92], ['“', 0x93], ['”', 0x94], ['•', 0x95], ['–', 0x96], ['—', 0x97], ['˜', 0x98],
  ['™', 0x99], ['š', 0x9a], ['›', 0x9b], ['œ', 0x9c], ['ž', 0x9e], ['Ÿ', 0x9f],
]);

/**
 * The part of ISO-8859-2 above ASCII that Central European (and the German,
 * Czech, Slovak, Hungarian) mail actually uses; characters outside it make
 * the encoder refuse rather than guess.
 */
const ISO_8859_2_HIGH: ReadonlyMap<string, number> = new Map([
  ['\u00a0', 0xa0], ['Ą', 0xa1], ['Ł', 0xa3], ['¤', 0xa4], ['Ľ', 0xa5], ['Ś', 0xa6], ['§', 0xa7],
  ['¨', 0xa8], ['Š', 0xa9], ['Ş', 0xaa], ['Ť', 0xab], ['Ź', 0xac], ['Ž', 0xae], ['Ż', 0xaf],
  ['°', 0xb0], ['ą', 0xb1], ['ł', 0xb3], ['´', 0xb4], ['ľ', 0xb5], ['ś', 0xb6], ['ˇ', 0xb7],
  ['š', 0xb9], ['ş', 0xba], ['ť', 0xbb], ['ź', 0xbc], ['ž', 0xbe], ['ż', 0xbf], ['Ŕ', 0xc0],
  ['Á', 0xc1], ['Â', 0xc2], ['Ă', 0xc3], ['Ä', 0xc4], ['Ĺ', 0xc5], ['Ć', 0xc6], ['Ç', 0xc7],
  ['Č', 0xc8], ['É', 0xc9], ['Ę', 0xca], ['Ë', 0xcb], ['Ě', 0xcc], ['Í', 0xcd], ['Î', 0xce],
  ['Ď', 0xcf], ['Đ', 0xd0], ['Ń', 0xd1], ['Ň', 0xd2], ['Ó', 0xd3], ['Ô', 0xd4], ['Ő', 0xd5],
  ['Ö', 0xd6], ['×', 0xd7], ['Ř', 0xd8], ['Ů', 0xd9], ['Ú', 0xda], ['Ű', 0xdb], ['Ü', 0xdc],
  ['Ý', 0xdd], ['Ţ', 0xde], ['ß', 0xdf], ['ŕ', 0xe0], ['á', 0xe1], ['â', 0xe2], ['ă', 0xe3],
  ['ä', 0xe4], ['ĺ', 0xe5], ['ć', 0xe6], ['ç', 0xe7], ['č', 0xe8], ['é', 0xe9], ['ę', 0xea],
  ['ë', 0xeb], ['ě', 0xec], ['í', 0xed], ['î', 0xee], ['ď', 0xef], ['đ', 0xf0], ['ń', 0xf1],
  ['ň', 0xf2], ['ó', 0xf3], ['ô', 0xf4], ['ő', 0xf5], ['ö', 0xf6], ['÷', 0xf7], ['ř', 0xf8],
  ['ů', 0xf9], ['ú', 0xfa], ['ű', 0xfb], ['ü', 0xfc], ['ý', 0xfd], ['ţ', 0xfe], ['˙', 0xff],
]);

function encodeByteOf(char: string, charset: Exclude<MailCharset, 'utf-8'>): number | undefined {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) return code;
  switch (charset) {
    case 'iso-8859-1':
      return code >= 0xa0 && code <= 0xff ? code : undefined;
    case 'windows-1252':
      return code >= 0xa0 && code <= 0xff ? code : WINDOWS_1252_EXTRA.get(char);
    case 'iso-8859-2':
      return ISO_8859_2_HIGH.get(char);
  }
}

/** Encodes text in the charset, or returns null when any character cannot be represented. */
export function encodeInCharset(text: string, charset: MailCharset): Buffer | null {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  const bytes: number[] = [];
  for (const char of text) {
    const byte = encodeByteOf(char, charset);
    if (byte === undefined) return null;
    bytes.push(byte);
  }
  return Buffer.from(bytes);
}

export function canEncodeInCharset(text: string, charset: MailCharset): boolean {
  if (charset === 'utf-8') return true;
  for (const char of text) {
    if (encodeByteOf(char, charset) === undefined) return false;
  }
  return true;
}
