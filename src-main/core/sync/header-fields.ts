/**
 * A message's header block (IMAP `BODY.PEEK[HEADER.FIELDS (...)]` of
 * `HEADER_FIELDS_READ`, or the whole `BODY[HEADER]`) → the fields a list row
 * and threading need, without the body: what headers-first sync stores first.
 *
 * Invariant: for the same header block, every field equals what
 * `mail/parse.ts` (mailparser over the whole message) yields — subject, From,
 * To, Cc, Reply-To, Message-ID, In-Reply-To, References, the raw Date header,
 * the plausible date. The dedupe key is built from these fields, so a message
 * stored from its headers and the same mail stored whole get the same key.
 * To stay identical it splits lines the way mailsplit does and decodes each
 * wanted header exactly as `MailParser#processHeaders` (the code simpleParser
 * runs on the root part) does — same libmime instance, same address parser
 * (`parseAddressHeader`), same first-non-empty rule for single headers — but
 * only for these ten headers and without building the HTML/text forms it
 * never needs. Plain address headers (`Name <a@b>, c@d`) are read by
 * plain-address-list.ts, which yields exactly what the address parser
 * would. Unit tests compare both on generated mail and the parser corpora.
 *
 * Why not simpleParser on the header block: it sets up a stream pipeline per
 * message (~0.35 ms); this is a few hundredths of that.
 */
import { MailParser, parseAddressHeader } from 'mailparser';
import type { EmailAddress } from 'mailparser';
import type { Address } from '../../../src-preload/api.ts';
import { lastIdIn, messageIdsIn, NO_SUBJECT, parseByHand, plausibleDate } from '../mail/parse.ts';
import { plainAddressList } from './plain-address-list.ts';
import type { DeclaredKind } from '../mail/declared-kind.ts';
import { AUTOMATIC_MARKERS, declaredKind } from '../mail/declared-kind.ts';

export interface HeaderFields {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: Address;
  to: Address[];
  cc: Address[];
  /** Where the sender asks to be answered (the first Reply-To line, as mailparser keeps it). */
  replyTo: Address[];
  date: number;
  dateHeader: string | null;
  /** The top-level media type, lowercased ("multipart/mixed"); "text/plain" when absent. */
  contentType: string;
  /** What the headers say the mail is (an automatic reply, a delivery report): mail/declared-kind.ts. */
  declared: DeclaredKind;
}

interface HeaderLine {
  key: string;
  line: string;
}

/** The parts of MailParser that decode header values (not in its type declarations). */
interface HeaderDecoder {
  libmime: {
    decodeHeader(line: string): { key: string; value: string } | null | undefined;
    decodeWords(value: string): string;
    parseHeaderValue(value: string, options: { stripComments: boolean }): { value: string };
  };
  ensureMessageIDFormat(value: string): string | false;
}

/**
 * The only headers read. Headers-first sync asks the server for just these
 * (`BODY.PEEK[HEADER.FIELDS (...)]`): the others (Received, DKIM and ARC
 * signatures, Authentication-Results, ...) are most of a real header block's
 * bytes and none of the fields.
 */
export const HEADER_FIELDS_READ = ['subject', 'from', 'to', 'cc', 'reply-to', 'message-id', 'in-reply-to', 'references', 'date', 'content-type', ...AUTOMATIC_MARKERS] as const;
const MARKERS = new Set<string>(AUTOMATIC_MARKERS);
const WANTED = new Set<string>(HEADER_FIELDS_READ);

let decoder: HeaderDecoder | null = null;
function headerDecoder(): HeaderDecoder {
  // One parser object serves every call: processHeaders keeps no state between calls.
  decoder ??= new MailParser({}) as unknown as HeaderDecoder;
  return decoder;
}

const NON_ASCII = /[^\x00-\x7f]/;

const isFolding = (c: string): boolean => c === ' ' || c === '\t';

/** mailsplit's header line splitting (lib/headers.js `_parseHeaders`), kept to the wanted keys. */
export function headerLines(block: Buffer): HeaderLine[] {
  const raw = block.toString('binary');
  let end = raw.length;
  while (end > 0 && (raw.charCodeAt(end - 1) === 0x0a || raw.charCodeAt(end - 1) === 0x0d)) end--;
  const rawLines = raw.slice(0, end).split(/\r?\n/);
  const lines: HeaderLine[] = [];
  let i = 1;
  let first = rawLines[0] ?? '';
  while (i < rawLines.length && isFolding((rawLines[i] ?? '').charAt(0))) first += '\r\n' + rawLines[i++];
  // An mbox "From " line or an HTTP preamble is not a header.
  if (!/^From /i.test(first) && !/^POST /i.test(first)) lines.push({ key: first.slice(0, Math.max(0, first.indexOf(':'))).toLowerCase().trim(), line: first });
  let keyPending = false;
  for (; i < rawLines.length; i++) {
    const current = rawLines[i] ?? '';
    const last = lines[lines.length - 1];
    if (isFolding(current.charAt(0)) && last) {
      if (keyPending) {
        const colon = current.indexOf(':');
        if (colon >= 0) {
          last.key = (last.line + '\r\n' + current.slice(0, colon)).toLowerCase().trim();
          keyPending = false;
        }
      }
      last.line += '\r\n' + current;
    } else {
      const colon = current.indexOf(':');
      lines.push({ key: colon < 0 ? '' : current.slice(0, colon).toLowerCase().trim(), line: current });
      keyPending = colon < 0;
    }
  }
  return lines;
}

