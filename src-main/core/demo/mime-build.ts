/**
 * A small RFC 5322 / MIME writer for the demo workspace.
 *
 * Why our own and not nodemailer's composer: the demo mailbox must be
 * byte-identical for the same seed, and general-purpose composers draw MIME
 * boundaries and Message-IDs from crypto randomness and stamp the current
 * time. Here every byte comes from the caller. Invariants kept:
 * - CRLF line endings everywhere; header lines folded at whitespace to <= 78
 *   characters where the tokens allow it (never beyond 998);
 * - non-ASCII header text only as RFC 2047 encoded-words (B for UTF-8, Q for
 *   legacy charsets), each <= 75 characters and never splitting a character;
 * - bodies 7bit only when they are ASCII with lines <= 998, otherwise
 *   quoted-printable (lines <= 76) or base64 (lines of 76).
 */
import { encodeInCharset, type MailCharset } from './legacy-charsets.ts';

export interface MailAddress {
  readonly name?: string;
  readonly address: string;
}

export interface TextPart {
  readonly kind: 'text';
  readonly subtype: 'plain' | 'html';
  readonly content: string;
  readonly charset: MailCharset;
  /** 'auto' = 7bit when possible, else quoted-printable. */
  readonly transfer?: 'auto' | 'base64';
}

export interface AttachmentPart {
  readonly kind: 'attachment';
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}

export interface MultipartPart {
  readonly kind: 'multipart';
  readonly subtype: 'mixed' | 'alternative';
  readonly boundary: string;
  readonly parts: readonly MimePart[];
}

export type MimePart = TextPart | AttachmentPart | MultipartPart;

export interface MessageHeaderSpec {
  readonly from: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc?: readonly MailAddress[];
  /** Where the sender asks to be answered (a website's contact form names the customer here). */
  readonly replyTo?: readonly MailAddress[];
  readonly subject: string;
  /** Epoch ms; must be a whole second because the Date header has no milliseconds. */
  readonly date: number;
  /** The sender's UTC offset, shown in the Date header. */
  readonly tzOffsetMinutes: number;
  /** With angle brackets, e.g. `<abc@northwind-demo.test>`. */
  readonly messageId: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  /** Charset for encoded-words in Subject and display names. */
  readonly headerCharset: MailCharset;
  /** Additional ASCII-only headers, written after the standard ones. */
  readonly extraHeaders?: readonly (readonly [string, string])[];
}

const CRLF = '\r\n';
const MAX_LINE = 78;
const MAX_ENCODED_WORD = 75;
const MESSAGE_ID_RE = /^<[^<>\s@]+@[^<>\s@]+>$/;
const ADDRESS_RE = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const isAscii = (text: string): boolean => /^[\x20-\x7e]*$/.test(text);

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** RFC 5322 date-time, e.g. `Tue, 04 Mar 2025 14:02:11 +0100`, in the given UTC offset. */
export function formatRfc5322Date(epochMs: number, tzOffsetMinutes: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`Date must be finite, got ${epochMs}`);
  if (!Number.isInteger(tzOffsetMinutes) || Math.abs(tzOffsetMinutes) > 14 * 60) {
    throw new RangeError(`Time-zone offset out of range: ${tzOffsetMinutes}`);
  }
  const local = new Date(epochMs + tzOffsetMinutes * 60_000);
  const sign = tzOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(tzOffsetMinutes);
  return `${WEEKDAYS[local.getUTCDay()]}, ${pad2(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} `
    + `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())} ${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`;
}

function hexByte(byte: number): string {
  return '=' + byte.toString(16).toUpperCase().padStart(2, '0');
}

function qEncodeChar(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x20) out += '_';
    else if ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x21 || byte === 0x2a || byte === 0x2b || byte === 0x2d || byte === 0x2f) {
      out += String.fromCharCode(byte);
    } else out += hexByte(byte);
  }
  return out;
}

/**
 * RFC 2047 encoded-words for the text: B encoding for UTF-8, Q for legacy
 * charsets (as the old clients that use them do). Splits between characters
 * so that each word decodes on its own.
 */
