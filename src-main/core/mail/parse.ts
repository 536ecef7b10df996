/**
 * Raw RFC 5322 bytes → the fields Switchboard stores and shows.
 *
 * Invariant: `parseMessage` never throws and always returns something
 * displayable. Mail is written by thousands of programs, many of them broken;
 * one bad message must not stop a sync or disappear. mailparser does the real
 * work (MIME tree, RFC 2047/2231 words, legacy charsets through iconv-lite);
 * when it fails, parse-fallback.ts reads what it can by hand.
 *
 * Dates: the Date header is trusted only when it parses and is plausible
 * (after 1971, not more than two days after the fallback). Otherwise the
 * caller's fallback (the server's INTERNALDATE, or now) is used, so a spam
 * mail dated 2099 cannot pin itself to the top of the list.
 */
import { simpleParser } from 'mailparser';
import type { AddressObject, Attachment, EmailAddress, ParsedMail } from 'mailparser';
import type { Address } from '../../../src-preload/api.ts';
import { htmlToPlainText } from './html-text.ts';
import { addressesFrom, bodyAsText, decodeEncodedWords, firstHeader, splitHeaders } from './parse-fallback.ts';
import { makeSnippet } from './snippet.ts';
import type { DeclaredKind } from './declared-kind.ts';
import { declaredKind } from './declared-kind.ts';

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
  inline: boolean;
  content: Buffer;
}

export interface ParsedMessage {
  /** Without angle brackets. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: Address;
  to: Address[];
  cc: Address[];
  /** Where the sender asks replies to go; empty when the mail names nowhere else. */
  replyTo: Address[];
  /** Epoch ms; the fallback when the Date header is missing or absurd. */
  date: number;
  /** The Date header as received (unfolded), for the dedupe key; null when missing. */
  dateHeader: string | null;
  text: string;
  html: string | null;
  snippet: string;
  attachments: ParsedAttachment[];
  /** Bytes of the raw message. */
  size: number;
  /** What the headers say the mail is (an automatic reply, a delivery report): declared-kind.ts. */
  declared: DeclaredKind;
}

export const NO_SUBJECT = '(no subject)';

const EARLIEST_PLAUSIBLE = Date.UTC(1971, 0, 1);
const FUTURE_SLACK_MS = 2 * 24 * 60 * 60 * 1000;

export function plausibleDate(header: string | null, fallbackDate: number): number {
  if (header) {
    const t = new Date(header).getTime();
    if (Number.isFinite(t) && t >= EARLIEST_PLAUSIBLE && t <= fallbackDate + FUTURE_SLACK_MS) return t;
  }
  return fallbackDate;
}

/** Message-IDs in a header value, without angle brackets. Tolerates missing brackets. */
export function messageIdsIn(value: string | string[] | undefined | null): string[] {
  if (!value) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const bracketed: string[] = [];
  // A loop rather than matchAll: this runs several times per stored header block.
  const re = /<([^<>\s]+)>/g;
  for (let m = re.exec(joined); m !== null; m = re.exec(joined)) if (m[1]) bracketed.push(m[1]);
  if (bracketed.length > 0) return bracketed;
  return joined
    .split(/[\s,]+/)
    .map((s) => s.replace(/^<|>$/g, ''))
    .filter((s) => s.includes('@'));
}

/**
 * The In-Reply-To id threading follows: the LAST one. Mailers that list
 * several ids put the direct parent last, as in References (threading/message-id.ts).
 */
export function lastIdIn(value: string | string[] | undefined | null): string | null {
  return messageIdsIn(value).at(-1) ?? null;
}

function flattenAddresses(list: EmailAddress[]): Address[] {
  const out: Address[] = [];
  for (const a of list) {
    if (a.group) out.push(...flattenAddresses(a.group));
    else if (a.address) out.push({ name: (a.name ?? '').trim(), address: a.address.trim() });
  }
  return out;
}

function addresses(header: AddressObject | AddressObject[] | undefined): Address[] {
  if (!header) return [];
  const objects = Array.isArray(header) ? header : [header];
  return objects.flatMap((o) => flattenAddresses(o.value ?? []));
}

function senderOf(list: Address[]): Address {
  return list[0] ?? { name: '', address: '' };
}