/** A header line's value, its folds joined with a space. */
function unfolded(line: string): string {
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

function flatten(list: readonly EmailAddress[]): Address[] {
  const out: Address[] = [];
  for (const a of list) {
    if (a.group) out.push(...flatten(a.group));
    else if (a.address) out.push({ name: (a.name ?? '').trim(), address: a.address.trim() });
  }
  return out;
}

function cleanSubject(value: string | null): string {
  const s = (value ?? '').replace(/[\r\n]+/g, ' ').trim();
  return s.length > 0 ? s : NO_SUBJECT;
}

/** `fn(value)`, or the value itself when decoding throws (as processHeaders does). */
function attempt(fn: (v: string) => string, value: string): string {
  try {
    return fn(value);
  } catch {
    return value;
  }
}

function fromMailparser(block: Buffer, fallbackDate: number): HeaderFields {
  const d = headerDecoder();
  const lm = d.libmime;
  // Without an encoded word decodeWords returns its input: every one of its patterns starts with "=?".
  const words = (v: string): string => (v.includes('=?') ? lm.decodeWords(v) : v);
  const addresses = (v: string): Address[] => plainAddressList(v, (name) => attempt(words, name)) ?? flatten(parseAddressHeader(v).value);
  let subject: string | null = null;
  let messageId: string | null = null;
  let inReplyTo: string | null = null;
  let dateHeader: string | null = null;
  let contentType: string | null = null;
  let from: Address[] | null = null;
  let replyTo: Address[] | null = null;
  const to: Address[] = [];
  const cc: Address[] = [];
  const references: string[] = [];
  const markers = new Map<string, string>();
  for (const line of headerLines(block)) {
    if (!WANTED.has(line.key)) continue;
    if (MARKERS.has(line.key)) {
      // Tokens, not text: read raw, the first line of each (like parse.ts and the inspector).
      if (!markers.has(line.key)) markers.set(line.key, unfolded(line.line));
      continue;
    }
    // processHeaders: decode the raw (binary) line, then read the bytes as UTF-8 (a no-op for ASCII, most lines).
    const decoded = ((lm.decodeHeader(line.line) ?? { value: '' }).value || '').toString().trim();
    const value = NON_ASCII.test(decoded) ? Buffer.from(decoded, 'binary').toString() : decoded;
    switch (line.key) {
      case 'subject': {
        const v = attempt(words, value);
        if (subject === null && v) subject = v;
        break;
      }
      case 'message-id':
      case 'in-reply-to': {
        const v = d.ensureMessageIDFormat(attempt(words, value));
        if (!v) break;
        if (line.key === 'message-id') messageId ??= v;
        else inReplyTo ??= v;
        break;
      }
      case 'references':
        for (const token of attempt(words, value).split(/\s+/)) {
          const v = d.ensureMessageIDFormat(token);
          if (v) references.push(v);
        }
        break;
      case 'from':
        from ??= addresses(value);
        break;
      case 'reply-to':
        replyTo ??= addresses(value);
        break;
      case 'to':
        to.push(...addresses(value));
        break;
      case 'cc':
        cc.push(...addresses(value));
        break;
      case 'content-type': {
        const v = value ? lm.parseHeaderValue(value, { stripComments: true }).value : '';
        if (contentType === null && v) contentType = v;
        break;
      }
      case 'date':
        // The raw header, as parse.ts keeps it for the dedupe key: the first Date line.
        dateHeader ??= unfolded(line.line);
        break;
    }
  }
  const type = contentType && contentType.includes('/') ? contentType.toLowerCase() : 'text/plain';
  return {
    messageId: messageIdsIn(messageId)[0] ?? null,
    inReplyTo: lastIdIn(inReplyTo),
    references: messageIdsIn(references),
    subject: cleanSubject(subject),
    from: from?.[0] ?? { name: '', address: '' },
    to,
    cc,
    replyTo: replyTo ?? [],
    date: plausibleDate(dateHeader, fallbackDate),
    dateHeader,
    contentType: type,
    declared: declaredKind((name) => markers.get(name) ?? null, type, inReplyTo !== null || references.length > 0),
  };
}

/** Never throws: a header block mailparser chokes on is read by hand, like parse.ts does. */
export function parseHeaderFields(block: Buffer, fallbackDate: number): HeaderFields {
  const fallback = Number.isFinite(fallbackDate) ? fallbackDate : 0;
  try {
    return fromMailparser(block, fallback);
  } catch {
    const p = parseByHand(Buffer.concat([block, Buffer.from('\r\n\r\n')]), fallback);
    return {
      messageId: p.messageId,
      inReplyTo: p.inReplyTo,
      references: p.references,
      subject: p.subject,
      from: p.from,
      to: p.to,
      cc: p.cc,
      replyTo: p.replyTo,
      date: p.date,
      dateHeader: p.dateHeader,
      contentType: 'text/plain',
      declared: p.declared,
    };
  }
}

/** The header block of a whole message: everything before the first empty line. */
export function headerBlockOf(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return raw;
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return raw.subarray(0, crlf + 4);
  return raw.subarray(0, lf + 2);
}