export function encodeWords(text: string, charset: MailCharset): string[] {
  const encodeChar = (char: string): Buffer => {
    const bytes = encodeInCharset(char, charset);
    if (!bytes) throw new RangeError(`Character ${JSON.stringify(char)} cannot be written in ${charset}`);
    return bytes;
  };
  const words: string[] = [];
  if (charset === 'utf-8') {
    const prefix = '=?UTF-8?B?';
    const maxBytes = Math.floor((MAX_ENCODED_WORD - prefix.length - 2) / 4) * 3;
    let chunk: Buffer[] = [];
    let size = 0;
    for (const char of text) {
      const bytes = encodeChar(char);
      if (size + bytes.length > maxBytes && size > 0) {
        words.push(`${prefix}${Buffer.concat(chunk).toString('base64')}?=`);
        chunk = [];
        size = 0;
      }
      chunk.push(bytes);
      size += bytes.length;
    }
    if (size > 0) words.push(`${prefix}${Buffer.concat(chunk).toString('base64')}?=`);
    return words;
  }
  const prefix = `=?${charset.toUpperCase()}?Q?`;
  const room = MAX_ENCODED_WORD - prefix.length - 2;
  let current = '';
  for (const char of text) {
    const encoded = qEncodeChar(encodeChar(char));
    if (current.length + encoded.length > room && current.length > 0) {
      words.push(`${prefix}${current}?=`);
      current = '';
    }
    current += encoded;
  }
  if (current.length > 0) words.push(`${prefix}${current}?=`);
  return words;
}

/** Unstructured header text as foldable tokens: plain words when ASCII, else encoded-words. */
function textTokens(text: string, charset: MailCharset): string[] {
  if (/[\r\n]/.test(text)) throw new RangeError('Header text must not contain line breaks');
  const normalized = text.replace(/\s+/g, ' ').trim();
  if (isAscii(normalized) && !normalized.includes('=?')) return normalized.split(' ').filter((word) => word.length > 0);
  return encodeWords(normalized, charset);
}

function addressTokens(address: MailAddress, charset: MailCharset): string[] {
  if (!ADDRESS_RE.test(address.address)) throw new RangeError(`Not a plain e-mail address: ${JSON.stringify(address.address)}`);
  const angle = `<${address.address}>`;
  const name = address.name?.replace(/\s+/g, ' ').trim();
  if (!name) return [angle];
  if (isAscii(name)) {
    // A phrase of atoms needs no quotes; anything with specials becomes one quoted-string.
    if (/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$/.test(name) && !name.includes('=?')) return [...name.split(' '), angle];
    return [`"${name.replace(/(["\\])/g, '\\$1')}"`, angle];
  }
  return [...encodeWords(name, charset), angle];
}

/** Joins tokens with single spaces, folding onto continuation lines before MAX_LINE. */
function foldHeader(name: string, tokens: readonly string[]): string {
  let out = `${name}:`;
  let lineLength = out.length;
  for (const token of tokens) {
    if (lineLength + 1 + token.length > MAX_LINE && lineLength > name.length + 1) {
      out += `${CRLF} ${token}`;
      lineLength = 1 + token.length;
    } else {
      out += ` ${token}`;
      lineLength += 1 + token.length;
    }
    if (lineLength > 998) throw new RangeError(`Header ${name} has a token too long to fold`);
  }
  return out;
}

function addressListHeader(name: string, list: readonly MailAddress[], charset: MailCharset): string {
  const tokens: string[] = [];
  list.forEach((address, index) => {
    const parts = addressTokens(address, charset);
    if (index < list.length - 1) parts[parts.length - 1] += ',';
    tokens.push(...parts);
  });
  return foldHeader(name, tokens);
}

function assertMessageId(id: string): void {
  if (!MESSAGE_ID_RE.test(id)) throw new RangeError(`Not a valid Message-ID: ${JSON.stringify(id)}`);
}

/** Quoted-printable of bytes whose line breaks are CRLF; output lines <= 76 characters. */
export function encodeQuotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  let start = 0;
  const rawLines: Buffer[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      rawLines.push(bytes.subarray(start, i));
      start = i + 2;
      i++;
    }
  }
  rawLines.push(bytes.subarray(start));
  for (const raw of rawLines) {
    let line = '';
    for (let i = 0; i < raw.length; i++) {
      const byte = raw[i] as number;
      const atEnd = i === raw.length - 1;
      let token: string;
      if ((byte === 0x20 || byte === 0x09) && !atEnd) token = String.fromCharCode(byte);
      else if (byte >= 0x21 && byte <= 0x7e && byte !== 0x3d) token = String.fromCharCode(byte);
      else token = hexByte(byte);
      // Room for the soft-break '=' keeps every physical line within 76.
      if (line.length + token.length > 75) {
        lines.push(`${line}=`);
        line = '';
      }
      line += token;
    }
    lines.push(line);
  }
  return lines.join(CRLF);
}

export function encodeBase64Lines(bytes: Buffer): string {
  const base64 = bytes.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 76) lines.push(base64.slice(i, i + 76));
  return lines.join(CRLF);
}

interface RenderedPart {
  headers: string[];
  body: string;
}