function headerValue(parsed: ParsedMail, key: string): string | null {
  const line = parsed.headerLines.find((h) => h.key === key)?.line;
  if (line === undefined) return null;
  const colon = line.indexOf(':');
  return line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

function cleanSubject(subject: string | null | undefined): string {
  const s = (subject ?? '').replace(/[\r\n]+/g, ' ').trim();
  return s.length > 0 ? s : NO_SUBJECT;
}

function extensionFor(contentType: string): string {
  if (contentType === 'message/rfc822') return '.eml';
  if (contentType === 'text/calendar') return '.ics';
  const sub = contentType.split('/')[1] ?? '';
  return /^[a-z0-9]{1,8}$/i.test(sub) ? `.${sub.toLowerCase()}` : '';
}

/** File names come from the sender; keep them printable and free of path separators. */
export function safeFilename(name: string | undefined, contentType: string, index: number): string {
  const cleaned = (name ?? '').replace(/[\\/\u0000-\u001f\u007f]/g, '_').trim().slice(0, 255);
  if (cleaned && cleaned !== '.' && cleaned !== '..') return cleaned;
  return `attachment-${index + 1}${extensionFor(contentType)}`;
}

function toAttachment(a: Attachment, index: number): ParsedAttachment {
  const contentType = (a.contentType || 'application/octet-stream').toLowerCase();
  const content = Buffer.isBuffer(a.content) ? a.content : Buffer.alloc(0);
  const cid = (a.contentId ?? '').trim().replace(/^<|>$/g, '');
  return {
    filename: safeFilename(a.filename, contentType, index),
    contentType,
    size: content.length,
    contentId: cid || null,
    inline: a.contentDisposition === 'inline' || a.related === true,
    content,
  };
}

async function fromMailparser(raw: Buffer, fallbackDate: number): Promise<ParsedMessage> {
  const parsed = await simpleParser(raw, {
    skipTextToHtml: true,
    skipImageLinks: true,
    // cid: links stay links; the renderer resolves them against the stored attachments.
    keepCidLinks: true,
    // We hash attachments ourselves (SHA-256, content-addressed storage).
    checksumAlgo: false,
  });
  const html = typeof parsed.html === 'string' && parsed.html.trim() ? parsed.html : null;
  let text = typeof parsed.text === 'string' ? parsed.text : '';
  if (!text.trim() && html) text = await htmlToPlainText(html);
  const dateHeader = headerValue(parsed, 'date');
  const from = addresses(parsed.from);
  const contentType = (headerValue(parsed, 'content-type') ?? '').split(';')[0] ?? '';
  const inReplyTo = lastIdIn(parsed.inReplyTo);
  const references = messageIdsIn(parsed.references);
  return {
    messageId: messageIdsIn(parsed.messageId)[0] ?? null,
    inReplyTo,
    references,
    subject: cleanSubject(parsed.subject),
    from: senderOf(from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    replyTo: addresses(parsed.replyTo),
    date: plausibleDate(dateHeader, fallbackDate),
    dateHeader,
    text,
    html,
    snippet: makeSnippet(text),
    attachments: (parsed.attachments ?? []).map(toAttachment),
    size: raw.length,
    declared: declaredKind((name) => headerValue(parsed, name), contentType, inReplyTo !== null || references.length > 0),
  };
}

/** Reads the message by hand; used only when mailparser failed. */
export function parseByHand(raw: Buffer, fallbackDate: number): ParsedMessage {
  try {
    const { headers, body } = splitHeaders(raw);
    const dateHeader = firstHeader(headers, 'date');
    const text = bodyAsText(body);
    return {
      messageId: messageIdsIn(firstHeader(headers, 'message-id'))[0] ?? null,
      inReplyTo: lastIdIn(firstHeader(headers, 'in-reply-to')),
      references: messageIdsIn(firstHeader(headers, 'references')),
      subject: cleanSubject(decodeEncodedWords(firstHeader(headers, 'subject') ?? '')),
      from: senderOf(addressesFrom(firstHeader(headers, 'from'))),
      to: addressesFrom(firstHeader(headers, 'to')),
      cc: addressesFrom(firstHeader(headers, 'cc')),
      replyTo: addressesFrom(firstHeader(headers, 'reply-to')),
      date: plausibleDate(dateHeader, fallbackDate),
      dateHeader,
      text,
      html: null,
      snippet: makeSnippet(text),
      attachments: [],
      size: raw.length,
      declared: declaredKind(
        (name) => firstHeader(headers, name),
        (firstHeader(headers, 'content-type') ?? '').split(';')[0] ?? '',
        lastIdIn(firstHeader(headers, 'in-reply-to')) !== null || messageIdsIn(firstHeader(headers, 'references')).length > 0,
      ),
    };
  } catch {
    return emptyMessage(raw, fallbackDate);
  }
}

function emptyMessage(raw: Buffer, fallbackDate: number): ParsedMessage {
  return {
    messageId: null,
    inReplyTo: null,
    references: [],
    subject: NO_SUBJECT,
    from: { name: '', address: '' },
    to: [],
    cc: [],
    replyTo: [],
    date: fallbackDate,
    dateHeader: null,
    text: '',
    html: null,
    snippet: '',
    attachments: [],
    size: raw.length,
    declared: 'ordinary',
  };
}

export async function parseMessage(raw: Buffer, fallbackDate: number): Promise<ParsedMessage> {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw ?? '');
  const fallback = Number.isFinite(fallbackDate) ? fallbackDate : 0;
  try {
    return await fromMailparser(bytes, fallback);
  } catch {
    return parseByHand(bytes, fallback);
  }
}
