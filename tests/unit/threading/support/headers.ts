/**
 * A small header reader for the corpus tests: the threading tests need
 * Message-ID, In-Reply-To, References, Subject, From, To and Date of 12,681
 * files in seconds, not full MIME parses. Raw 8-bit headers are read as UTF-8
 * when valid, else Latin-1; RFC 2047 words are decoded by core's fallback
 * decoder (TextDecoder: Node's ICU knows gb2312, big5, koi8-r, iso-2022-jp...).
 */
import { decodeEncodedWords } from '../../../../src-main/core/mail/parse-fallback.ts';
import type { ThreadInput } from '../../../../src-main/core/threading/index.ts';

export type Headers = Map<string, string[]>;

function bytesToText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

export function headerBlock(raw: Buffer): Buffer {
  const lf = raw.indexOf('\n\n');
  const crlf = raw.indexOf('\r\n\r\n');
  const end = lf < 0 ? crlf : crlf < 0 ? lf : Math.min(lf, crlf);
  return end < 0 ? raw : raw.subarray(0, end);
}

export function parseHeaders(raw: Buffer): Headers {
  const headers: Headers = new Map();
  let current: { key: string; value: string } | null = null;
  const flush = (): void => {
    if (!current) return;
    const list = headers.get(current.key) ?? [];
    list.push(current.value.trim());
    headers.set(current.key, list);
  };
  for (const line of bytesToText(headerBlock(raw)).split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && current) {
      current.value += ' ' + line.trim();
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    current = colon > 0 && !line.startsWith('From ') ? { key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1) } : null;
  }
  flush();
  return headers;
}

export function first(headers: Headers, key: string): string | null {
  return headers.get(key)?.[0] ?? null;
}

/** RFC 2047 words, decoded as core decodes the headers of a message mailparser cannot read. */
export const decodeWords = decodeEncodedWords;

/** Address list split on commas outside quotes and angle brackets. */
export function splitAddresses(value: string | null): string[] {
  if (!value) return [];
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') angle++;
    else if (!quoted && ch === '>') angle = Math.max(0, angle - 1);
    if (ch === ',' && !quoted && angle === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

export function dateOf(headers: Headers, fallback: number): number {
  const date = Date.parse(first(headers, 'date') ?? '');
  if (Number.isFinite(date)) return date;
  for (const received of headers.get('received') ?? []) {
    const t = Date.parse(received.slice(received.lastIndexOf(';') + 1));
    if (Number.isFinite(t)) return t;
  }
  return fallback;
}

export function threadInputOf(key: number, headers: Headers, fallbackDate = 0): ThreadInput {
  return {
    key,
    messageId: first(headers, 'message-id'),
    inReplyTo: first(headers, 'in-reply-to'),
    references: headers.get('references') ?? [],
    subject: decodeWords(first(headers, 'subject') ?? ''),
    from: first(headers, 'from') ?? '',
    to: splitAddresses(first(headers, 'to')),
    date: dateOf(headers, fallbackDate),
  };
}