function filenameParams(filename: string): { name: string; disposition: string } {
  if (/[\r\n"\\]/.test(filename) || filename.length === 0 || filename.length > 200) {
    throw new RangeError(`Unsupported attachment filename: ${JSON.stringify(filename)}`);
  }
  if (isAscii(filename)) return { name: `name="${filename}"`, disposition: `filename="${filename}"` };
  // RFC 2231 for modern readers, an encoded-word in name= for the old ones.
  const percent = Array.from(Buffer.from(filename, 'utf8'), (byte) =>
    /[A-Za-z0-9._-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  return { name: `name="${encodeWords(filename, 'utf-8').join(' ')}"`, disposition: `filename*=utf-8''${percent}` };
}

function renderPart(part: MimePart): RenderedPart {
  switch (part.kind) {
    case 'text': {
      const normalized = part.content.replace(/\r?\n/g, CRLF);
      const bytes = encodeInCharset(normalized, part.charset);
      if (!bytes) throw new RangeError(`Text cannot be written in ${part.charset}`);
      const contentType = `Content-Type: text/${part.subtype}; charset=${part.charset === 'utf-8' ? 'UTF-8' : part.charset}`;
      if (part.transfer === 'base64') {
        return { headers: [contentType, 'Content-Transfer-Encoding: base64'], body: encodeBase64Lines(bytes) };
      }
      const sevenBit = bytes.every((byte) => byte < 0x80) && normalized.split(CRLF).every((line) => line.length <= 998);
      if (sevenBit) return { headers: [contentType, 'Content-Transfer-Encoding: 7bit'], body: normalized };
      return { headers: [contentType, 'Content-Transfer-Encoding: quoted-printable'], body: encodeQuotedPrintable(bytes) };
    }
    case 'attachment': {
      if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(part.contentType)) throw new RangeError(`Bad content type: ${part.contentType}`);
      const params = filenameParams(part.filename);
      return {
        headers: [
          `Content-Type: ${part.contentType};${CRLF} ${params.name}`,
          `Content-Disposition: attachment;${CRLF} ${params.disposition}`,
          'Content-Transfer-Encoding: base64',
        ],
        body: encodeBase64Lines(part.data),
      };
    }
    case 'multipart': {
      if (!/^[A-Za-z0-9'()+_,./:=?-]{1,69}$/.test(part.boundary)) throw new RangeError(`Bad MIME boundary: ${part.boundary}`);
      if (part.parts.length === 0) throw new RangeError('A multipart needs at least one part');
      const chunks: string[] = [];
      for (const child of part.parts) {
        const rendered = renderPart(child);
        if (rendered.body.includes(`--${part.boundary}`)) throw new RangeError('MIME boundary occurs in the content');
        chunks.push(`--${part.boundary}${CRLF}${rendered.headers.join(CRLF)}${CRLF}${CRLF}${rendered.body}${CRLF}`);
      }
      return {
        headers: [`Content-Type: multipart/${part.subtype};${CRLF} boundary="${part.boundary}"`],
        body: `${chunks.join('')}--${part.boundary}--`,
      };
    }
  }
}

/** Writes one complete message (headers + body) as bytes with CRLF line endings. */
export function buildMessage(spec: MessageHeaderSpec, body: MimePart): Buffer {
  if (spec.date % 1000 !== 0) throw new RangeError('Message date must be a whole second');
  if (spec.to.length === 0) throw new RangeError('A message needs at least one To address');
  assertMessageId(spec.messageId);
  const charset = spec.headerCharset;
  const lines: string[] = [
    addressListHeader('From', [spec.from], charset),
    addressListHeader('To', spec.to, charset),
  ];
  if (spec.cc && spec.cc.length > 0) lines.push(addressListHeader('Cc', spec.cc, charset));
  if (spec.replyTo && spec.replyTo.length > 0) lines.push(addressListHeader('Reply-To', spec.replyTo, charset));
  lines.push(foldHeader('Subject', textTokens(spec.subject, charset)));
  lines.push(`Date: ${formatRfc5322Date(spec.date, spec.tzOffsetMinutes)}`);
  lines.push(`Message-ID: ${spec.messageId}`);
  if (spec.inReplyTo) {
    assertMessageId(spec.inReplyTo);
    lines.push(`In-Reply-To: ${spec.inReplyTo}`);
  }
  if (spec.references && spec.references.length > 0) {
    spec.references.forEach(assertMessageId);
    lines.push(foldHeader('References', spec.references));
  }
  for (const [name, value] of spec.extraHeaders ?? []) {
    if (!/^[A-Za-z0-9-]+$/.test(name) || !isAscii(value)) throw new RangeError(`Bad extra header ${name}`);
    lines.push(foldHeader(name, value.split(' ').filter((word) => word.length > 0)));
  }
  lines.push('MIME-Version: 1.0');
  const rendered = renderPart(body);
  lines.push(...rendered.headers);
  // A message ends with a line break; a text body that already has one must not get a second (it would show as an extra blank line).
  const ending = rendered.body.endsWith(CRLF) ? '' : CRLF;
  return Buffer.from(`${lines.join(CRLF)}${CRLF}${CRLF}${rendered.body}${ending}`, 'latin1');
}
