/**
 * Last-resort reading of a message mailparser could not parse.
 *
 * Why it exists: a mail that breaks the parser is still a mail a customer
 * sent. It must show up in the list with whatever could be read (headers split
 * by hand, encoded words decoded where possible, the body as text) instead of
 * vanishing or stopping the sync. Nothing here throws.
 */
import { parseAddressHeader } from 'mailparser';

export interface RawHeader {
  key: string;
  value: string;
}

/** Splits the header block into unfolded `key: value` pairs (keys lowercased). */
export function splitHeaders(raw: Buffer): { headers: RawHeader[]; body: Buffer } {
  let end = raw.indexOf('\r\n\r\n');
  let sepLength = 4;
  const lfEnd = raw.indexOf('\n\n');
  if (end < 0 || (lfEnd >= 0 && lfEnd < end)) {
    end = lfEnd;
    sepLength = 2;
  }
  const headText = (end < 0 ? raw : raw.subarray(0, end)).toString('latin1');
  const body = end < 0 ? Buffer.alloc(0) : raw.subarray(end + sepLength);
  const headers: RawHeader[] = [];
  for (const line of headText.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      const last = headers[headers.length - 1];
      if (last) last.value += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push({ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  // Header bytes are often UTF-8 even though RFC 5322 says ASCII; re-read them as such when valid.
  for (const h of headers) h.value = latin1ToUtf8IfValid(h.value);
  return { headers, body: end < 0 ? raw : body };
}

function latin1ToUtf8IfValid(value: string): string {
  if (!/[\x80-\xff]/.test(value)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

function decodeBytes(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** RFC 2047 encoded words (`=?charset?B|Q?...?=`), for the headers of an unparseable message. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?\s]+\?[bqBQ]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bqBQ])\?([^?\s]*)\?=/g, (_all, charset: string, enc: string, text: string) => {
      const bytes =
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text.replace(/_/g, ' ').replace(/=([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            );
      return decodeBytes(bytes, charset);
    });
}

export function firstHeader(headers: RawHeader[], key: string): string | null {
  return headers.find((h) => h.key === key)?.value ?? null;
}

export function addressesFrom(value: string | null): Array<{ name: string; address: string }> {
  if (!value) return [];
  try {
    return parseAddressHeader(decodeEncodedWords(value), { flatten: true })
      .value.filter((a) => typeof a.address === 'string' && a.address.length > 0)
      .map((a) => ({ name: a.name ?? '', address: a.address ?? '' }));
  } catch {
    return [];
  }
}

/** The body as text: UTF-8 when it is valid UTF-8, otherwise Latin-1 (every byte readable). */
export function bodyAsText(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return body.toString('latin1');
  }
}
